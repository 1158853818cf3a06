package auth

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func writeConfig(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		want  Config
		warns int
	}{
		{
			name: "defaults",
			want: Config{AuthURL: DefaultAuthURL, APIURL: DefaultAPIURL, RedirectPort: DefaultRedirectPort, Service: ServiceName},
		},
		{
			name: "file only",
			file: "# Interview Tray\n\nINTERVIEWTRAY_ZOOM_CLIENT_ID = abc\nINTERVIEWTRAY_REDIRECT_PORT=50000\nINTERVIEWTRAY_ZOOM_AUTH_URL=\"https://zoom.example/\"\n",
			want: Config{ClientID: "abc", AuthURL: "https://zoom.example", APIURL: DefaultAPIURL, RedirectPort: 50000, Service: ServiceName},
		},
		{
			name: "environment wins over the file",
			file: "INTERVIEWTRAY_ZOOM_CLIENT_ID=from-file\nINTERVIEWTRAY_ZOOM_API_URL=https://file.example/v2\n",
			env:  map[string]string{EnvClientID: "from-env", EnvClientSecret: "s3"},
			want: Config{ClientID: "from-env", ClientSecret: "s3", AuthURL: DefaultAuthURL, APIURL: "https://file.example/v2", RedirectPort: DefaultRedirectPort, Service: ServiceName},
		},
		{
			name:  "unknown key warns",
			file:  "INTERVIEWTRAY_ZOOM_CLIENTID=typo\n",
			want:  Config{AuthURL: DefaultAuthURL, APIURL: DefaultAPIURL, RedirectPort: DefaultRedirectPort, Service: ServiceName},
			warns: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = writeConfig(t, tt.file, 0o600)
			}
			got, warns, err := LoadConfig(envOf(tt.env), path)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("config = %+v\nwant %+v", got, tt.want)
			}
			if len(warns) != tt.warns {
				t.Errorf("warnings = %q, want %d", warns, tt.warns)
			}
		})
	}
}

func TestLoadConfigMissingFileIsFine(t *testing.T) {
	_, _, err := LoadConfig(envOf(nil), filepath.Join(t.TempDir(), "nope", "config"))
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct{ name, file, notInError string }{
		{"line without =", "INTERVIEWTRAY_ZOOM_CLIENT_ID=x\nsupersecretvalue\n", "supersecretvalue"},
		{"bad port", "INTERVIEWTRAY_REDIRECT_PORT=http\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadConfig(envOf(nil), writeConfig(t, tt.file, 0o600))
			if err == nil {
				t.Fatal("no error")
			}
			if tt.notInError != "" && strings.Contains(err.Error(), tt.notInError) {
				t.Errorf("error %q repeats the line (it may hold the secret)", err)
			}
		})
	}
}

func TestLoadConfigWarnsAboutReadableSecret(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not apply")
	}
	body := "INTERVIEWTRAY_ZOOM_CLIENT_ID=id\nINTERVIEWTRAY_ZOOM_CLIENT_SECRET=s3cr3t\n"
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o600, false}, {0o640, true}, {0o644, true}} {
		_, warns, err := LoadConfig(envOf(nil), writeConfig(t, body, tt.mode))
		if err != nil {
			t.Fatal(err)
		}
		if got := len(warns) == 1; got != tt.warn {
			t.Errorf("mode %o: warnings %q, want warning=%v", tt.mode, warns, tt.warn)
		}
		for _, w := range warns {
			if strings.Contains(w, "s3cr3t") {
				t.Errorf("warning repeats the secret: %q", w)
			}
		}
	}
	// No secret in the file: nothing to warn about.
	_, warns, _ := LoadConfig(envOf(nil), writeConfig(t, "INTERVIEWTRAY_ZOOM_CLIENT_ID=id\n", 0o644))
	if len(warns) != 0 {
		t.Errorf("warnings without a secret: %q", warns)
	}
}

func TestConfigValidate(t *testing.T) {
	ok := Config{ClientID: "id", AuthURL: "https://zoom.us", APIURL: "https://api.zoom.us/v2", RedirectPort: 47651, Service: ServiceName}
	tests := []struct {
		name   string
		change func(*Config)
		valid  bool
	}{
		{"ok", func(*Config) {}, true},
		{"simulator on loopback", func(c *Config) { c.AuthURL, c.APIURL = "http://127.0.0.1:47652", "http://localhost:47652/v2" }, true},
		{"no client id", func(c *Config) { c.ClientID = "" }, false},
		{"plain http elsewhere", func(c *Config) { c.AuthURL = "http://zoom.us" }, false},
		{"not a URL", func(c *Config) { c.APIURL = "api.zoom.us" }, false},
		{"bad port", func(c *Config) { c.RedirectPort = 70000 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			if err := c.Validate(); (err == nil) != tt.valid {
				t.Errorf("Validate() = %v, want valid=%v", err, tt.valid)
			}
		})
	}
}

func TestOAuthConfigClientKinds(t *testing.T) {
	c := Config{ClientID: "id", AuthURL: "https://zoom.us/", RedirectPort: 47651}
	pub := c.oauth2Config()
	if pub.Endpoint.AuthStyle != 1 /* AuthStyleInParams */ || pub.Endpoint.TokenURL != "https://zoom.us/oauth/token" {
		t.Errorf("public client config %+v", pub.Endpoint)
	}
	if pub.RedirectURL != "http://127.0.0.1:47651/oauth/callback" {
		t.Errorf("redirect URL %q", pub.RedirectURL)
	}
	c.ClientSecret = "s"
	if conf := c.oauth2Config(); conf.Endpoint.AuthStyle != 2 /* AuthStyleInHeader */ {
		t.Errorf("confidential client auth style %v", conf.Endpoint.AuthStyle)
	}
	d := c.DemoConfig("http://127.0.0.1:47652/")
	if d.Service != DemoServiceName || d.ClientID != DemoClientID || d.ClientSecret != "" || d.APIURL != "http://127.0.0.1:47652/v2" || d.RedirectPort != 47651 {
		t.Errorf("demo config %+v", d)
	}
}
