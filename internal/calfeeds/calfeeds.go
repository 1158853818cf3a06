// Package calfeeds keeps the interviewer's calendar sources for the agent:
// each source's address in the OS keychain (a feed address is a secret:
// whoever holds it reads the calendar), and the reader through which the
// sync engine reads them (package calendar's fetcher and parser). The
// engine and settings.json know a source only by its ID, name and masked
// address; the address itself never leaves this package but to be fetched.
package calfeeds

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	stdsync "sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/calendar"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// ErrUnknownSource is returned for a source ID with no stored address.
var ErrUnknownSource = errors.New("no address is stored for this calendar")

// Options configure Feeds. Keychain is required.
type Options struct {
	// Keychain holds the addresses (the agent's, with its timeouts).
	Keychain *auth.Keychain
	// HTTPClient fetches the feeds; nil means a client of the fetcher's.
	HTTPClient *http.Client
	// Local is the zone of floating times in feeds that name none.
	Local *time.Location
	// AllowLoopbackHTTP lets plain-http addresses on the loopback
	// interface through (the demo's simulator); nothing else is fetched
	// over http.
	AllowLoopbackHTTP bool
}

// Feeds stores the sources' addresses and reads the sources. It implements
// meetingsync.CalendarReader. Its methods are safe for concurrent use.
type Feeds struct {
	opts    Options
	fetcher *calendar.Fetcher

	mu   stdsync.Mutex
	addr map[string]string // addresses read from the keychain, by source ID
}

// New returns Feeds on opts.
func New(opts Options) *Feeds {
	if opts.Local == nil {
		opts.Local = time.Local
	}
	return &Feeds{
		opts:    opts,
		fetcher: &calendar.Fetcher{Client: opts.HTTPClient, AllowLoopbackHTTP: opts.AllowLoopbackHTTP},
		addr:    map[string]string{},
	}
}

// keychainName is the keychain entry of a source's address.
func keychainName(id string) string { return "calendar-" + id }

// NewID returns a fresh random source ID.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Normalize checks an address as the user gave it and returns the one to
// store (webcal:// becomes https://; a file path is cleaned). Its error
// never holds the address.
func (f *Feeds) Normalize(address string) (string, error) {
	n, _, err := calendar.NormalizeSourceWith(address, f.opts.AllowLoopbackHTTP)
	if err != nil {
		return "", fmt.Errorf("calendar: %w", err)
	}
	return n, nil
}

// Add stores the address of a new source and returns the source to add to
// the settings: a fresh ID, the name (the calendar's own name, or the
// address's host, when empty) and the masked address.
func (f *Feeds) Add(ctx context.Context, name, address string) (meetingsync.CalendarSource, error) {
	n, err := f.Normalize(address)
	if err != nil {
		return meetingsync.CalendarSource{}, err
	}
	src := meetingsync.CalendarSource{ID: NewID(), Name: strings.TrimSpace(name), Masked: calendar.Mask(n)}
	if src.Name == "" {
		src.Name = defaultName(n)
	}
	if err := auth.NewStore(f.opts.Keychain, keychainName(src.ID)).Write(ctx, n); err != nil {
		return meetingsync.CalendarSource{}, fmt.Errorf("save the calendar address in the keychain: %w", err)
	}
	f.mu.Lock()
	f.addr[src.ID] = n
	f.mu.Unlock()
	return src, nil
}

// Store stores address as the source id's, replacing any stored before
// (the demo's feed, whose secret changes at every start of the simulator).
func (f *Feeds) Store(ctx context.Context, id, address string) error {
	n, err := f.Normalize(address)
	if err != nil {
		return err
	}
	if err := auth.NewStore(f.opts.Keychain, keychainName(id)).Write(ctx, n); err != nil {
		return fmt.Errorf("save the calendar address in the keychain: %w", err)
	}
	f.mu.Lock()
	f.addr[id] = n
	f.mu.Unlock()
	return nil
}

// defaultName names a source after its host, or its file.
func defaultName(address string) string {
	m := calendar.Mask(address)
	if host, _, ok := strings.Cut(m, "…"); ok {
		return host
	}
	if i := strings.LastIndexAny(m, `/\`); i >= 0 {
		m = m[i+1:]
	}
	return strings.TrimSuffix(m, ".ics")
}

// Remove deletes a source's address from the keychain. A source with no
// address is not an error.
func (f *Feeds) Remove(ctx context.Context, id string) error {
	f.mu.Lock()
	delete(f.addr, id)
	f.mu.Unlock()
	if err := auth.NewStore(f.opts.Keychain, keychainName(id)).Clear(ctx); err != nil {
		return fmt.Errorf("delete the calendar address from the keychain: %w", err)
	}
	return nil
}

// address returns a source's stored address.
func (f *Feeds) address(ctx context.Context, id string) (string, error) {
	f.mu.Lock()
	a, ok := f.addr[id]
	f.mu.Unlock()
	if ok {
		return a, nil
	}
	a, err := auth.NewStore(f.opts.Keychain, keychainName(id)).Read(ctx)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrUnknownSource
	}
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.addr[id] = a
	f.mu.Unlock()
	return a, nil
}

// ReadCalendar reads one source for the engine.
func (f *Feeds) ReadCalendar(ctx context.Context, req meetingsync.CalendarRequest) (meetingsync.CalendarResult, error) {
	addr, err := f.address(ctx, req.Source.ID)
	if errors.Is(err, ErrUnknownSource) {
		return meetingsync.CalendarResult{}, errors.New("its address is not in the keychain any more: remove the calendar and add it again")
	}
	if err != nil {
		return meetingsync.CalendarResult{}, fmt.Errorf("its address could not be read from the keychain: %w", err)
	}
	return f.read(ctx, addr, req)
}

// read fetches and parses one source.
func (f *Feeds) read(ctx context.Context, addr string, req meetingsync.CalendarRequest) (meetingsync.CalendarResult, error) {
	got, err := f.fetcher.Fetch(ctx, addr, calendar.Validators{ETag: req.ETag, LastModified: req.LastModified})
	if err != nil {
		return meetingsync.CalendarResult{}, userError(err)
	}
	if got.NotModified {
		return meetingsync.CalendarResult{NotModified: true}, nil
	}
	res, err := calendar.ParseBytes(got.Body, calendar.Options{From: req.From, To: req.To, UserAddresses: req.UserAddresses, Local: f.opts.Local})
	if err != nil {
		return meetingsync.CalendarResult{}, userError(err)
	}
	out := meetingsync.CalendarResult{
		ETag: got.Validators.ETag, LastModified: got.Validators.LastModified,
		Found: res.Events, Events: make([]meetingsync.CalendarEvent, 0, len(res.Occurrences)),
	}
	for _, o := range res.Occurrences {
		out.Events = append(out.Events, EventOf(o))
	}
	for _, u := range res.Unreadable {
		out.Unreadable = append(out.Unreadable, u.Reason)
	}
	return out, nil
}

// EventOf is the engine's form of a calendar occurrence.
func EventOf(o calendar.Occurrence) meetingsync.CalendarEvent {
	ev := meetingsync.CalendarEvent{
		UID: o.UID, RecurrenceID: o.RecurrenceID, Summary: o.Summary,
		Start: o.Start, End: o.End, AllDay: o.AllDay, Cancelled: o.Cancelled(), Declined: o.Declined,
		Organizer: meetingsync.Person{Name: o.Organizer.Name, Email: o.Organizer.Email},
	}
	for _, a := range o.Attendees {
		ev.Attendees = append(ev.Attendees, meetingsync.Person{Name: a.Name, Email: a.Email})
	}
	if z := o.Zoom; z != nil {
		ev.JoinURL, ev.Passcode = z.JoinURL, z.Passcode
		if id, err := strconv.ParseInt(z.MeetingID, 10, 64); err == nil && id > 0 {
			ev.MeetingID = id
		}
	}
	return ev
}

// userError is a fetch or parse error in words for the user (a sentence
// without the address).
func userError(err error) error {
	var fe *calendar.FetchError
	if errors.As(err, &fe) {
		return errors.New(capitalize(fe.Message()))
	}
	return errors.New(capitalize(err.Error()))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Check reads address once, without storing anything, for `calendar check`
// and the Settings page's Test: the parsed result, or an error in words.
func (f *Feeds) Check(ctx context.Context, address string, opt calendar.Options) (*calendar.Result, error) {
	n, err := f.Normalize(address)
	if err != nil {
		return nil, err
	}
	got, err := f.fetcher.Fetch(ctx, n, calendar.Validators{})
	if err != nil {
		return nil, userError(err)
	}
	if opt.Local == nil {
		opt.Local = f.opts.Local
	}
	res, err := calendar.ParseBytes(got.Body, opt)
	if err != nil {
		return nil, userError(err)
	}
	return res, nil
}
