package localapi

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// limits bound what clients can hold of the agent: how long a request may
// take to arrive, how long an answer (or one watch message) may take to be
// taken, how long an idle connection stays, and how many connections and
// watch streams are served at once. A client that stalls is dropped; one
// more than the caps waits (connections) or is told to retry (watchers).
type limits struct {
	ReadHeaderTimeout time.Duration // the request line and headers
	ReadTimeout       time.Duration // the whole request, body included
	IdleTimeout       time.Duration // between requests on a kept-alive connection
	WriteTimeout      time.Duration // one answer, or one message of a watch stream
	MaxConns          int           // connections served at once
	MaxWatchers       int           // watch streams served at once
}

// defaultLimits suit the agent's few local clients (a window or two, the
// command line) with a wide margin. Commands that call Zoom may run longer
// than WriteTimeout: their deadline starts when the answer is ready.
var defaultLimits = limits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	IdleTimeout:       30 * time.Second,
	WriteTimeout:      10 * time.Second,
	MaxConns:          64,
	MaxWatchers:       32,
}

// setWriteDeadline gives the answer being written WriteTimeout from now.
func (s *Server) setWriteDeadline(w http.ResponseWriter) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.limits.WriteTimeout))
}

// withWriteDeadline bounds every answer's writing, the mux's own 404 and
// 405 included; handlers that wait before answering set it again.
func (s *Server) withWriteDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setWriteDeadline(w)
		next.ServeHTTP(w, r)
	})
}

// capListener accepts at most cap(sem) connections at once; Accept waits
// for one to close when all are taken, and the kernel's backlog holds the
// rest. (golang.org/x/net/netutil.LimitListener does the same, but its
// connections hide the *net.UnixConn the peer check needs.)
type capListener struct {
	net.Listener
	sem  chan struct{}
	done chan struct{}
	once sync.Once
}

func newCapListener(ln net.Listener, n int) *capListener {
	return &capListener{Listener: ln, sem: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *capListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &cappedConn{Conn: c, release: func() { <-l.sem }}, nil
}

func (l *capListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// cappedConn gives its place back when closed.
type cappedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *cappedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// NetConn returns the accepted connection, for the peer check.
func (c *cappedConn) NetConn() net.Conn { return c.Conn }

// netConn unwraps c to the connection the listener accepted.
func netConn(c net.Conn) net.Conn {
	for {
		u, ok := c.(interface{ NetConn() net.Conn })
		if !ok {
			return c
		}
		c = u.NetConn()
	}
}
