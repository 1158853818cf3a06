package zoomsim

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	mrand "math/rand/v2"
	"strings"
)

// Identifiers and secrets in Zoom's shapes. Secrets (tokens, codes,
// passcodes) come from crypto/rand; plain identifiers from math/rand.

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	digits = "0123456789"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return b
}

// randomString returns n characters of alphabet (at most 256 long), drawn
// uniformly from crypto/rand.
func randomString(alphabet string, n int) string {
	limit := 256 - 256%len(alphabet)
	var sb strings.Builder
	for sb.Len() < n {
		for _, b := range randomBytes(n) {
			if int(b) < limit && sb.Len() < n {
				sb.WriteByte(alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return sb.String()
}

// newMeetingID returns a meeting number not yet in use: 11 digits like
// today's Zoom meeting IDs, or 10 when tenDigits is set (older IDs). Both
// exceed 2^31, so 32-bit integers cannot hold them.
func (s *Sim) newMeetingID(tenDigits bool) int64 {
	lo, span := int64(81_000_000_000), int64(18_999_999_999)
	if tenDigits {
		lo, span = 3_000_000_000, 6_999_999_999
	}
	for {
		id := lo + mrand.Int64N(span)
		if _, taken := s.meetings[id]; !taken {
			return id
		}
	}
}

// newUUID returns a meeting-instance UUID like Zoom's: the standard base64
// of 16 bytes, 24 characters ending in "==", not yet in use and accepted by
// want (nil accepts any).
func (s *Sim) newUUID(want func(string) bool) string {
	for {
		u := base64.StdEncoding.EncodeToString(randomBytes(16))
		if _, taken := s.byUUID[u]; !taken && (want == nil || want(u)) {
			return u
		}
	}
}

// startsWithSlash and hasDoubleSlash select the UUIDs that Zoom requires to
// be double-encoded in paths.
func startsWithSlash(u string) bool { return strings.HasPrefix(u, "/") }
func hasDoubleSlash(u string) bool  { return !startsWithSlash(u) && strings.Contains(u, "//") }

// newUserID returns a user ID like Zoom's: 22 characters of URL-safe base64.
func newUserID() string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(16))
}

// newFileID returns a recording-file ID like Zoom's (a dashed UUID).
func newFileID() string {
	h := hex.EncodeToString(randomBytes(16))
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newPasscode returns a meeting passcode: six alphanumeric characters.
func newPasscode() string { return randomString(alnum, 6) }

// newPwdToken returns the encoded passcode Zoom puts into join links
// (?pwd=…). Zoom derives it from the passcode with an undisclosed scheme;
// the simulator uses random characters of the same length and shape.
func newPwdToken() string { return randomString(alnum, 32) + ".1" }
