package tray

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// IconState selects the tray icon.
type IconState int

// Icon states.
const (
	IconNormal    IconState = iota // nothing soon
	IconSoon                       // an interview starts within 15 minutes or is on
	IconAttention                  // something needs the user (sign in, settings, ...)
)

// soonWindow is how close an interview must be for IconSoon.
const soonWindow = 15 * time.Minute

// Item is one menu entry. A separator has Separator set and nothing else.
type Item struct {
	Label     string
	Disabled  bool
	Separator bool
	// Command is what clicking it asks the agent to do; none when its
	// Name is empty.
	Command  localapi.Command
	Children []Item
}

// Model is everything the tray shows.
type Model struct {
	Icon    IconState
	Title   string // next to the icon where the platform shows one ("12m")
	Tooltip string
	// Minutes is the countdown drawn into the icon (1 to 60) in the hour
	// before the next interview, for hosts that show only the icon; 0
	// draws none (the icon of Icon shows).
	Minutes int
	Items   []Item
}

// maxLabel is the longest menu label, in characters: a label holds a
// line, never a path or a paragraph (a long one makes the whole menu as
// wide, hundreds of pixels on some hosts). Whatever else is in a label,
// topics are shortened to fit.
const maxLabel = 60

// maxDepth is how deep the menu goes: a submenu, never a submenu of a
// submenu, which some tray hosts (xfce4-panel's) show empty.
const maxDepth = 2

// maxRecordings is how many recent recordings the menu lists.
const maxRecordings = 5

// in is what Build renders: the agent's state (its View says signed in or
// not, the problems and whether names are hidden), at now in loc.
type in struct {
	localapi.View
	Now time.Time
	Loc *time.Location
}

// Build renders the agent's state at now (in the user's zone loc) into a
// tray model. It is a pure function of its input so that the agent can
// compare models and rebuild the tray only when something visible
// changed. Every text of the model is a single line of plain text (see
// safe), whatever Zoom sent.
func Build(st localapi.State, now time.Time, loc *time.Location) Model {
	if loc == nil {
		loc = time.Local
	}
	snap := st.Snapshot
	if snap == nil {
		snap = &model.Snapshot{}
	}
	return build(snap, in{View: st.View, Now: now, Loc: loc}).safe()
}

func build(snap *model.Snapshot, v in) Model {
	problems := v.Problems
	m := Model{Icon: IconNormal}
	next, nextOK := snap.NextInterview(v.Now)
	if nextOK && (next.State == model.StateInProgress || next.StartTime.Sub(v.Now) <= soonWindow) && !next.Joined {
		m.Icon = IconSoon
	}
	if needsAttention(snap, v, problems) {
		m.Icon = IconAttention
	}
	m.Tooltip, m.Title = tooltip(snap, v, next, nextOK)
	if m.Icon != IconAttention && nextOK && !next.Joined && next.State != model.StateInProgress && next.StartTime.After(v.Now) {
		// Rounded up, as the title: at 14:48:10 an interview at 15:00 is 12.
		if mins := view.MinutesUntil(next.StartTime, v.Now); mins <= minutesMax {
			m.Minutes = mins
		}
	}

	// The interview to join first, with its countdown: the one in
	// progress (until its end) before the next (model.Snapshot.JoinTarget),
	// as the global shortcut picks it.
	if j, ok := snap.JoinTarget(v.Now); ok {
		m.Items = append(m.Items, Item{
			Label:   "Join next interview (" + countdown(j, v) + ")",
			Command: localapi.Command{Name: localapi.CmdJoin, MeetingID: j.ID},
		})
	}

	// Status and problems.
	m.Items = append(m.Items, Item{Label: statusLine(snap, v), Disabled: true})
	for _, p := range problems {
		m.Items = append(m.Items, problemItem(p))
	}
	m.Items = append(m.Items, Item{Separator: true})

	// Today's and tomorrow's interviews.
	today := view.DayStart(v.Now, v.Loc)
	names := map[time.Time]string{today: "Today", today.AddDate(0, 0, 1): "Tomorrow"}
	var upcoming []model.Interview
	for _, iv := range snap.Interviews {
		if iv.IsInterview && iv.State != model.StateEnded {
			upcoming = append(upcoming, iv)
		}
	}
	listed := 0
	for _, day := range view.ByDay(upcoming, func(iv model.Interview) time.Time { return iv.StartTime }, v.Loc) {
		name, ok := names[day.Start]
		if !ok {
			continue
		}
		m.Items = append(m.Items, Item{Label: name, Disabled: true})
		for _, iv := range day.Items {
			m.Items = append(m.Items, interviewItem(iv, v))
		}
		listed += len(day.Items)
	}
	if listed == 0 {
		m.Items = append(m.Items, Item{Label: "No interviews today or tomorrow", Disabled: true})
	}

	// Recent recordings: a heading, then each recording with its actions
	// (two levels, like the interviews).
	if recs := recordingItems(snap.Recordings, v); len(recs) > 0 {
		m.Items = append(m.Items, Item{Separator: true}, Item{Label: "Recent recordings", Disabled: true})
		m.Items = append(m.Items, recs...)
	}

	// Windows and account.
	m.Items = append(m.Items,
		Item{Separator: true},
		Item{Label: "Open agenda…", Command: openWindow(localapi.WindowAgenda)},
		newInterviewItem(v),
		Item{Label: "Recordings…", Command: openWindow(localapi.WindowRecordings)},
		Item{Label: "Check recording settings…", Command: openWindow(localapi.WindowWizard)},
		Item{Label: "Settings…", Command: openWindow(localapi.WindowSettings)},
		Item{Label: "Sync now", Command: localapi.Command{Name: localapi.CmdRefresh}, Disabled: !v.SignedIn},
		Item{Separator: true},
	)
	switch {
	case v.SigningIn:
		m.Items = append(m.Items, Item{Label: "Signing in… (finish in your browser)", Disabled: true})
	case v.SignedIn:
		label := "Sign out"
		if v.Email != "" {
			label = "Sign out (" + view.Shorten(safetext.Clean(v.Email), maxLabel-len("Sign out ()")) + ")"
		}
		m.Items = append(m.Items, Item{Label: label, Command: localapi.Command{Name: localapi.CmdSignOut}})
	default:
		m.Items = append(m.Items, Item{Label: "Sign in with Zoom…", Command: localapi.Command{Name: localapi.CmdSignIn}})
	}
	m.Items = append(m.Items, Item{Label: "Quit Interview Tray", Command: localapi.Command{Name: localapi.CmdQuit}})
	return m
}

func openWindow(name string) localapi.Command {
	return localapi.Command{Name: localapi.CmdOpenWindow, Window: name}
}

func interviewItem(iv model.Interview, v in) Item {
	prefix, suffix := view.Clock(iv.StartTime, v.Loc)+"  ", ""
	if iv.State == model.StateInProgress {
		suffix = " (now)"
	}
	label := prefix + topic(iv.Topic, v.HideNames, maxLabel-view.Runes(prefix)-view.Runes(suffix)) + suffix
	var kids []Item
	if iv.JoinURL != "" {
		kids = append(kids, Item{Label: "Join", Command: localapi.Command{Name: localapi.CmdJoin, MeetingID: iv.ID}})
	}
	copyLabel := "Copy meeting ID"
	if iv.Passcode != "" {
		copyLabel = "Copy meeting ID and passcode"
	}
	kids = append(kids, Item{Label: copyLabel, Command: localapi.Command{Name: localapi.CmdCopy, Text: view.MeetingCopyText(iv)}})
	if iv.NeedsHostPermission {
		kids = append(kids, Item{Label: "Hosted by someone else: ask the host to let you record", Disabled: true})
	}
	kids = append(kids, scheduleItems(iv, v)...)
	return Item{Label: label, Children: kids}
}

func recordingItems(recs []model.Recording, v in) []Item {
	var out []Item
	for _, r := range recs {
		if len(out) == maxRecordings {
			break
		}
		kind := "Cloud recording"
		if r.Kind == model.KindLocal {
			kind = "Recorded on this computer"
		}
		prefix := r.StartTime.In(v.Loc).Format("Jan 2") + "  "
		label := prefix + topic(r.Topic, v.HideNames, maxLabel-view.Runes(prefix))
		kids := []Item{{Label: kind, Disabled: true}}
		switch r.State {
		case model.RecProcessing:
			kids = append(kids, Item{Label: "Zoom is still processing it", Disabled: true})
		case model.RecConverting:
			kids = append(kids, Item{Label: "Zoom is still converting it", Disabled: true})
		}
		for _, l := range []struct{ label, url string }{
			{"Watch", r.Links.Watch}, {"Listen", r.Links.Listen}, {"Transcript", r.Links.Transcript},
		} {
			if l.url != "" {
				kids = append(kids, Item{Label: l.label, Command: localapi.Command{Name: localapi.CmdOpenLink, URL: l.url}})
			}
		}
		if r.Links.Share != "" {
			label := "Copy share link"
			if r.Passcode != "" {
				label = "Copy share link and passcode"
			}
			kids = append(kids, Item{Label: label, Command: localapi.Command{Name: localapi.CmdCopy, Text: view.ShareCopyText(r)}})
		}
		if r.Links.Folder != "" {
			kids = append(kids, Item{Label: "Open folder", Command: localapi.Command{Name: localapi.CmdOpenFolder, Path: r.Links.Folder}})
		}
		out = append(out, Item{Label: label, Children: kids})
	}
	return out
}

// statusLine is the first, informational line. It changes only when the
// snapshot does (no "2 min ago" that would need a rebuild every minute).
func statusLine(snap *model.Snapshot, v in) string {
	h := snap.Health
	switch {
	case !v.SignedIn:
		return "Not signed in to Zoom"
	case h.SignedOut:
		return "Signed out of Zoom"
	case h.Offline && !h.LastSync.IsZero():
		return "Offline — showing what was known at " + view.Clock(h.LastSync, v.Loc)
	case h.Offline:
		return "Offline — Zoom cannot be reached"
	case h.RateLimited:
		return "Zoom asked us to slow down; trying again soon"
	case h.LastSync.IsZero():
		return "Syncing with Zoom…"
	}
	return "Up to date with Zoom (" + view.Clock(h.LastSync, v.Loc) + ")"
}

// tooltip returns the tooltip and the short title.
func tooltip(snap *model.Snapshot, v in, next model.Interview, ok bool) (string, string) {
	if !v.SignedIn {
		return "Interview Tray: sign in with Zoom to see your interviews", ""
	}
	endOfDay := view.DayStart(v.Now, v.Loc).AddDate(0, 0, 1)
	if !ok || !next.StartTime.Before(endOfDay) {
		return "No interviews today", ""
	}
	name := topic(next.Topic, v.HideNames, maxLabel)
	if next.State == model.StateInProgress || !next.StartTime.After(v.Now) {
		mins := int(v.Now.Sub(next.StartTime) / time.Minute)
		if mins <= 0 {
			return name + " is starting now", "now"
		}
		return fmt.Sprintf("%s started %d min ago", name, mins), "now"
	}
	// Round up: at 14:48:10 an interview at 15:00 is "in 12 min".
	mins := view.MinutesUntil(next.StartTime, v.Now)
	if mins <= 60 {
		return fmt.Sprintf("%s in %d min", name, mins), fmt.Sprintf("%dm", mins)
	}
	return name + " at " + view.Clock(next.StartTime, v.Loc), ""
}

// NextUpdate is when the tooltip or icon next changes on its own (with no
// new snapshot): the next minute boundary while an interview is within the
// hour or on, else the moment one comes within the hour, or midnight. It is
// never sooner than a minute boundary, so the agent never wakes every second.
func NextUpdate(st localapi.State, now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	nextMinute := now.Truncate(time.Minute).Add(time.Minute)
	midnight := view.DayStart(now, loc).AddDate(0, 0, 1)
	next, ok := st.Snapshot.NextInterview(now)
	if !ok {
		return midnight
	}
	if next.State == model.StateInProgress || next.StartTime.Sub(now) <= time.Hour {
		return nextMinute
	}
	at := next.StartTime.Add(-time.Hour)
	if at.After(midnight) {
		return midnight
	}
	return at
}

// topic is the topic shown, in at most max characters.
func topic(t string, hide bool, max int) string {
	return view.Shorten(view.Topic(t, hide), max)
}

// countdown says when the next interview starts, for the Join item:
// "15:00", "tomorrow 09:30", "15:00, in 12 min" within the hour,
// "starting now", "started 3 min ago".
func countdown(iv model.Interview, v in) string {
	if iv.State == model.StateInProgress || !iv.StartTime.After(v.Now) {
		if mins := int(v.Now.Sub(iv.StartTime) / time.Minute); mins > 0 {
			return fmt.Sprintf("started %d min ago", mins)
		}
		return "starting now"
	}
	when := view.Clock(iv.StartTime, v.Loc)
	switch day := view.DayStart(iv.StartTime, v.Loc); {
	case day.Equal(view.DayStart(v.Now, v.Loc).AddDate(0, 0, 1)):
		when = "tomorrow " + when
	case day.After(view.DayStart(v.Now, v.Loc)):
		when = iv.StartTime.In(v.Loc).Format("Mon 15:04")
	}
	if mins := view.MinutesUntil(iv.StartTime, v.Now); mins <= 60 {
		return fmt.Sprintf("%s, in %d min", when, mins)
	}
	return when
}

// absPath finds an absolute path in a message (Unix, ~ or a drive letter).
// A path starts the text or follows a space or an opening quote: the
// path of a URL ("https://zoom.us/...") is not one.
var absPath = regexp.MustCompile(`(?:^|[\s("“'])(?:~|[A-Za-z]:)?[/\\][^\s/\\]+(?:[/\\][^\s/\\]+)+`)

// problemItem is a problem as one short line: its message without folder
// paths (the last name stays; the whole path is in the agenda and
// settings), shortened so that the action ("— Fix it for me…") shows.
// Clicking it sends the command that solves it.
func problemItem(p localapi.Problem) Item {
	msg := absPath.ReplaceAllStringFunc(safetext.Clean(p.Message), func(m string) string {
		lead := ""
		if r, size := utf8.DecodeRuneInString(m); strings.ContainsRune(" \t(\"“'", r) {
			lead, m = m[:size], m[size:]
		}
		path := strings.TrimRight(m, ".,;:)")
		tail := m[len(path):]
		path = strings.TrimRight(path, `/\`)
		return lead + "“" + path[strings.LastIndexAny(path, `/\`)+1:] + "”" + tail
	})
	const mark = "⚠ "
	if p.Solve == nil {
		return Item{Label: mark + view.Shorten(msg, maxLabel-view.Runes(mark)), Disabled: true}
	}
	act := *p.Solve
	label := safetext.Clean(p.Label)
	if label == "" {
		return Item{Label: mark + view.Shorten(msg, maxLabel-view.Runes(mark)), Command: act}
	}
	if line := mark + msg + " — " + label + "…"; view.Runes(line) <= maxLabel {
		return Item{Label: line, Command: act}
	}
	// Too long for one line: the message, and its action one level down.
	return Item{Label: mark + view.Shorten(msg, maxLabel-view.Runes(mark)), Children: []Item{
		{Label: view.Shorten(label, maxLabel-1) + "…", Command: act},
	}}
}

// safe returns m with its title, tooltip and every label made a single
// line of plain text (safetext.Clean): they hold topics, names, emails and
// messages that come from Zoom, which reach the tray as data.
func (m Model) safe() Model {
	m.Title = safetext.Clean(m.Title)
	m.Tooltip = safetext.Clean(m.Tooltip)
	m.Items = safeItems(m.Items)
	return m
}

func safeItems(items []Item) []Item {
	if items == nil {
		return nil
	}
	out := make([]Item, len(items))
	for i, it := range items {
		it.Label = view.Shorten(safetext.Clean(it.Label), maxLabel)
		it.Children = safeItems(it.Children)
		out[i] = it
	}
	return out
}

// Equal reports whether two models show the same thing.
func (m Model) Equal(o Model) bool {
	return m.Icon == o.Icon && m.Minutes == o.Minutes && m.Title == o.Title && m.Tooltip == o.Tooltip && m.SameMenu(o)
}

// SameMenu reports whether two models have the same menu, so the tray need
// not be rebuilt (a rebuild is expensive and leaks handles on some platforms).
func (m Model) SameMenu(o Model) bool { return sameItems(m.Items, o.Items) }

func sameItems(a, b []Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Label != y.Label || x.Disabled != y.Disabled || x.Separator != y.Separator || x.Command != y.Command || !sameItems(x.Children, y.Children) {
			return false
		}
	}
	return true
}
