package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

func init() {
	register("schedule", "create an interview's Zoom meeting and print the invitation", runSchedule)
	register("reschedule", "move an interview you host to another time", runReschedule)
	register("cancel", "cancel an interview you host (deletes its Zoom meeting)", runCancel)
}

const scheduleUsage = `usage:
  interviewtray schedule --candidate NAME [--role ROLE] --start "2026-12-08 14:00" [--duration 45m]
                         [--record local|cloud|none] [--agenda TEXT] [--timezone ZONE] [--yes] [--json]
  interviewtray reschedule ID --start "2026-12-08 15:00" [--duration 30m] [--json]
  interviewtray cancel ID [--yes]

The start is in the local time zone ("YYYY-MM-DD HH:MM"), or RFC 3339 with
its offset. The running agent does the work (start it with ` + "`interviewtray`" + `);
the agenda, the tray and the reminders follow at once.`

// scheduleTimeout bounds one scheduling command: the agent calls Zoom
// (create, read back) with its own timeouts.
const scheduleTimeout = 2 * time.Minute

// startLayouts are the --start forms, in the local zone.
var startLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05"}

// parseStart reads --start: local wall time or RFC 3339.
func parseStart(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("%w: --start is required (e.g. --start \"2026-12-08 14:00\")", errUsage)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, l := range startLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: --start %q: want \"YYYY-MM-DD HH:MM\" (local time) or RFC 3339", errUsage, s)
}

// parseMinutes reads --duration: a Go duration (45m, 1h30m) or minutes.
func parseMinutes(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d%time.Minute != 0 {
		return 0, fmt.Errorf("%w: --duration %q: want whole minutes such as 45m or 1h30m", errUsage, s)
	}
	return int(d / time.Minute), nil
}

// schedulingAgent is the running agent, or the error saying to start it.
func schedulingAgent(demo bool) (*localapi.Client, error) {
	if c := runningAgent(demo); c != nil {
		c.Timeout = scheduleTimeout
		return c, nil
	}
	start := "interviewtray"
	if demo {
		start = "interviewtray --demo"
	}
	return nil, fmt.Errorf("%w: start it with `%s` and try again", localapi.ErrNoAgent, start)
}

// scheduledJSON is what --json prints of a scheduled interview.
type scheduledJSON struct {
	ID          int64     `json:"id"`
	Topic       string    `json:"topic"`
	StartTime   time.Time `json:"start_time"`
	Duration    int       `json:"duration"`
	JoinURL     string    `json:"join_url"`
	Passcode    string    `json:"passcode,omitempty"`
	Invitation  string    `json:"invitation,omitempty"`
	Differences []string  `json:"differences"`
}

func printScheduled(stdout, stderr io.Writer, s *localapi.Scheduled, asJSON bool) error {
	if s == nil || s.Interview == nil {
		return errors.New("the agent's answer holds no interview")
	}
	iv := s.Interview
	if asJSON {
		out := scheduledJSON{ID: iv.ID, Topic: iv.Topic, StartTime: iv.StartTime, Duration: iv.Duration,
			JoinURL: iv.JoinURL, Passcode: iv.Passcode, Differences: append([]string{}, s.Differences...)}
		if s.Invitation != nil {
			out.Invitation = s.Invitation.Text
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if s.Invitation != nil {
		fmt.Fprint(stdout, cleanLines(s.Invitation.Text))
	} else {
		fmt.Fprintf(stdout, "%s\n%s\n%s\n", safetext.Clean(iv.Topic), iv.StartTime.Local().Format("Mon Jan 2 15:04"), safetext.Clean(iv.JoinURL))
	}
	for _, d := range s.Differences {
		fmt.Fprintf(stderr, "Note: Zoom differs from what was asked: %s\n", safetext.Clean(d))
	}
	return nil
}

func runSchedule(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("schedule", stderr)
	candidate := fs.String("candidate", "", "the candidate's name (required)")
	role := fs.String("role", "", "the role, shown in the topic")
	start := fs.String("start", "", `when it starts, local time: "2026-12-08 14:00"`)
	duration := fs.String("duration", "45m", "how long it lasts")
	record := fs.String("record", "local", "record to this computer (local), to the cloud (cloud), or not (none)")
	agenda := fs.String("agenda", "", "the meeting's agenda, e.g. \"Introduction, experience, questions\"")
	zone := fs.String("timezone", "", "the time zone the invitation names (IANA, e.g. Europe/Berlin; default the local one)")
	yes := fs.Bool("yes", false, "go on despite a warning (a Basic account's 40-minute limit)")
	asJSON := fs.Bool("json", false, "print a JSON object with id, join_url, passcode and start_time")
	fs.Usage = func() { fmt.Fprintln(stderr, scheduleUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*candidate) == "" {
		return fmt.Errorf("%w: --candidate is required", errUsage)
	}
	st, err := parseStart(*start, time.Local)
	if err != nil {
		return err
	}
	mins, err := parseMinutes(*duration)
	if err != nil {
		return err
	}
	switch *record {
	case "local", "cloud", "none":
	default:
		return fmt.Errorf("%w: --record %q: want local, cloud or none", errUsage, *record)
	}
	c, err := schedulingAgent(g.demo)
	if err != nil {
		return err
	}
	req := localapi.ScheduleRequest{Candidate: *candidate, Role: *role, Start: st, DurationMinutes: mins,
		Record: *record, Agenda: *agenda, Timezone: *zone, Confirm: *yes}
	res, err := c.Do(ctx, localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: &req})
	if err != nil {
		return err
	}
	if w := res.Scheduled; w != nil && w.Confirm != "" {
		fmt.Fprintln(stderr, safetext.Clean(w.Confirm))
		if !askYes(stderr, "Schedule it anyway?") {
			return errors.New("not scheduled (add --yes to go on despite the warning)")
		}
		req.Confirm = true
		if res, err = c.Do(ctx, localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: &req}); err != nil {
			return err
		}
	}
	return printScheduled(stdout, stderr, res.Scheduled, *asJSON)
}

// meetingArg parses args with their flags and returns the one meeting ID
// they give.
func meetingArg(fs *flag.FlagSet, args []string) (int64, error) {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		return 0, fmt.Errorf("%w: one meeting ID is needed\n%s", errUsage, scheduleUsage)
	}
	id, err := strconv.ParseInt(strings.ReplaceAll(pos[0], " ", ""), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: %q is not a meeting ID (the number `status --json` shows as id)", errUsage, pos[0])
	}
	return id, nil
}

func runReschedule(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("reschedule", stderr)
	start := fs.String("start", "", `the new start, local time: "2026-12-08 15:00"`)
	duration := fs.String("duration", "", "the new length (default: as it was)")
	asJSON := fs.Bool("json", false, "print a JSON object")
	fs.Usage = func() { fmt.Fprintln(stderr, scheduleUsage); fs.PrintDefaults() }
	id, err := meetingArg(fs, args)
	if err != nil {
		return err
	}
	st, err := parseStart(*start, time.Local)
	if err != nil {
		return err
	}
	mins, err := parseMinutes(*duration)
	if err != nil {
		return err
	}
	c, err := schedulingAgent(g.demo)
	if err != nil {
		return err
	}
	res, err := c.Do(ctx, localapi.Command{Name: localapi.CmdRescheduleInterview, MeetingID: id,
		Schedule: &localapi.ScheduleRequest{Start: st, DurationMinutes: mins}})
	if err != nil {
		return err
	}
	if !*asJSON {
		fmt.Fprintln(stderr, "Rescheduled. The new invitation:")
	}
	return printScheduled(stdout, stderr, res.Scheduled, *asJSON)
}

func runCancel(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("cancel", stderr)
	yes := fs.Bool("yes", false, "do not ask first")
	fs.Usage = func() { fmt.Fprintln(stderr, scheduleUsage); fs.PrintDefaults() }
	id, err := meetingArg(fs, args)
	if err != nil {
		return err
	}
	c, err := schedulingAgent(g.demo)
	if err != nil {
		return err
	}
	if !*yes {
		what := strconv.FormatInt(id, 10)
		if res, err := c.Do(ctx, localapi.Command{Name: localapi.CmdInvitation, MeetingID: id}); err == nil && res.Scheduled != nil && res.Scheduled.Invitation != nil {
			inv := res.Scheduled.Invitation
			what = strings.SplitN(cleanLines(inv.Text), "\n", 2)[0] + " (" + safetext.Clean(inv.When) + ")"
		}
		if !askYes(stderr, "Cancel "+what+"? Its Zoom meeting is deleted.") {
			return errors.New("not cancelled (add --yes to cancel without asking)")
		}
	}
	res, err := c.Do(ctx, localapi.Command{Name: localapi.CmdCancelInterview, MeetingID: id})
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "Cancelled. A note for the candidate:")
	if res.Scheduled != nil && res.Scheduled.Invitation != nil {
		fmt.Fprint(stdout, cleanLines(res.Scheduled.Invitation.Cancellation))
	}
	return nil
}

// askYes asks a yes/no question on a terminal; without one (a script) the
// answer is no.
func askYes(stderr io.Writer, question string) bool {
	f, ok := stdin.(*os.File)
	if !ok {
		return false
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	fmt.Fprint(stderr, question+" [y/N] ")
	line, _ := bufio.NewReader(io.LimitReader(f, 1024)).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

// plannedFromAgent adds each interview's planned reminders from the
// running agent (an agent that does not answer leaves them out).
func plannedFromAgent(ctx context.Context, c *localapi.Client, out *statusJSON) {
	res, err := c.Do(ctx, localapi.Command{Name: localapi.CmdPlannedReminders})
	if err == nil {
		out.addPlanned(res.Planned)
	}
}

// plannedOf is every listed interview's planned reminders, from engine e.
func plannedOf(e *meetingsync.Engine, snap *meetingsync.Snapshot) map[int64][]meetingsync.PlannedReminder {
	out := map[int64][]meetingsync.PlannedReminder{}
	for _, iv := range snap.Interviews {
		if iv.IsInterview && iv.State != meetingsync.StateEnded {
			if p := e.PlannedReminders(iv.ID); len(p) > 0 {
				out[iv.ID] = p
			}
		}
	}
	return out
}

// addPlanned sets each interview's Reminders from planned.
func (out *statusJSON) addPlanned(planned map[int64][]meetingsync.PlannedReminder) {
	for i := range out.Interviews {
		if p := planned[out.Interviews[i].ID]; len(p) > 0 {
			out.Interviews[i].Reminders = p
		}
	}
}

// cleanLines is text of several lines with each line safetext.Clean: the
// invitation holds text from Zoom (the topic).
func cleanLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safetext.Clean(l)
	}
	return strings.Join(lines, "\n")
}
