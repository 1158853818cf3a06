package auth

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/oauth2"
)

// Configuration keys, read from the environment and from the config file.
const (
	EnvClientID     = "INTERVIEWTRAY_ZOOM_CLIENT_ID"
	EnvClientSecret = "INTERVIEWTRAY_ZOOM_CLIENT_SECRET"
	EnvAuthURL      = "INTERVIEWTRAY_ZOOM_AUTH_URL"
	EnvAPIURL       = "INTERVIEWTRAY_ZOOM_API_URL"
	EnvRedirectPort = "INTERVIEWTRAY_REDIRECT_PORT"
)

// Defaults.
const (
	DefaultAuthURL      = "https://zoom.us"
	DefaultAPIURL       = "https://api.zoom.us/v2"
	DefaultRedirectPort = 47651
	// ServiceName is the keychain service holding a real Zoom sign-in.
	ServiceName = "interviewtray"
	// DemoServiceName is the keychain service for the demo simulator's
	// sign-in, so trying the demo never touches a real one.
	DemoServiceName = "interviewtray-demo"
	// DemoClientID is the OAuth client ID registered in the demo simulator.
	DemoClientID = "interviewtray-demo"
)

// ErrNoClientID is returned by Config.Validate when no client ID is
// configured (EnvClientID).
var ErrNoClientID = errors.New("no Zoom client ID configured")

// Config says which Zoom (or simulator) to sign in with.
type Config struct {
	ClientID string
	// ClientSecret is empty for a public client (PKCE, client_id in the
	// token request body); set, the client is confidential (HTTP Basic).
	ClientSecret string
	// AuthURL is where /oauth/authorize, /oauth/token and /oauth/revoke live.
	AuthURL string
	// APIURL is the REST API root, e.g. https://api.zoom.us/v2.
	APIURL string
	// RedirectPort is the loopback port of the redirect URL registered with
	// Zoom: http://127.0.0.1:PORT/oauth/callback.
	RedirectPort int
	// Service is the keychain service name (ServiceName or DemoServiceName).
	Service string
}

// RedirectURL is the loopback redirect URL sent to Zoom.
func (c Config) RedirectURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d/oauth/callback", c.RedirectPort)
}

// PublicClient reports whether no client secret is configured.
func (c Config) PublicClient() bool { return c.ClientSecret == "" }

// DemoConfig returns the configuration for the demo simulator at simURL
// (e.g. http://127.0.0.1:47652), keeping the redirect port of c.
func (c Config) DemoConfig(simURL string) Config {
	simURL = strings.TrimRight(simURL, "/")
	return Config{
		ClientID:     DemoClientID,
		AuthURL:      simURL,
		APIURL:       simURL + "/v2",
		RedirectPort: c.RedirectPort,
		Service:      DemoServiceName,
	}
}

// Validate checks that c can be used to sign in.
func (c Config) Validate() error {
	if c.ClientID == "" {
		return ErrNoClientID
	}
	if err := checkServerURL("sign-in URL", c.AuthURL); err != nil {
		return err
	}
	if err := checkServerURL("API URL", c.APIURL); err != nil {
		return err
	}
	if c.RedirectPort < 1 || c.RedirectPort > 65535 {
		return fmt.Errorf("redirect port %d is not between 1 and 65535", c.RedirectPort)
	}
	if c.Service == "" {
		return errors.New("no keychain service name")
	}
	return nil
}

// checkServerURL accepts https URLs, and http only on a loopback host (the
// simulator).
func checkServerURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%s %q is not an absolute URL", what, raw)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	default:
		return fmt.Errorf("%s %q must use https (http is allowed only on 127.0.0.1 or localhost)", what, raw)
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// oauth2Config is the x/oauth2 configuration for c.
func (c Config) oauth2Config() *oauth2.Config {
	base := strings.TrimRight(c.AuthURL, "/")
	style := oauth2.AuthStyleInHeader
	if c.PublicClient() {
		// A public client sends client_id in the body and no secret.
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret,
		RedirectURL:  c.RedirectURL(),
		Endpoint: oauth2.Endpoint{
			AuthURL:   base + "/oauth/authorize",
			TokenURL:  base + "/oauth/token",
			AuthStyle: style,
		},
	}
}

// DefaultConfigPath is <user config dir>/interviewtray/config.
func DefaultConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory: %w", err)
	}
	return filepath.Join(dir, "interviewtray", "config"), nil
}

// LoadConfig reads the configuration: defaults, then the KEY=VALUE file at
// path (absent is fine; "" skips it), then the environment through lookupEnv
// (which wins). Warnings are problems worth telling the user that do not
// stop the app, such as a file holding the client secret that other users
// can read. The result is not validated: see Config.Validate.
func LoadConfig(lookupEnv func(string) (string, bool), path string) (Config, []string, error) {
	c := Config{
		AuthURL:      DefaultAuthURL,
		APIURL:       DefaultAPIURL,
		RedirectPort: DefaultRedirectPort,
		Service:      ServiceName,
	}
	var warnings []string
	values := map[string]string{}
	if path != "" {
		file, w, err := readConfigFile(path)
		if err != nil {
			return Config{}, nil, err
		}
		values, warnings = file, w
	}
	for _, k := range configKeys {
		if v, ok := lookupEnv(k); ok && v != "" {
			values[k] = v
		}
	}
	for k, v := range values {
		switch k {
		case EnvClientID:
			c.ClientID = v
		case EnvClientSecret:
			c.ClientSecret = v
		case EnvAuthURL:
			c.AuthURL = strings.TrimRight(v, "/")
		case EnvAPIURL:
			c.APIURL = strings.TrimRight(v, "/")
		case EnvRedirectPort:
			p, err := strconv.Atoi(v)
			if err != nil || p < 1 || p > 65535 {
				return Config{}, nil, fmt.Errorf("%s=%q is not a port number", EnvRedirectPort, v)
			}
			c.RedirectPort = p
		}
	}
	return c, warnings, nil
}

var configKeys = []string{EnvClientID, EnvClientSecret, EnvAuthURL, EnvAPIURL, EnvRedirectPort}

// readConfigFile parses KEY=VALUE lines; blank lines and lines starting with
// # are skipped, values may be quoted. Error messages never repeat a value
// (it may be the secret).
func readConfigFile(path string) (map[string]string, []string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	values := map[string]string{}
	var warnings []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, nil, fmt.Errorf("config %s line %d: expected KEY=VALUE", path, n)
		}
		val = unquote(strings.TrimSpace(val))
		if !knownKey(key) {
			warnings = append(warnings, fmt.Sprintf("config %s line %d: unknown key %s (ignored)", path, n, key))
			continue
		}
		values[key] = val
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read config %s: %w", path, err)
	}
	if values[EnvClientSecret] != "" && runtime.GOOS != "windows" {
		if info, err := f.Stat(); err == nil && info.Mode().Perm()&0o044 != 0 {
			warnings = append(warnings, fmt.Sprintf(
				"config %s holds the client secret and other users can read it; run: chmod 600 %s", path, path))
		}
	}
	return values, warnings, nil
}

func knownKey(k string) bool { return slices.Contains(configKeys, k) }
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
