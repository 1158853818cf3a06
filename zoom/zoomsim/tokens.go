package zoomsim

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Zoom's OAuth tokens are opaque to clients but JWT-shaped (header.payload.
// signature, base64url) and 700-900 characters long. The simulator mints
// tokens of the same shape and size, so that storage limits (a keychain
// entry's size, a header's length) are exercised as with Zoom. It never
// reads them back: a token is valid because it is in Sim.tokens, which
// holds them by their SHA-256 hash (state.go saves only the hashes).

type tokenHeader struct {
	SV  string `json:"sv"`
	Alg string `json:"alg"`
	V   string `json:"v"`
	Kid string `json:"kid"`
}

type tokenClaims struct {
	Ver  int    `json:"ver"`
	Auid string `json:"auid"`
	Code string `json:"code"`
	Iss  string `json:"iss"`
	Gno  int    `json:"gno"`
	Type int    `json:"type"` // 0 access, 1 refresh
	Tid  int    `json:"tid"`
	Aud  string `json:"aud"`
	UID  string `json:"uid"`
	Nbf  int64  `json:"nbf"`
	Exp  int64  `json:"exp"`
	Iat  int64  `json:"iat"`
	Aid  string `json:"aid"`
	Jti  string `json:"jti"`
	Sid  string `json:"sid"`
}

// refreshLifetime is what the exp claim of a refresh token says; Zoom's
// knowledge base says they last 15 years. The simulator never expires them.
const refreshLifetime = 15 * 365 * 24 * time.Hour

// mint creates a token of kind for g, valid from now until expires (zero:
// no expiry), and records it.
func (s *Sim) mint(g *grant, kind string, now, expires time.Time) *token {
	typ, exp := 0, expires
	if kind == "refresh" {
		typ, exp = 1, now.Add(refreshLifetime)
	}
	header, _ := json.Marshal(tokenHeader{SV: "000002", Alg: "HS512", V: "2.0", Kid: newFileID()})
	claims, _ := json.Marshal(tokenClaims{
		Ver:  10,
		Auid: hex.EncodeToString(randomBytes(32)),
		Code: randomString(alnum+"_", 33),
		Iss:  "zm:cid:" + s.opts.ClientID,
		Type: typ,
		Tid:  len(s.issued),
		Aud:  "https://oauth.zoom.us",
		UID:  g.user.id,
		Nbf:  now.Unix(),
		Exp:  exp.Unix(),
		Iat:  now.Unix(),
		Aid:  s.account.id,
		Jti:  newFileID(),
		Sid:  hex.EncodeToString(randomBytes(48)),
	})
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString(header) + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha512.New, s.signKey)
	mac.Write([]byte(signed))
	value := signed + "." + enc.EncodeToString(mac.Sum(nil))
	t := &token{
		value:   value,
		hash:    tokenHash(value),
		kind:    kind,
		grant:   g,
		issued:  now,
		expires: expires,
	}
	s.tokens[t.hash] = t
	s.issued = append(s.issued, t)
	return t
}
