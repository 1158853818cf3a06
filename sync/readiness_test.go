package sync

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// rdStart is the fixed day of the readiness tests.
var rdStart = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// rdIV is an upcoming interview the user hosts, starting at rdStart plus
// offset minutes, lasting minutes.
func rdIV(id int64, offset, minutes int) Interview {
	start := rdStart.Add(time.Duration(offset) * time.Minute)
	return Interview{ID: id, Topic: fmt.Sprintf("Interview %d with Ada", id), StartTime: start, Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute), HostedByMe: true, HostKnown: true,
		IsInterview: true, State: StateUpcoming, Source: SourceZoom, JoinURL: "https://zoom.us/j/1"}
}

func othersIV(iv Interview, hostEmail string) Interview {
	iv.HostedByMe, iv.NeedsHostPermission, iv.HostEmail = false, true, hostEmail
	return iv
}

// lineSummary is "kind severity" per line, the form the tables compare.
func lineSummary(ls []ReadinessLine) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Kind+" "+l.Severity)
	}
	return out
}

func lineOf(ls []ReadinessLine, kind string) (ReadinessLine, bool) {
	i := slices.IndexFunc(ls, func(l ReadinessLine) bool { return l.Kind == kind })
	if i < 0 {
		return ReadinessLine{}, false
	}
	return ls[i], true
}

func TestReadiness(t *testing.T) {
	basic := &User{ID: "u1", Email: "me@acme.example", Type: UserBasic}
	licensed := &User{ID: "u1", Email: "me@acme.example", Type: UserLicensed}
	okCheck := &SettingsCheck{OK: true}
	badCheck := &SettingsCheck{OK: false}
	lockedCheck := &SettingsCheck{OK: false, AdminMessage: "Dear admin, please unlock local recording."}
	gib := uint64(1_000_000_000)
	plain := ReadinessInput{Now: rdStart.Add(-time.Hour), Settings: Settings{}} // no consent, nothing measured
	with := func(f func(*ReadinessInput)) ReadinessInput { in := plain; f(&in); return in }
	calOnly := rdIV(-42, 0, 30)
	calOnly.HostedByMe, calOnly.HostKnown, calOnly.Source, calOnly.JoinURL = false, false, SourceCalendar, ""
	organized := othersIV(rdIV(2, 0, 45), "host@acme.example")
	organized.Organizer = &Person{Name: "Cora Coordinator", Email: "cora@acme.example"}
	notInterview := rdIV(3, 0, 60)
	notInterview.IsInterview = false
	unknownHost := rdIV(4, 0, 30)
	unknownHost.HostedByMe, unknownHost.HostKnown = false, false

	tests := []struct {
		name     string
		user     *User
		check    *SettingsCheck
		others   []Interview // the snapshot's other interviews
		iv       Interview
		in       ReadinessInput
		want     []string          // "kind severity" of every line, in order
		wantText map[string]string // kind -> a substring of its text
	}{
		{name: "hosted, settings checked and fine", user: licensed, check: okCheck, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok"}},
		{name: "hosted, settings not checked yet", user: licensed, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording info"}},
		{name: "hosted, a setting is off", user: licensed, check: badCheck, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording warn"}, wantText: map[string]string{ReadyRecording: "need a change"}},
		{name: "hosted, a setting is locked", user: licensed, check: lockedCheck, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording warn"}, wantText: map[string]string{ReadyRecording: "locked by your Zoom admin"}},
		{name: "someone else hosts, Zoom named them", user: licensed, check: okCheck, iv: othersIV(rdIV(1, 0, 60), "bob@acme.example"), in: plain,
			want:     []string{"host info", "recording warn"},
			wantText: map[string]string{ReadyHost: "bob@acme.example hosts this interview.", ReadyRecording: "needs the host's permission"}},
		{name: "someone else hosts, the calendar names the organizer", user: licensed, iv: organized, in: plain,
			want: []string{"host info", "recording warn"}, wantText: map[string]string{ReadyHost: "Cora Coordinator"}},
		{name: "the organizer's name is data, not control characters", user: licensed,
			iv: func() Interview {
				iv := othersIV(rdIV(2, 0, 45), "")
				iv.Organizer = &Person{Name: "Cora\n\x1b[31mCoordinator\u202e"}
				return iv
			}(), in: plain,
			want: []string{"host info", "recording warn"}, wantText: map[string]string{ReadyHost: "Cora [31mCoordinator hosts this interview."}},
		{name: "host not known yet", user: licensed, iv: unknownHost, in: plain,
			want: []string{"host info"}, wantText: map[string]string{ReadyHost: "has not said yet"}},
		{name: "calendar event without a Zoom meeting", user: licensed, iv: calOnly, in: plain,
			want: []string{"host info"}, wantText: map[string]string{ReadyHost: "no Zoom meeting"}},

		{name: "Basic, 39 minutes", user: basic, check: okCheck, iv: rdIV(1, 0, 39), in: plain,
			want: []string{"host ok", "recording ok", "plan info"}},
		{name: "Basic, 40 minutes", user: basic, check: okCheck, iv: rdIV(1, 0, 40), in: plain,
			want: []string{"host ok", "recording ok", "plan info"}},
		{name: "Basic, 41 minutes", user: basic, check: okCheck, iv: rdIV(1, 0, 41), in: plain,
			want:     []string{"host ok", "recording ok", "plan warn"},
			wantText: map[string]string{ReadyPlan: "ends meetings you host after 40 minutes, and this one is scheduled for 41"}},
		{name: "licensed, 41 minutes", user: licensed, check: okCheck, iv: rdIV(1, 0, 41), in: plain,
			want: []string{"host ok", "recording ok"}},
		{name: "plan not known (an old cached user)", user: &User{ID: "u1"}, check: okCheck, iv: rdIV(1, 0, 90), in: plain,
			want: []string{"host ok", "recording ok"}},
		{name: "Basic, 60 minutes someone else hosts", user: basic, iv: othersIV(rdIV(1, 0, 60), "bob@acme.example"), in: plain,
			want: []string{"host info", "recording warn"}},

		{name: "overlaps another interview the user hosts", user: licensed, check: okCheck,
			others: []Interview{rdIV(9, 30, 60)}, iv: rdIV(1, 0, 60), in: plain,
			want:     []string{"host ok", "recording ok", "overlap warn"},
			wantText: map[string]string{ReadyOverlap: "Overlaps the interview you host at 10:30: one host cannot run two Zoom meetings"}},
		{name: "overlaps an interview someone else hosts", user: licensed, check: okCheck,
			others: []Interview{othersIV(rdIV(9, 30, 60), "bob@acme.example")}, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok", "overlap warn"}, wantText: map[string]string{ReadyOverlap: "Overlaps the interview at 10:30."}},
		{name: "overlapped by the one before (times in the local zone)", user: licensed, check: okCheck,
			others: []Interview{rdIV(9, -30, 60)}, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Location = time.FixedZone("CET", 3600) }),
			want: []string{"host ok", "recording ok", "overlap warn"}, wantText: map[string]string{ReadyOverlap: "at 10:30"}},
		{name: "the next one starts when it ends", user: licensed, check: okCheck,
			others: []Interview{rdIV(9, 60, 30)}, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok", "back_to_back warn"}, wantText: map[string]string{ReadyBackToBack: "the next interview starts at 11:00"}},
		{name: "it starts when the one before ends", user: licensed, check: okCheck,
			others: []Interview{rdIV(9, -30, 30)}, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok", "back_to_back warn"}, wantText: map[string]string{ReadyBackToBack: "starts when the interview at 09:30 ends"}},
		{name: "a five-minute gap is fine", user: licensed, check: okCheck,
			others: []Interview{rdIV(9, 65, 30), rdIV(8, -35, 30)}, iv: rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok"}},
		{name: "an ended meeting and one that is not an interview do not count", user: licensed, check: okCheck,
			others: []Interview{func() Interview { iv := rdIV(9, -30, 60); iv.State = StateEnded; return iv }(), notInterview},
			iv:     rdIV(1, 0, 60), in: plain,
			want: []string{"host ok", "recording ok"}},

		{name: "disk space enough", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Computer = Computer{DiskKnown: true, DiskFree: 50 * gib} }),
			want: []string{"host ok", "recording ok", "disk ok"}, wantText: map[string]string{ReadyDisk: "50.0 GB free"}},
		{name: "disk space just enough (400 MB for an hour)", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Computer = Computer{DiskKnown: true, DiskFree: 400_000_000} }),
			want: []string{"host ok", "recording ok", "disk ok"}},
		{name: "disk space short", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:       with(func(in *ReadinessInput) { in.Computer = Computer{DiskKnown: true, DiskFree: 399_000_000} }),
			want:     []string{"host ok", "recording ok", "disk warn"},
			wantText: map[string]string{ReadyDisk: "Only 399 MB free in the recording folder: a 60-minute recording needs about 400 MB (200 MB an hour, twice while Zoom converts it)"}},
		{name: "disk space short at a higher estimate", user: licensed, check: okCheck, iv: rdIV(1, 0, 90),
			in: with(func(in *ReadinessInput) {
				in.Settings.RecordingMBPerHour = 1000
				in.Computer = Computer{DiskKnown: true, DiskFree: 2 * gib}
			}),
			want: []string{"host ok", "recording ok", "disk warn"}, wantText: map[string]string{ReadyDisk: "needs about 3.0 GB (1000 MB an hour"}},
		{name: "disk space not measured", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Computer = Computer{DiskFree: 0} }),
			want: []string{"host ok", "recording ok"}},

		{name: "Zoom app installed", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Computer.ZoomApp = AppInstalled }),
			want: []string{"host ok", "recording ok", "zoom_app ok"}},
		{name: "Zoom app missing", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Computer.ZoomApp = AppMissing }),
			want: []string{"host ok", "recording ok", "zoom_app warn"}, wantText: map[string]string{ReadyZoomApp: "Join opens the meeting in the browser"}},

		{name: "consent reminder on", user: licensed, check: okCheck, iv: rdIV(1, 0, 60),
			in:   with(func(in *ReadinessInput) { in.Settings.ConsentReminder = true }),
			want: []string{"host ok", "recording ok", "consent info"}, wantText: map[string]string{ReadyConsent: "Tell the candidate the interview is recorded."}},
		{name: "everything at once, in order", user: basic, check: okCheck, others: []Interview{rdIV(9, 30, 60)}, iv: rdIV(1, 0, 60),
			in: with(func(in *ReadinessInput) {
				in.Settings = DefaultSettings()
				in.Computer = Computer{DiskKnown: true, DiskFree: 100_000_000, ZoomApp: AppMissing}
			}),
			want: []string{"host ok", "recording ok", "plan warn", "overlap warn", "disk warn", "zoom_app warn", "consent info"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := &Snapshot{User: tt.user, RecordingSettings: tt.check, Interviews: append([]Interview{tt.iv}, tt.others...)}
			got := Readiness(snap, tt.iv, tt.in)
			if !slices.Equal(lineSummary(got), tt.want) {
				t.Fatalf("lines = %q, want %q\n%+v", lineSummary(got), tt.want, got)
			}
			for kind, sub := range tt.wantText {
				if l, _ := lineOf(got, kind); !strings.Contains(l.Text, sub) {
					t.Errorf("%s line = %q, want it to contain %q", kind, l.Text, sub)
				}
			}
			for _, l := range got {
				if strings.Contains(l.Text, "Ada") {
					t.Errorf("%s line names the candidate: %q", l.Kind, l.Text)
				}
				if (l.Action == "") != (l.Label == "") {
					t.Errorf("%s line has action %q and label %q", l.Kind, l.Action, l.Label)
				}
				if l.Action == ActionOpenURL && !strings.HasPrefix(l.URL, "https://zoom.us/") {
					t.Errorf("%s line opens %q", l.Kind, l.URL)
				}
			}
		})
	}
}

// TestReadinessHostRequest: the recording line of an interview someone
// else hosts copies the request for the host, naming the user's account.
func TestReadinessHostRequest(t *testing.T) {
	iv := othersIV(rdIV(86512345678, 0, 45), "bob@acme.example")
	snap := &Snapshot{User: &User{Email: "me@acme.example", Type: UserLicensed}, Interviews: []Interview{iv}}
	l, ok := lineOf(Readiness(snap, iv, ReadinessInput{}), ReadyRecording)
	if !ok || l.Action != ActionCopyHostRequest {
		t.Fatalf("recording line = %+v", l)
	}
	if want := HostRequest(iv, snap.User, time.UTC); l.Copy != want {
		t.Errorf("copy = %q, want HostRequest's %q", l.Copy, want)
	}
	if !strings.Contains(l.Copy, "me@acme.example") || !strings.Contains(l.Copy, "865 1234 5678") {
		t.Errorf("request = %q", l.Copy)
	}
}

func TestConflicts(t *testing.T) {
	a, b, c, d := rdIV(1, 0, 60), rdIV(2, 30, 60), rdIV(3, 90, 30), rdIV(4, 200, 30)
	b = othersIV(b, "bob@acme.example")
	snap := &Snapshot{Interviews: []Interview{d, c, b, a}} // out of order on purpose
	got := Conflicts(snap)
	var keys []string
	for _, c := range got {
		keys = append(keys, c.Key)
	}
	want := []string{
		"overlap/1@2026-12-07T10:00:00Z/2@2026-12-07T10:30:00Z",
		"back_to_back/2@2026-12-07T10:30:00Z/3@2026-12-07T11:30:00Z",
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("conflict keys = %q, want %q", keys, want)
	}
	if got[0].BothHosted || got[0].First.ID != 1 || got[0].Second.ID != 2 {
		t.Errorf("first conflict = %+v", got[0])
	}
	// The same snapshot rebuilt gives the same keys (the agent announces
	// each once); a moved interview gives a new one.
	if again := Conflicts(&Snapshot{Interviews: []Interview{a, b, c, d}}); again[0].Key != want[0] {
		t.Errorf("keys moved: %q", again[0].Key)
	}
	if Conflicts(nil) != nil {
		t.Error("Conflicts(nil) is not nil")
	}
}

func TestUpcomingReadiness(t *testing.T) {
	ended := rdIV(1, -120, 60)
	ended.State = StateEnded
	meeting := rdIV(2, 0, 30)
	meeting.IsInterview = false
	running := rdIV(3, -10, 60)
	running.State = StateInProgress
	next := rdIV(4, 60, 30)
	snap := &Snapshot{User: &User{Type: UserLicensed}, RecordingSettings: &SettingsCheck{OK: true},
		Interviews: []Interview{ended, meeting, running, next}}
	got := UpcomingReadiness(snap, ReadinessInput{Now: rdStart})
	if len(got) != 2 || got[0].MeetingID != 3 || got[1].MeetingID != 4 || got[1].Key != "4@2026-12-07T11:00:00Z" {
		t.Fatalf("readiness = %+v", got)
	}
	if len(got[0].Lines) == 0 {
		t.Error("no lines for the running interview")
	}
}

func TestRecordingNeed(t *testing.T) {
	tests := []struct {
		minutes, rate int
		want          uint64
	}{
		{60, 200, 400_000_000},
		{30, 200, 200_000_000},
		{0, 200, 66_666_666}, // at least ten minutes
		{45, 1000, 1_500_000_000},
	}
	for _, tt := range tests {
		if got := RecordingNeed(tt.minutes, tt.rate); got != tt.want {
			t.Errorf("RecordingNeed(%d, %d) = %d, want %d", tt.minutes, tt.rate, got, tt.want)
		}
	}
}

// TestReadinessSettings: the new settings have their defaults, a file
// from before them keeps the defaults, and a bad value is refused.
func TestReadinessSettings(t *testing.T) {
	d := DefaultSettings()
	if d.RecordingMBPerHour != 200 || !d.ConsentReminder {
		t.Errorf("defaults: %d MB an hour, consent %v", d.RecordingMBPerHour, d.ConsentReminder)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, settingsFile), []byte(`{"snooze":"5m","hide_names":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSettings(dir)
	if err != nil || s.RecordingMBPerHour != 200 || !s.ConsentReminder || !s.HideNames {
		t.Errorf("an older file: %+v, %v", s, err)
	}
	for _, v := range []int{-1, 100_001} {
		s := DefaultSettings()
		s.RecordingMBPerHour = v
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "MB an hour") {
			t.Errorf("%d MB an hour: %v", v, err)
		}
	}
	s = DefaultSettings()
	s.RecordingMBPerHour = 0 // the default
	if err := s.Validate(); err != nil {
		t.Errorf("0 MB an hour: %v", err)
	}
}
