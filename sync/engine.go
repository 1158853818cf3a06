package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	stdsync "sync"
	"sync/atomic"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// Options configure an Engine. Client and the three directories are
// required; nil and zero values of the rest mean their default.
type Options struct {
	// Client calls Zoom; its HTTP client adds the user's token (package
	// auth). The engine tells errors apart without importing auth: see the
	// package documentation.
	Client *zoom.Client
	// StateDir holds state.json (fired reminders, overrides, followed
	// recordings); ConfigDir settings.json; CacheDir snapshot.json.
	StateDir, ConfigDir, CacheDir string
	// Now is the wall clock; default time.Now. Reminders are decided
	// against it (tests jump it to simulate a laptop's sleep).
	Now func() time.Time
	// Location is the user's time zone: local recording folder names, the
	// local day (settings re-check) and night time; default time.Local.
	Location *time.Location
	// Logger gets the engine's logs; nil discards them. Nothing secret is
	// ever logged (no passcode, join URL, token or share link).
	Logger *slog.Logger
	// DefaultRecordingFolder is used when Settings.RecordingFolder is
	// empty; default ~/Documents/Zoom.
	DefaultRecordingFolder string
	// WaitUntil is how the engine's loops sleep until their next due time
	// t: it returns once the wall clock that Now reads reaches t, kick
	// receives or ctx is done, and reports whether kick received. It may
	// return early; the loops look at the clock and wait again. The
	// default is a monotonic timer of at most 30 seconds, which stops while
	// a laptop sleeps: the cap bounds how late a reminder is after a sleep
	// nobody reported with Wake, at the price of waking every 30 s. One
	// that follows the wall clock across a sleep (internal/walltimer on
	// Linux) needs no cap.
	WaitUntil func(ctx context.Context, t time.Time, kick <-chan struct{}) (kicked bool)
	// Calendars reads the calendar sources in Settings.Calendars; nil
	// means no calendar is read.
	Calendars CalendarReader
	// SettingsURL is the web page with the recording settings that the
	// settings check names; default SettingsURL (Zoom's). The demo names
	// its simulator's.
	SettingsURL string
	// ReadOnly makes an engine that writes no file: nothing is saved (the
	// commands still apply in memory), nothing unreadable is set aside,
	// no mode is changed. It is for a one-shot look at the agent's files
	// (`interviewtray status` and `doctor` when no agent runs), which an
	// agent starting meanwhile must not have overwritten.
	ReadOnly bool

	// scanLocal replaces the recording folder scan (tests: one that hangs).
	scanLocal scanLocalFunc
}

// Errors returned by commands.
var (
	// ErrUnknownReminder: Snooze or Dismiss of a key that is not shown.
	ErrUnknownReminder = errors.New("no such reminder")
	// ErrUnknownMeeting: a command about a meeting the engine does not know.
	ErrUnknownMeeting = errors.New("no such meeting")
	// ErrNotSignedIn: a Zoom call was asked for while signed out.
	ErrNotSignedIn = errors.New("not signed in to Zoom")
	// ErrClosed: the engine was closed.
	ErrClosed = errors.New("sync engine closed")
)

// Engine keeps the user's interviews, reminders and recordings in step
// with Zoom. It owns three goroutines between Start and Close: the sync
// loop (Zoom calls and folder scans), the clock loop (reminders and
// time-driven changes, never blocked by a network call) and the event
// forwarder. Its methods are safe for concurrent use.
type Engine struct {
	// Set by New, read-only afterwards.
	opts   Options
	client *zoom.Client
	log    *slog.Logger
	loc    *time.Location
	jit    func(time.Duration) time.Duration
	paths  struct{ state, settings, cache string }
	jobs   []pollJob // the sync loop's, most urgent first (pollJobs)

	// current is the latest snapshot, readable without the lock.
	current atomic.Pointer[Snapshot]

	kickSync  chan struct{} // buffered(1): re-plan the sync loop now
	kickCal   chan struct{} // buffered(1): re-plan the calendar loop now
	kickClock chan struct{} // buffered(1): re-evaluate reminders now
	eventWake chan struct{} // buffered(1): events were queued
	events    chan Event    // the channel Events returns
	wg        stdsync.WaitGroup

	// passMu serialises sync passes (the sync loop and SyncOnce); it
	// guards listScan, which only passes use.
	passMu   stdsync.Mutex
	listScan *zoom.RecordingsScanner // reused page buffers of the recordings list

	// scanFn scans the recording folder (scanLocal); scanBusy is set while
	// a scan runs, hung ones included (scanLocalBounded).
	scanFn   scanLocalFunc
	scanBusy atomic.Bool

	// cacheMu serialises cache writes (outside mu); cacheGen is the
	// generation last written, listSavedGen the recordings list's.
	cacheMu      stdsync.Mutex
	cacheGen     uint64
	listSavedGen uint64

	// saveMu guards saveErrs: the files whose last save failed (writeFile),
	// written with or without mu held (taken after mu).
	saveMu   stdsync.Mutex
	saveErrs map[string]error

	// mu guards every field below. Zoom calls and file scans are never made
	// with mu held; state.json (a few kilobytes) is written with it held so
	// that a reminder is persisted before it is published.
	mu           stdsync.Mutex
	settings     Settings // normalised
	settingsNote string   // why settings.json was set aside, if it was
	fileNotes    []string // the other files set aside at start (setAside)
	matcher      matcher  // compiled settings.Rules
	st           persistState

	acct          account         // the signed-in Zoom account's data (account.go), replaced whole
	listGen       uint64          // bumped when acct's recordings list changes, for recordings.json
	listDirty     map[string]bool // UTC dates (time.DateOnly) whose recordings file is to be written
	listAllDirty  bool            // every date's recordings file is to be written
	folderMissing string          // the recording folder, when it does not exist
	folderHung    string          // the recording folder, while a scan of it hangs
	authRejected  bool            // Zoom refused the token (401 or missing scopes) after the sign-in layer's retry
	accountGen    uint64          // bumped by ForgetAccount: a job begun before it is undone

	health Health
	sched  schedule

	cal         map[string]*calState // calendar sources' last reads, by source ID
	calGen      uint64               // bumped when cal changes, for calendars.json
	calSavedGen uint64               // the generation last written (under cacheMu)

	startedAt     time.Time
	firstSyncDone bool
	queue         []Event // events not yet taken by the forwarder
	subs          map[int]chan *Snapshot
	nextSub       int
	lastJSON      []byte // the published snapshot without volatile fields
	cacheWant     uint64 // generation of the latest snapshot to cache
	started       bool
	closed        bool
	cancel        context.CancelFunc
}

// schedule is when each kind of Zoom call is next due (guarded by
// Engine.mu). A zero time means "now".
type schedule struct {
	upcoming, hosted, me, list time.Time
	recent                     time.Time // the recent-recordings look (recent.go)
	checkNow                   bool      // a settings check was asked for
	settingsAfter              time.Time // Zoom refused the settings: not before
	backoffUntil               time.Time // no Zoom call before
	failures                   int       // failures in a row
	failClass                  errClass  // of the last failure
}

// maxQueuedEvents caps events nobody takes; the oldest are dropped.
const maxQueuedEvents = 1000

// New loads the settings, the state and the cached snapshot and returns an
// engine that is not running yet (see Start). A file that cannot be read,
// or holds entries that do not hold together, is set aside as
// NAME.bad-TIMESTAMP and the engine starts with what was good in it (the
// defaults, for settings); a problem in the snapshot says so. Only state
// written by a newer version stops it, with an error.
func New(opts Options) (*Engine, error) {
	if opts.Client == nil {
		return nil, errors.New("sync: Options.Client is required")
	}
	if opts.StateDir == "" || opts.ConfigDir == "" || opts.CacheDir == "" {
		return nil, errors.New("sync: Options.StateDir, ConfigDir and CacheDir are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DefaultRecordingFolder == "" {
		opts.DefaultRecordingFolder = defaultRecordingFolder()
	}
	e := &Engine{
		opts:      opts,
		client:    opts.Client,
		log:       opts.Logger,
		loc:       opts.Location,
		jit:       jitter,
		kickSync:  make(chan struct{}, 1),
		kickCal:   make(chan struct{}, 1),
		cal:       map[string]*calState{},
		kickClock: make(chan struct{}, 1),
		eventWake: make(chan struct{}, 1),
		events:    make(chan Event, 16),
		acct:      newAccount(),
		subs:      map[int]chan *Snapshot{},
	}
	if e.opts.WaitUntil == nil {
		e.opts.WaitUntil = e.waitCapped
	}
	e.jobs = e.pollJobs()
	e.scanFn = scanLocal
	if opts.scanLocal != nil {
		e.scanFn = opts.scanLocal
	}
	e.paths.state = filepath.Join(opts.StateDir, stateFile)
	e.paths.settings = filepath.Join(opts.ConfigDir, settingsFile)
	e.paths.cache = filepath.Join(opts.CacheDir, cacheFile)
	for _, d := range []string{opts.StateDir, opts.ConfigDir, opts.CacheDir} {
		if !opts.ReadOnly {
			tightenDir(d) // the README promises private folders and files
		}
	}
	now := e.now()

	s, note, err := loadSettings(e.paths.settings, now, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	if note != "" {
		e.log.Warn("settings file unreadable, using defaults", "path", e.paths.settings)
	}
	e.settings, e.settingsNote, e.matcher = s, note, compileRules(s.Rules)

	e.st = newPersistState()
	found, err := readJSON(e.paths.state, &e.st)
	switch {
	case err != nil:
		e.setAside(e.paths.state, err, now, "Interview Tray's saved reminders and overrides could not be read; it started afresh, so a reminder that already fired may fire again.")
		e.st = newPersistState()
	case found && e.st.Version > stateVersion:
		return nil, fmt.Errorf("sync: %s was written by a newer Interview Tray (version %d)", e.paths.state, e.st.Version)
	case found:
		if err := e.st.sanitize(now); err != nil {
			e.setAside(e.paths.state, err, now, "Part of Interview Tray's saved reminders and overrides could not be read and was left out; the rest is used.")
			_ = e.saveStateLocked() // what is good, before anything else happens
		}
	}
	e.st.fillNil()
	e.loadCache()
	e.loadCalendars()
	e.acct.meetings = e.mergedLocked()

	e.mu.Lock()
	e.publishLocked(now)
	e.mu.Unlock()
	return e, nil
}

// loadCache restores the last snapshot and the Zoom data behind it.
func (e *Engine) loadCache() {
	var c cacheData
	now := e.now()
	found, err := readJSON(e.paths.cache, &c)
	if !found && err == nil {
		return
	}
	if err == nil && (c.Version != cacheVersion || c.Snapshot == nil) {
		err = fmt.Errorf("version %d, snapshot present %t", c.Version, c.Snapshot != nil)
		if c.Version > cacheVersion {
			// A newer version's cache: not ours to judge, and replaced
			// once this engine has something to cache.
			e.log.Warn("discarding a newer version's snapshot cache", "path", e.paths.cache, "version", c.Version)
			return
		}
	}
	if err != nil {
		e.setAside(e.paths.cache, err, now, "Interview Tray's saved agenda could not be read; it shows again after the next sync.")
		return
	}
	if err := c.sanitize(now); err != nil {
		e.setAside(e.paths.cache, err, now, "Part of Interview Tray's saved agenda could not be read and was left out; the rest is shown.")
	}
	s := c.Snapshot
	if c.User == nil {
		c.User = s.User // a file of before the account's user was saved
	}
	c.fillNil()
	e.acct = c.account
	// The kept recordings list lets the next list be incremental; without
	// it, the snapshot's cloud recordings show until the list is fetched.
	var migrate bool
	if e.acct.listedRaw, e.acct.listCov, migrate = e.loadListCache(s.User); migrate {
		e.listGen++ // written again as an index and date files
		e.listAllDirty = true
	}
	if e.acct.listedRaw != nil {
		e.acct.listed = recordingsFromList(e.acct.listedRaw, e.matcher, e.overrideModes())
	} else {
		for _, r := range s.Recordings {
			if r.Kind == KindCloud {
				if _, ok := e.acct.Tracked[r.Key()]; !ok {
					e.acct.listed = append(e.acct.listed, r)
				}
			}
		}
	}
	e.health.LastSync = s.Health.LastSync
	e.log.Info("loaded snapshot cache", "meetings", len(e.acct.meetings), "saved", s.GeneratedAt)
}

// now is the wall clock in UTC without a monotonic reading.
func (e *Engine) now() time.Time { return e.opts.Now().UTC().Round(0) }

// Start starts the engine's goroutines. They stop when ctx is done or
// Close is called.
func (e *Engine) Start(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.closed:
		return ErrClosed
	case e.started:
		return errors.New("sync: engine already started")
	}
	e.started = true
	e.startedAt = e.now()
	ctx, e.cancel = context.WithCancel(ctx)
	e.wg.Add(3)
	if e.opts.Calendars != nil {
		e.wg.Add(1)
		go func() { defer e.wg.Done(); e.calendarLoop(ctx) }()
	}
	go func() { defer e.wg.Done(); e.syncLoop(ctx) }()
	go func() { defer e.wg.Done(); e.clockLoop(ctx) }()
	go func() { defer e.wg.Done(); e.forwardEvents(ctx) }()
	return nil
}

// Close stops the goroutines, waits for them, writes the cache and closes
// the subscription and event channels. It is safe to call more than once.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	cancel := e.cancel
	e.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	e.wg.Wait()
	e.saveCache()
	e.saveCalendars()
	e.mu.Lock()
	for id, ch := range e.subs {
		close(ch)
		delete(e.subs, id)
	}
	e.mu.Unlock()
	close(e.events)
	return nil
}

// Snapshot returns the current snapshot (never nil). Health.LastSync is
// the latest even when nothing else changed.
func (e *Engine) Snapshot() *Snapshot { return e.current.Load() }

// Subscribe returns a channel that receives the current snapshot at once
// and then each new one. Only the latest is kept: a slow reader skips
// intermediate snapshots, never blocks the engine. unsubscribe closes the
// channel; Close closes it too.
func (e *Engine) Subscribe() (ch <-chan *Snapshot, unsubscribe func()) {
	c := make(chan *Snapshot, 1)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		close(c)
		return c, func() {}
	}
	id := e.nextSub
	e.nextSub++
	e.subs[id] = c
	c <- e.current.Load()
	return c, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		if c, ok := e.subs[id]; ok {
			close(c)
			delete(e.subs, id)
		}
	}
}

// Events returns the channel of events (reminders due, recordings ready).
// Each event is sent once; events wait in the engine (up to a thousand)
// while nobody reads. It is closed by Close.
func (e *Engine) Events() <-chan Event { return e.events }

// Settings returns a copy of the current settings.
func (e *Engine) Settings() Settings {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.settings.Clone()
}

// RecordingFolder is the folder the engine looks in for local recordings:
// Settings.RecordingFolder, or the default when that is empty.
func (e *Engine) RecordingFolder() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.settings.RecordingFolder != "" {
		return e.settings.RecordingFolder
	}
	return e.opts.DefaultRecordingFolder
}

// saveStateLocked writes state.json. A failure is logged and shown as a
// problem until a save succeeds, and returned (commands pass it on to
// their caller); the engine goes on from memory (a reminder may then fire
// again after a restart, which beats not firing).
func (e *Engine) saveStateLocked() error {
	err := e.writeFile(e.paths.state, func() ([]byte, error) { return json.Marshal(&e.st) })
	if err != nil {
		e.log.Error("cannot save state", "path", e.paths.state, "err", err)
	}
	return err
}

// changedLocked rebuilds and publishes the snapshot if it changed.
func (e *Engine) changedLocked() { e.publishLocked(e.now()) }

// input gathers the build input (references, not copies: used under mu).
func (e *Engine) inputLocked(now time.Time) *buildInput {
	in := &buildInput{
		now:         now,
		loc:         e.loc,
		user:        e.acct.User,
		meetings:    e.acct.meetings,
		details:     e.acct.Details,
		past:        e.st.Past,
		matcher:     e.matcher,
		overrides:   e.st.Overrides,
		reminders:   &e.st.Reminders,
		offsets:     e.settings.ReminderOffsets,
		nags:        e.settings.StartedNags,
		alertAll:    e.settings.AlertAllMeetings && !e.settings.AlertOff,
		alertBefore: e.settings.AlertBefore.D(),
		listed:      e.acct.listed,
		tracked:     e.acct.Tracked,
		check:       e.st.Check,
		health:      e.health,
		calendars:   e.calendarStatusesLocked(),
		external:    e.settings.Rules.ExternalAttendee,
		myDomains:   e.myDomainsLocked(),
	}
	if e.settingsNote != "" {
		in.extra = append(in.extra, Problem{Message: e.settingsNote})
	}
	for _, n := range e.fileNotes {
		in.extra = append(in.extra, Problem{Message: n})
	}
	in.extra = append(in.extra, e.saveProblems()...)
	if e.authRejected && !e.health.SignedOut {
		in.extra = append(in.extra, Problem{
			Message: "Zoom refused Interview Tray's access (the sign-in lacks a permission or was revoked). Sign in again.",
			Action:  ActionSignIn, Label: "Sign in again",
		})
	}
	if e.folderHung != "" {
		in.extra = append(in.extra, Problem{
			Message: fmt.Sprintf("The Zoom recording folder %s does not answer (a network drive that stopped responding?), so local recordings cannot be found for now.", e.folderHung),
			Action:  ActionCheckFolder, Label: "Choose the folder",
		})
	}
	if e.folderMissing != "" {
		in.extra = append(in.extra, Problem{
			Message: fmt.Sprintf("The Zoom recording folder %s does not exist, so local recordings cannot be found.", e.folderMissing),
			Action:  ActionCheckFolder, Label: "Choose the folder",
		})
	}
	return in
}

// publishLocked builds the snapshot; when anything but the volatile fields
// changed it is published to subscribers and the cache is marked for
// writing. It reports whether it published.
func (e *Engine) publishLocked(now time.Time) bool {
	in := e.inputLocked(now)
	v := classifyMeetings(in)
	active := activeReminders(v.occs, in.reminders, in.offsets, in.nags, now)
	s := buildSnapshot(in, v, active)
	key := stableJSON(s)
	if e.current.Load() != nil && string(key) == string(e.lastJSON) {
		// Nothing new: keep the published snapshot, with a fresher LastSync.
		if cur := e.current.Load(); !cur.Health.LastSync.Equal(s.Health.LastSync) {
			c := *cur
			c.Health.LastSync = s.Health.LastSync
			e.current.Store(&c)
		}
		return false
	}
	e.lastJSON = key
	e.current.Store(s)
	for _, c := range e.subs {
		select { // latest wins: drop an unread older snapshot
		case <-c:
		default:
		}
		c <- s
	}
	e.cacheWant++
	return true
}

// stableJSON encodes s without the fields that change without news.
func stableJSON(s *Snapshot) []byte {
	c := *s
	c.GeneratedAt = time.Time{}
	c.Health.LastSync = time.Time{}
	b, err := json.Marshal(&c)
	if err != nil {
		return nil
	}
	return b
}

// saveCache writes the latest snapshot and the data behind it, and the
// recordings list, each if newer than what was written. It is called
// without mu.
func (e *Engine) saveCache() {
	e.cacheMu.Lock()
	defer e.cacheMu.Unlock()
	e.saveListCache()
	e.mu.Lock()
	gen := e.cacheWant
	if gen == e.cacheGen {
		e.mu.Unlock()
		return
	}
	c := cacheData{Version: cacheVersion, Snapshot: e.current.Load(), account: e.acct.cacheCopy()}
	e.mu.Unlock()
	err := e.writeFile(e.paths.cache, func() ([]byte, error) { return json.Marshal(&c) })
	e.savedInBackground(e.paths.cache, err)
	if err != nil {
		e.log.Warn("cannot write snapshot cache", "path", e.paths.cache, "err", err)
		return
	}
	e.cacheGen = gen
}

// savedInBackground shows (or clears) the problem of a file written
// without mu (the snapshot cache, the recordings list) that could not be
// saved: the outcome would only be published with the next snapshot, so
// one is published when it changes what the problems say.
func (e *Engine) savedInBackground(path string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if cur := e.current.Load(); cur != nil && !e.closed && (err != nil) != hasSaveProblem(cur.Problems, path) {
		e.changedLocked()
	}
}
