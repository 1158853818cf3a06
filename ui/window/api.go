package window

import (
	"context"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// API is what the windows need from the agent: its state and the commands.
// *localapi.Client implements it; tests use a fake. Every method but Watch
// is bounded by ctx and the client's own timeout.
type API interface {
	// Watch streams the agent's state: the current one at once, then each
	// change. The channel closes when ctx ends or the agent goes away.
	Watch(ctx context.Context) (<-chan localapi.State, error)

	Refresh(ctx context.Context) error
	Join(ctx context.Context, meetingID int64) error
	Snooze(ctx context.Context, key string, minutes int) error
	Dismiss(ctx context.Context, key string) error
	SetOverride(ctx context.Context, meetingID int64, mode string) error
	CheckSettings(ctx context.Context) (*model.SettingsCheck, error)
	FixSettings(ctx context.Context) (*model.SettingsCheck, error)
	SaveSettings(ctx context.Context, s model.Settings) error
	SignIn(ctx context.Context) error
	SignOut(ctx context.Context) (string, error)
	OpenWindow(ctx context.Context, name string) error
	OpenLink(ctx context.Context, url string) error
	OpenFolder(ctx context.Context, path string) error
	SetAutostart(ctx context.Context, enabled bool) error
	// SetOnboarding saves the wizard's progress.
	SetOnboarding(ctx context.Context, o model.Onboarding) error
	// Copy puts text on the clipboard through the agent, whose copy
	// outlives this window (on X11 the window's own copy does not).
	Copy(ctx context.Context, text string) error
	// Do sends any other command, such as the calendar ones
	// (localapi.CmdAddCalendar...), and returns the agent's answer.
	Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error)
}

var _ API = (*localapi.Client)(nil)
