package agent

import (
	"context"
	"log/slog"

	"github.com/godbus/dbus/v5"
)

// watchWake calls wake when the machine resumes from sleep, as logind
// announces on the system bus (PrepareForSleep(false)), so that the engine
// polls Zoom at once. Reminders do not depend on it: the engine's loops wait
// on a wall-clock timerfd (internal/walltimer) that fires at the due time
// across a suspend. With no system bus (containers, tests) it does nothing.
func watchWake(ctx context.Context, wake func(), log *slog.Logger) {
	conn, err := dbus.ConnectSystemBus(dbus.WithContext(ctx))
	if err != nil {
		log.Debug("no system bus: resume from sleep is noticed by the clock only", "err", err)
		return
	}
	defer conn.Close()
	if err := conn.AddMatchSignalContext(ctx,
		dbus.WithMatchInterface("org.freedesktop.login1.Manager"),
		dbus.WithMatchMember("PrepareForSleep"),
	); err != nil {
		log.Debug("cannot watch for sleep", "err", err)
		return
	}
	signals := make(chan *dbus.Signal, 4)
	conn.Signal(signals)
	for {
		select {
		case <-ctx.Done():
			return
		case sig, ok := <-signals:
			if !ok {
				return
			}
			if len(sig.Body) == 1 {
				if sleeping, _ := sig.Body[0].(bool); !sleeping {
					log.Info("resumed from sleep")
					wake()
				}
			}
		}
	}
}
