package calendar

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/emersion/go-ical"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestImportsStayLow keeps the package below the engine: no Fyne, no
// sync, auth, agent or ui (zoom is allowed for zoom.CheckLink).
func TestImportsStayLow(t *testing.T) {
	testenv.RequireCommands(t, "go")
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/interviewtray/interviewtray/"
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"fyne.io/", mod + "sync", mod + "auth", mod + "agent", mod + "ui"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("calendar depends on %s", dep)
			}
		}
	}
}

// TestGoIcalAloneLosesTheFile shows why components are split before
// go-ical sees them: given the whole malformed file, go-ical rejects all
// of it, while Parse keeps the readable events (TestMalformedKeepsTheRest).
func TestGoIcalAloneLosesTheFile(t *testing.T) {
	f, err := os.Open("testdata/malformed.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ical.NewDecoder(f).Decode(); err == nil {
		t.Fatal("go-ical read the malformed file whole; the splitting may no longer be needed")
	}
}

func TestLongUnfoldedLine(t *testing.T) {
	// Zoom writes DESCRIPTION as one line of well over 75 octets.
	desc := strings.Repeat("Lorem ipsum dolor sit amet. ", 80) + "Join: https://us06web.zoom.us/j/81234567890?pwd=Long " + strings.Repeat("x", 500)
	body := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART:20260310T090000Z\r\nDESCRIPTION:" + desc + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	res, err := ParseBytes([]byte(body), marchOpt)
	if err != nil || len(res.Occurrences) != 1 {
		t.Fatal(err, res)
	}
	if z := res.Occurrences[0].Zoom; z == nil || z.MeetingID != "81234567890" || z.PWD != "Long" {
		t.Errorf("zoom %+v in a %d-octet line", z, len(desc))
	}
}
