package calendar

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDump(t *testing.T) {
	files, _ := filepath.Glob("../../shared/fixtures/ics/" + os.Getenv("F") + "*.ics")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		res, err := ParseBytes(b, Options{From: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Local: time.UTC, MaxPerSeries: 100000, UserAddresses: []string{os.Getenv("U")}})
		fmt.Printf("== %s err=%v events=%d occ=%d unreadable=%v method=%s\n", filepath.Base(f), err, res.Events, len(res.Occurrences), res.Unreadable, res.Method)
		if os.Getenv("V") != "" && res != nil {
			for _, o := range res.Occurrences {
				fmt.Printf("  %s %s %s rid=%s %s allday=%v dec=%v %q zoom=%v\n", o.Start.Format(time.RFC3339), o.End.Sub(o.Start), o.Status, o.RecurrenceID, o.UID[:min(12, len(o.UID))], o.AllDay, o.Declined, o.Summary, o.Zoom)
			}
		}
	}
}
