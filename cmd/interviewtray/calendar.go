package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/calendar"
	"github.com/interviewtray/interviewtray/internal/calfeeds"
	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
)

func init() {
	register("calendar", "add, list, remove or check the calendars read alongside Zoom", runCalendar)
}

// calendarUsage is the calendar command's help.
const calendarUsage = `usage:
  interviewtray calendar add [URL-OR-FILE | -] [--name NAME] [--all-interviews]
  interviewtray calendar list
  interviewtray calendar remove NAME
  interviewtray calendar check URL-OR-FILE [--from RFC3339] [--to RFC3339] [--json]

A calendar's address is a secret (whoever has it reads the calendar): give
"-" or nothing to paste it on standard input instead of the command line,
where other programs can see it. It is kept in the OS keychain.`

// stdin is where `calendar add -` reads the address (tests replace it).
var stdin io.Reader = os.Stdin

func runCalendar(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	// The subcommand is the first argument that is not a flag: the global
	// flags may come before it (`interviewtray --demo calendar list`).
	sub, rest := "", args
	for i, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			break
		}
		if a != "" && a[0] != '-' {
			sub, rest = a, append(append([]string{}, args[:i]...), args[i+1:]...)
			break
		}
	}
	switch sub {
	case "":
		if slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" || a == "-help" }) {
			fmt.Fprintln(stdout, calendarUsage)
			return nil
		}
		return fmt.Errorf("%w: a subcommand is needed\n%s", errUsage, calendarUsage)
	case "add":
		return calendarAdd(ctx, stdout, stderr, rest)
	case "list":
		return calendarList(ctx, stdout, stderr, rest)
	case "remove":
		return calendarRemove(ctx, stdout, stderr, rest)
	case "check":
		return calendarCheck(ctx, stdout, stderr, rest)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, calendarUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q\n%s", errUsage, sub, calendarUsage)
}

// parseInterleaved parses flags given before, between and after the
// positional arguments, which it returns.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// runningAgent returns a client of the running agent, or nil.
func runningAgent(demo bool) *localapi.Client {
	sock, err := localapi.SocketPath(demo)
	if err != nil || !localapi.Alive(sock) {
		return nil
	}
	return localapi.NewClient(sock)
}

// addressArg parses args with their flags and returns the one address
// they give (or standard input's, see readAddress).
func addressArg(fs *flag.FlagSet, args []string, stderr io.Writer) (string, error) {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) > 1 {
		return "", fmt.Errorf("%w: one address at a time", errUsage)
	}
	return readAddress(stderr, strings.Join(pos, ""))
}

// readAddress is the address argument, or one line of standard input for
// "-" or none.
func readAddress(stderr io.Writer, arg string) (string, error) {
	if arg != "" && arg != "-" {
		return arg, nil
	}
	if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(stderr, "Paste the calendar's address (it is not shown in your shell history) and press Enter: ")
		}
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if line = strings.TrimSpace(line); line == "" {
		return "", fmt.Errorf("%w: no calendar address given", errUsage)
	}
	return line, nil
}

func calendarAdd(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("calendar add", stderr)
	name := fs.String("name", "", "the calendar's name in Interview Tray (default: its host or file name)")
	all := fs.Bool("all-interviews", false, "every event in this calendar is an interview")
	address, err := addressArg(fs, args, stderr)
	if err != nil {
		return err
	}
	cmd := localapi.Command{Name: localapi.CmdAddCalendar, URL: address, Text: *name, Enabled: *all}
	if c := runningAgent(g.demo); c != nil {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		res, err := c.Do(ctx, cmd)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, res.Message)
		return nil
	}
	return withOneShot(ctx, stderr, g.demo, func(e *meetingsync.Engine, feeds *calfeeds.Feeds) error {
		r, err := feeds.Check(ctx, address, calendar.Options{})
		if err != nil {
			return err
		}
		src, err := feeds.Add(ctx, *name, address)
		if err != nil {
			return err
		}
		src.AllInterviews = *all
		s := e.Settings()
		s.Calendars = append(s.Calendars, src)
		if err := e.UpdateSettings(s); err != nil {
			_ = feeds.Remove(context.WithoutCancel(ctx), src.ID)
			return err
		}
		fmt.Fprintf(stdout, "Added %q (%s): %d events. Interview Tray reads it when it runs.\n", src.Name, src.Masked, r.Events)
		return nil
	})
}

// withOneShot runs f with an engine on the agent's files and the calendar
// sources, for the commands that change them while no agent runs.
func withOneShot(ctx context.Context, stderr io.Writer, demo bool, f func(*meetingsync.Engine, *calfeeds.Feeds) error) error {
	s, err := openSession(ctx, io.Discard, demo)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := appDirs(demo)
	if err != nil {
		return err
	}
	e, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: s.cfg.APIURL, HTTPClient: s.m.HTTPClient()}),
		StateDir: d.state, ConfigDir: d.config, CacheDir: d.cache,
	})
	if err != nil {
		return err
	}
	defer e.Close()
	return f(e, newFeeds(s, demo))
}

// calendarSources returns the configured sources with their statuses:
// the running agent's, or the settings file's (no status) when none runs.
func calendarSources(ctx context.Context, demo bool) ([]meetingsync.CalendarSource, []meetingsync.CalendarStatus, error) {
	if c := runningAgent(demo); c != nil {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		st, err := c.State(ctx)
		if err != nil {
			return nil, nil, err
		}
		var cs []meetingsync.CalendarStatus
		if st.Snapshot != nil {
			cs = st.Snapshot.Calendars
		}
		return st.Settings.Calendars, cs, nil
	}
	d, err := appDirs(demo)
	if err != nil {
		return nil, nil, err
	}
	s, err := meetingsync.ReadSettings(d.config)
	return s.Calendars, nil, err
}

func calendarList(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("calendar list", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	srcs, stats, err := calendarSources(ctx, g.demo)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		fmt.Fprintln(stdout, "No calendars. Add one with `interviewtray calendar add` (see the README).")
		return nil
	}
	for _, src := range srcs {
		line := fmt.Sprintf("%s  %s", safetext.Clean(src.Name), src.Masked)
		if src.AllInterviews {
			line += "  (every event is an interview)"
		}
		if i := slices.IndexFunc(stats, func(c meetingsync.CalendarStatus) bool { return c.ID == src.ID }); i >= 0 {
			line += "  " + calendarState(stats[i])
		}
		fmt.Fprintln(stdout, line)
	}
	return nil
}

func calendarRemove(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("calendar remove", stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: name one calendar (see `interviewtray calendar list`)", errUsage)
	}
	srcs, _, err := calendarSources(ctx, g.demo)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(srcs, func(c meetingsync.CalendarSource) bool { return strings.EqualFold(c.Name, pos[0]) || c.ID == pos[0] })
	if i < 0 {
		return fmt.Errorf("no calendar named %q (see `interviewtray calendar list`)", pos[0])
	}
	src := srcs[i]
	if c := runningAgent(g.demo); c != nil {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if _, err := c.Do(ctx, localapi.Command{Name: localapi.CmdRemoveCalendar, Key: src.ID}); err != nil {
			return err
		}
	} else if err := withOneShot(ctx, stderr, g.demo, func(e *meetingsync.Engine, feeds *calfeeds.Feeds) error {
		s := e.Settings()
		s.Calendars = slices.DeleteFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return c.ID == src.ID })
		if err := e.UpdateSettings(s); err != nil {
			return err
		}
		return feeds.Remove(ctx, src.ID)
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Removed %q; its address is deleted from the keychain.\n", src.Name)
	return nil
}

// checkJSON is what `calendar check --json` prints.
type checkJSON struct {
	Source      checkSource       `json:"source"`
	Occurrences []checkOccurrence `json:"occurrences"`
	Unreadable  []checkUnreadable `json:"unreadable"`
}

type checkSource struct {
	Address string    `json:"address"` // masked
	Name    string    `json:"name,omitempty"`
	Method  string    `json:"method,omitempty"`
	Events  int       `json:"events"`
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
}

type checkOccurrence struct {
	UID           string    `json:"uid"`
	RecurrenceID  string    `json:"recurrence_id"`
	Summary       string    `json:"summary"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Status        string    `json:"status"`
	AllDay        bool      `json:"all_day"`
	ZoomMeetingID string    `json:"zoom_meeting_id"`
	JoinURL       string    `json:"join_url"`
	Passcode      string    `json:"passcode,omitempty"`
	Organizer     string    `json:"organizer,omitempty"`
	Interview     bool      `json:"interview"`
	Rule          string    `json:"rule"`
}

type checkUnreadable struct {
	UID    string `json:"uid"`
	Reason string `json:"reason"`
}

func calendarCheck(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("calendar check", stderr)
	fromS := fs.String("from", "", "start of the window, RFC 3339 (default now)")
	toS := fs.String("to", "", "end of the window, RFC 3339 (default 14 days after the start)")
	asJSON := fs.Bool("json", false, "print a JSON object")
	address, err := addressArg(fs, args, stderr)
	if err != nil {
		return err
	}
	from, to := time.Now().UTC(), time.Time{}
	if *fromS != "" {
		if from, err = time.Parse(time.RFC3339, *fromS); err != nil {
			return fmt.Errorf("%w: --from %q is not an RFC 3339 time (2026-12-08T09:00:00Z)", errUsage, *fromS)
		}
	}
	to = from.Add(14 * 24 * time.Hour)
	if *toS != "" {
		if to, err = time.Parse(time.RFC3339, *toS); err != nil {
			return fmt.Errorf("%w: --to %q is not an RFC 3339 time", errUsage, *toS)
		}
	}
	if !to.After(from) {
		return fmt.Errorf("%w: --to must be after --from", errUsage)
	}
	settings := meetingsync.DefaultSettings()
	if d, err := appDirs(g.demo); err == nil {
		if s, err := meetingsync.ReadSettings(d.config); err == nil {
			settings = s
		}
	}
	feeds := calfeeds.New(calfeeds.Options{AllowLoopbackHTTP: g.demo})
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := feeds.Check(ctx, address, calendar.Options{From: from, To: to, UserAddresses: settings.MyAddresses})
	if err != nil {
		return fmt.Errorf("the calendar could not be read: %w", err)
	}
	out := checkJSON{
		Source:      checkSource{Address: calendar.Mask(address), Name: res.Name, Method: res.Method, Events: res.Events, From: from.UTC(), To: to.UTC()},
		Occurrences: []checkOccurrence{},
		Unreadable:  []checkUnreadable{},
	}
	for _, o := range res.Occurrences {
		if o.AllDay {
			continue
		}
		ev := calfeeds.EventOf(o)
		ok, rule := meetingsync.CalendarRule(settings, ev, meetingsync.CalendarSource{}, "")
		co := checkOccurrence{UID: o.UID, RecurrenceID: o.RecurrenceID, Summary: o.Summary, Start: o.Start.UTC(), End: o.End.UTC(),
			Status: cmp.Or(string(o.Status), "CONFIRMED"), Interview: ok, Rule: rule, Organizer: meetingsync.Person(o.Organizer).String()}
		if ok && ev.MeetingID == 0 && o.Zoom == nil {
			co.Rule += " (no Zoom link: no Join)"
		}
		if z := o.Zoom; z != nil {
			co.ZoomMeetingID, co.JoinURL, co.Passcode = z.MeetingID, z.JoinURL, z.Passcode
		}
		out.Occurrences = append(out.Occurrences, co)
	}
	for _, u := range res.Unreadable {
		out.Unreadable = append(out.Unreadable, checkUnreadable{UID: u.UID, Reason: u.Reason})
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printCheck(stdout, out)
	return nil
}

// printCheck prints a check for a person: each occurrence, the passcode
// masked.
func printCheck(w io.Writer, c checkJSON) {
	name := c.Source.Address
	if c.Source.Name != "" {
		name = c.Source.Name + " (" + c.Source.Address + ")"
	}
	fmt.Fprintf(w, "%s: %d events; %d timed occurrences from %s to %s.\n", name, c.Source.Events, len(c.Occurrences),
		c.Source.From.Local().Format("Mon Jan 2 15:04"), c.Source.To.Local().Format("Mon Jan 2 15:04"))
	for _, o := range c.Occurrences {
		verdict := "not an interview"
		if o.Interview {
			verdict = "interview"
		}
		fmt.Fprintf(w, "\n  %s – %s  %s\n", o.Start.Local().Format("Mon Jan 2 15:04"), o.End.Local().Format("15:04"), o.Summary)
		fmt.Fprintf(w, "    uid %s", o.UID)
		if o.RecurrenceID != "" {
			fmt.Fprintf(w, " (recurrence %s)", o.RecurrenceID)
		}
		fmt.Fprintf(w, ", %s\n", strings.ToLower(o.Status))
		switch {
		case o.ZoomMeetingID != "":
			pass := ""
			if o.Passcode != "" {
				pass = ", passcode " + strings.Repeat("•", len([]rune(o.Passcode)))
			}
			fmt.Fprintf(w, "    Zoom meeting %s%s\n", o.ZoomMeetingID, pass)
		case o.JoinURL != "":
			fmt.Fprintln(w, "    Zoom personal link (no meeting ID)")
		default:
			fmt.Fprintln(w, "    no Zoom link")
		}
		fmt.Fprintf(w, "    %s (%s)\n", verdict, o.Rule)
	}
	if len(c.Unreadable) > 0 {
		fmt.Fprintf(w, "\n%d events could not be read:\n", len(c.Unreadable))
		for _, u := range c.Unreadable {
			fmt.Fprintf(w, "  %s: %s\n", cmp.Or(u.UID, "(no UID)"), u.Reason)
		}
	}
}

// calendarState is how a calendar is doing, in a few words.
func calendarState(c meetingsync.CalendarStatus) string {
	switch {
	case c.Error != "":
		return "failing: " + safetext.Clean(c.Error)
	case c.OK:
		return fmt.Sprintf("%d events, %d upcoming interviews, read %s", c.Events, c.Interviews, c.LastFetched.Local().Format("Mon 15:04"))
	}
	return "not read yet"
}
