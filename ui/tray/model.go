package tray

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
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

// ActionKind says what clicking a menu item does.
type ActionKind string

// Menu actions; the agent carries them out.
const (
	ActNone          ActionKind = ""
	ActJoin          ActionKind = "join"           // MeetingID
	ActCopyMeeting   ActionKind = "copy_meeting"   // MeetingID: meeting ID and passcode
	ActOpenLink      ActionKind = "open_link"      // URL (a Zoom link)
	ActOpenFolder    ActionKind = "open_folder"    // Path
	ActOpenWindow    ActionKind = "open_window"    // Window
	ActProblem       ActionKind = "problem"        // Problem: a meetingsync.Action* verb
	ActSignIn        ActionKind = "sign_in"        // start sign-in
	ActSignOut       ActionKind = "sign_out"       // sign out
	ActQuit          ActionKind = "quit"           // stop the agent
	ActCopyShareLink ActionKind = "copy_share"     // URL and Passcode of a recording
	ActRefresh       ActionKind = "refresh"        // sync now
	ActCopyAdminNote ActionKind = "copy_admin_msg" // the settings check's admin message
)

// Action is what a menu item does when clicked.
type Action struct {
	Kind      ActionKind
	MeetingID int64
	URL       string
	Path      string
	Window    string
	Problem   string
	Passcode  string
}

// Item is one menu entry. A separator has Separator set and nothing else.
type Item struct {
	Label     string
	Disabled  bool
	Separator bool
	Action    Action
	Children  []Item
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

// View is the input of Build besides the snapshot.
type View struct {
	Now       time.Time
	Loc       *time.Location // the user's time zone
	HideNames bool           // show "Interview" instead of topics in the tray
	SignedIn  bool
	SigningIn bool
	Email     string
	// Problems the agent adds (no notification server, ...).
	Problems []meetingsync.Problem
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

// Build renders a snapshot into a tray model. It is a pure function of its
// input so that the agent can compare models and rebuild the tray only when
// something visible changed. Every text of the model is a single line of
// plain text (see safe), whatever Zoom sent.
func Build(snap *meetingsync.Snapshot, v View) Model {
	return build(snap, v).safe()
}

func build(snap *meetingsync.Snapshot, v View) Model {
	if v.Loc == nil {
		v.Loc = time.Local
	}
	if snap == nil {
		snap = &meetingsync.Snapshot{}
	}
	problems := append(append([]meetingsync.Problem(nil), snap.Problems...), v.Problems...)
	m := Model{Icon: IconNormal}
	next, nextOK := nextInterview(snap, v.Now)
	if nextOK && (next.State == meetingsync.StateInProgress || next.StartTime.Sub(v.Now) <= soonWindow) && !next.Joined {
		m.Icon = IconSoon
	}
	if needsAttention(snap, v, problems) {
		m.Icon = IconAttention
	}
	m.Tooltip, m.Title = tooltip(snap, v, next, nextOK)
	if m.Icon != IconAttention && nextOK && !next.Joined && next.State != meetingsync.StateInProgress && next.StartTime.After(v.Now) {
		// Rounded up, as the title: at 14:48:10 an interview at 15:00 is 12.
		if mins := int((next.StartTime.Sub(v.Now) + time.Minute - 1) / time.Minute); mins <= minutesMax {
			m.Minutes = mins
		}
	}

	// The interview to join first, with its countdown: the one in
	// progress (until its end) before the next (meetingsync.JoinTarget),
	// as the global shortcut picks it.
	if j, ok := meetingsync.JoinTarget(snap, v.Now); ok {
		m.Items = append(m.Items, Item{
			Label:  "Join next interview (" + countdown(j, v) + ")",
			Action: Action{Kind: ActJoin, MeetingID: j.ID},
		})
	}

	// Status and problems.
	m.Items = append(m.Items, Item{Label: statusLine(snap, v), Disabled: true})
	for _, p := range problems {
		m.Items = append(m.Items, problemItem(p))
	}
	m.Items = append(m.Items, Item{Separator: true})

	// Today's and tomorrow's interviews.
	today := dayStart(v.Now, v.Loc)
	tomorrow := today.AddDate(0, 0, 1)
	after := tomorrow.AddDate(0, 0, 1)
	listed := 0
	for _, day := range []struct {
		name       string
		start, end time.Time
	}{{"Today", today, tomorrow}, {"Tomorrow", tomorrow, after}} {
		var items []Item
		for _, iv := range snap.Interviews {
			if !iv.IsInterview || iv.State == meetingsync.StateEnded {
				continue
			}
			st := iv.StartTime.In(v.Loc)
			if st.Before(day.start) || !st.Before(day.end) {
				continue
			}
			items = append(items, interviewItem(iv, v))
		}
		if len(items) > 0 {
			m.Items = append(m.Items, Item{Label: day.name, Disabled: true})
			m.Items = append(m.Items, items...)
			listed += len(items)
		}
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
		Item{Label: "Open agenda…", Action: Action{Kind: ActOpenWindow, Window: localapi.WindowAgenda}},
		Item{Label: "Recordings…", Action: Action{Kind: ActOpenWindow, Window: localapi.WindowRecordings}},
		Item{Label: "Check recording settings…", Action: Action{Kind: ActOpenWindow, Window: localapi.WindowWizard}},
		Item{Label: "Settings…", Action: Action{Kind: ActOpenWindow, Window: localapi.WindowSettings}},
		Item{Label: "Sync now", Action: Action{Kind: ActRefresh}, Disabled: !v.SignedIn},
		Item{Separator: true},
	)
	switch {
	case v.SigningIn:
		m.Items = append(m.Items, Item{Label: "Signing in… (finish in your browser)", Disabled: true})
	case v.SignedIn:
		label := "Sign out"
		if v.Email != "" {
			label = "Sign out (" + shorten(safetext.Clean(v.Email), maxLabel-len("Sign out ()")) + ")"
		}
		m.Items = append(m.Items, Item{Label: label, Action: Action{Kind: ActSignOut}})
	default:
		m.Items = append(m.Items, Item{Label: "Sign in with Zoom…", Action: Action{Kind: ActSignIn}})
	}
	m.Items = append(m.Items, Item{Label: "Quit Interview Tray", Action: Action{Kind: ActQuit}})
	return m
}

func interviewItem(iv meetingsync.Interview, v View) Item {
	prefix, suffix := clock(iv.StartTime, v.Loc)+"  ", ""
	if iv.State == meetingsync.StateInProgress {
		suffix = " (now)"
	}
	label := prefix + topic(iv.Topic, v.HideNames, maxLabel-runes(prefix)-runes(suffix)) + suffix
	var kids []Item
	if iv.JoinURL != "" {
		kids = append(kids, Item{Label: "Join", Action: Action{Kind: ActJoin, MeetingID: iv.ID}})
	}
	copyLabel := "Copy meeting ID"
	if iv.Passcode != "" {
		copyLabel = "Copy meeting ID and passcode"
	}
	kids = append(kids, Item{Label: copyLabel, Action: Action{Kind: ActCopyMeeting, MeetingID: iv.ID}})
	if iv.NeedsHostPermission {
		kids = append(kids, Item{Label: "Hosted by someone else: ask the host to let you record", Disabled: true})
	}
	return Item{Label: label, Children: kids}
}

func recordingItems(recs []meetingsync.Recording, v View) []Item {
	var out []Item
	for _, r := range recs {
		if len(out) == maxRecordings {
			break
		}
		kind := "Cloud recording"
		if r.Kind == meetingsync.KindLocal {
			kind = "Recorded on this computer"
		}
		prefix := r.StartTime.In(v.Loc).Format("Jan 2") + "  "
		label := prefix + topic(r.Topic, v.HideNames, maxLabel-runes(prefix))
		kids := []Item{{Label: kind, Disabled: true}}
		switch r.State {
		case meetingsync.RecProcessing:
			kids = append(kids, Item{Label: "Zoom is still processing it", Disabled: true})
		case meetingsync.RecConverting:
			kids = append(kids, Item{Label: "Zoom is still converting it", Disabled: true})
		}
		for _, l := range []struct{ label, url string }{
			{"Watch", r.Links.Watch}, {"Listen", r.Links.Listen}, {"Transcript", r.Links.Transcript},
		} {
			if l.url != "" {
				kids = append(kids, Item{Label: l.label, Action: Action{Kind: ActOpenLink, URL: l.url}})
			}
		}
		if r.Links.Share != "" {
			label := "Copy share link"
			if r.Passcode != "" {
				label = "Copy share link and passcode"
			}
			kids = append(kids, Item{Label: label, Action: Action{Kind: ActCopyShareLink, URL: r.Links.Share, Passcode: r.Passcode}})
		}
		if r.Links.Folder != "" {
			kids = append(kids, Item{Label: "Open folder", Action: Action{Kind: ActOpenFolder, Path: r.Links.Folder}})
		}
		out = append(out, Item{Label: label, Children: kids})
	}
	return out
}

// statusLine is the first, informational line. It changes only when the
// snapshot does (no "2 min ago" that would need a rebuild every minute).
func statusLine(snap *meetingsync.Snapshot, v View) string {
	h := snap.Health
	switch {
	case !v.SignedIn:
		return "Not signed in to Zoom"
	case h.SignedOut:
		return "Signed out of Zoom"
	case h.Offline && !h.LastSync.IsZero():
		return "Offline — showing what was known at " + clock(h.LastSync, v.Loc)
	case h.Offline:
		return "Offline — Zoom cannot be reached"
	case h.RateLimited:
		return "Zoom asked us to slow down; trying again soon"
	case h.LastSync.IsZero():
		return "Syncing with Zoom…"
	}
	return "Up to date with Zoom (" + clock(h.LastSync, v.Loc) + ")"
}

// tooltip returns the tooltip and the short title.
func tooltip(snap *meetingsync.Snapshot, v View, next meetingsync.Interview, ok bool) (string, string) {
	if !v.SignedIn {
		return "Interview Tray: sign in with Zoom to see your interviews", ""
	}
	endOfDay := dayStart(v.Now, v.Loc).AddDate(0, 0, 1)
	if !ok || !next.StartTime.Before(endOfDay) {
		return "No interviews today", ""
	}
	name := topic(next.Topic, v.HideNames, maxLabel)
	if next.State == meetingsync.StateInProgress || !next.StartTime.After(v.Now) {
		mins := int(v.Now.Sub(next.StartTime) / time.Minute)
		if mins <= 0 {
			return name + " is starting now", "now"
		}
		return fmt.Sprintf("%s started %d min ago", name, mins), "now"
	}
	// Round up: at 14:48:10 an interview at 15:00 is "in 12 min".
	mins := int((next.StartTime.Sub(v.Now) + time.Minute - 1) / time.Minute)
	if mins <= 60 {
		return fmt.Sprintf("%s in %d min", name, mins), fmt.Sprintf("%dm", mins)
	}
	return name + " at " + clock(next.StartTime, v.Loc), ""
}

// NextUpdate is when the tooltip or icon next changes on its own (with no
// new snapshot): the next minute boundary while an interview is within the
// hour or on, else the moment one comes within the hour, or midnight. It is
// never sooner than a minute boundary, so the agent never wakes every second.
func NextUpdate(snap *meetingsync.Snapshot, v View) time.Time {
	if v.Loc == nil {
		v.Loc = time.Local
	}
	nextMinute := v.Now.Truncate(time.Minute).Add(time.Minute)
	midnight := dayStart(v.Now, v.Loc).AddDate(0, 0, 1)
	if snap == nil {
		return midnight
	}
	next, ok := nextInterview(snap, v.Now)
	if !ok {
		return midnight
	}
	if next.State == meetingsync.StateInProgress || next.StartTime.Sub(v.Now) <= time.Hour {
		return nextMinute
	}
	at := next.StartTime.Add(-time.Hour)
	if at.After(midnight) {
		return midnight
	}
	return at
}

// nextInterview is the interview on now, or else the next to start.
func nextInterview(snap *meetingsync.Snapshot, now time.Time) (meetingsync.Interview, bool) {
	for _, iv := range snap.Interviews { // in start order
		if !iv.IsInterview || iv.State == meetingsync.StateEnded || !iv.EndTime.After(now) {
			continue
		}
		return iv, true
	}
	return meetingsync.Interview{}, false
}

// topic is the topic shown, in at most max characters.
func topic(t string, hide bool, max int) string {
	t = safetext.Clean(t) // before measuring it
	if hide || strings.TrimSpace(t) == "" {
		return "Interview"
	}
	return shorten(t, max)
}

// shorten cuts s to at most max characters, ending in "…": at a space
// when one is near the end, so that words stay whole.
func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	cut := max - 1
	for i := cut; i > cut-12 && i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:—-") + "…"
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// countdown says when the next interview starts, for the Join item:
// "15:00", "tomorrow 09:30", "15:00, in 12 min" within the hour,
// "starting now", "started 3 min ago".
func countdown(iv meetingsync.Interview, v View) string {
	if iv.State == meetingsync.StateInProgress || !iv.StartTime.After(v.Now) {
		if mins := int(v.Now.Sub(iv.StartTime) / time.Minute); mins > 0 {
			return fmt.Sprintf("started %d min ago", mins)
		}
		return "starting now"
	}
	when := clock(iv.StartTime, v.Loc)
	switch day := dayStart(iv.StartTime, v.Loc); {
	case day.Equal(dayStart(v.Now, v.Loc).AddDate(0, 0, 1)):
		when = "tomorrow " + when
	case day.After(dayStart(v.Now, v.Loc)):
		when = iv.StartTime.In(v.Loc).Format("Mon 15:04")
	}
	if mins := int((iv.StartTime.Sub(v.Now) + time.Minute - 1) / time.Minute); mins <= 60 {
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
func problemItem(p meetingsync.Problem) Item {
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
	if p.Action == "" {
		return Item{Label: mark + shorten(msg, maxLabel-runes(mark)), Disabled: true}
	}
	act := Action{Kind: ActProblem, Problem: p.Action, MeetingID: p.MeetingID}
	label := safetext.Clean(p.Label)
	if label == "" {
		return Item{Label: mark + shorten(msg, maxLabel-runes(mark)), Action: act}
	}
	if line := mark + msg + " — " + label + "…"; runes(line) <= maxLabel {
		return Item{Label: line, Action: act}
	}
	// Too long for one line: the message, and its action one level down.
	return Item{Label: mark + shorten(msg, maxLabel-runes(mark)), Children: []Item{
		{Label: shorten(label, maxLabel-1) + "…", Action: act},
	}}
}

func clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
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
		it.Label = shorten(safetext.Clean(it.Label), maxLabel)
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
		if x.Label != y.Label || x.Disabled != y.Disabled || x.Separator != y.Separator || x.Action != y.Action || !sameItems(x.Children, y.Children) {
			return false
		}
	}
	return true
}
