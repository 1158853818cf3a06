package localapi

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
	"unsafe"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// pipeServer serves a named pipe: one instance waits for a client at a
// time, and the next is created as soon as one connects. It is written here
// rather than taken from go-winio's ListenPipe because that one parks its
// first instance in a "not yet listening" state that Wine does not have, so
// under Wine every client connected to an instance nobody read. Connected
// instances are handed to go-winio (NewOpenFile) for overlapped reads and
// writes with deadlines.
type pipeServer struct {
	path string
	sa   *windows.SecurityAttributes

	closeEv windows.Handle // set by Close, wakes a waiting Accept
	once    sync.Once

	mu   sync.Mutex     // one Accept at a time; guards next
	next windows.Handle // the instance waiting for the next client
}

// listenPipe creates the pipe's first instance with the security
// descriptor sddl. FILE_FLAG_FIRST_PIPE_INSTANCE makes it fail on Windows
// when the name exists (Wine ignores it: the caller also holds a lock).
func listenPipe(path, sddl string) (*pipeServer, error) {
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		return nil, fmt.Errorf("security descriptor: %w", err)
	}
	sa := &windows.SecurityAttributes{Length: uint32(unsafe.Sizeof(windows.SecurityAttributes{})), SecurityDescriptor: sd}
	h, err := createPipeInstance(path, sa, true)
	if err != nil {
		return nil, err
	}
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	return &pipeServer{path: path, sa: sa, closeEv: ev, next: h}, nil
}

func createPipeInstance(path string, sa *windows.SecurityAttributes, first bool) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	flags := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		flags |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	mode := uint32(windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS)
	h, err := windows.CreateNamedPipe(name, flags, mode, windows.PIPE_UNLIMITED_INSTANCES, 64<<10, 64<<10, 0, sa)
	if err != nil {
		return 0, fmt.Errorf("create pipe %s: %w", path, err)
	}
	return h, nil
}

func (l *pipeServer) Accept() (net.Conn, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next == 0 {
		return nil, net.ErrClosed
	}
	h := l.next
	for {
		err := l.waitClient(h)
		if err == nil {
			break
		}
		// A client that connected and left before this wait (Alive does
		// just that) leaves the instance to be disconnected and reused;
		// anything else ends Accept, and so the HTTP server.
		if !errors.Is(err, windows.ERROR_NO_DATA) && !errors.Is(err, windows.ERROR_BROKEN_PIPE) && !errors.Is(err, windows.ERROR_PIPE_NOT_CONNECTED) {
			return nil, err
		}
		windows.DisconnectNamedPipe(h)
	}
	// A new instance for the next client before this one is handed over;
	// until it exists a client's dial retries (ERROR_PIPE_BUSY).
	next, err := createPipeInstance(l.path, l.sa, false)
	if err != nil {
		windows.DisconnectNamedPipe(h)
		l.next = h // keep listening on this one
		return nil, err
	}
	l.next = next
	f, err := winio.NewOpenFile(h)
	if err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	return &pipeConn{file: f.(pipeFile), path: l.path}, nil
}

// waitClient waits for a client on instance h, or for Close.
func (l *pipeServer) waitClient(h windows.Handle) error {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	ov := windows.Overlapped{HEvent: ev}
	switch err := windows.ConnectNamedPipe(h, &ov); {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return fmt.Errorf("connect pipe: %w", err)
	}
	r, err := windows.WaitForMultipleObjects([]windows.Handle{ev, l.closeEv}, false, windows.INFINITE)
	if err != nil || r != windows.WAIT_OBJECT_0 {
		windows.CancelIoEx(h, &ov)
		var n uint32
		windows.GetOverlappedResult(h, &ov, &n, true)
		if err != nil {
			return err
		}
		return net.ErrClosed
	}
	var n uint32
	if err := windows.GetOverlappedResult(h, &ov, &n, false); err != nil && !errors.Is(err, windows.ERROR_PIPE_CONNECTED) {
		return fmt.Errorf("connect pipe: %w", err)
	}
	return nil
}

func (l *pipeServer) Close() error {
	l.once.Do(func() {
		windows.SetEvent(l.closeEv)
		l.mu.Lock() // a waiting Accept has returned
		defer l.mu.Unlock()
		if l.next != 0 {
			windows.CloseHandle(l.next)
			l.next = 0
		}
		windows.CloseHandle(l.closeEv)
	})
	return nil
}

func (l *pipeServer) Addr() net.Addr { return namedPipeAddr(l.path) }

// pipeFile is what winio.NewOpenFile returns.
type pipeFile interface {
	Read([]byte) (int, error)
	Write([]byte) (int, error)
	Close() error
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
	Fd() uintptr
}

// pipeConn is one client's connection, a net.Conn for the HTTP server.
type pipeConn struct {
	file pipeFile
	path string
}

func (c *pipeConn) Read(b []byte) (int, error)  { return c.file.Read(b) }
func (c *pipeConn) Write(b []byte) (int, error) { return c.file.Write(b) }
func (c *pipeConn) Close() error {
	windows.FlushFileBuffers(windows.Handle(c.file.Fd()))
	windows.DisconnectNamedPipe(windows.Handle(c.file.Fd()))
	return c.file.Close()
}
func (c *pipeConn) LocalAddr() net.Addr                { return namedPipeAddr(c.path) }
func (c *pipeConn) RemoteAddr() net.Addr               { return namedPipeAddr(c.path) }
func (c *pipeConn) SetReadDeadline(t time.Time) error  { return c.file.SetReadDeadline(t) }
func (c *pipeConn) SetWriteDeadline(t time.Time) error { return c.file.SetWriteDeadline(t) }
func (c *pipeConn) SetDeadline(t time.Time) error {
	c.file.SetReadDeadline(t)
	return c.file.SetWriteDeadline(t)
}

type namedPipeAddr string

func (namedPipeAddr) Network() string  { return "pipe" }
func (a namedPipeAddr) String() string { return string(a) }
