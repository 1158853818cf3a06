package localapi

import (
	"context"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

type peerKey struct{}

// checkPeer records whether the connecting process runs as this user. The
// socket's 0700 directory already keeps other users out; this is a second
// check, enforced by rejectForeignPeer.
func checkPeer(ctx context.Context, c net.Conn) context.Context {
	uc, ok := netConn(c).(*net.UnixConn)
	if !ok {
		return ctx
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return context.WithValue(ctx, peerKey{}, false)
	}
	same := false
	raw.Control(func(fd uintptr) {
		cred, err := unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
		same = err == nil && int(cred.Uid) == os.Getuid()
	})
	return context.WithValue(ctx, peerKey{}, same)
}

// foreignPeer reports a connection from another user.
func foreignPeer(ctx context.Context) bool {
	same, ok := ctx.Value(peerKey{}).(bool)
	return ok && !same
}
