package hotkey

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBackend records grabs and lets the test press the grabbed keys.
type fakeBackend struct {
	mu      sync.Mutex
	grabbed map[Shortcut]func()
	log     []string
	refuse  map[string]error // by shortcut text
}

func newFake() *fakeBackend {
	return &fakeBackend{grabbed: map[Shortcut]func(){}, refuse: map[string]error{}}
}

type fakeGrab struct {
	b  *fakeBackend
	sc Shortcut
}

func (g fakeGrab) Close() error {
	g.b.mu.Lock()
	defer g.b.mu.Unlock()
	delete(g.b.grabbed, g.sc)
	g.b.log = append(g.b.log, "release "+g.sc.String())
	return nil
}

func (b *fakeBackend) Grab(sc Shortcut, pressed func()) (io.Closer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.refuse[sc.String()]; err != nil {
		return nil, err
	}
	if _, ok := b.grabbed[sc]; ok {
		return nil, fmt.Errorf("grab %s: already grabbed", sc)
	}
	b.grabbed[sc] = pressed
	b.log = append(b.log, "grab "+sc.String())
	return fakeGrab{b, sc}, nil
}

// press presses sc; it reports whether anything had it grabbed.
func (b *fakeBackend) press(text string) bool {
	sc, err := Parse(text)
	if err != nil {
		panic(err)
	}
	b.mu.Lock()
	f := b.grabbed[sc]
	b.mu.Unlock()
	if f != nil {
		f()
	}
	return f != nil
}

func (b *fakeBackend) events() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Join(b.log, ", ")
}

func TestService(t *testing.T) {
	b := newFake()
	joins := 0
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	s := NewService(b, func() { joins++ })
	s.now = func() time.Time { return now }

	if s.Status() != "Off" || b.press(Default) {
		t.Fatal("something is grabbed before Set")
	}
	// Given the default shortcut, when it is pressed, Join runs.
	if err := s.Set(Default); err != nil {
		t.Fatal(err)
	}
	if !b.press("Ctrl+Alt+J") || joins != 1 || s.Status() != "Ctrl+Alt+J" {
		t.Fatalf("joins %d, status %q", joins, s.Status())
	}
	// Held down (repeats within a second): still one join.
	now = now.Add(300 * time.Millisecond)
	b.press("Ctrl+Alt+J")
	if joins != 1 {
		t.Errorf("a repeat joined again: %d", joins)
	}
	now = now.Add(Repeat)
	b.press("Ctrl+Alt+J")
	if joins != 2 {
		t.Errorf("a second press a second later: %d joins", joins)
	}
	// The same shortcut in other words grabs nothing new.
	if err := s.Set("control+alt+j"); err != nil || b.events() != "grab Ctrl+Alt+J" {
		t.Errorf("same shortcut: %v, %s", err, b.events())
	}
	// Changed: the new one is grabbed, then the old one released.
	if err := s.Set("Ctrl+Shift+F9"); err != nil {
		t.Fatal(err)
	}
	if got, want := b.events(), "grab Ctrl+Alt+J, grab Ctrl+Shift+F9, release Ctrl+Alt+J"; got != want {
		t.Errorf("events %q, want %q", got, want)
	}
	if b.press("Ctrl+Alt+J") {
		t.Error("the old shortcut is still grabbed")
	}
	// Text that is not a shortcut: an error, and the grab stays.
	if err := s.Set("Ctrl+Banana"); err == nil || s.Status() != "Ctrl+Shift+F9" || !b.press("Ctrl+Shift+F9") {
		t.Errorf("bad text: %v, status %q", err, s.Status())
	}
	// Another application has it: an error, and the previous one stays.
	b.refuse["Ctrl+Alt+K"] = errors.New("grab Ctrl+Alt+K: another application already uses it")
	if err := s.Set("Ctrl+Alt+K"); err == nil || !strings.Contains(err.Error(), "another application") {
		t.Errorf("taken: %v", err)
	}
	if s.Status() != "Ctrl+Shift+F9" || !b.press("Ctrl+Shift+F9") {
		t.Errorf("after a refused grab: status %q, grabs %s", s.Status(), b.events())
	}
	// Off.
	if err := s.Set(""); err != nil || s.Status() != "Off" || b.press("Ctrl+Shift+F9") {
		t.Errorf("off: %v, status %q", err, s.Status())
	}
	// Closed: nothing is grabbed, presses are ignored, Set fails.
	if err := s.Set(Default); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if b.press(Default) || s.Set(Default) == nil {
		t.Error("still usable after Close")
	}
}

func TestServiceNotAvailable(t *testing.T) {
	s := NewService(Unavailable("Wayland"), func() { t.Error("pressed") })
	err := s.Set(Default)
	if !errors.Is(err, ErrNotAvailable) {
		t.Fatalf("err = %v", err)
	}
	if got, want := s.Status(), "Global shortcuts are not available on this desktop (Wayland)"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
}
