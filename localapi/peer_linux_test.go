package localapi

import (
	"context"
	"net"
	"path/filepath"
	"testing"
)

func TestPeerCheckSeesThroughTheConnectionCap(t *testing.T) {
	// Given a connection accepted through the server's connection cap,
	path := filepath.Join(shortTempDir(t), "agent.sock")
	raw, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln := newCapListener(raw, 1)
	defer ln.Close()
	dialed, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer dialed.Close()
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// the peer check still reads the peer's credentials: this user.
	same, ok := checkPeer(context.Background(), c).Value(peerKey{}).(bool)
	if !ok || !same {
		t.Fatalf("peer check = %v (checked %v), want this user", same, ok)
	}
}
