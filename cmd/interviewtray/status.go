package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
)

func init() {
	register("status", "show the sign-in, upcoming interviews, recordings and problems", runStatus)
}

// statusJSON is the object `status --json` prints. Fields are only ever
// added; existing ones keep their names and meaning.
type statusJSON struct {
	auth.Status
	// Demo is true with --demo (the simulator, not Zoom).
	Demo bool `json:"demo"`
	// AgentRunning says the answer came from the running agent.
	AgentRunning bool `json:"agent_running"`
	// Interviews are the upcoming and running interviews in start order.
	Interviews []statusInterview `json:"interviews"`
	// Recordings are the interviews' cloud and local recordings.
	Recordings        []meetingsync.Recording    `json:"recordings"`
	RecordingSettings *meetingsync.SettingsCheck `json:"recording_settings"`
	// Problems need the user's attention, each with the action that fixes it.
	Problems []meetingsync.Problem `json:"problems"`
	// Calendars are the calendar sources and how they are doing (never
	// their addresses).
	Calendars []meetingsync.CalendarStatus `json:"calendars"`
}

// statusInterview is one interview in `status --json`. It leaves out the
// passcode, which scripts have no need for.
type statusInterview struct {
	ID         int64     `json:"id"`
	UUID       string    `json:"uuid,omitempty"`
	Topic      string    `json:"topic"`
	StartTime  time.Time `json:"start_time"`
	Duration   int       `json:"duration"`
	JoinURL    string    `json:"join_url,omitempty"`
	HostedByMe bool      `json:"hosted_by_me"`
	// Source is zoom, calendar or zoom+calendar; Calendar names the
	// calendar, Organizer is the calendar event's organizer.
	Source    string              `json:"source"`
	Calendar  string              `json:"calendar,omitempty"`
	Organizer *meetingsync.Person `json:"organizer,omitempty"`
	// Reminders are the reminders still to fire, in due order.
	Reminders []meetingsync.PlannedReminder `json:"reminders,omitempty"`
}

// oneShotTimeout bounds the sync `status` runs when no agent does.
const oneShotTimeout = 60 * time.Second

// runStatus prints the sign-in and what the app knows. When the agent runs
// it answers (so two processes never refresh the same single-use token);
// otherwise the sign-in is checked against Zoom (refreshing the token when
// needed) and one sync is made. Not being signed in is a normal answer
// (exit 0); a keychain failure is an error.
func runStatus(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("status", stderr)
	asJSON := fs.Bool("json", false, "print a JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	out, err := statusFromAgent(ctx, g.demo)
	if err != nil {
		if out, err = statusOneShot(ctx, stderr, g.demo); err != nil {
			return err
		}
	}
	out.Demo = g.demo
	out.listsNotNull()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printStatus(stdout, out)
	return nil
}

// statusFromAgent asks the running agent; an error means none answers.
func statusFromAgent(ctx context.Context, demo bool) (statusJSON, error) {
	sock, err := localapi.SocketPath(demo)
	if err != nil {
		return statusJSON{}, err
	}
	if !localapi.Alive(sock) {
		return statusJSON{}, localapi.ErrNoAgent
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c := localapi.NewClient(sock)
	st, err := c.State(ctx)
	if err != nil {
		return statusJSON{}, err
	}
	out := statusOfAgent(st)
	if st.Snapshot != nil {
		plannedFromAgent(ctx, c, &out)
	}
	return out, nil
}

// statusOfAgent is what the agent's state says, as the tray and the
// windows show it: its view decides whether the user is signed in (and
// why not) and lists the problems.
func statusOfAgent(st localapi.State) statusJSON {
	v := st.View
	out := statusJSON{AgentRunning: true}
	out.SignedIn = v.SignedIn
	out.TokenExpiresAt = st.Agent.TokenExpiresAt
	out.SignedOutReason = auth.Reason(v.SignedOutReason)
	out.Message = v.SignedOutMessage
	if st.Snapshot != nil {
		if u := st.Snapshot.User; u != nil && out.SignedIn {
			out.User = &auth.User{ID: u.ID, Email: u.Email}
		}
		out.Offline = st.Snapshot.Health.Offline
		out.fill(st.Snapshot)
	}
	out.Problems = []meetingsync.Problem{}
	for _, p := range v.Problems {
		out.Problems = append(out.Problems, p.Problem)
	}
	return out
}

// statusOneShot checks the sign-in against Zoom and, when signed in, syncs
// once.
func statusOneShot(ctx context.Context, stderr io.Writer, demo bool) (statusJSON, error) {
	s, err := openSession(ctx, stderr, demo)
	if err != nil {
		return statusJSON{}, err
	}
	defer s.Close()
	st, err := s.m.Status(ctx)
	if err != nil {
		return statusJSON{}, err
	}
	out := statusJSON{Status: st}
	if !st.SignedIn || st.Offline {
		return out, nil
	}
	snap, planned, err := syncOnce(ctx, s, demo)
	if err != nil {
		fmt.Fprintf(stderr, "interviewtray: could not sync: %v\n", err)
		return out, nil
	}
	out.fill(snap)
	out.addPlanned(planned)
	return out, nil
}

// listsNotNull makes every list an empty list rather than null: scripts
// read `status --json` the same way signed in or out.
func (out *statusJSON) listsNotNull() {
	if out.Interviews == nil {
		out.Interviews = []statusInterview{}
	}
	if out.Recordings == nil {
		out.Recordings = []meetingsync.Recording{}
	}
	if out.Problems == nil {
		out.Problems = []meetingsync.Problem{}
	}
	if out.Calendars == nil {
		out.Calendars = []meetingsync.CalendarStatus{}
	}
}

// fill copies the snapshot's interviews, recordings, settings and problems.
func (out *statusJSON) fill(snap *meetingsync.Snapshot) {
	out.Interviews = []statusInterview{}
	for _, iv := range snap.Interviews {
		if !iv.IsInterview || iv.State == meetingsync.StateEnded {
			continue
		}
		out.Interviews = append(out.Interviews, statusInterview{ID: iv.ID, UUID: iv.UUID, Topic: iv.Topic,
			StartTime: iv.StartTime, Duration: iv.Duration, JoinURL: iv.JoinURL, HostedByMe: iv.HostedByMe,
			Source: iv.Source, Calendar: iv.Calendar, Organizer: iv.Organizer})
	}
	out.Calendars = append([]meetingsync.CalendarStatus{}, snap.Calendars...)
	out.Recordings = append([]meetingsync.Recording{}, snap.Recordings...)
	out.RecordingSettings = snap.RecordingSettings
	out.Problems = append([]meetingsync.Problem{}, snap.Problems...)
}

// syncOnce makes one sync with a one-shot engine and returns the snapshot
// and the interviews' planned reminders.
func syncOnce(ctx context.Context, s *session, demo bool) (*meetingsync.Snapshot, map[int64][]meetingsync.PlannedReminder, error) {
	d, err := appDirs(demo)
	if err != nil {
		return nil, nil, err
	}
	o := oneShotOptions(zoom.New(zoom.Options{BaseURL: s.cfg.APIURL, HTTPClient: s.m.HTTPClient()}), d)
	o.Calendars = newFeeds(s, demo)
	e, err := meetingsync.New(o)
	if err != nil {
		return nil, nil, err
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(ctx, oneShotTimeout)
	defer cancel()
	snap, err := e.SyncOnce(ctx)
	if err != nil {
		return nil, nil, err
	}
	return snap, plannedOf(e, snap), nil
}

// oneShotOptions are those of the engine `status` and `doctor` run on the
// agent's files when no agent answers: a read-only engine, which writes
// no file. No agent ran when they looked, but one may start meanwhile (at
// login, or the user starts it); what it saves (an override, a fired
// reminder) must not be overwritten by what the one-shot engine loaded
// before.
func oneShotOptions(c *zoom.Client, d dirs) meetingsync.Options {
	return meetingsync.Options{Client: c, StateDir: d.state, ConfigDir: d.config, CacheDir: d.cache, ReadOnly: true}
}

func printStatus(w io.Writer, st statusJSON) {
	where := "Zoom"
	if st.Demo {
		where = "the Zoom simulator (demo)"
	}
	if !st.SignedIn {
		login := "interviewtray login"
		if st.Demo {
			login = "interviewtray --demo login"
			fmt.Fprint(w, "Demo (the Zoom simulator): ")
		}
		fmt.Fprintln(w, safetext.Clean(st.Message))
		fmt.Fprintf(w, "Run `%s` to sign in.\n", login)
		return
	}
	if st.User != nil {
		fmt.Fprintf(w, "Signed in to %s as %s (user ID %s).\n", where, safetext.Clean(st.User.Email), safetext.Clean(st.User.ID))
	} else {
		fmt.Fprintf(w, "Signed in to %s.\n", where)
	}
	if st.TokenExpiresAt != nil {
		fmt.Fprintf(w, "Access token valid until %s (renewed automatically).\n", st.TokenExpiresAt.Local().Format(time.DateTime))
	}
	if st.Offline {
		fmt.Fprintln(w, "Offline: Zoom could not be reached; this is what was known before.")
	}
	fmt.Fprintln(w, recordingSettingsLine(st.RecordingSettings))
	if len(st.Interviews) > 0 {
		fmt.Fprintln(w, "\nUpcoming interviews:")
		for _, iv := range st.Interviews {
			host := ""
			switch {
			case !iv.HostedByMe && iv.Organizer != nil:
				host = "  (organised by " + iv.Organizer.String() + ")"
			case !iv.HostedByMe:
				host = "  (hosted by someone else)"
			}
			if iv.Calendar != "" {
				host += "  [" + iv.Calendar + "]"
			}
			fmt.Fprintf(w, "  %s  %s%s\n", iv.StartTime.Local().Format("Mon Jan 2 15:04"), safetext.Clean(iv.Topic), safetext.Clean(host))
		}
	}
	if len(st.Recordings) > 0 {
		fmt.Fprintln(w, "\nRecordings:")
		for _, r := range st.Recordings {
			fmt.Fprintf(w, "  %s  %s (%s, %s)\n", r.StartTime.Local().Format("Mon Jan 2 15:04"), safetext.Clean(r.Topic), r.Kind, r.State)
		}
	}
	if len(st.Calendars) > 0 {
		fmt.Fprintln(w, "\nCalendars:")
		for _, c := range st.Calendars {
			fmt.Fprintf(w, "  %s (%s): %s\n", safetext.Clean(c.Name), c.Masked, calendarState(c))
		}
	}
	if len(st.Problems) > 0 {
		fmt.Fprintln(w, "\nNeeds attention:")
		for _, p := range st.Problems {
			fmt.Fprintf(w, "  - %s\n", safetext.Clean(p.Message))
		}
	}
}

// recordingSettingsLine is status's line on the Zoom recording settings
// check: fine, what needs a change, or not checked yet.
func recordingSettingsLine(sc *meetingsync.SettingsCheck) string {
	if sc == nil {
		return "Recording settings: not checked yet."
	}
	when := sc.CheckedAt.Local().Format("Mon 15:04")
	if sc.OK {
		return "Recording settings: as needed (checked " + when + ")."
	}
	var bad []string
	for _, s := range sc.Settings {
		if s.Required && s.State != meetingsync.SettingOK {
			state := "off"
			switch s.State {
			case meetingsync.SettingLocked:
				state = "locked by the admin"
			case meetingsync.SettingUnknown:
				state = "unknown"
			}
			bad = append(bad, safetext.Clean(s.Label)+" ("+state+")")
		}
	}
	if len(bad) == 0 {
		return "Recording settings: need a look (checked " + when + ")."
	}
	return "Recording settings: " + strings.Join(bad, ", ") + " (checked " + when + ")."
}
