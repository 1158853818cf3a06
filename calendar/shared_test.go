package calendar

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/zoom"
)

// sharedICS holds real-world calendar files (see its SOURCES.md). They are
// read in place, never copied into the project.
const sharedICS = "../../shared/fixtures/ics"

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSharedFixtures reads every real-world file and checks what a careful
// reader of RFC 5545 expects in a window chosen for each.
func TestSharedFixtures(t *testing.T) {
	if _, err := os.Stat(sharedICS); err != nil {
		testenv.Missing(t, "the shared fixtures directory "+sharedICS)
	}
	berlin := mustZone("Europe/Berlin")
	type want struct {
		from, to   string
		local      *time.Location
		user       string
		count      int      // occurrences in the window
		unreadable int      // events that could not be read
		has        []string // briefs that must be among the occurrences
		hasNot     []string
		zoom       []string // meeting IDs found, sorted, once each
		declined   int
		cancelled  int
	}
	cases := map[string]want{
		"apple_calendar_export_meeting_links.ics": {from: "2020-12-20", to: "2021-01-01", count: 24,
			has:  []string{"F436AED2-BAF8-4263-BBE3-1B9DF8B2FB2C 12-25T17:47Z 1h0m0s", "F3F59186-633A-4D28-8E85-4E7B8E74FDE7 12-26T16:30Z 1h0m0s"},
			zoom: []string{"6212980889"}},
		"davx5_rdate_exdate_until_across_dst.ics": {from: "2019-10-01", to: "2020-03-01", count: 8,
			has: []string{ // CEST before 10-27, CET after; the UTC EXDATEs follow; RDATE on the UNTIL day
				"f0f31ddb-6918-46af-a5a1-0a7254fbce71 10-29T15:15Z 1h30m0s", "f0f31ddb-6918-46af-a5a1-0a7254fbce71 11-12T15:15Z 1h30m0s",
				"f0f31ddb-6918-46af-a5a1-0a7254fbce71 12-10T15:15Z 1h30m0s", "f0f31ddb-6918-46af-a5a1-0a7254fbce71 02-04T15:15Z 1h30m0s"},
			hasNot: []string{"f0f31ddb-6918-46af-a5a1-0a7254fbce71 10-15T14:15Z 1h30m0s", "f0f31ddb-6918-46af-a5a1-0a7254fbce71 11-05T15:15Z 1h30m0s"}},
		"exchange_teams_cancel_one_occurrence.ics": {from: "2019-12-01", to: "2020-01-01", count: 1, cancelled: 1,
			has: []string{"040000008200E00074C5B7101A82E008000000003040AB905072D5010000000000000000100000006F400595F64BE64F9B3BE5C86142E3B7 12-24T17:30Z 1h0m0s CANCELLED"}},
		"exchange_teams_cancel_series_exdate.ics":              {from: "2019-07-01", to: "2019-12-31", count: 4, cancelled: 4},
		"exchange_teams_moved_occurrence.ics":                  {from: "2019-07-01", to: "2019-08-01", count: 1},
		"exchange_teams_request_biweekly_until_across_dst.ics": {from: "2019-06-01", to: "2020-01-01", count: 12},
		"exchange_zoom_unescaped_multiline_description.ics": {from: "2024-09-01", to: "2024-11-01", local: berlin, count: 2, unreadable: 1,
			has: []string{"no-uid-906b4bcb873ca2f1 09-23T08:00Z 30m0s", "no-uid-906b4bcb873ca2f1 10-07T08:00Z 30m0s"}},
		"fastmail_cyrus_two_rrules_tzid_without_vtimezone.ics": {from: "2023-01-01", to: "2023-07-01", count: 22,
			has: []string{"56cdc4dc-11b7-407c-86c6-9faedfc28afb 02-13T10:00Z 2h0m0s", "56cdc4dc-11b7-407c-86c6-9faedfc28afb 03-30T09:00Z 2h0m0s"}},
		"google_feed_chicago_weekly_exdate_dst.ics": {from: "2021-03-08", to: "2021-03-22", count: 28,
			has: []string{"c4p6@google.com 03-12T14:15Z 15m0s", "c4p6@google.com 03-15T13:15Z 15m0s"}},
		"google_feed_invalid_exdate_value_date.ics": {from: "2003-02-01", to: "2003-03-01", count: 8,
			has:    []string{"KOrganizer-854889822.731//199594j26139acq39nj78tbhac@group.calendar.google.com 02-07T20:00Z 2h0m0s TENTATIVE"},
			hasNot: []string{"KOrganizer-854889822.731//199594j26139acq39nj78tbhac@group.calendar.google.com 02-08T20:00Z 2h0m0s TENTATIVE"}},
		"google_feed_large_anonymized_677_events.ics":       {from: "2024-09-01", to: "2024-10-01", local: mustZone("Europe/Paris"), count: 59},
		"google_feed_meet_conference_declined_unfolded.ics": {from: "2022-03-01", to: "2022-03-02", user: "xxxxxx.xxxxxxxxxx@xxxxxxxxxxx.com", count: 1, declined: 1},
		"google_feed_moved_occurrence_before_master.ics": {from: "2021-12-01", to: "2022-01-01", count: 1,
			has: []string{"38m812jicsrer5gorh3mlp7qhc@google.com 12-17T20:30Z 0s"}},
		"google_feed_zoom_links_html_lisbon_dst.ics": {from: "2020-10-19", to: "2020-11-02", count: 32,
			has:  []string{"19idhvb4cla1jmoi8rc54jssi9@google.com 10-19T15:00Z 2h0m0s", "19idhvb4cla1jmoi8rc54jssi9@google.com 10-26T16:00Z 2h0m0s"},
			zoom: []string{"87655011368", "91945630844", "92557859084", "93800310242", "94350704384", "94525956882", "95949069499", "96653612006", "98038795589", "98192414528", "98525406376"}},
		"google_invite_allday_weekly_declined.ics": {from: "2014-08-01", to: "2014-10-01", user: "benbitdit@example.com", count: 22, declined: 22,
			has: []string{"3f449c2mddkrkat2e803koqgt8@google.com 09-28T00:00Z 24h0m0s allday declined"}},
		"google_invite_meet_request.ics": {from: "2020-02-01", to: "2020-02-10", count: 1,
			has: []string{"3k4b3urjjcs9pef2euo9aa87sv@google.com 02-05T05:30Z 30m0s"}},
		"google_method_cancel.ics": {from: "2000-01-01", to: "2030-01-01", count: 1, cancelled: 1},
		"icloud_caldav_malformed_nested_vevent.ics": {from: "2022-09-01", to: "2022-10-01", count: 22,
			has:    []string{"E53B06A1-9F72-41D9-9446-68E335D2D4F4 09-25T16:00Z 1h0m0s", "6D0A3855-9577-40D3-AE87-9624657C7561 09-30T16:00Z 1h0m0s"},
			hasNot: []string{"E53B06A1-9F72-41D9-9446-68E335D2D4F4 09-26T16:00Z 1h0m0s"}}, // UNTIL=20220926T155959Z
		"lotus_notes_thisandfuture_rdate_period_custom_tzid.ics": {from: "2021-10-01", to: "2022-03-01", count: 4},
		"o365_published_custom_windows_timezones.ics":            {from: "2024-01-01", to: "2025-01-01", count: 17},
		"o365_published_freebusy_202_events_66_overrides.ics":    {from: "2021-11-01", to: "2021-12-01", count: 44},
		"o365_published_tzid_without_vtimezone.ics": {from: "2024-04-01", to: "2024-05-01", local: berlin, count: 1,
			has: []string{"040000008200E00074C5B7101A82E00800000000687C546B5596DA01000000000000000010000000309AE93C8C3A94489F90ADBEA30C2F2B 04-26T12:00Z 1h0m0s"}},
		"outlook_published_allday_biweekly_exdate_gmt.ics": {from: "2024-06-01", to: "2024-11-01", count: 3,
			has: []string{"111 07-01T00:00Z 168h0m0s allday"}, hasNot: []string{"111 07-15T00:00Z 168h0m0s allday", "111 07-29T00:00Z 168h0m0s allday"}},
		"owncloud_mixed_floating_and_bad_tzid_z.ics": {from: "2015-05-01", to: "2015-07-01", local: berlin, count: 2,
			has: []string{"http://wiki.hamburg.ccc.de/Termin:Junghackertag 05-30T10:00Z 6h0m0s", "S9HZETRQne 06-02T12:00Z 2h0m0s"}},
		"thunderbird_count3_cancelled_occurrence.ics": {from: "2020-01-01", to: "2020-03-01", count: 3, cancelled: 1,
			has: []string{"b65c2b5b-b785-4edc-9560-e0379036d1f2 01-29T21:00Z 1h0m0s CANCELLED"}},
		"tvcountdown_feed_floating_times_xwrtimezone.ics": {from: "2011-01-01", to: "2012-01-01", count: 26,
			has: []string{"20110331T200000Z-79@tvcountdown.com 04-01T00:00Z 30m0s"}},
		"yahoo_cancel_malformed_teams.ics":         {from: "2019-07-01", to: "2020-01-01", count: 5, cancelled: 5},
		"zoom_meeting_invite_kolkata.ics":          {from: "2020-08-01", to: "2020-09-01", count: 1, zoom: []string{"9396880476"}},
		"zoom_meeting_invite_los_angeles.ics":      {from: "2020-10-01", to: "2020-11-01", count: 1, zoom: []string{"9396880476"}},
		"zoom_webinar_invite_request_unfolded.ics": {from: "2026-04-01", to: "2026-05-01", count: 1, zoom: []string{"88301474380"}},
	}
	files, _ := filepath.Glob(filepath.Join(sharedICS, "*.ics"))
	if len(files) == 0 {
		testenv.Missing(t, "the .ics files in "+sharedICS)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			w, ok := cases[name]
			if !ok {
				t.Fatalf("no expectations for %s: add them", name)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{From: day(w.from), To: day(w.to), Local: w.local, MaxPerSeries: 1000}
			if opt.Local == nil {
				opt.Local = time.UTC
			}
			if w.user != "" {
				opt.UserAddresses = []string{w.user}
			}
			res, err := ParseBytes(b, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := briefs(res)
			if len(got) != w.count {
				t.Errorf("%d occurrences, want %d: %q", len(got), w.count, got)
			}
			if len(res.Unreadable) != w.unreadable {
				t.Errorf("unreadable %v, want %d", res.Unreadable, w.unreadable)
			}
			for _, h := range w.has {
				if !slices.Contains(got, h) {
					t.Errorf("missing %q", h)
				}
			}
			for _, h := range w.hasNot {
				if slices.Contains(got, h) {
					t.Errorf("unexpected %q", h)
				}
			}
			var ids []string
			declined, cancelled := 0, 0
			for _, o := range res.Occurrences {
				if o.Zoom != nil {
					if !slices.Contains(ids, o.Zoom.MeetingID) {
						ids = append(ids, o.Zoom.MeetingID)
					}
					if err := zoom.CheckLink(o.Zoom.JoinURL); err != nil {
						t.Errorf("join URL fails CheckLink: %v", err)
					}
				}
				if o.Declined {
					declined++
				}
				if o.Cancelled() {
					cancelled++
				}
			}
			slices.Sort(ids)
			if !slices.Equal(ids, w.zoom) {
				t.Errorf("zoom meetings %v, want %v", ids, w.zoom)
			}
			if declined != w.declined || cancelled != w.cancelled {
				t.Errorf("declined %d cancelled %d, want %d and %d", declined, cancelled, w.declined, w.cancelled)
			}
		})
	}
}
