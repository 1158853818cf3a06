package tray

import (
	"strings"
	"testing"
	"time"

	meetingsync "github.com/interviewtray/interviewtray/sync"
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

func interview(id int64, topic string, start time.Time, minutes int) meetingsync.Interview {
	return meetingsync.Interview{ID: id, Topic: topic, StartTime: start.UTC(), Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute).UTC(), IsInterview: true,
		State: meetingsync.StateUpcoming, JoinURL: "https://us05web.zoom.us/j/1?pwd=x.1", HostedByMe: true}
}

func demoSnapshot() *meetingsync.Snapshot {
	return &meetingsync.Snapshot{
		Interviews: []meetingsync.Interview{
			interview(1, "Interview: Priya Raman — Senior Backend Engineer", at(15, 0), 45),
			{ID: 2, Topic: "Team sync", StartTime: at(16, 0).UTC(), EndTime: at(16, 30).UTC(), State: meetingsync.StateUpcoming},
			interview(3, "Interview: Ada Lovelace", at(9, 30).AddDate(0, 0, 1), 60),
			interview(4, "Interview: Grace Hopper", at(10, 0).AddDate(0, 0, 3), 60),
		},
		Health: meetingsync.Health{LastSync: at(14, 40).UTC()},
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
				snap.Interviews[0].State = meetingsync.StateInProgress
			}
			m := Build(snap, View{Now: tt.now, Loc: berlin, HideNames: tt.hide, SignedIn: tt.signedIn})
			if m.Tooltip != tt.wantTooltip || m.Title != tt.wantTitle || m.Icon != tt.wantIcon {
				t.Errorf("got (%q, %q, %v), want (%q, %q, %v)", m.Tooltip, m.Title, m.Icon, tt.wantTooltip, tt.wantTitle, tt.wantIcon)
			}
		})
	}
}

func TestProblemsNeedAttention(t *testing.T) {
	snap := demoSnapshot()
	snap.Problems = []meetingsync.Problem{{Message: "Record to computer files is off", Action: meetingsync.ActionFixSettings, Label: "Fix it"}}
	m := Build(snap, View{Now: at(11, 0), Loc: berlin, SignedIn: true})
	if m.Icon != IconAttention {
		t.Errorf("icon = %v, want attention", m.Icon)
	}
	it, ok := find(m.Items, "Record to computer files is off")
	if !ok || it.Action.Kind != ActProblem || it.Action.Problem != meetingsync.ActionFixSettings || !strings.HasSuffix(it.Label, "Fix it…") {
		t.Errorf("problem item = %+v", it)
	}
}

func TestMenuListsTodayAndTomorrow(t *testing.T) {
	m := Build(demoSnapshot(), View{Now: at(11, 0), Loc: berlin, SignedIn: true, Email: "maya@example.com"})
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
	if len(it.Children) < 2 || it.Children[0].Action != (Action{Kind: ActJoin, MeetingID: 1}) || it.Children[1].Action.Kind != ActCopyMeeting {
		t.Errorf("interview submenu = %+v", it.Children)
	}
}

func TestMenuHidesNames(t *testing.T) {
	m := Build(demoSnapshot(), View{Now: at(11, 0), Loc: berlin, SignedIn: true, HideNames: true})
	for _, l := range flatten(m.Items) {
		if strings.Contains(l, "Priya") || strings.Contains(l, "Ada") {
			t.Errorf("hidden name shows in %q", l)
		}
	}
}

func TestRecordingsSubmenu(t *testing.T) {
	snap := demoSnapshot()
	snap.Recordings = []meetingsync.Recording{
		{MeetingUUID: "u1", Topic: "Interview: Lin", StartTime: at(9, 0).UTC(), Kind: meetingsync.KindCloud, State: meetingsync.RecReady,
			Links: meetingsync.Links{Watch: "https://zoom.us/rec/play/a", Listen: "https://zoom.us/rec/play/b", Transcript: "https://zoom.us/rec/download/c", Share: "https://zoom.us/rec/share/d"}, Passcode: "pw"},
		{MeetingUUID: "u2", Topic: "Interview: Kim", StartTime: at(8, 0).UTC(), Kind: meetingsync.KindCloud, State: meetingsync.RecProcessing},
		{Topic: "Interview: Lin", StartTime: at(9, 0).UTC(), Kind: meetingsync.KindLocal, State: meetingsync.RecReady, Links: meetingsync.Links{Folder: "/home/m/Documents/Zoom/2026-11-23 09.00.00 Interview Lin"}},
	}
	m := Build(snap, View{Now: at(11, 0), Loc: berlin, SignedIn: true})
	recs, ok := find(m.Items, "Recent recordings")
	if !ok || len(recs.Children) != 3 {
		t.Fatalf("recordings = %+v", recs)
	}
	var got []string
	for _, k := range recs.Children[0].Children {
		got = append(got, k.Label)
	}
	if strings.Join(got, ",") != "Watch,Listen,Transcript,Copy share link and passcode" {
		t.Errorf("ready cloud recording offers %q", got)
	}
	if c := recs.Children[1].Children; len(c) != 1 || !c[0].Disabled {
		t.Errorf("processing recording = %+v", c)
	}
	if c := recs.Children[2].Children; len(c) != 1 || c[0].Action.Kind != ActOpenFolder {
		t.Errorf("local recording = %+v", c)
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
		if got := NextUpdate(snap, View{Now: tt.now, Loc: berlin}); !got.Equal(tt.want) {
			t.Errorf("%s: NextUpdate = %v, want %v", tt.name, got.In(berlin), tt.want)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	// The agent compares models to skip rebuilding the tray: the same input
	// must give an equal model.
	v := View{Now: at(11, 0), Loc: berlin, SignedIn: true}
	a, b := Build(demoSnapshot(), v), Build(demoSnapshot(), v)
	if !a.Equal(b) {
		t.Fatal("two builds of the same snapshot differ")
	}
	v.Now = at(11, 1)
	if c := Build(demoSnapshot(), v); !a.SameMenu(c) {
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
	snap := &meetingsync.Snapshot{
		Interviews: []meetingsync.Interview{interview(1, hostile, at(15, 0), 45), interview(2, "\n\x00\u202E", at(15, 30), 30)},
		Recordings: []meetingsync.Recording{{MeetingID: 3, Topic: hostile, StartTime: at(9, 0).UTC(), Kind: meetingsync.KindLocal,
			State: meetingsync.RecReady, Links: meetingsync.Links{Folder: "/home/maya/Documents/Zoom/x"}}},
		Problems: []meetingsync.Problem{{Message: "Zoom said:\r\nrestart\x1b[2J", Action: meetingsync.ActionRetry, Label: "Try\nagain"}},
		Health:   meetingsync.Health{LastSync: at(14, 40).UTC()},
	}
	m := Build(snap, View{Now: at(14, 50), Loc: berlin, SignedIn: true, Email: "maya@example.com\n\u202Emoc.live"})
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
