package auth

import (
	"errors"
	"sort"
	"sync"

	"github.com/zalando/go-keyring"
)

// memKeyring is an in-memory Keyring that counts calls and can be told to
// fail. Unlike keyring.MockInit it is per test, so tests can run in
// parallel and inspect the entries.
type memKeyring struct {
	mu      sync.Mutex // guards everything below
	entries map[string]string
	calls   int
	// failAfter, when > 0, makes the failAfter-th mutating call (Set or
	// Delete) and every call after it fail with errCrash: a process that
	// died mid-write.
	failAfter int
	mutations int
	err       error // when set, every call fails with it
}

var errCrash = errors.New("simulated crash")

func newMemKeyring() *memKeyring { return &memKeyring{entries: map[string]string{}} }

func (m *memKeyring) key(service, user string) string { return service + "\x00" + user }

func (m *memKeyring) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.err != nil {
		return "", m.err
	}
	if m.failAfter > 0 && m.mutations >= m.failAfter {
		return "", errCrash
	}
	v, ok := m.entries[m.key(service, user)]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (m *memKeyring) mutate() error {
	m.calls++
	if m.err != nil {
		return m.err
	}
	if m.failAfter > 0 {
		m.mutations++
		if m.mutations >= m.failAfter {
			return errCrash
		}
	}
	return nil
}

func (m *memKeyring) Set(service, user, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.mutate(); err != nil {
		return err
	}
	if len(secret) > 2560 {
		return keyring.ErrSetDataTooBig // Windows' limit
	}
	m.entries[m.key(service, user)] = secret
	return nil
}

func (m *memKeyring) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.mutate(); err != nil {
		return err
	}
	k := m.key(service, user)
	if _, ok := m.entries[k]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.entries, k)
	return nil
}

// names lists the entry names of service, sorted.
func (m *memKeyring) names(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for k := range m.entries {
		if len(k) > len(service) && k[:len(service)+1] == service+"\x00" {
			out = append(out, k[len(service)+1:])
		}
	}
	sort.Strings(out)
	return out
}

// values returns every stored value.
func (m *memKeyring) values() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, v := range m.entries {
		out = append(out, v)
	}
	return out
}

// reset clears the failure settings: the "process" restarted.
func (m *memKeyring) reset() {
	m.mu.Lock()
	m.failAfter, m.mutations, m.err = 0, 0, nil
	m.mu.Unlock()
}

// hangingKeyring never answers until release is closed: a Secret Service
// waiting on an unlock prompt.
type hangingKeyring struct {
	release chan struct{}
	mu      sync.Mutex
	calls   int
}

func (h *hangingKeyring) wait() {
	h.mu.Lock()
	h.calls++
	h.mu.Unlock()
	<-h.release
}

func (h *hangingKeyring) Get(string, string) (string, error) {
	h.wait()
	return "", keyring.ErrNotFound
}
func (h *hangingKeyring) Set(string, string, string) error { h.wait(); return nil }
func (h *hangingKeyring) Delete(string, string) error      { h.wait(); return nil }

func (h *hangingKeyring) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls
}
