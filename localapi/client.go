package localapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// ErrNoAgent means no agent answers on the socket.
var ErrNoAgent = errors.New("the Interview Tray agent is not running")

// Client talks to the agent over its socket.
type Client struct {
	path string
	hc   *http.Client
	// Timeout bounds each call but Watch; the default suits every command,
	// including the ones that call Zoom.
	Timeout time.Duration
	// Version, when set, is sent with each request (VersionHeader): the
	// agent refuses commands from another build.
	Version string
}

// maxStateBytes caps one state document from the agent.
const maxStateBytes = 16 << 20

// NewClient returns a client for the agent listening at path.
func NewClient(path string) *Client {
	return &Client{
		path:    path,
		Timeout: 45 * time.Second,
		hc: &http.Client{Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return dial(ctx, path)
			},
			MaxIdleConns: 2,
		}},
	}
}

// The host in request URLs is ignored: the transport always dials the socket.
const baseURL = "http://interviewtray"

func (c *Client) roundTrip(ctx context.Context, method, path string, body any) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, baseURL+path, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Version != "" {
		req.Header.Set(VersionHeader, c.Version)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return nil, fmt.Errorf("%w (%s)", ErrNoAgent, c.path)
		}
		return nil, fmt.Errorf("local API: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		e := &Error{Status: resp.StatusCode}
		if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(e); err != nil || e.Message == "" {
			e.Message = fmt.Sprintf("local API: HTTP %d", resp.StatusCode)
		}
		return nil, e
	}
	return resp, nil
}

func (c *Client) call(ctx context.Context, method, path string, body, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	resp, err := c.roundTrip(ctx, method, path, body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxStateBytes)).Decode(out); err != nil {
		return fmt.Errorf("local API: bad answer: %w", err)
	}
	return nil
}

// State returns the agent's current state.
func (c *Client) State(ctx context.Context) (State, error) {
	var s State
	err := c.call(ctx, http.MethodGet, "/v1/state", nil, &s)
	return s, err
}

// Do sends a command.
func (c *Client) Do(ctx context.Context, cmd Command) (Result, error) {
	var res Result
	err := c.call(ctx, http.MethodPost, "/v1/commands", cmd, &res)
	return res, err
}

// Watch streams the agent's state: the current one at once, then each
// change. The channel closes when ctx ends or the agent goes away.
func (c *Client) Watch(ctx context.Context) (<-chan State, error) {
	resp, err := c.roundTrip(ctx, http.MethodGet, "/v1/watch", nil)
	if err != nil {
		return nil, err
	}
	ch := make(chan State, 1)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), maxStateBytes)
		for sc.Scan() {
			var s State
			if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
				return
			}
			// Latest wins: drop a state the reader has not taken yet.
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, nil
}

// Convenience wrappers for the commands.

// Refresh asks the agent to sync now.
func (c *Client) Refresh(ctx context.Context) error {
	_, err := c.Do(ctx, Command{Name: CmdRefresh})
	return err
}

// Join opens a meeting's join link and marks it joined.
func (c *Client) Join(ctx context.Context, meetingID int64) error {
	_, err := c.Do(ctx, Command{Name: CmdJoin, MeetingID: meetingID})
	return err
}

// Snooze hides a reminder for the given minutes.
func (c *Client) Snooze(ctx context.Context, key string, minutes int) error {
	_, err := c.Do(ctx, Command{Name: CmdSnooze, Key: key, Minutes: minutes})
	return err
}

// Dismiss ends a reminder.
func (c *Client) Dismiss(ctx context.Context, key string) error {
	_, err := c.Do(ctx, Command{Name: CmdDismiss, Key: key})
	return err
}

// SetOverride includes or excludes a meeting ("include", "exclude", "").
func (c *Client) SetOverride(ctx context.Context, meetingID int64, mode string) error {
	_, err := c.Do(ctx, Command{Name: CmdOverride, MeetingID: meetingID, Mode: mode})
	return err
}

// CheckSettings re-reads the recording settings.
func (c *Client) CheckSettings(ctx context.Context) (*model.SettingsCheck, error) {
	res, err := c.Do(ctx, Command{Name: CmdCheckSettings})
	return res.RecordingSettings, err
}

// FixSettings changes the recording settings Zoom lets us change.
func (c *Client) FixSettings(ctx context.Context) (*model.SettingsCheck, error) {
	res, err := c.Do(ctx, Command{Name: CmdFixSettings})
	return res.RecordingSettings, err
}

// SaveSettings stores the user's settings.
func (c *Client) SaveSettings(ctx context.Context, s model.Settings) error {
	_, err := c.Do(ctx, Command{Name: CmdSaveSettings, Settings: &s})
	return err
}

// SignIn starts a sign-in; progress shows in State().Agent.SignIn.
func (c *Client) SignIn(ctx context.Context) error {
	_, err := c.Do(ctx, Command{Name: CmdSignIn})
	return err
}

// SignOut signs out; the message says whether Zoom heard of it.
func (c *Client) SignOut(ctx context.Context) (string, error) {
	res, err := c.Do(ctx, Command{Name: CmdSignOut})
	return res.Message, err
}

// OpenWindow asks the agent to open one of the app's windows.
func (c *Client) OpenWindow(ctx context.Context, name string) error {
	_, err := c.Do(ctx, Command{Name: CmdOpenWindow, Window: name})
	return err
}

// OpenLink asks the agent to open a Zoom link.
func (c *Client) OpenLink(ctx context.Context, url string) error {
	_, err := c.Do(ctx, Command{Name: CmdOpenLink, URL: url})
	return err
}

// OpenFolder asks the agent to show a local recording folder or file.
func (c *Client) OpenFolder(ctx context.Context, path string) error {
	_, err := c.Do(ctx, Command{Name: CmdOpenFolder, Path: path})
	return err
}

// Copy puts text on the clipboard through the agent. On X11 a copy made by
// a window process is lost when the window closes; the agent's stays.
func (c *Client) Copy(ctx context.Context, text string) error {
	_, err := c.Do(ctx, Command{Name: CmdCopy, Text: text})
	return err
}

// SetOnboarding saves the onboarding wizard's progress.
func (c *Client) SetOnboarding(ctx context.Context, o model.Onboarding) error {
	_, err := c.Do(ctx, Command{Name: CmdSetOnboarding, Onboarding: &o})
	return err
}

// SetAutostart turns start at login on or off.
func (c *Client) SetAutostart(ctx context.Context, enabled bool) error {
	_, err := c.Do(ctx, Command{Name: CmdSetAutostart, Enabled: enabled})
	return err
}
