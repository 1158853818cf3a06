package window

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

func TestRecordings(t *testing.T) {
	// Given two past interviews: one Zoom is still processing and
	// converting, one ready in the cloud and on this computer
	h := newHarness(t, NameRecordings)
	h.state(recordingsState())
	h.settle()
	h.golden("recordings.xml")
	// by day, each with its times, and what is not ready yet says why
	h.mustShow("Today · Monday 14 September", "Interview: Ravi Patel — Site Reliability Engineer", "09:00 – 09:52",
		"Zoom is processing it · ended 26 min ago", "Converting… the Zoom app is still converting it",
		"Yesterday · Sunday 13 September", "Interview: Lena Fischer — Backend Engineer", "15:00 – 15:52",
		"1 cloud recording is being processed: Zoom makes a cloud recording after the meeting ends",
		"1 local recording is being converted: the Zoom app converts it when the meeting ends")
	// and the folder the agent watches, which is not there
	h.mustShow(testFolder, "This folder does not exist yet")
	if h.hasButton("Open") {
		t.Error("an Open button for a folder that does not exist")
	}
	// The cloud is a cloud, not an upload arrow
	walk(h.w, func(o fyne.CanvasObject) {
		if i, ok := o.(*widget.Icon); ok && i.Resource != nil && i.Resource.Name() == theme.UploadIcon().Name() {
			t.Error("a recording carries the upload icon")
		}
	})

	// When the user taps each link, the agent opens it
	for _, b := range []string{"Watch", "Listen", "Transcript", "Play", "Open folder"} {
		h.tap(b)
	}
	folder := "/home/ada/Documents/Zoom/2026-09-13 15.00.12 Interview Lena Fischer"
	h.wantCalls(
		"open_link https://zoom.us/rec/play/watch-lena",
		"open_link https://zoom.us/rec/play/listen-lena",
		"open_link https://zoom.us/rec/download/transcript-lena",
		"open_folder "+folder+"/video1234.mp4",
		"open_folder "+folder,
	)

	// The share link is copied with its passcode
	h.tap("Copy link + passcode")
	if got := h.app.Clipboard().Content(); got != "https://zoom.us/rec/share/lena\nPasscode: Zx81!" {
		t.Errorf("clipboard = %q", got)
	}

	// A minute boundary later, "ended N min ago" moves on
	h.now = h.now.Add(10 * time.Minute)
	h.sh.scr.(minuteTicker).tick()
	h.mustShow("Zoom is processing it · ended 36 min ago")
}

func TestRecordingsOneCardPerInterview(t *testing.T) {
	got := byInterview(demoState().Snapshot.Recordings)
	if len(got) != 2 || len(got[0]) != 2 || len(got[1]) != 2 ||
		got[0][0].MeetingID != idRavi || got[1][0].MeetingID != idLena || got[1][1].Kind != model.KindLocal {
		t.Errorf("byInterview = %+v", got)
	}
	h := newHarness(t, NameRecordings)
	h.state(recordingsState())
	cards := 0
	walk(h.w, func(o fyne.CanvasObject) {
		if _, ok := o.(*widget.Card); ok {
			cards++
		}
	})
	if cards != 2 {
		t.Errorf("%d cards, want one per interview (2)", cards)
	}
}

func TestRecordingsEmptyStates(t *testing.T) {
	t.Run("signed out", func(t *testing.T) {
		h := newHarness(t, NameRecordings)
		h.state(signedOutState())
		h.mustShow("Sign in to see your recordings")
		h.tap("Sign in with Zoom")
		h.wantCalls("sign_in")
	})
	t.Run("none yet", func(t *testing.T) {
		h := newHarness(t, NameRecordings)
		st := recordingsState()
		st.Snapshot.Recordings = nil
		h.state(st)
		h.settle()
		h.golden("recordings_empty.xml")
		h.mustShow("No recordings yet")
	})
	t.Run("no links", func(t *testing.T) {
		h := newHarness(t, NameRecordings)
		st := demoState()
		st.Snapshot.Recordings = []model.Recording{{MeetingID: 1, Topic: "Interview", StartTime: at(-1, 9, 0),
			Kind: model.KindCloud, State: model.RecReady}}
		h.state(st)
		h.mustShow("Zoom gave no links for this recording.")
	})
}

// testFolder is a recording folder that does not exist, for goldens that
// do not depend on the machine's home folder.
const testFolder = "/nonexistent/interviewtray-test/Zoom"

func recordingsState() localapi.State {
	st := demoState()
	st.Settings.RecordingFolder = testFolder
	return st
}

func TestRecordingsFolderThere(t *testing.T) {
	// Given the folder exists, the bar offers to open it
	h := newHarness(t, NameRecordings)
	st := demoState()
	st.Settings.RecordingFolder = t.TempDir()
	h.state(st)
	h.settle()
	h.mustShow(st.Settings.RecordingFolder, "looks here after each interview")
	h.tap("Open")
	h.tap("Change…")
	h.wantCalls("open_folder "+st.Settings.RecordingFolder, "open_window settings")
}
