package window

import (
	"context"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// API is what the windows need from the agent: its state, and commands.
// *localapi.Client implements it; tests use a fake. Do is bounded by ctx
// and the client's own timeout.
type API interface {
	// Watch streams the agent's state: the current one at once, then each
	// change. The channel closes when ctx ends or the agent goes away.
	Watch(ctx context.Context) (<-chan localapi.State, error)
	// Do sends a command (localapi.Cmd...) and returns the agent's answer.
	Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error)
}

var _ API = (*localapi.Client)(nil)

// do sends cmd and keeps only its error.
func do(ctx context.Context, api API, cmd localapi.Command) error {
	_, err := api.Do(ctx, cmd)
	return err
}

// send is a call (for shell.act) that sends cmd.
func send(api API, cmd localapi.Command) func(context.Context) error {
	return func(ctx context.Context) error { return do(ctx, api, cmd) }
}

// checkSettings sends check_settings or fix_settings (name) and returns the
// agent's new check of the recording settings.
func checkSettings(ctx context.Context, api API, name string) (*model.SettingsCheck, error) {
	res, err := api.Do(ctx, localapi.Command{Name: name})
	return res.RecordingSettings, err
}
