//go:build !linux

package localapi

import (
	"context"
	"net"
)

// checkPeer: outside Linux the private directory (or, on Windows, the user
// profile's ACL) is what keeps other users out.
func checkPeer(ctx context.Context, c net.Conn) context.Context { return ctx }

func foreignPeer(ctx context.Context) bool { return false }
