package authtest_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/auth/authtest"
)

// TestRealSecretService stores and reads back an 8 KB value through
// go-keyring and a real gnome-keyring Secret Service: the one of the test's
// session (dbus-run-session + gnome-keyring-daemon --unlock) when there is
// one, else a private bus and gnome-keyring started here.
func TestRealSecretService(t *testing.T) {
	if authtest.SessionHasSecretService() {
		t.Log("using the Secret Service of the test's session bus")
	} else {
		t.Log("starting a private session bus with gnome-keyring")
		home := t.TempDir()
		bus := authtest.StartBus(t, home)
		bus.StartGnomeKeyring(t)
		for _, kv := range bus.Env {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
	}
	service := "interviewtray-authtest-" + time.Now().Format("150405.000000000")
	kc := auth.NewKeychain(auth.SystemKeyring{}, service, 10*time.Second)
	store := auth.NewStore(kc, "zoom")
	t.Cleanup(func() { _ = store.Clear(t.Context()) })

	// Given an 8 KB token pair, over every platform's per-entry limit.
	value := `{"access_token":"` + strings.Repeat("a", 4096) + `","refresh_token":"` + strings.Repeat("r", 4096) + `"}`

	// When it is written and read back through the Secret Service.
	if err := store.Write(t.Context(), value); err != nil {
		t.Fatalf("Write: %v", err)
	}
	got, err := store.Read(t.Context())
	if err != nil || got != value {
		t.Fatalf("Read = %d bytes, %v; want the %d bytes written", len(got), err, len(value))
	}
	// Then no single entry is over the limit.
	if _, err := keyring.Get(service, "zoom.a.0"); err != nil {
		t.Fatalf("first chunk not stored under its own entry: %v", err)
	}
	for i := 0; ; i++ {
		v, err := keyring.Get(service, "zoom.a."+strconv.Itoa(i))
		if errors.Is(err, keyring.ErrNotFound) {
			if i < 5 {
				t.Fatalf("only %d chunks for %d bytes", i, len(value))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(v) > auth.ChunkSize {
			t.Fatalf("chunk %d holds %d bytes", i, len(v))
		}
	}

	// And an overwrite, then Clear, leave nothing behind.
	if err := store.Write(t.Context(), "small"); err != nil {
		t.Fatal(err)
	}
	if got, err := store.Read(t.Context()); err != nil || got != "small" {
		t.Fatalf("Read after overwrite = %q, %v", got, err)
	}
	if err := store.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"zoom", "zoom.a.0", "zoom.b.0"} {
		if _, err := keyring.Get(service, user); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("entry %s still there after Clear: %v", user, err)
		}
	}
}
