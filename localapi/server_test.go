package localapi

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// fakeBackend is an agent with a counter for a state and a log of commands.
type fakeBackend struct {
	mu      sync.Mutex
	state   State
	subs    map[chan struct{}]bool
	done    []Command
	failing error
}

func newFakeBackend() *fakeBackend {
	return &fakeBackend{subs: map[chan struct{}]bool{}, state: State{
		Snapshot: &model.Snapshot{Interviews: []model.Interview{{ID: 85746065432, Topic: "Interview: Ada"}}},
		Agent:    AgentInfo{Version: "test", Demo: true},
	}}
}

func (b *fakeBackend) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *fakeBackend) Changes() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	b.mu.Lock()
	b.subs[ch] = true
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

func (b *fakeBackend) set(topic string) {
	b.mu.Lock()
	b.state.Snapshot = &model.Snapshot{Interviews: []model.Interview{{ID: 1, Topic: topic}}}
	for ch := range b.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	b.mu.Unlock()
}

func (b *fakeBackend) Do(ctx context.Context, cmd Command) (Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = append(b.done, cmd)
	switch {
	case b.failing != nil:
		return Result{}, b.failing
	case cmd.Name == CmdOpenLink && cmd.URL != "https://zoom.us/j/1":
		return Result{}, BadCommand("refusing to open %q: not a Zoom link", cmd.URL)
	case cmd.Name == CmdSignOut:
		return Result{Message: "Signed out."}, nil
	}
	return Result{}, nil
}

func startServer(t *testing.T, b Backend) *Client {
	t.Helper()
	path := testAgentPath(t, "agent.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(b, nil)
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return NewClient(path)
}

func TestStateAndCommands(t *testing.T) {
	b := newFakeBackend()
	c := startServer(t, b)
	ctx := context.Background()

	s, err := c.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Agent.Version != "test" || !s.Agent.Demo || len(s.Snapshot.Interviews) != 1 || s.Snapshot.Interviews[0].ID != 85746065432 {
		t.Errorf("state = %+v", s)
	}

	if err := c.Join(ctx, 85746065432); err != nil {
		t.Fatal(err)
	}
	if err := c.Snooze(ctx, "k1", 5); err != nil {
		t.Fatal(err)
	}
	msg, err := c.SignOut(ctx)
	if err != nil || msg != "Signed out." {
		t.Errorf("SignOut = %q, %v", msg, err)
	}
	err = c.OpenLink(ctx, "https://evil.example/")
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest || ae.Message == "" {
		t.Errorf("OpenLink(evil) = %v", err)
	}
	b.mu.Lock()
	got := b.done
	b.mu.Unlock()
	if len(got) != 4 || got[0] != (Command{Name: CmdJoin, MeetingID: 85746065432}) || got[1] != (Command{Name: CmdSnooze, Key: "k1", Minutes: 5}) {
		t.Errorf("commands = %+v", got)
	}
}

func TestBackendErrorIs500(t *testing.T) {
	b := newFakeBackend()
	b.failing = errors.New("keychain locked")
	c := startServer(t, b)
	err := c.Refresh(context.Background())
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 500 || ae.Message != "keychain locked" {
		t.Fatalf("err = %#v", err)
	}
}

func TestUnknownFieldsRefused(t *testing.T) {
	b := newFakeBackend()
	c := startServer(t, b)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.roundTrip(ctx, http.MethodPost, "/v1/commands", map[string]any{"name": "refresh", "token": "x"})
	if err == nil {
		resp.Body.Close()
		t.Fatal("a command with unknown fields was accepted")
	}
}

func TestWatchStreamsChanges(t *testing.T) {
	b := newFakeBackend()
	c := startServer(t, b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ch, err := c.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := <-ch
	if first.Snapshot.Interviews[0].Topic != "Interview: Ada" {
		t.Fatalf("first state = %+v", first)
	}
	b.set("Interview: Grace")
	for s := range ch {
		if s.Snapshot.Interviews[0].Topic == "Interview: Grace" {
			cancel()
			return
		}
	}
	t.Fatal("the change never arrived")
}

func TestNoAgent(t *testing.T) {
	c := NewClient(testAgentPath(t, "nobody.sock"))
	if _, err := c.State(context.Background()); !errors.Is(err, ErrNoAgent) {
		t.Fatalf("err = %v, want ErrNoAgent", err)
	}
}
