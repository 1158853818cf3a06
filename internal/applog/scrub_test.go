package applog

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// oauthToken is shaped like the token answers the app decodes.
type oauthToken struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int
}

// tokenStringer hides a bearer header behind String.
type tokenStringer struct{ Token string }

func (s tokenStringer) String() string { return "Authorization: Bearer " + s.Token }

// tokenValuer hides a token behind LogValue.
type tokenValuer struct{ Token string }

func (v tokenValuer) LogValue() slog.Value {
	return slog.AnyValue(oauthToken{AccessToken: v.Token, ExpiresIn: 3599})
}

// jwtOf builds a JWT-shaped string whose payload carries tok.
func jwtOf(tok string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS512","v":"2.0"}`)) + "." +
		enc.EncodeToString([]byte(`{"aud":"https://oauth.zoom.us","tok":"`+tok+`"}`)) + "." +
		enc.EncodeToString([]byte(tok))
}

// textShapes are the ways tok can end up in a line of text: each is a
// secret that must not survive Scrub.
func textShapes(tok string) map[string]string {
	body := `{"access_token":"` + tok + `","token_type":"bearer","expires_in":3599}`
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok}}.Encode()
	u, _ := url.Parse("https://zoom.us/j/85746065432?pwd=" + url.QueryEscape(tok))
	return map[string]string{
		"json":                 body,
		"json %q":              fmt.Sprintf("%q", body),
		"json %q twice":        fmt.Sprintf("%q", fmt.Sprintf("%q", body)),
		"json spaced":          `{ "refresh_token" : "` + tok + `" }`,
		"json password":        `{"id":1,"encrypted_password":"` + tok + `"}`,
		"json start_url":       `{"start_url":"https://zoom.us/s/1?zak=` + tok + `"}`,
		"struct %+v":           fmt.Sprintf("%+v", oauthToken{AccessToken: tok, RefreshToken: tok, ExpiresIn: 3599}),
		"struct %+v ptr":       fmt.Sprintf("%+v", &oauthToken{RefreshToken: tok}),
		"struct %#v":           fmt.Sprintf("%#v", oauthToken{AccessToken: tok}),
		"map %v":               fmt.Sprintf("%v", map[string]string{"refresh_token": tok, "scope": "meeting:read"}),
		"url.Values %v":        fmt.Sprintf("%v", url.Values{"code": {tok}, "state": {"s1"}}),
		"form":                 form,
		"form url-encoded":     url.QueryEscape(form),
		"form encoded twice":   url.QueryEscape(url.QueryEscape(form)),
		"query access_token":   "https://api.zoom.us/v2/users/me?access_token=" + url.QueryEscape(tok) + "&x=1",
		"query code":           "GET /oauth/callback?code=" + url.QueryEscape(tok) + "&state=s1",
		"query code encoded":   url.QueryEscape("/oauth/callback?state=s1&code=" + tok),
		"query pwd":            u.String(),
		"query passcode":       "https://zoom.us/w/1?passcode=" + url.QueryEscape(tok),
		"query tk":             "https://zoom.us/w/1?tk=" + url.QueryEscape(tok) + "&uuid=x",
		"url.URL %+v":          fmt.Sprintf("%+v", *u),
		"bearer":               "Authorization: Bearer " + tok,
		"bearer lower":         "authorization: bearer " + tok,
		"http.Header %v":       fmt.Sprintf("%v", http.Header{"Authorization": {"Bearer " + tok}}),
		"bare jwt":             "token " + jwtOf(tok) + " rejected",
		"rec share":            "https://us05web.zoom.us/rec/share/" + tok,
		"rec play":             "https://us05web.zoom.us/rec/play/" + tok + "?startTime=1",
		"rec share encoded":    url.QueryEscape("https://zoom.us/rec/share/" + tok),
		"rec share in json %q": fmt.Sprintf("%q", `{"share_url":"https://zoom.us/rec/share/`+tok+`"}`),
		"password: value":      "password: " + tok,
	}
}

// leaked reports a piece of tok (or of its URL-escaped forms) that is in
// out more often than in the text around it.
func leaked(out, around, tok string) string {
	forms := []string{tok, url.QueryEscape(tok), url.QueryEscape(url.QueryEscape(tok)), url.PathEscape(tok)}
	// In a JWT tok is base64-encoded, whole or inside the payload.
	forms = append(forms, strings.Split(jwtOf(tok), ".")...)
	for _, f := range forms {
		pieces := []string{f}
		if len(f) > 10 {
			pieces = append(pieces, f[:10], f[len(f)-10:])
		}
		for _, p := range pieces {
			if strings.Count(out, p) > strings.Count(around, p) {
				return p
			}
		}
	}
	return ""
}

func TestScrubShapes(t *testing.T) {
	tok := "eyJzdWIiOiJhZGEifQ.Ab3-x_Y9~z+/q=Zr8kQ"
	for name, in := range textShapes(tok) {
		got := Scrub(in)
		if p := leaked(got, "", tok); p != "" || !strings.Contains(got, redacted) {
			t.Errorf("%s: Scrub(%s)\n= %s\nleaks %q", name, in, got, p)
		}
	}
}

func TestScrubKeepsHarmlessText(t *testing.T) {
	for _, in := range []string{
		"meeting 85746065432 starts at 2026-12-04T10:00:00Z",
		"zoom: HTTP 429 {Code:429 Message:Too many requests}",
		"error_code=124 expires_in=3599 token_type=bearer",
		"GET https://api.zoom.us/v2/users/me/meetings?page_size=300&type=upcoming",
		"https://zoom.us/rec/download/ is not a share link",
		"gtk: cannot open display; desktop: none",
	} {
		if got := Scrub(in); got != in {
			t.Errorf("Scrub(%q) = %q", in, got)
		}
	}
}

// tokenAlphabet is what OAuth tokens, passcodes and share ids are made of.
const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-"

// aroundAlphabet is the text around a secret: words, punctuation, quotes,
// escapes, unicode.
var aroundAlphabet = []rune("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789 .,:;=&?/\\\"'{}[]()%-_\téß→😀\n")

func randomFrom[T any](r *rand.Rand, alphabet []T, minLen, maxLen int) []T {
	out := make([]T, minLen+r.IntN(maxLen-minLen+1))
	for i := range out {
		out[i] = alphabet[r.IntN(len(alphabet))]
	}
	return out
}

// checkLine scrubs around-text + shape + around-text and fails on a leak.
func checkLine(t *testing.T, name, before, shape, after, tok string) {
	t.Helper()
	in := before + " " + shape + " " + after
	got := Scrub(in)
	if p := leaked(got, before+" "+after, tok); p != "" {
		t.Fatalf("%s: token %q leaks %q\n in: %q\nout: %q", name, tok, p, in, got)
	}
}

// TestScrubProperty embeds random tokens in every shape, in random text
// (seeded, so a failure reproduces), and requires that no piece of a token
// is left.
func TestScrubProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	for range propertyRuns {
		tok := string(randomFrom(r, []byte(tokenAlphabet), 16, 80))
		before := string(randomFrom(r, aroundAlphabet, 0, 40))
		after := string(randomFrom(r, aroundAlphabet, 0, 40))
		for name, shape := range textShapes(tok) {
			checkLine(t, name, before, shape, after, tok)
		}
	}
}

// FuzzScrub is the property above with the fuzzer choosing the token and the
// text around it: go test -fuzz FuzzScrub ./internal/applog.
func FuzzScrub(f *testing.F) {
	f.Add([]byte("eyJhbGciOiJIUzUxMiJ9.payload.sig"), "before", "after")
	f.Add([]byte("0123456789abcdef"), `{"x":"`, `"}`)
	f.Add([]byte("a+b/c=d~e.f-g_h12345"), "%26", "%3D")
	f.Fuzz(func(t *testing.T, raw []byte, before, after string) {
		if len(raw) < 16 {
			return // shorter secrets could occur in the text around them by chance
		}
		tok := make([]byte, len(raw))
		for i, b := range raw {
			tok[i] = tokenAlphabet[int(b)%len(tokenAlphabet)]
		}
		for name, shape := range textShapes(string(tok)) {
			checkLine(t, name, before, shape, after, string(tok))
		}
	})
}

// valueShapes are the kinds of slog value a token can hide in.
func valueShapes(tok string) map[string][]any {
	u, _ := url.Parse("https://zoom.us/j/1?pwd=" + url.QueryEscape(tok))
	return map[string][]any{
		"url.URL":      {"u", *u},
		"*url.URL":     {"u", u},
		"struct":       {"resp", oauthToken{AccessToken: tok, ExpiresIn: 3599}},
		"*struct":      {"resp", &oauthToken{RefreshToken: tok}},
		"map":          {"m", map[string]any{"refresh_token": tok, "n": 1}},
		"url.Values":   {"q", url.Values{"code": {tok}}},
		"http.Header":  {"h", http.Header{"Authorization": {"Bearer " + tok}}},
		"error":        {"err", fmt.Errorf("token: %w", errors.New(`oauth2: cannot fetch token: {"refresh_token":"`+tok+`"}`))},
		"[]byte":       {"body", []byte(`access_token=` + tok + `&x=1`)},
		"Stringer":     {"s", tokenStringer{tok}},
		"LogValuer":    {"v", tokenValuer{tok}},
		"share link":   {"link", "https://zoom.us/rec/share/" + tok},
		"jwt":          {"t", jwtOf(tok)},
		"secret group": {slog.Group("token", "value", tok)},
		"secret key":   {"passcode", tok},
	}
}

// logShape logs args every way a call site can: as attributes, through
// With and WithGroup, and (when the value names itself) formatted into the
// message. It returns the output and the number of lines logged.
func logShape(name string, args []any) (string, int) {
	var buf bytes.Buffer
	log := slog.New(NewHandler(&buf, slog.LevelDebug))
	log.Info("call failed", args...)
	log.With(args...).Info("with")
	log.WithGroup("g").Info("grouped", args...)
	lines := 3
	if _, ok := args[len(args)-1].(slog.Attr); !ok && name != "secret key" {
		log.Info(fmt.Sprintf("failed: %+v", args[len(args)-1]))
		lines++
	}
	return buf.String(), lines
}

// TestHandlerScrubsEveryValueKind logs a token inside every kind of slog
// value; the written lines hold none of it.
func TestHandlerScrubsEveryValueKind(t *testing.T) {
	tok := "Zk3-9q_Vx.TOKEN.8812abcdefXYZ"
	for name, args := range valueShapes(tok) {
		out, lines := logShape(name, args)
		if p := leaked(out, "", tok); p != "" {
			t.Errorf("%s: log leaks %q:\n%s", name, p, out)
		}
		if strings.Count(out, "\n") != lines {
			t.Errorf("%s: want %d lines:\n%s", name, lines, out)
		}
	}
}

// TestHandlerProperty is TestHandlerScrubsEveryValueKind with random
// tokens (seeded).
func TestHandlerProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 2026))
	for range propertyRuns / 5 {
		tok := string(randomFrom(r, []byte(tokenAlphabet), 16, 80))
		for name, args := range valueShapes(tok) {
			if out, _ := logShape(name, args); leaked(out, "", tok) != "" {
				t.Fatalf("%s: token %q leaks:\n%s", name, tok, out)
			}
		}
	}
}
