package window

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
)

// streamAPI is an agent whose watch streams what the test sends on states,
// and ends when the test closes it.
type streamAPI struct {
	API
	states chan localapi.State
}

func (s *streamAPI) Watch(ctx context.Context) (<-chan localapi.State, error) {
	return s.states, nil
}

func newLinkForTest(version string, alive bool) (*agentLink, *streamAPI, chan string, chan struct{}) {
	api := &streamAPI{states: make(chan localapi.State)}
	other, gone := make(chan string, 2), make(chan struct{}, 2)
	l := &agentLink{API: api, version: version, alive: func() bool { return alive },
		otherBuild: func(v string) { other <- v }, gone: func() { gone <- struct{}{} }}
	return l, api, other, gone
}

func stateOf(version string) localapi.State {
	return localapi.State{Agent: localapi.AgentInfo{Version: version}}
}

func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatalf("no %s within 5s", what)
	}
	var zero T
	return zero
}

// TestWindowClosesWhenItsAgentWentAway: when the agent's state stream ends
// and nothing answers on its socket (Quit, a crash), the window process is
// told to close; when the stream ends but an agent still answers (a
// dropped stream), it is not, and the bridge watches again.
func TestWindowClosesWhenItsAgentWentAway(t *testing.T) {
	for _, alive := range []bool{false, true} {
		l, api, _, gone := newLinkForTest("1.0+abc", alive)
		ch, err := l.Watch(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		api.states <- stateOf("1.0+abc")
		if st := receive(t, ch, "state"); st.Agent.Version != "1.0+abc" {
			t.Fatalf("got %+v", st)
		}
		close(api.states)
		if _, open := <-ch; open {
			t.Fatal("the stream did not end with the agent's")
		}
		select {
		case <-gone:
			if alive {
				t.Error("the window closed although an agent still answers")
			}
		case <-time.After(100 * time.Millisecond):
			if !alive {
				t.Error("the agent went away, and the window was not told to close")
			}
		}
	}
}

// TestWindowOfAnotherBuildShowsNoState: a window from another build than
// the running agent never shows the agent's state; it says so once,
// naming both versions, and offers only Close.
func TestWindowOfAnotherBuildShowsNoState(t *testing.T) {
	l, api, other, _ := newLinkForTest("1.0+new", true)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ch, err := l.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var shown atomic.Int32
	go func() {
		for range ch {
			shown.Add(1)
		}
	}()
	api.states <- stateOf("1.0+old")
	api.states <- stateOf("1.0+old")
	if v := receive(t, other, "other-build report"); v != "1.0+old" {
		t.Errorf("reported agent version %q, want 1.0+old", v)
	}
	close(api.states)
	time.Sleep(50 * time.Millisecond)
	if n := shown.Load(); n != 0 {
		t.Errorf("the window was given %d states of another build", n)
	}
	select {
	case v := <-other:
		t.Errorf("reported a second time (%q)", v)
	default:
	}

	test.NewTempApp(t)
	closed := false
	c := test.NewWindow(otherBuildContent("1.0+new", "1.0+old", func() { closed = true }))
	defer c.Close()
	var texts []string
	var closeBtn *widget.Button
	walkObject(c.Content(), func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			closeBtn = w
		}
	})
	if len(texts) < 2 || texts[0] != "Restart Interview Tray" || !strings.Contains(texts[1], "1.0+new") || !strings.Contains(texts[1], "1.0+old") {
		t.Errorf("the window says %q", texts)
	}
	if closeBtn == nil || closeBtn.Text != "Close" {
		t.Fatal("no Close button")
	}
	test.Tap(closeBtn)
	if !closed {
		t.Error("Close did not close the window")
	}
}

// noAgentAPI is a socket nobody answers on.
type noAgentAPI struct{ API }

func (noAgentAPI) Watch(context.Context) (<-chan localapi.State, error) {
	return nil, fmt.Errorf("%w (/run/agent.sock)", localapi.ErrNoAgent)
}

// TestWindowTheAgentStartedClosesWhenNoAgentAnswers: a window the agent
// started closes when no agent answers even before it first connected (the
// agent went away while the window was starting); one started by hand
// stays, saying that the agent is not running.
func TestWindowTheAgentStartedClosesWhenNoAgentAnswers(t *testing.T) {
	for _, byAgent := range []bool{true, false} {
		gone := 0
		l := &agentLink{API: noAgentAPI{}, version: "1.0", byAgent: byAgent, alive: func() bool { return false },
			otherBuild: func(string) {}, gone: func() { gone++ }}
		for range 2 {
			if _, err := l.Watch(t.Context()); !errors.Is(err, localapi.ErrNoAgent) {
				t.Errorf("Watch = %v, want ErrNoAgent for the shell to show", err)
			}
		}
		if want := map[bool]int{true: 1, false: 0}[byAgent]; gone != want {
			t.Errorf("started by the agent %v: told to close %d times, want %d", byAgent, gone, want)
		}
	}
}
