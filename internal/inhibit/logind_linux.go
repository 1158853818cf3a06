//go:build linux

package inhibit

import (
	"context"
	"fmt"

	"github.com/godbus/dbus/v5"
	"golang.org/x/sys/unix"
)

// logind's names.
const (
	logindName   = "org.freedesktop.login1"
	logindPath   = dbus.ObjectPath("/org/freedesktop/login1")
	logindMethod = "org.freedesktop.login1.Manager.Inhibit"
)

// platformHold asks logind for an inhibitor lock on a private connection,
// closed at once: the lock is the file descriptor, held until release
// closes it.
func (in *Inhibitor) platformHold(ctx context.Context, why string) (func() error, error) {
	var conn *dbus.Conn
	var err error
	if in.opts.BusAddress != "" {
		conn, err = dbus.Connect(in.opts.BusAddress, dbus.WithContext(ctx))
	} else {
		conn, err = dbus.ConnectSystemBus(dbus.WithContext(ctx))
	}
	if err != nil {
		return nil, fmt.Errorf("connect to the system bus: %w", err)
	}
	defer conn.Close()
	var fd dbus.UnixFD
	err = conn.Object(logindName, logindPath).CallWithContext(ctx, logindMethod, 0, What, Who, why, in.opts.Mode).Store(&fd)
	if err != nil {
		return nil, fmt.Errorf("logind Inhibit: %w", err)
	}
	// A program the agent starts (the browser) must not inherit the lock.
	unix.CloseOnExec(int(fd))
	return func() error { return unix.Close(int(fd)) }, nil
}
