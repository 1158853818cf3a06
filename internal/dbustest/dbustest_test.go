package dbustest

import (
	"context"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

func TestFakesAnswerLikeTheRealServices(t *testing.T) {
	addr := StartBus(t)
	w := StartWatcher(t, addr)
	n := StartNotifications(t, addr, "actions", "body")
	client := Connect(t, addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// A tray item registers its path with the watcher.
	watcher := client.Object("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher")
	if err := watcher.CallWithContext(ctx, "org.kde.StatusNotifierWatcher.RegisterStatusNotifierItem", 0, "/StatusNotifierItem").Err; err != nil {
		t.Fatal(err)
	}
	item, err := w.WaitItem(ctx)
	if err != nil || item.Path != "/StatusNotifierItem" || item.Sender != client.Names()[0] {
		t.Fatalf("item = %+v, %v (client %v)", item, err, client.Names())
	}
	v, err := watcher.GetProperty("org.kde.StatusNotifierWatcher.IsStatusNotifierHostRegistered")
	if err != nil || v.Value() != true {
		t.Fatalf("IsStatusNotifierHostRegistered = %v, %v", v, err)
	}

	// A notification with an action, then the user clicks the action.
	notif := client.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	var caps []string
	if err := notif.CallWithContext(ctx, "org.freedesktop.Notifications.GetCapabilities", 0).Store(&caps); err != nil || len(caps) != 2 {
		t.Fatalf("caps = %v, %v", caps, err)
	}
	if err := client.AddMatchSignal(dbus.WithMatchInterface("org.freedesktop.Notifications"), dbus.WithMatchMember("ActionInvoked")); err != nil {
		t.Fatal(err)
	}
	signals := make(chan *dbus.Signal, 4)
	client.Signal(signals)
	var id uint32
	err = notif.CallWithContext(ctx, "org.freedesktop.Notifications.Notify", 0, "Interview Tray", uint32(0), "",
		"Interview in 10 min", "Priya Raman", []string{"join", "Join"}, map[string]dbus.Variant{}, int32(-1)).Store(&id)
	if err != nil || id == 0 {
		t.Fatalf("Notify = %d, %v", id, err)
	}
	got, err := n.Wait(ctx, "Interview in 10 min")
	if err != nil || got.ID != id || len(got.Actions) != 2 || got.Actions[0] != "join" {
		t.Fatalf("recorded %+v, %v", got, err)
	}
	if err := n.InvokeAction(id, "join"); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-signals:
		if s.Name != "org.freedesktop.Notifications.ActionInvoked" || s.Body[0] != id || s.Body[1] != "join" {
			t.Fatalf("signal = %+v", s)
		}
	case <-ctx.Done():
		t.Fatal("no ActionInvoked signal")
	}
}
