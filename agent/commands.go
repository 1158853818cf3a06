package agent

import (
	"context"
	"net/http"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// commandTimeout bounds a command started from the tray or a notification.
const commandTimeout = 45 * time.Second

// handler carries out one command (see commands).
type handler func(a *Agent, ctx context.Context, cmd localapi.Command) (localapi.Result, error)

// commands is where every command is carried out, whoever sent it: a
// window or the CLI (through the local API), a tray menu item, a
// problem's button or a notification's. Adding a command is its name in
// localapi, its handler (anywhere in this package) and one entry here.
var commands = map[string]handler{
	localapi.CmdRefresh:       (*Agent).doRefresh,
	localapi.CmdJoin:          (*Agent).doJoin,
	localapi.CmdSnooze:        (*Agent).doSnooze,
	localapi.CmdDismiss:       (*Agent).doDismiss,
	localapi.CmdOverride:      (*Agent).doOverride,
	localapi.CmdCheckSettings: (*Agent).doCheckSettings,
	localapi.CmdFixSettings:   (*Agent).doFixSettings,
	localapi.CmdSaveSettings:  (*Agent).doSaveSettings,
	localapi.CmdSignIn:        (*Agent).doSignIn,
	localapi.CmdSignOut:       (*Agent).doSignOut,
	localapi.CmdOpenWindow:    (*Agent).doOpenWindow,
	localapi.CmdOpenLink:      (*Agent).doOpenLink,
	localapi.CmdOpenFolder:    (*Agent).doOpenFolder,
	localapi.CmdCreateFolder:  (*Agent).doCreateFolder,
	localapi.CmdSetAutostart:  (*Agent).doSetAutostart,
	localapi.CmdCopy:          (*Agent).doCopy,
	localapi.CmdSetOnboarding: (*Agent).doSetOnboarding,
	localapi.CmdQuit:          (*Agent).doQuit,

	localapi.CmdTestCalendar:   (*Agent).doTestCalendar,
	localapi.CmdAddCalendar:    (*Agent).doAddCalendar,
	localapi.CmdUpdateCalendar: (*Agent).doUpdateCalendar,
	localapi.CmdRemoveCalendar: (*Agent).doRemoveCalendar,

	localapi.CmdScheduleInterview:   (*Agent).doScheduleInterview,
	localapi.CmdRescheduleInterview: (*Agent).doRescheduleInterview,
	localapi.CmdCancelInterview:     (*Agent).doCancelInterview,
	localapi.CmdInvitation:          (*Agent).doInvitation,
	localapi.CmdPlannedReminders:    (*Agent).doPlannedReminders,

	localapi.CmdAlertSnooze:  (*Agent).doAlertSnooze,
	localapi.CmdAlertDismiss: (*Agent).doAlertDismiss,
	localapi.CmdJoinNext:     (*Agent).doJoinNext,
	localapi.CmdLetSleep:     (*Agent).doLetSleep,
}

// Do implements localapi.Backend: it carries out cmd and, when that
// succeeded, tells every watcher the state may have changed.
func (a *Agent) Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	h, ok := commands[cmd.Name]
	if !ok {
		return localapi.Result{}, localapi.BadCommand("unknown command %q", cmd.Name)
	}
	res, err := h(a, ctx, cmd)
	if err == nil {
		a.changed()
	}
	return res, err
}

// run carries out a command from the tray or a notification. Failures are
// logged; the user sees their effect in the tray's status and problems.
func (a *Agent) run(from string, cmd localapi.Command) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	if _, err := a.Do(ctx, cmd); err != nil {
		a.log.Warn(from+" action failed", "action", cmd.Name, "err", err)
		if cmd.Name == localapi.CmdCopy {
			a.tellCopyFailed(ctx, err)
		}
	}
}

// onTrayAction carries out a tray click.
func (a *Agent) onTrayAction(cmd localapi.Command) { a.run("tray", cmd) }

// none is the answer of a command that has nothing to say.
func none(err error) (localapi.Result, error) { return localapi.Result{}, err }

func (a *Agent) doRefresh(context.Context, localapi.Command) (localapi.Result, error) {
	a.engine.Refresh()
	return none(nil)
}

func (a *Agent) doJoin(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	return none(a.join(cmd.MeetingID))
}

// doSnooze hides a reminder for cmd.Minutes, or the settings' snooze, or
// until its interview starts (Mode localapi.SnoozeUntilStart).
func (a *Agent) doSnooze(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	d := time.Duration(cmd.Minutes) * time.Minute
	switch {
	case cmd.Mode == localapi.SnoozeUntilStart:
		r, found := a.shownReminder(cmd.Key)
		if !found {
			return none(localapi.BadCommand("no reminder %q is shown", cmd.Key))
		}
		var err error
		if d, err = a.untilStart(r); err != nil {
			return none(err)
		}
	case cmd.Mode != "":
		return none(localapi.BadCommand("snooze mode %q: want %q or empty", cmd.Mode, localapi.SnoozeUntilStart))
	case cmd.Minutes <= 0:
		d = a.engine.Settings().Snooze.D()
	}
	return none(a.engine.Snooze(cmd.Key, d))
}

// untilStart is how long a snooze "until it starts" of r lasts; an
// interview that has started (or starts within a second) cannot have one.
func (a *Agent) untilStart(r meetingsync.Reminder) (time.Duration, error) {
	d := r.StartTime.Sub(a.opts.Now())
	if d < time.Second {
		return 0, localapi.BadCommand("the interview has started already")
	}
	return d, nil
}

func (a *Agent) doDismiss(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	return none(a.engine.Dismiss(cmd.Key))
}

func (a *Agent) doOverride(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	switch cmd.Mode {
	case "include":
		return none(a.engine.Include(cmd.MeetingID))
	case "exclude":
		return none(a.engine.Exclude(cmd.MeetingID))
	case "":
		return none(a.engine.ClearOverride(cmd.MeetingID))
	}
	return none(localapi.BadCommand("override mode %q: want include, exclude or empty", cmd.Mode))
}

func (a *Agent) doCheckSettings(ctx context.Context, _ localapi.Command) (res localapi.Result, err error) {
	res.RecordingSettings, err = a.engine.CheckSettings(ctx)
	return res, err
}

func (a *Agent) doFixSettings(ctx context.Context, _ localapi.Command) (res localapi.Result, err error) {
	res.RecordingSettings, err = a.engine.FixSettings(ctx)
	return res, err
}

func (a *Agent) doSaveSettings(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	if cmd.Settings == nil {
		return none(localapi.BadCommand("save_settings needs settings"))
	}
	return none(a.saveSettings(*cmd.Settings))
}

func (a *Agent) doSignIn(context.Context, localapi.Command) (localapi.Result, error) {
	a.startSignIn()
	return none(nil)
}

func (a *Agent) doSignOut(ctx context.Context, _ localapi.Command) (res localapi.Result, err error) {
	res.Message, err = a.signOut(ctx)
	return res, err
}

func (a *Agent) doOpenWindow(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	return none(a.desk.StartWindow(cmd.Window))
}

// doOpenLink opens a Zoom link; any other is refused as a bad command.
func (a *Agent) doOpenLink(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	if err := a.openLink(cmd.URL); err != nil {
		return none(&localapi.Error{Status: http.StatusBadRequest, Message: err.Error()})
	}
	return none(nil)
}

func (a *Agent) doOpenFolder(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	return none(a.openPath(ctx, cmd.Path))
}

func (a *Agent) doCreateFolder(ctx context.Context, _ localapi.Command) (res localapi.Result, err error) {
	res.Message, err = a.createRecordingFolder(ctx)
	return res, err
}

// doSetAutostart turns start at login on or off, and keeps the choice in
// the settings.
func (a *Agent) doSetAutostart(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	if err := a.desk.SetAutostart(cmd.Enabled); err != nil {
		return none(err)
	}
	s := a.engine.Settings()
	s.StartAtLogin = cmd.Enabled
	return none(a.engine.UpdateSettings(s))
}

func (a *Agent) doCopy(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	return none(a.desk.Copy(ctx, cmd.Text))
}

func (a *Agent) doSetOnboarding(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	if cmd.Onboarding == nil {
		return none(localapi.BadCommand("set_onboarding needs onboarding"))
	}
	if err := a.engine.SetOnboarding(*cmd.Onboarding); err != nil {
		return none(localapi.BadCommand("%s", err))
	}
	return none(nil)
}

func (a *Agent) doQuit(context.Context, localapi.Command) (localapi.Result, error) {
	a.Quit()
	return none(nil)
}
