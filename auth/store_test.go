package auth

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestStoreRoundTrip(t *testing.T) {
	tests := []struct {
		name       string
		value      string
		wantChunks int
	}{
		{"empty", "", 1},
		{"small", "hello", 1},
		{"exactly one chunk", strings.Repeat("x", ChunkSize), 1},
		{"one byte over", strings.Repeat("x", ChunkSize+1), 2},
		{"8 KB token pair", strings.Repeat("a", 4096) + strings.Repeat("r", 4096), 5},
		{"multibyte runes across the cut", strings.Repeat("é", ChunkSize), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMemKeyring()
			s := NewStore(NewKeychain(m, "svc", time.Second), "zoom")
			if err := s.Write(t.Context(), tt.value); err != nil {
				t.Fatalf("Write: %v", err)
			}
			got, err := s.Read(t.Context())
			if err != nil || got != tt.value {
				t.Fatalf("Read = %d bytes, %v; want the %d bytes written", len(got), err, len(tt.value))
			}
			names := m.names("svc")
			if len(names) != tt.wantChunks+1 {
				t.Errorf("entries %v, want header + %d chunks", names, tt.wantChunks)
			}
			for _, v := range m.values() {
				if len(v) > ChunkSize {
					t.Errorf("an entry holds %d bytes, over the %d limit", len(v), ChunkSize)
				}
			}
		})
	}
}

func TestStoreOverwriteLeavesNoLeftovers(t *testing.T) {
	m := newMemKeyring()
	s := NewStore(NewKeychain(m, "svc", time.Second), "zoom")
	for i, size := range []int{9000, 100, 5000, 5000, 1} {
		v := strings.Repeat(fmt.Sprint(i), size)
		if err := s.Write(t.Context(), v); err != nil {
			t.Fatal(err)
		}
		got, err := s.Read(t.Context())
		if err != nil || got != v {
			t.Fatalf("write %d: read back %d bytes, %v", i, len(got), err)
		}
		want := 1 + len(split(v, ChunkSize))
		if n := len(m.names("svc")); n != want {
			t.Fatalf("write %d: %d entries (%v), want %d", i, n, m.names("svc"), want)
		}
	}
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	if names := m.names("svc"); len(names) != 0 {
		t.Fatalf("after Clear: entries %v left", names)
	}
	if _, err := s.Read(t.Context()); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Read after Clear: %v", err)
	}
}

// TestStoreCrashSafety kills the write at every keychain call in turn and
// checks that a restarted process reads either the old or the new value,
// and that the next write and Clear leave nothing behind.
func TestStoreCrashSafety(t *testing.T) {
	oldValue := strings.Repeat("o", 3*ChunkSize+17)
	newValue := strings.Repeat("n", 2*ChunkSize+5)

	// Count the keychain changes of an uninterrupted overwrite.
	m := newMemKeyring()
	s := NewStore(NewKeychain(m, "svc", time.Second), "zoom")
	if err := s.Write(t.Context(), oldValue); err != nil {
		t.Fatal(err)
	}
	m.failAfter = 1 << 30
	if err := s.Write(t.Context(), newValue); err != nil {
		t.Fatal(err)
	}
	changes := m.mutations
	if changes < 4 {
		t.Fatalf("an overwrite made only %d keychain changes", changes)
	}

	for crashAt := 1; crashAt <= changes; crashAt++ {
		m := newMemKeyring()
		s := NewStore(NewKeychain(m, "svc", time.Second), "zoom")
		if err := s.Write(t.Context(), oldValue); err != nil {
			t.Fatal(err)
		}
		// Given a process that dies at the crashAt-th keychain change of
		// an overwrite (every keychain call fails from then on).
		m.failAfter = crashAt
		_ = s.Write(t.Context(), newValue)
		m.reset()

		// When a new process reads.
		s = NewStore(NewKeychain(m, "svc", time.Second), "zoom")
		got, err := s.Read(t.Context())
		// Then it sees the old or the new value, whole.
		if err != nil || (got != oldValue && got != newValue) {
			t.Fatalf("crash at change %d of %d: read %d bytes, %v", crashAt, changes, len(got), err)
		}
		// And a later write and Clear clean up every leftover.
		third := strings.Repeat("t", ChunkSize+1)
		if err := s.Write(t.Context(), third); err != nil {
			t.Fatalf("crash at change %d: next write: %v", crashAt, err)
		}
		if got, _ := s.Read(t.Context()); got != third {
			t.Fatalf("crash at change %d: next write not read back", crashAt)
		}
		if err := s.Clear(t.Context()); err != nil {
			t.Fatal(err)
		}
		if names := m.names("svc"); len(names) != 0 {
			t.Fatalf("crash at change %d: entries left after Clear: %v", crashAt, names)
		}
	}
}

func TestStoreDetectsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(m *memKeyring)
	}{
		{"missing chunk", func(m *memKeyring) { _ = m.Delete("svc", "zoom.a.1") }},
		{"changed chunk", func(m *memKeyring) { _ = m.Set("svc", "zoom.a.0", strings.Repeat("z", ChunkSize)) }},
		{"bad header", func(m *memKeyring) { _ = m.Set("svc", "zoom", "{not json") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMemKeyring()
			s := NewStore(NewKeychain(m, "svc", time.Second), "zoom")
			if err := s.Write(t.Context(), strings.Repeat("v", ChunkSize*2)); err != nil {
				t.Fatal(err)
			}
			tt.damage(m)
			if _, err := s.Read(t.Context()); !errors.Is(err, ErrStoreDamaged) {
				t.Fatalf("Read = %v, want ErrStoreDamaged", err)
			}
			// A new write recovers.
			if err := s.Write(t.Context(), "fresh"); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Read(t.Context()); err != nil || got != "fresh" {
				t.Fatalf("Read after rewrite = %q, %v", got, err)
			}
		})
	}
}

func TestStoreRejectsHugeValue(t *testing.T) {
	s := NewStore(NewKeychain(newMemKeyring(), "svc", time.Second), "zoom")
	if err := s.Write(t.Context(), strings.Repeat("x", maxChunks*ChunkSize+1)); err == nil {
		t.Fatal("Write of an oversized value succeeded")
	}
}

func TestStoreWithGoKeyringMock8KB(t *testing.T) {
	// Given go-keyring's own mock provider.
	keyring.MockInit()
	kc := NewKeychain(SystemKeyring{}, "interviewtray-mock-test", time.Second)
	s := NewStore(kc, recordName)
	rec := &record{
		Token: &storedToken{
			AccessToken:  strings.Repeat("A", 4096),
			RefreshToken: strings.Repeat("R", 4096),
			TokenType:    "bearer",
			Expiry:       time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC),
		},
		User: User{ID: "u1", Email: "ada@example.com"},
	}
	// When an 8 KB token pair is saved and loaded.
	if err := saveRecord(t.Context(), s, rec); err != nil {
		t.Fatal(err)
	}
	got, err := loadRecord(t.Context(), s)
	// Then it comes back intact.
	if err != nil {
		t.Fatal(err)
	}
	if *got.Token != *rec.Token || got.User != rec.User {
		t.Fatalf("loaded %+v, want %+v", got, rec)
	}
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := loadRecord(t.Context(), s); !errors.Is(err, ErrSignedOut) {
		t.Fatalf("after Clear: %v, want signed out", err)
	}
}

func TestSplitKeepsRunes(t *testing.T) {
	v := strings.Repeat("ab€", 1000)
	parts := split(v, 7)
	if strings.Join(parts, "") != v {
		t.Fatal("split lost data")
	}
	for _, p := range parts {
		if len(p) > 7 || !strings.HasPrefix(v[strings.Index(v, p):], p) {
			t.Fatalf("bad part %q", p)
		}
		if !utf8Valid(p) {
			t.Fatalf("part %q splits a rune", p)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
