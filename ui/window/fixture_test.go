package window

import (
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// The tests' clock and time zone: Monday 14 September 2026, 10:18 in a
// fixed UTC+2 zone, so that goldens do not depend on the machine.
var (
	testZone = time.FixedZone("CEST", 2*60*60)
	testNow  = time.Date(2026, 9, 14, 10, 18, 0, 0, testZone)
)

// at is a time on the test day (days after it) in the test zone, as UTC
// like the agent sends it.
func at(days, hour, minute int) time.Time {
	return time.Date(2026, 9, 14+days, hour, minute, 0, 0, testZone).UTC()
}

// Meeting numbers of the fixture.
const (
	idPriya  int64 = 85746065432 // today 10:30, hosted by the user
	idJonah  int64 = 81234567890 // today 13:30, hosted by someone else
	idSync   int64 = 89911122233 // today 15:30, not an interview
	idMarcus int64 = 9876543210  // tomorrow 16:00
	idRavi   int64 = 83300011122 // ended at 09:52
	idLena   int64 = 84400022233 // yesterday
)

// calWork is the fixture's calendar source.
const calWork = "c0ffee42"

func interview(id int64, topic string, start time.Time, minutes int) model.Interview {
	return model.Interview{
		ID: id, Topic: topic, StartTime: start, Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute),
		JoinURL: "https://zoom.us/j/" + itoa(id), HostKnown: true, IsInterview: true,
		State: model.StateUpcoming,
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// simSettingsURL is the demo's recording settings page: the simulator's.
const simSettingsURL = "http://127.0.0.1:47123/profile/setting?tab=recording"

// demoCheck is a recording-settings check with one setting to fix, one
// locked by the admin and the manual checks.
func demoCheck() *model.SettingsCheck {
	return &model.SettingsCheck{
		CheckedAt: at(0, 10, 0),
		OK:        false,
		Settings: []model.SettingState{
			{Key: "recording.local_recording", Label: "Record to computer files", State: model.SettingNeedsChange,
				Current: false, Wanted: true, Required: true, Why: "Needed to record interviews to your computer."},
			{Key: "recording.recording_disclaimer", Label: "Recording disclaimer", State: model.SettingOK,
				Current: true, Wanted: true, Why: "Tells candidates that the interview is recorded."},
			{Key: "recording.ask_participants_to_consent_disclaimer", Label: "Ask participants for consent when a recording starts",
				State: model.SettingLocked, Current: false, Wanted: true, Why: "Candidates agree to the recording before it starts."},
			{Key: "recording.auto_recording", Label: "Automatic recording", State: model.SettingOK,
				Current: "none", Why: "With \"none\" press Record in each interview."},
		},
		ManualChecks: []model.ManualCheck{
			{Key: "request_local_recording", Label: "Participants can request permission to record locally",
				Why: "For interviews someone else hosts.", URL: model.SettingsURL},
			{Key: "recording_folder", Label: "The Zoom app saves local recordings in the folder Interview Tray watches",
				Why: "Interview Tray looks for recordings in that folder."},
		},
		SettingsURL:  simSettingsURL,
		AdminMessage: "Hello, could you unlock \"Ask participants for consent when a recording starts\" in Zoom for ada@example.com? Thanks!",
	}
}

// demoState is a signed-in agent with a day of interviews, recordings, a
// reminder and a settings problem.
func demoState() localapi.State {
	priya := interview(idPriya, "Interview: Priya Raman — Senior Backend Engineer", at(0, 10, 30), 45)
	priya.HostedByMe, priya.Passcode = true, "738201"
	jonah := interview(idJonah, "Panel Interview: Jonah Keller — Principal Engineer", at(0, 13, 30), 60)
	jonah.NeedsHostPermission = true
	sync := interview(idSync, "Platform Team Weekly Sync", at(0, 15, 30), 30)
	sync.IsInterview, sync.HostedByMe = false, true
	marcus := interview(idMarcus, "Interview: Marcus Chen — Staff SRE (System Design)", at(1, 16, 0), 60)
	marcus.HostedByMe, marcus.Passcode = true, "55120"
	ravi := interview(idRavi, "Interview: Ravi Patel — Site Reliability Engineer", at(0, 9, 0), 45)
	ravi.State = model.StateEnded

	folder := "/home/ada/Documents/Zoom/2026-09-13 15.00.12 Interview Lena Fischer"
	snap := &model.Snapshot{
		GeneratedAt: at(0, 10, 17),
		User:        &model.User{ID: "u1", Email: "ada@example.com", Name: "Ada"},
		Interviews:  []model.Interview{ravi, priya, jonah, sync, marcus},
		Recordings: []model.Recording{
			{MeetingID: idRavi, MeetingUUID: "r1", Topic: ravi.Topic, StartTime: at(0, 9, 0), EndedAt: at(0, 9, 52),
				Kind: model.KindCloud, State: model.RecProcessing},
			{MeetingID: idRavi, Topic: ravi.Topic, StartTime: at(0, 9, 0), Kind: model.KindLocal, State: model.RecConverting,
				Links: model.Links{Folder: "/home/ada/Documents/Zoom/2026-09-14 09.00.03 Interview Ravi Patel"}},
			{MeetingID: idLena, MeetingUUID: "l1", Topic: "Interview: Lena Fischer — Backend Engineer", StartTime: at(-1, 15, 0),
				EndedAt: at(-1, 15, 52), Kind: model.KindCloud, State: model.RecReady, Passcode: "Zx81!",
				Links: model.Links{
					Watch:      "https://zoom.us/rec/play/watch-lena",
					Listen:     "https://zoom.us/rec/play/listen-lena",
					Transcript: "https://zoom.us/rec/download/transcript-lena",
					Share:      "https://zoom.us/rec/share/lena",
				}},
			{MeetingID: idLena, Topic: "Interview: Lena Fischer — Backend Engineer", StartTime: at(-1, 15, 0),
				Kind: model.KindLocal, State: model.RecReady,
				Links: model.Links{Folder: folder},
				Files: []string{folder + "/audio1234.m4a", folder + "/video1234.mp4"}},
		},
		RecordingSettings: demoCheck(),
		Reminders: []model.Reminder{{
			Key: "85746065432@2026-09-14T08:30:00Z/600", MeetingID: idPriya, Topic: priya.Topic,
			StartTime: priya.StartTime, Kind: model.ReminderBefore, Minutes: 10,
			Due: at(0, 10, 20), FiredAt: at(0, 10, 20), JoinURL: priya.JoinURL,
		}},
		Health: model.Health{LastSync: at(0, 10, 17)},
		Problems: []model.Problem{{
			Message: "\"Record to computer files\" is off in Zoom: interviews cannot be recorded to your computer.",
			Action:  model.ActionFixSettings, Label: "Fix it for me",
		}},
	}
	settings := model.DefaultSettings()
	settings.Calendars = []model.CalendarSource{{ID: calWork, Name: "Work calendar", Masked: "calendar.google.com…f3.ics"}}
	snap.Calendars = []model.CalendarStatus{{ID: calWork, Name: "Work calendar", Masked: "calendar.google.com…f3.ics",
		LastFetched: at(0, 10, 13), OK: true, Events: 42, Interviews: 3}}
	return localapi.State{
		Snapshot: snap,
		Settings: settings,
		Agent: localapi.AgentInfo{
			Version: "test", Demo: true, SignedIn: true, Email: "ada@example.com",
			SignIn: localapi.SignInProgress{State: localapi.SignInIdle},
		},
	}
}

// signedOutState is a fresh agent that never signed in.
func signedOutState() localapi.State {
	return localapi.State{
		Settings: model.DefaultSettings(),
		Agent: localapi.AgentInfo{
			Version: "test", Demo: true, SignIn: localapi.SignInProgress{State: localapi.SignInIdle},
			SignedOutReason: "never_signed_in", SignedOutMessage: "Not signed in to Zoom yet.",
		},
	}
}
