package tray

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

var berlin = mustLoad("Europe/Berlin")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// at is a wall time in Berlin on 2026-11-23.
func at(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, berlin) }

func interview(id int64, topic string, start time.Time, minutes int) model.Interview {
	return model.Interview{ID: id, Topic: topic, StartTime: start.UTC(), Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute).UTC(), IsInterview: true,
		State: model.StateUpcoming, JoinURL: "https://us05web.zoom.us/j/1?pwd=x.1", HostedByMe: true}
}

func demoSnapshot() *model.Snapshot {
	return &model.Snapshot{
		Interviews: []model.Interview{
			interview(1, "Interview: Priya Raman — Senior Backend Engineer", at(15, 0), 45),
			{ID: 2, Topic: "Team sync", StartTime: at(16, 0).UTC(), EndTime: at(16, 30).UTC(), State: model.StateUpcoming},
			interview(3, "Interview: Ada Lovelace", at(9, 30).AddDate(0, 0, 1), 60),
			interview(4, "Interview: Grace Hopper", at(10, 0).AddDate(0, 0, 3), 60),
		},
		Health: model.Health{LastSync: at(14, 40).UTC()},
	}
}

func TestTooltipAndIcon(t *testing.T) {
	tests := []struct {
		name        string
		now         time.Time
		hide        bool
		signedIn    bool
		wantTooltip string
		wantTitle   string
		wantIcon    IconState
	}{
		{"hours ahead", at(11, 0), false, true, "Interview: Priya Raman — Senior Backend Engineer at 15:00", "", IconNormal},
		{"within the hour", at(14, 48), false, true, "Interview: Priya Raman — Senior Backend Engineer in 12 min", "12m", IconSoon},
		{"rounds up seconds", at(14, 48).Add(10 * time.Second), false, true, "Interview: Priya Raman — Senior Backend Engineer in 12 min", "12m", IconSoon},
		{"names hidden", at(14, 48), true, true, "Interview in 12 min", "12m", IconSoon},
		{"35 min ahead is not soon", at(14, 25), true, true, "Interview in 35 min", "35m", IconNormal},
		{"starting", at(15, 0), true, true, "Interview is starting now", "now", IconSoon},
		{"started", at(15, 5), true, true, "Interview started 5 min ago", "now", IconSoon},
		{"after the last one today", at(16, 0), false, true, "No interviews today", "", IconNormal},
		{"signed out", at(14, 48), false, false, "Interview Tray: sign in with Zoom to see your interviews", "", IconAttention},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := demoSnapshot()
			if !tt.now.Before(at(15, 0)) && tt.now.Before(at(15, 45)) {
				snap.Interviews[0].State = model.StateInProgress
			}
			m := buildFor(snap, testView{Now: tt.now, Loc: berlin, HideNames: tt.hide, SignedIn: tt.signedIn})
			if m.Tooltip != tt.wantTooltip || m.Title != tt.wantTitle || m.Icon != tt.wantIcon {
				t.Errorf("got (%q, %q, %v), want (%q, %q, %v)", m.Tooltip, m.Title, m.Icon, tt.wantTooltip, tt.wantTitle, tt.wantIcon)
			}
		})
	}
}

func TestProblemsNeedAttention(t *testing.T) {
	snap := demoSnapshot()
	snap.Problems = []model.Problem{{Message: "Record to computer files is off", Action: model.ActionFixSettings, Label: "Fix it"}}
	m := buildFor(snap, testView{Now: at(11, 0), Loc: berlin, SignedIn: true})
	if m.Icon != IconAttention {
		t.Errorf("icon = %v, want attention", m.Icon)
	}
	it, ok := find(m.Items, "Record to computer files is off")
	if !ok || it.Command.Name != model.ActionFixSettings || !strings.HasSuffix(it.Label, "Fix it…") {
		t.Errorf("problem item = %+v", it)
	}
}

func TestMenuListsTodayAndTomorrow(t *testing.T) {
	m := buildFor(demoSnapshot(), testView{Now: at(11, 0), Loc: berlin, SignedIn: true, Email: "maya@example.com"})
	labels := flatten(m.Items)
	for _, want := range []string{
		"Up to date with Zoom (14:40)", "Today", "15:00  Interview: Priya Raman — Senior Backend Engineer",
		"Tomorrow", "09:30  Interview: Ada Lovelace", "Join next interview (15:00)",
		"Open agenda…", "Check recording settings…", "Settings…", "Sign out (maya@example.com)", "Quit Interview Tray",
	} {
		if !contains(labels, want) {
			t.Errorf("menu lacks %q; has %q", want, labels)
		}
	}
	for _, absent := range []string{"Team sync", "Grace Hopper", "Sign in with Zoom…"} {
		for _, l := range labels {
			if strings.Contains(l, absent) {
				t.Errorf("menu shows %q", l)
			}
		}
	}
	it, _ := find(m.Items, "15:00  Interview: Priya")
	if len(it.Children) < 2 || it.Children[0].Command != (localapi.Command{Name: localapi.CmdJoin, MeetingID: 1}) || it.Children[1].Command.Name != localapi.CmdCopy {
		t.Errorf("interview submenu = %+v", it.Children)
	}
}

func TestMenuHidesNames(t *testing.T) {
	m := buildFor(demoSnapshot(), testView{Now: at(11, 0), Loc: berlin, SignedIn: true, HideNames: true})
	for _, l := range flatten(m.Items) {
		if strings.Contains(l, "Priya") || strings.Contains(l, "Ada") {
			t.Errorf("hidden name shows in %q", l)
		}
	}
}

func TestRecordingsSubmenu(t *testing.T) {
	snap := demoSnapshot()
	snap.Recordings = []model.Recording{
		{MeetingUUID: "u1", Topic: "Interview: Lin", StartTime: at(9, 0).UTC(), Kind: model.KindCloud, State: model.RecReady,
			Links: model.Links{Watch: "https://zoom.us/rec/play/a", Listen: "https://zoom.us/rec/play/b", Transcript: "https://zoom.us/rec/download/c", Share: "https://zoom.us/rec/share/d"}, Passcode: "pw"},
		{MeetingUUID: "u2", Topic: "Interview: Kim", StartTime: at(8, 0).UTC(), Kind: model.KindCloud, State: model.RecProcessing},
		{Topic: "Interview: Lin", StartTime: at(9, 0).UTC(), Kind: model.KindLocal, State: model.RecReady, Links: model.Links{Folder: "/home/m/Documents/Zoom/2026-11-23 09.00.00 Interview Lin"}},
	}
	m := buildFor(snap, testView{Now: at(11, 0), Loc: berlin, SignedIn: true})
	// A heading, then each recording at the top level with its actions
	// one level down.
	i := slices.IndexFunc(m.Items, func(it Item) bool { return it.Label == "Recent recordings" })
	if i < 0 || !m.Items[i].Disabled || len(m.Items[i].Children) != 0 || len(m.Items) < i+4 {
		t.Fatalf("menu = %q", flatten(m.Items))
	}
	recs := m.Items[i+1 : i+4]
	var got []string
	for _, k := range recs[0].Children {
		got = append(got, k.Label)
	}
	if recs[0].Label != "Nov 23  Interview: Lin" || strings.Join(got, ",") != "Cloud recording,Watch,Listen,Transcript,Copy share link and passcode" {
		t.Errorf("ready cloud recording %q offers %q", recs[0].Label, got)
	}
	if c := recs[1].Children; len(c) != 2 || !c[1].Disabled {
		t.Errorf("processing recording = %+v", c)
	}
	if c := recs[2].Children; len(c) != 2 || c[0].Label != "Recorded on this computer" || c[1].Command.Name != localapi.CmdOpenFolder {
		t.Errorf("local recording = %+v", c)
	}
}

// depth is how many levels deep items go (1: no submenu).
func depth(items []Item) int {
	d := 0
	for _, it := range items {
		d = max(d, 1+depth(it.Children))
	}
	return d
}

// busySnapshot has everything the menu can show: long topics, recordings
// of every kind, problems with paths, a long email.
func busySnapshot() *model.Snapshot {
	snap := demoSnapshot()
	long := "Interview: Bartholomew Featherstonehaugh-Montgomery — Principal Distributed Systems Engineer (round 3)"
	snap.Interviews = append(snap.Interviews, interview(5, long, at(17, 0), 60))
	snap.Interviews[1] = interview(2, long, at(14, 30), 60)
	snap.Interviews[1].State = model.StateInProgress
	snap.Recordings = []model.Recording{
		{MeetingUUID: "u1", Topic: long, StartTime: at(9, 0).UTC(), Kind: model.KindCloud, State: model.RecReady,
			Links: model.Links{Watch: "https://zoom.us/rec/play/a", Share: "https://zoom.us/rec/share/d"}, Passcode: "pw"},
		{MeetingUUID: "u2", Topic: long, StartTime: at(8, 0).UTC(), Kind: model.KindCloud, State: model.RecProcessing},
		{Topic: long, StartTime: at(9, 0).UTC(), Kind: model.KindLocal, State: model.RecReady,
			Links: model.Links{Folder: "/home/maya.lindqvist/Documents/Zoom/2026-11-23 09.00.00 " + long}},
	}
	snap.Problems = []model.Problem{
		{Message: "The Zoom recording folder /home/maya.lindqvist/Documents/Zoom does not exist, so local recordings cannot be found.",
			Action: model.ActionCheckFolder, Label: "Choose the folder"},
		{Message: "Someone else hosts the interview at Mon 15:04: recording it to your computer needs the host's permission.",
			Action: model.ActionOpenAgenda, Label: "Show"},
		{Message: "1 meeting from Zoom could not be read."},
	}
	return snap
}

func TestMenuIsAtMostTwoLevelsDeep(t *testing.T) {
	for _, signedIn := range []bool{true, false} {
		m := buildFor(busySnapshot(), testView{Now: at(14, 50), Loc: berlin, SignedIn: signedIn, Email: "maya@example.com"})
		if d := depth(m.Items); d > maxDepth || d != 2 {
			t.Errorf("signed in %v: the menu is %d levels deep: %q", signedIn, d, flatten(m.Items))
		}
	}
}

func TestMenuLabelsAreShort(t *testing.T) {
	v := testView{Now: at(14, 50), Loc: berlin, SignedIn: true,
		Email: "maya.lindqvist-rosenqvist@recruiting.northwind-traders.example"}
	for _, signedIn := range []bool{true, false} {
		v.SignedIn = signedIn
		m := buildFor(busySnapshot(), v)
		for _, l := range flatten(m.Items) {
			if n := utf8.RuneCountInString(l); n > maxLabel {
				t.Errorf("label of %d characters: %q", n, l)
			}
			if strings.Contains(l, "/home/") || strings.Contains(l, "Documents/") {
				t.Errorf("label holds a path: %q", l)
			}
		}
	}
	m := buildFor(busySnapshot(), v)
	// The folder problem names the folder and keeps its action.
	it, ok := find(m.Items, "⚠ The Zoom recording folder “Zoom” does not exist, so local…")
	if !ok || len(it.Children) != 1 || it.Children[0].Label != "Choose the folder…" || it.Children[0].Command.Name != model.ActionCheckFolder {
		t.Errorf("folder problem = %+v in %q", it, flatten(m.Items))
	}
	// A problem whose action fits on its line is one click.
	short := buildFor(&model.Snapshot{Problems: []model.Problem{{Message: "Zoom cannot be reached.", Action: model.ActionRetry, Label: "Try again"}}}, v)
	if it, ok := find(short.Items, "⚠ Zoom cannot be reached. — Try again…"); !ok || it.Command.Name != model.ActionRetry {
		t.Errorf("short problem: %q", flatten(short.Items))
	}
	// Topics use the room there is, cut at a word.
	if _, ok := find(m.Items, "17:00  Interview: Bartholomew Featherstonehaugh-Montgomery…"); !ok {
		t.Errorf("long topic: %q", flatten(m.Items))
	}
}

func TestJoinNextIsFirstWithItsCountdown(t *testing.T) {
	tests := []struct {
		now  time.Time
		want string
	}{
		{at(11, 0), "Join next interview (15:00)"},
		{at(14, 48), "Join next interview (15:00, in 12 min)"},
		{at(15, 0), "Join next interview (starting now)"},
		{at(15, 3), "Join next interview (started 3 min ago)"},
		{at(15, 50), "Join next interview (tomorrow 09:30)"},
	}
	for _, tt := range tests {
		snap := demoSnapshot()
		if !tt.now.Before(at(15, 0)) && tt.now.Before(at(15, 45)) {
			snap.Interviews[0].State = model.StateInProgress
		}
		m := buildFor(snap, testView{Now: tt.now, Loc: berlin, SignedIn: true})
		if first := m.Items[0]; first.Label != tt.want || first.Command.Name != localapi.CmdJoin {
			t.Errorf("at %s the first item is %+v, want %q", tt.now.Format("15:04"), first, tt.want)
		}
	}
}

func TestBadgeOnlyForWhatTheUserCanActOn(t *testing.T) {
	someoneElseHosts := model.Problem{Message: "Someone else hosts the interview at Mon 15:00: …", Action: model.ActionOpenAgenda, Label: "Show"}
	recordingOff := model.Problem{Message: "\"Record to computer files\" is off in Zoom", Action: model.ActionFixSettings, Label: "Fix it for me"}
	locked := model.Problem{Message: "locked", Action: model.ActionContactAdmin, Label: "Copy a message"}
	unreadable := model.Problem{Message: "2 events in \"Work\" could not be read.", Action: model.ActionOpenCalendars, Label: "Calendar settings"}
	folder := model.Problem{Message: "The Zoom recording folder /x/y does not exist", Action: model.ActionCheckFolder, Label: "Choose the folder"}
	refused := model.Problem{Message: "Zoom refused Interview Tray's access", Action: model.ActionSignIn, Label: "Sign in again"}
	tests := []struct {
		name     string
		signedIn bool
		health   model.Health
		cals     []model.CalendarStatus
		problems []model.Problem
		agent    []model.Problem // the agent's own (View.Problems)
		hosted   bool            // the user hosts the upcoming interviews
		want     bool
	}{
		{name: "all well", signedIn: true, hosted: true},
		{name: "signed out", signedIn: false, hosted: true, want: true},
		{name: "session expired", signedIn: true, health: model.Health{SignedOut: true}, hosted: true, want: true},
		{name: "Zoom refused the sign-in", signedIn: true, problems: []model.Problem{refused}, want: true},
		{name: "keychain", signedIn: true, health: model.Health{KeychainProblem: "locked"}, want: true},
		{name: "someone else hosts", signedIn: true, problems: []model.Problem{someoneElseHosts}},
		{name: "recording off, hosting today", signedIn: true, hosted: true, problems: []model.Problem{recordingOff}, want: true},
		{name: "recording locked, hosting today", signedIn: true, hosted: true, problems: []model.Problem{locked}, want: true},
		{name: "recording off, hosting nothing", signedIn: true, problems: []model.Problem{recordingOff}},
		{name: "calendar stopped updating", signedIn: true, cals: []model.CalendarStatus{{Name: "Work", Error: "HTTP 404"}}, want: true},
		{name: "unreadable events", signedIn: true, cals: []model.CalendarStatus{{Name: "Work", Unreadable: 2}}, problems: []model.Problem{unreadable}},
		{name: "recording folder not made yet", signedIn: true, hosted: true, problems: []model.Problem{folder}},
		{name: "offline", signedIn: true, hosted: true, health: model.Health{Offline: true}},
		{name: "unreadable meetings", signedIn: true, problems: []model.Problem{{Message: "1 meeting from Zoom could not be read."}}},
		{name: "no notification server", signedIn: true, agent: []model.Problem{{Message: "System notifications are not available"}}},
		{name: "setup skipped", signedIn: true, agent: []model.Problem{{Message: "Setup is not finished", Action: "open_wizard", Label: "Finish setup"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := demoSnapshot()
			for i := range snap.Interviews {
				snap.Interviews[i].HostedByMe = tt.hosted
			}
			snap.Health, snap.Calendars, snap.Problems = tt.health, tt.cals, tt.problems
			m := buildFor(snap, testView{Now: at(11, 0), Loc: berlin, SignedIn: tt.signedIn, Problems: tt.agent})
			if got := m.Icon == IconAttention; got != tt.want {
				t.Errorf("badge = %v, want %v", got, tt.want)
			}
			// Informational problems still show in the menu.
			for _, p := range append(tt.problems, tt.agent...) {
				if _, ok := find(m.Items, string([]rune(p.Message)[:min(10, len([]rune(p.Message)))])); !ok {
					t.Errorf("the menu lacks %q: %q", p.Message, flatten(m.Items))
				}
			}
		})
	}
}

func TestNextUpdate(t *testing.T) {
	snap := demoSnapshot()
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"far ahead: wake when it is an hour away", at(11, 0).Add(20 * time.Second), at(14, 0)},
		{"within the hour: next minute boundary", at(14, 30).Add(20 * time.Second), at(14, 31)},
		{"nothing left today: midnight", at(16, 0), time.Date(2026, 11, 24, 0, 0, 0, 0, berlin)},
	}
	for _, tt := range tests {
		if got := nextUpdateFor(snap, testView{Now: tt.now, Loc: berlin}); !got.Equal(tt.want) {
			t.Errorf("%s: NextUpdate = %v, want %v", tt.name, got.In(berlin), tt.want)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	// The agent compares models to skip rebuilding the tray: the same input
	// must give an equal model.
	v := testView{Now: at(11, 0), Loc: berlin, SignedIn: true}
	a, b := buildFor(demoSnapshot(), v), buildFor(demoSnapshot(), v)
	if !a.Equal(b) {
		t.Fatal("two builds of the same snapshot differ")
	}
	v.Now = at(11, 1)
	if c := buildFor(demoSnapshot(), v); !a.SameMenu(c) {
		t.Error("a minute later the menu should not need a rebuild")
	}
}

func find(items []Item, text string) (Item, bool) {
	for _, it := range items {
		if strings.Contains(it.Label, text) {
			return it, true
		}
		if f, ok := find(it.Children, text); ok {
			return f, true
		}
	}
	return Item{}, false
}

func flatten(items []Item) []string {
	var out []string
	for _, it := range items {
		if !it.Separator {
			out = append(out, it.Label)
		}
		out = append(out, flatten(it.Children)...)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// TestTopicsReachTheTrayAsText: topics, the email and messages from Zoom
// reach the tray's labels, tooltip and title without control or bidi
// formatting characters.
func TestTopicsReachTheTrayAsText(t *testing.T) {
	const hostile = "Ada\n\x1b]8;;https://elsewhere.example\x07Lo\u202Egpj.exe\u2066\x00"
	snap := &model.Snapshot{
		Interviews: []model.Interview{interview(1, hostile, at(15, 0), 45), interview(2, "\n\x00\u202E", at(15, 30), 30)},
		Recordings: []model.Recording{{MeetingID: 3, Topic: hostile, StartTime: at(9, 0).UTC(), Kind: model.KindLocal,
			State: model.RecReady, Links: model.Links{Folder: "/home/maya/Documents/Zoom/x"}}},
		Problems: []model.Problem{{Message: "Zoom said:\r\nrestart\x1b[2J", Action: model.ActionRetry, Label: "Try\nagain"}},
		Health:   model.Health{LastSync: at(14, 40).UTC()},
	}
	m := buildFor(snap, testView{Now: at(14, 50), Loc: berlin, SignedIn: true, Email: "maya@example.com\n\u202Emoc.live"})
	var texts []string
	var walk func([]Item)
	walk = func(items []Item) {
		for _, it := range items {
			texts = append(texts, it.Label)
			walk(it.Children)
		}
	}
	walk(m.Items)
	texts = append(texts, m.Tooltip, m.Title)
	for _, s := range texts {
		if strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x2066 && r <= 0x2069) || (r >= 0x202a && r <= 0x202e)
		}) {
			t.Errorf("tray text %q holds a control or bidi character", s)
		}
	}
	if want := "Ada ]8;;https://elsewhere.exampleLogpj.exe in 10 min"; m.Tooltip != want {
		t.Errorf("tooltip = %q, want %q", m.Tooltip, want)
	}
	// A topic of nothing but control characters is no topic at all.
	found := false
	for _, it := range m.Items {
		found = found || it.Label == "15:30  Interview"
	}
	if !found {
		t.Errorf("the second interview is not shown as \"15:30  Interview\": %q", texts)
	}
}

// TestMinutesInTheIcon: in the last hour before an interview the icon
// carries the minutes left (for hosts that show no title), rounded up as
// the title; none hours ahead, once it started, or when joined.
func TestMinutesInTheIcon(t *testing.T) {
	tests := []struct {
		name   string
		now    time.Time
		joined bool
		want   int
	}{
		{"hours ahead", at(11, 0), false, 0},
		{"an hour ahead", at(14, 0), false, 60},
		{"12 minutes ahead", at(14, 48).Add(10 * time.Second), false, 12},
		{"a minute ahead", at(14, 59), false, 1},
		{"started", at(15, 2), false, 0},
		{"joined", at(14, 55), true, 0},
	}
	for _, tt := range tests {
		snap := demoSnapshot()
		snap.Interviews[0].Joined = tt.joined
		if !tt.now.Before(at(15, 0)) {
			snap.Interviews[0].State = model.StateInProgress
		}
		m := buildFor(snap, testView{Now: tt.now, Loc: berlin, SignedIn: true})
		if m.Minutes != tt.want {
			t.Errorf("%s: minutes = %d, want %d", tt.name, m.Minutes, tt.want)
		}
	}
	v := testView{Now: at(14, 48), Loc: berlin, SignedIn: true}
	a := buildFor(demoSnapshot(), v)
	v.Now = at(14, 49)
	if b := buildFor(demoSnapshot(), v); a.Equal(b) {
		t.Error("a model a minute later with another countdown is Equal")
	}
}

// testView is the tests' input besides the snapshot: the parts of the
// agent's state (localapi.View) they vary, and the clock.
type testView struct {
	Now       time.Time
	Loc       *time.Location
	HideNames bool
	SignedIn  bool
	SigningIn bool
	Email     string
	// Problems the agent adds, after the snapshot's.
	Problems []model.Problem
	// SchedulingNotAllowed: the sign-in lacks the scheduling scopes.
	SchedulingNotAllowed bool
}

// buildFor builds the tray for snap as the agent would send it: the
// snapshot's and the agent's problems merged in the view, each solved by a
// command named after its action (the agent's real mapping is its own).
func buildFor(snap *model.Snapshot, v testView) Model {
	return Build(stateFor(snap, v), v.Now, v.Loc)
}

func nextUpdateFor(snap *model.Snapshot, v testView) time.Time {
	return NextUpdate(stateFor(snap, v), v.Now, v.Loc)
}

func stateFor(snap *model.Snapshot, v testView) localapi.State {
	st := localapi.State{Snapshot: snap, View: localapi.View{
		SignedIn: v.SignedIn, SigningIn: v.SigningIn, Email: v.Email, HideNames: v.HideNames, At: v.Now,
		SchedulingNotAllowed: v.SchedulingNotAllowed,
	}}
	var ps []model.Problem
	if snap != nil {
		ps = append(ps, snap.Problems...)
	}
	for _, p := range append(ps, v.Problems...) {
		vp := localapi.Problem{Problem: p}
		if p.Action != "" {
			vp.Solve = &localapi.Command{Name: p.Action, MeetingID: p.MeetingID}
		}
		st.View.Problems = append(st.View.Problems, vp)
	}
	return st
}
