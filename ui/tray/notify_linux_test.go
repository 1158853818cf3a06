//go:build linux

package tray

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

func TestDBusNotifier(t *testing.T) {
	tests := []struct {
		name        string
		caps        []string
		wantActions int
	}{
		{"server with actions", []string{"actions", "body"}, 2},
		{"server without actions", []string{"body"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := dbustest.StartBus(t)
			server := dbustest.StartNotifications(t, addr, tt.caps...)
			clicked := make(chan [2]string, 1)
			n, err := NewDBusNotifier(addr, "Interview Tray", "interviewtray", func(key, action string) {
				clicked <- [2]string{key, action}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer n.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()

			// Given a reminder, when it is shown, the server gets it with a Join button.
			note := Notification{Key: "r1", Title: "Interview in 10 min", Body: "Priya Raman, 15:00",
				Buttons: []Button{{Key: "join", Label: "Join"}}, Urgent: true}
			if err := n.Notify(ctx, note); err != nil {
				t.Fatal(err)
			}
			got, err := server.Wait(ctx, "Interview in 10 min")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Actions) != tt.wantActions || got.AppName != "Interview Tray" || got.Timeout != 0 {
				t.Errorf("notification = %+v", got)
			}
			if u, ok := got.Hints["urgency"]; !ok || u.Value() != byte(2) {
				t.Errorf("urgency hint = %v", got.Hints["urgency"])
			}

			// When the same key is shown again, it replaces the first one.
			note.Title = "Interview in 1 min"
			if err := n.Notify(ctx, note); err != nil {
				t.Fatal(err)
			}
			second, err := server.Wait(ctx, "Interview in 1 min")
			if err != nil || second.ID != got.ID {
				t.Errorf("second notification id %d, want it to replace %d (%v)", second.ID, got.ID, err)
			}

			// When the user clicks Join, the callback gets our key and the action.
			if err := server.InvokeAction(got.ID, "join"); err != nil {
				t.Fatal(err)
			}
			select {
			case c := <-clicked:
				if c != [2]string{"r1", "join"} {
					t.Errorf("callback got %v", c)
				}
			case <-ctx.Done():
				t.Fatal("no action callback")
			}
		})
	}
}

func TestDBusNotifierWithoutServer(t *testing.T) {
	addr := dbustest.StartBus(t)
	n, err := NewDBusNotifier(addr, "Interview Tray", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	err = n.Notify(context.Background(), Notification{Title: "x"})
	if !errors.Is(err, ErrNoNotificationServer) {
		t.Fatalf("err = %v, want ErrNoNotificationServer", err)
	}
}

// TestDBusNotifierTopicIsText: a topic is whatever whoever scheduled the
// meeting typed; it reaches the notification as text, never as markup or
// control characters, whether or not the server reads markup.
func TestDBusNotifierTopicIsText(t *testing.T) {
	const topic = "<a href=\"https://elsewhere.example\">Click</a> & <b>win</b>\n\x1b[31mAda\u202Egpj.exe\x00"
	const clean = "<a href=\"https://elsewhere.example\">Click</a> & <b>win</b> [31mAdagpj.exe"
	tests := []struct {
		name     string
		caps     []string
		wantBody string
	}{
		{"server reading markup", []string{"actions", "body", "body-markup", "body-hyperlinks"},
			"&lt;a href=\"https://elsewhere.example\"&gt;Click&lt;/a&gt; &amp; &lt;b&gt;win&lt;/b&gt; [31mAdagpj.exe, Dec 4 15:00"},
		{"server showing plain text", []string{"actions", "body"}, clean + ", Dec 4 15:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := dbustest.StartBus(t)
			server := dbustest.StartNotifications(t, addr, tt.caps...)
			n, err := NewDBusNotifier(addr, "Interview Tray", "interviewtray", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer n.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()

			// Given a recording of a meeting with a hostile topic, when its
			// notification is shown...
			note := Notification{Key: "rec", Title: "Local recording ready: " + topic, Body: topic + ", Dec 4 15:00",
				Buttons: []Button{{Key: "open", Label: "Open\nfolder"}}}
			if err := n.Notify(ctx, note); err != nil {
				t.Fatal(err)
			}
			got, err := server.Wait(ctx, "Local recording ready: "+clean)
			if err != nil {
				t.Fatal(err)
			}
			// ...then the body is text (escaped where the server reads
			// markup) and holds no control or bidi characters.
			if got.Body != tt.wantBody {
				t.Errorf("body = %q\nwant   %q", got.Body, tt.wantBody)
			}
			if len(got.Actions) != 2 || got.Actions[1] != "Open folder" {
				t.Errorf("actions = %q", got.Actions)
			}
		})
	}
}

// TestSystemNotifierIconUrgencyAndDefault: the server gets an icon it can
// find (an absolute path to a file, not a name of a theme the app may not
// be installed in), a reminder at the start stays (critical, no timeout),
// and a click on the bubble comes back as the "default" action.
func TestSystemNotifierIconUrgencyAndDefault(t *testing.T) {
	addr := dbustest.StartBus(t)
	server := dbustest.StartNotifications(t, addr, "actions", "body")
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	clicked := make(chan [2]string, 1)
	n, err := NewSystemNotifier("Interview Tray", func(key, action string) { clicked <- [2]string{key, action} })
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	note := Notification{Key: "meeting:1", Title: "Interview is starting now", Body: "Started at 15:00",
		Buttons: []Button{{Key: "join", Label: "Join"}, {Key: "snooze", Label: "Snooze 5 min"}}, Urgent: true, Default: "Join"}
	if err := n.Notify(ctx, note); err != nil {
		t.Fatal(err)
	}
	got, err := server.Wait(ctx, "starting now")
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got.Icon) {
		t.Errorf("icon %q is not a path the server can open", got.Icon)
	} else if st, err := os.Stat(got.Icon); err != nil || st.Size() == 0 {
		t.Errorf("icon %q: %v", got.Icon, err)
	}
	if len(got.Actions) < 2 || got.Actions[0] != "default" || !slices.Contains(got.Actions, "join") {
		t.Errorf("actions = %q, want the default action first", got.Actions)
	}
	if u, ok := got.Hints["urgency"]; !ok || u.Value() != byte(2) || got.Timeout != 0 {
		t.Errorf("urgency %v, timeout %d: want critical and resident", got.Hints["urgency"], got.Timeout)
	}
	if err := server.InvokeAction(got.ID, "default"); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-clicked:
		if c != [2]string{"meeting:1", "default"} {
			t.Errorf("callback got %v", c)
		}
	case <-ctx.Done():
		t.Fatal("no callback for the click on the bubble")
	}

	// A reminder before the start is normal: the server's timeout applies.
	if err := n.Notify(ctx, Notification{Key: "meeting:2", Title: "Interview in 10 min", Default: "Join"}); err != nil {
		t.Fatal(err)
	}
	if got, err := server.Wait(ctx, "in 10 min"); err != nil || got.Timeout != -1 || got.Hints["urgency"].Value() == byte(2) {
		t.Errorf("before the start: %+v, %v", got, err)
	}
}
