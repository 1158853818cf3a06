package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/zalando/go-keyring"
)

// ChunkSize is the most bytes one keychain entry holds. The smallest platform
// limit is Windows' 2,560 bytes per credential; macOS caps the whole
// `security -i` command line, base64 of the value included, at 4,096 bytes.
const ChunkSize = 2000

// maxChunks bounds a stored value (and the probing of leftover entries).
const maxChunks = 32

// ErrStoreDamaged means the stored entries do not fit together (a header
// without its chunks, or chunks that do not match the header's checksum).
var ErrStoreDamaged = errors.New("stored keychain entries are damaged")

// Store keeps one value of any size in a Keychain, split across entries of at
// most ChunkSize bytes, and writes it crash-safely:
//
//   - the entry NAME is a small header naming the slot ("a" or "b") that
//     holds the value, how many chunks it has, its length and SHA-256;
//   - the chunks are NAME.SLOT.0, NAME.SLOT.1, ...
//
// A write fills the other slot, then switches the header (one keychain write,
// atomic on every platform), then deletes the old slot. A crash before the
// header switch leaves the previous value readable; leftovers of an
// interrupted write or delete are always a run of chunks from index 0 (writes
// go up, deletes go down), which the next write or Clear removes.
type Store struct {
	kc   *Keychain
	name string

	mu sync.Mutex // serialises Write and Clear within this process
}

// header is the JSON of the entry that points at the current chunks.
type header struct {
	Version int    `json:"v"`
	Slot    string `json:"slot"`
	Chunks  int    `json:"chunks"`
	Len     int    `json:"len"`
	SHA256  string `json:"sha256"`
}

// NewStore returns a store for the value named name in kc.
func NewStore(kc *Keychain, name string) *Store {
	return &Store{kc: kc, name: name}
}

// Read returns the stored value, or keyring.ErrNotFound when there is none.
// A value caught half-written by another process is read again once.
func (s *Store) Read(ctx context.Context) (string, error) {
	var lastErr error
	for range 2 {
		h, err := s.readHeader(ctx)
		if err != nil {
			return "", err
		}
		v, err := s.readChunks(ctx, h)
		if err == nil {
			return v, nil
		}
		if !errors.Is(err, ErrStoreDamaged) {
			return "", err
		}
		lastErr = err
	}
	return "", lastErr
}

// Write stores value, replacing the previous one.
func (s *Store) Write(ctx context.Context, value string) error {
	_, err := s.writeIf(ctx, value, nil)
	return err
}

// writeIf is Write, done only if ok (nil means always) still holds once
// no other Write or Clear of this Store runs. It reports whether it wrote.
func (s *Store) writeIf(ctx context.Context, value string, ok func() bool) (bool, error) {
	chunks := split(value, ChunkSize)
	if len(chunks) > maxChunks {
		return false, fmt.Errorf("keychain value of %d bytes is too large (limit %d)", len(value), maxChunks*ChunkSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok != nil && !ok() {
		return false, nil
	}

	old, err := s.readHeader(ctx)
	switch {
	case errors.Is(err, keyring.ErrNotFound), errors.Is(err, ErrStoreDamaged):
		old = nil
	case err != nil:
		return false, err
	}
	next := "a"
	if old != nil && old.Slot == "a" {
		next = "b"
	}
	if err := s.clearSlot(ctx, next); err != nil {
		return false, err
	}
	for i, c := range chunks {
		if err := s.kc.Set(ctx, s.chunkName(next, i), c); err != nil {
			return false, fmt.Errorf("write keychain entry %d of %d: %w", i+1, len(chunks), err)
		}
	}
	sum := sha256.Sum256([]byte(value))
	h, err := json.Marshal(header{Version: 1, Slot: next, Chunks: len(chunks), Len: len(value), SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		return false, fmt.Errorf("encode keychain header: %w", err)
	}
	if err := s.kc.Set(ctx, s.name, string(h)); err != nil {
		return false, fmt.Errorf("write keychain header: %w", err)
	}
	if old != nil {
		// The new value is safe; a failure here only leaves leftovers that
		// the next Write or Clear removes.
		_ = s.deleteChunks(ctx, old.Slot, old.Chunks)
	}
	return true, nil
}

// Clear deletes the header and every chunk of both slots. It returns nil only
// when nothing of the value is left in the keychain.
func (s *Store) Clear(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.kc.Delete(ctx, s.name); err != nil {
		return fmt.Errorf("delete keychain header: %w", err)
	}
	for _, slot := range []string{"a", "b"} {
		if err := s.clearSlot(ctx, slot); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) chunkName(slot string, i int) string {
	return s.name + "." + slot + "." + strconv.Itoa(i)
}

func (s *Store) readHeader(ctx context.Context) (*header, error) {
	raw, err := s.kc.Get(ctx, s.name)
	if err != nil {
		return nil, err
	}
	var h header
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		return nil, fmt.Errorf("%w: header is not valid JSON", ErrStoreDamaged)
	}
	if h.Version != 1 || (h.Slot != "a" && h.Slot != "b") || h.Chunks < 1 || h.Chunks > maxChunks {
		return nil, fmt.Errorf("%w: unexpected header (version %d, slot %q, %d chunks)", ErrStoreDamaged, h.Version, h.Slot, h.Chunks)
	}
	return &h, nil
}

func (s *Store) readChunks(ctx context.Context, h *header) (string, error) {
	buf := make([]byte, 0, h.Len)
	for i := range h.Chunks {
		c, err := s.kc.Get(ctx, s.chunkName(h.Slot, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return "", fmt.Errorf("%w: chunk %d of %d is missing", ErrStoreDamaged, i+1, h.Chunks)
		}
		if err != nil {
			return "", err
		}
		buf = append(buf, c...)
	}
	sum := sha256.Sum256(buf)
	if len(buf) != h.Len || hex.EncodeToString(sum[:]) != h.SHA256 {
		return "", fmt.Errorf("%w: chunks do not match the header", ErrStoreDamaged)
	}
	return string(buf), nil
}

// clearSlot removes whatever chunks a slot holds. They are always a run from
// index 0, so it counts them going up and deletes them going down (an
// interruption again leaves a run from 0).
func (s *Store) clearSlot(ctx context.Context, slot string) error {
	n := 0
	for ; n < maxChunks; n++ {
		_, err := s.kc.Get(ctx, s.chunkName(slot, n))
		if errors.Is(err, keyring.ErrNotFound) {
			break
		}
		if err != nil {
			return err
		}
	}
	return s.deleteChunks(ctx, slot, n)
}

func (s *Store) deleteChunks(ctx context.Context, slot string, n int) error {
	for i := n - 1; i >= 0; i-- {
		if err := s.kc.Delete(ctx, s.chunkName(slot, i)); err != nil {
			return fmt.Errorf("delete keychain entry %d: %w", i+1, err)
		}
	}
	return nil
}

// split cuts v into pieces of at most size bytes without splitting a UTF-8
// sequence. An empty v is one empty piece.
func split(v string, size int) []string {
	var out []string
	for len(v) > size {
		cut := size
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		if cut == 0 {
			cut = size
		}
		out = append(out, v[:cut])
		v = v[cut:]
	}
	return append(out, v)
}
