//go:build linux

package tray

import (
	"context"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

func TestProbes(t *testing.T) {
	addr := dbustest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// Given an empty desktop, both probes fail with a fix.
	if p := ProbeTrayHost(ctx); p.OK || p.Fix == "" {
		t.Errorf("tray host on an empty bus: %+v", p)
	}
	if p := ProbeNotifications(ctx); p.OK || p.Fix == "" {
		t.Errorf("notifications on an empty bus: %+v", p)
	}

	// When the services appear, both pass.
	dbustest.StartWatcher(t, addr)
	dbustest.StartNotifications(t, addr, "actions")
	if p := ProbeTrayHost(ctx); !p.OK {
		t.Errorf("tray host with a watcher: %+v", p)
	}
	if p := ProbeNotifications(ctx); !p.OK {
		t.Errorf("notifications with a server: %+v", p)
	}
}
