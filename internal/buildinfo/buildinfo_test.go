package buildinfo

import (
	"os"
	"regexp"
	"runtime/debug"
	"testing"
)

func TestCompose(t *testing.T) {
	setting := func(kv ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{}
		for i := 0; i < len(kv); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return bi
	}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build information", nil, "0.1.0"},
		{"not from a checkout", setting("-trimpath", "true"), "0.1.0"},
		{"clean checkout", setting("vcs.revision", "1a2b3c4d5e6f7a8b9c0d", "vcs.modified", "false"), "0.1.0+1a2b3c4d5e6f"},
		{"changed checkout", setting("vcs.revision", "1a2b3c4d5e6f7a8b9c0d", "vcs.modified", "true"), "0.1.0+1a2b3c4d5e6f.dirty"},
	}
	for _, tt := range tests {
		if got := compose("0.1.0", tt.bi); got != tt.want {
			t.Errorf("%s: compose = %q, want %q", tt.name, got, tt.want)
		}
	}
	if Version() == "" {
		t.Error("Version is empty")
	}
}

// TestReleaseIsFyneAppVersion: the release is the version the package
// says (FyneApp.toml), so that the agent and the windows report it.
func TestReleaseIsFyneAppVersion(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version *= *"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != release {
		t.Errorf("FyneApp.toml Version = %q, buildinfo's release = %q", m, release)
	}
}
