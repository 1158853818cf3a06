package localapi

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// pipeListener is an in-memory listener: Dial hands the server one end of a
// net.Pipe, which has no buffer, so a client that does not read blocks the
// server's next write at once, as a full socket buffer does. It counts the
// connections the server accepted and closed.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once

	mu       sync.Mutex // guards the counts
	accepted int
	open     int
	maxOpen  int
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn, 10000), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		l.mu.Lock()
		l.accepted++
		l.open++
		l.maxOpen = max(l.maxOpen, l.open)
		l.mu.Unlock()
		return &countedConn{Conn: c, l: l}, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// Dial connects a new client.
func (l *pipeListener) Dial() net.Conn {
	client, server := net.Pipe()
	l.conns <- server
	return client
}

func (l *pipeListener) counts() (accepted, open, maxOpen int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.accepted, l.open, l.maxOpen
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

type countedConn struct {
	net.Conn
	l    *pipeListener
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.open--
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}

// testLimits are small, to keep the numbers in the tests readable.
var testLimits = limits{
	ReadHeaderTimeout: 2 * time.Second,
	ReadTimeout:       5 * time.Second,
	IdleTimeout:       20 * time.Second,
	WriteTimeout:      3 * time.Second,
	MaxConns:          8,
	MaxWatchers:       4,
}

// serveInBubble serves b on an in-memory listener until the test ends.
func serveInBubble(t *testing.T, b Backend, lim limits) (*Server, *pipeListener) {
	t.Helper()
	s := newServer(b, nil, lim)
	ln := newPipeListener()
	go s.Serve(ln)
	t.Cleanup(func() {
		s.srv.Close()
		synctest.Wait()
	})
	return s, ln
}

// closedByServer reports whether the server closed c: a read returns EOF
// (net.Pipe holds no data, so nothing the server wrote is pending). It
// drains what the server still has to say.
func closedByServer(c net.Conn) chan struct{} {
	done := make(chan struct{})
	go func() {
		io.Copy(io.Discard, c)
		close(done)
	}()
	return done
}

func isClosed(done chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

func (b *fakeBackend) watchers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// bigState makes each state message large, as a full agenda is.
func (b *fakeBackend) bigState(n int) {
	b.mu.Lock()
	b.state.Snapshot = &model.Snapshot{Interviews: []model.Interview{{ID: 1, Topic: strings.Repeat("x", n)}}}
	b.mu.Unlock()
}

func TestWatchersThatNeverReadAreDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newFakeBackend()
		b.bigState(256 << 10)
		lim := testLimits
		lim.MaxConns = 1000
		_, ln := serveInBubble(t, b, lim)

		// Given 200 clients that ask to watch and then never read,
		var clients []net.Conn
		for range 200 {
			c := ln.Dial()
			clients = append(clients, c)
			go io.WriteString(c, "GET /v1/watch HTTP/1.1\r\nHost: agent\r\n\r\n")
		}
		synctest.Wait()
		// then at most MaxWatchers of them are served,
		if n := b.watchers(); n > lim.MaxWatchers {
			t.Errorf("%d watch streams open, want at most %d", n, lim.MaxWatchers)
		}
		// and when the state keeps changing, none piles up: once the write
		// deadline passes, every one is dropped and its connection closed.
		for i := range 10 {
			b.set(strings.Repeat("y", 100<<10) + string(rune('a'+i)))
			time.Sleep(time.Second)
		}
		time.Sleep(lim.WriteTimeout)
		synctest.Wait()
		if n := b.watchers(); n != 0 {
			t.Errorf("%d watchers that never read still served", n)
		}
		if _, open, _ := ln.counts(); open != 0 {
			t.Errorf("%d connections still open", open)
		}
		for _, c := range clients {
			c.Close()
		}
	})
}

func TestWatchOverTheCapIsRefused(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newFakeBackend()
		_, ln := serveInBubble(t, b, testLimits)
		// Given MaxWatchers clients watching (and reading),
		for range testLimits.MaxWatchers {
			c := ln.Dial()
			defer c.Close()
			go io.WriteString(c, "GET /v1/watch HTTP/1.1\r\nHost: agent\r\n\r\n")
			go io.Copy(io.Discard, c)
		}
		synctest.Wait()
		// when one more asks, it is told to try later.
		c := ln.Dial()
		defer c.Close()
		go io.WriteString(c, "GET /v1/watch HTTP/1.1\r\nHost: agent\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("status %d, want 503", resp.StatusCode)
		}
		if n := b.watchers(); n != testLimits.MaxWatchers {
			t.Errorf("%d watchers, want %d", n, testLimits.MaxWatchers)
		}
	})
}

func TestSilentClientIsClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, ln := serveInBubble(t, newFakeBackend(), testLimits)
		// Given a client that connects and sends nothing,
		c := ln.Dial()
		defer c.Close()
		done := closedByServer(c)
		time.Sleep(testLimits.ReadHeaderTimeout - time.Millisecond)
		synctest.Wait()
		if isClosed(done) {
			t.Fatal("closed before the header timeout")
		}
		// it is closed once the header timeout passes.
		time.Sleep(time.Second)
		synctest.Wait()
		if !isClosed(done) {
			t.Fatal("a silent client is still connected after the header timeout")
		}
	})
}

func TestStalledBodyIsClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newFakeBackend()
		_, ln := serveInBubble(t, b, testLimits)
		// Given a client that sends a command's headers and part of its body,
		c := ln.Dial()
		defer c.Close()
		done := closedByServer(c)
		io.WriteString(c, "POST /v1/commands HTTP/1.1\r\nHost: agent\r\nContent-Length: 100\r\n\r\n{\"name\":")
		// it is closed once the read timeout passes, and nothing is done.
		time.Sleep(testLimits.ReadTimeout + time.Second)
		synctest.Wait()
		if !isClosed(done) {
			t.Fatal("a client stalling in its body is still connected after the read timeout")
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.done) != 0 {
			t.Errorf("commands done: %+v", b.done)
		}
	})
}

func TestClientNotReadingItsAnswerIsClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newFakeBackend()
		b.bigState(64 << 10)
		_, ln := serveInBubble(t, b, testLimits)
		// Given a client that asks for the state and never reads the answer,
		c := ln.Dial()
		defer c.Close()
		io.WriteString(c, "GET /v1/state HTTP/1.1\r\nHost: agent\r\n\r\n")
		// the server drops it once the write deadline passes.
		time.Sleep(testLimits.WriteTimeout + time.Second)
		synctest.Wait()
		if _, open, _ := ln.counts(); open != 0 {
			t.Fatalf("%d connections open: the server still waits to write", open)
		}
	})
}

func TestConnectionCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, ln := serveInBubble(t, newFakeBackend(), testLimits)
		// Given three times as many clients as the cap, all silent,
		n := 3 * testLimits.MaxConns
		var all []chan struct{}
		for range n {
			c := ln.Dial()
			defer c.Close()
			all = append(all, closedByServer(c))
		}
		synctest.Wait()
		// then only MaxConns are taken at once; the rest wait their turn,
		if accepted, _, _ := ln.counts(); accepted != testLimits.MaxConns {
			t.Errorf("%d connections accepted, want %d", accepted, testLimits.MaxConns)
		}
		// and as the silent ones time out, the waiting ones are served in
		// turn, never more than MaxConns at once.
		time.Sleep(4 * testLimits.ReadHeaderTimeout)
		synctest.Wait()
		accepted, open, maxOpen := ln.counts()
		if accepted != n || open != 0 || maxOpen != testLimits.MaxConns {
			t.Errorf("accepted %d, open %d, at most %d at once; want %d, 0, %d", accepted, open, maxOpen, n, testLimits.MaxConns)
		}
		for i, done := range all {
			if !isClosed(done) {
				t.Errorf("client %d still connected", i)
			}
		}
	})
}

func TestWatchOutlivesTimeouts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newFakeBackend()
		_, ln := serveInBubble(t, b, testLimits)
		tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) { return ln.Dial(), nil }}
		defer tr.CloseIdleConnections()
		c := &Client{path: "pipe", hc: &http.Client{Transport: tr}, Timeout: time.Minute}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// Given a window watching the agent,
		ch, err := c.Watch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		<-ch
		// when nothing changes for longer than every timeout,
		time.Sleep(2 * (testLimits.ReadTimeout + testLimits.IdleTimeout + testLimits.WriteTimeout))
		// then its stream is still open and the next change arrives.
		b.set("Interview: Grace")
		synctest.Wait()
		select {
		case s, ok := <-ch:
			if !ok || s.Snapshot.Interviews[0].Topic != "Interview: Grace" {
				t.Fatalf("got %+v, %v", s, ok)
			}
		default:
			t.Fatal("the change did not arrive: the stream was cut")
		}
		cancel()
		synctest.Wait()
	})
}
