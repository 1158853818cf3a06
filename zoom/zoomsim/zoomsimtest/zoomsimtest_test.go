package zoomsimtest_test

import (
	"net/http"
	"testing"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

func TestSignIn(t *testing.T) {
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "c", AutoApprove: true, Seed: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	_, tok := zoomsimtest.SignIn(t, "https://zoom.us", "c", "http://127.0.0.1:47651/oauth/callback", sim.Transport(), sim.Transport())
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("token %+v", tok)
	}
	resp, err := zoomsimtest.StaticClient(tok, sim.Transport()).Get("https://api.zoom.us/v2/users/me")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("users/me with the token: %s", resp.Status)
	}
}
