package agent

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// commandTimeout bounds a command started from the tray or a notification.
const commandTimeout = 45 * time.Second

// onTrayAction carries out a tray click. Failures are logged; the user sees
// their effect in the tray's status and problems.
func (a *Agent) onTrayAction(act tray.Action) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	var err error
	switch act.Kind {
	case tray.ActJoin:
		err = a.join(act.MeetingID)
	case tray.ActCopyMeeting:
		err = a.copyMeeting(ctx, act.MeetingID)
	case tray.ActCopyShareLink:
		text := act.URL
		if act.Passcode != "" {
			text += "\nPasscode: " + act.Passcode
		}
		err = a.desk.Copy(ctx, text)
	case tray.ActOpenLink:
		err = a.desk.OpenLink(act.URL)
	case tray.ActOpenFolder:
		err = a.openPath(ctx, act.Path)
	case tray.ActOpenWindow:
		err = a.desk.StartWindow(act.Window)
	case tray.ActProblem:
		err = a.solve(ctx, act.Problem, act.MeetingID)
	case tray.ActSignIn:
		a.startSignIn()
	case tray.ActSignOut:
		_, err = a.signOut(ctx)
	case tray.ActRefresh:
		a.engine.Refresh()
	case tray.ActQuit:
		a.Quit()
	}
	if err != nil {
		a.log.Warn("tray action failed", "action", string(act.Kind), "err", err)
		if copyActions[act.Kind] {
			a.tellCopyFailed(ctx, err)
		}
	}
}

// solve carries out a problem's action.
func (a *Agent) solve(ctx context.Context, action string, meetingID int64) error {
	switch action {
	case meetingsync.ActionSignIn:
		a.startSignIn()
	case meetingsync.ActionRetry:
		a.engine.Refresh()
	case meetingsync.ActionFixSettings:
		return a.desk.StartWindow(localapi.WindowWizard)
	case meetingsync.ActionOpenSettings:
		page := meetingsync.SettingsURL
		if snap := a.engine.Snapshot(); snap != nil && snap.RecordingSettings != nil && snap.RecordingSettings.SettingsURL != "" {
			page = snap.RecordingSettings.SettingsURL
		}
		return a.openLink(page)
	case meetingsync.ActionContactAdmin:
		if snap := a.engine.Snapshot(); snap != nil && snap.RecordingSettings != nil {
			return a.desk.Copy(ctx, snap.RecordingSettings.AdminMessage)
		}
	case ActionOpenWizard:
		return a.desk.StartWindow(localapi.WindowWizard)
	case meetingsync.ActionOpenAgenda:
		return a.desk.StartWindow(localapi.WindowAgenda)
	case meetingsync.ActionCopyHostRequest:
		snap := a.engine.Snapshot()
		for _, iv := range snap.Interviews {
			if iv.ID == meetingID {
				return a.desk.Copy(ctx, meetingsync.HostRequest(iv, snap.User, a.opts.Location))
			}
		}
		return fmt.Errorf("no interview %d to ask its host about", meetingID)
	case meetingsync.ActionCheckFolder, meetingsync.ActionOpenCalendars:
		return a.desk.StartWindow(localapi.WindowSettings)
	default:
		return fmt.Errorf("unknown problem action %q", action)
	}
	return nil
}

// interview finds a meeting in the current snapshot.
func (a *Agent) interview(id int64) (meetingsync.Interview, error) {
	if snap := a.engine.Snapshot(); snap != nil {
		for _, iv := range snap.Interviews {
			if iv.ID == id {
				return iv, nil
			}
		}
	}
	return meetingsync.Interview{}, localapi.BadCommand("no meeting %d", id)
}

// copyMeeting copies the meeting ID (grouped as Zoom shows it) and passcode.
func (a *Agent) copyMeeting(ctx context.Context, id int64) error {
	iv, err := a.interview(id)
	if err != nil {
		return err
	}
	text := "Meeting ID: " + groupID(iv.ID)
	if iv.Passcode != "" {
		text += "\nPasscode: " + iv.Passcode
	}
	return a.desk.Copy(ctx, text)
}

// groupID formats a meeting number as Zoom does: 857 4606 5432.
func groupID(id int64) string {
	s := strconv.FormatInt(id, 10)
	if len(s) < 10 {
		return s
	}
	head := len(s) - 8
	return s[:head] + " " + s[head:head+4] + " " + s[head+4:]
}

// startSignIn starts a sign-in in the browser unless one is under way.
// Progress goes to the local API's state and the tray.
func (a *Agent) startSignIn() {
	a.mu.Lock()
	if a.signIn.State == localapi.SignInWaiting {
		a.mu.Unlock()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), auth.DefaultLoginTimeout+time.Minute)
	a.signInCancel = cancel
	a.signIn = localapi.SignInProgress{State: localapi.SignInWaiting, Message: "Finish signing in with Zoom in your browser."}
	a.mu.Unlock()
	a.changed()
	go func() {
		defer cancel()
		user, err := a.opts.Session.Login(ctx, auth.LoginOptions{
			Browser: auth.SystemBrowser{},
			ShowURL: func(link string, err error) {
				a.mu.Lock()
				a.signIn.URL = link
				if err != nil {
					a.signIn.Message = "Could not open a browser. Open this link to sign in with Zoom."
				}
				a.mu.Unlock()
				a.changed()
			},
		})
		a.mu.Lock()
		if err != nil {
			a.signIn = localapi.SignInProgress{State: localapi.SignInFailed, Message: signInFailure(err)}
		} else {
			a.signIn = localapi.SignInProgress{State: localapi.SignInSucceeded, Message: "Signed in as " + user.Email}
		}
		a.signInCancel = nil
		a.mu.Unlock()
		if err != nil {
			a.log.Warn("sign-in failed", "err", err)
		} else {
			a.log.Info("signed in")
			a.engine.SignedIn()
		}
		a.refreshSignIn()
	}()
}

// signInFailure says what went wrong and what to do, in words.
func signInFailure(err error) string {
	switch {
	case errors.Is(err, auth.ErrLoginDenied):
		return "Zoom sign-in was declined. Try again and choose Allow."
	case errors.Is(err, auth.ErrLoginTimeout):
		return "Gave up waiting for the sign-in in the browser. Try again."
	case errors.Is(err, auth.ErrKeychainUnavailable):
		return err.Error()
	case errors.Is(err, context.Canceled):
		return "Sign-in was cancelled."
	}
	return "Sign-in failed: " + err.Error()
}

// signOut revokes and forgets the token, and forgets what the app knew of
// the account: the engine's Zoom data (in memory and on disk), and the
// notifications shown about it. On a shared computer, nothing of the
// account stays on screen or in the cache. This happens even when the
// token could not be forgotten (the keychain did not answer): the user
// asked for the account's data to go.
func (a *Agent) signOut(ctx context.Context) (string, error) {
	res, err := a.opts.Session.SignOut(ctx)
	forgetErr := a.engine.ForgetAccount()
	if forgetErr != nil {
		a.log.Warn("could not delete the cached Zoom data", "err", forgetErr)
	}
	a.withdrawNotifications(ctx)
	a.refreshSignIn()
	if err != nil {
		return "", err
	}
	if forgetErr != nil {
		return "", fmt.Errorf("signed out, but the cached Zoom data could not all be deleted: %w", forgetErr)
	}
	a.mu.Lock()
	a.signIn = localapi.SignInProgress{State: localapi.SignInIdle}
	a.mu.Unlock()
	switch {
	case !res.WasSignedIn:
		return "You were not signed in.", nil
	case res.RevokeErr != nil:
		return "Signed out on this computer. Zoom could not be told (" + res.RevokeErr.Error() + "); the app's access ends when its token expires.", nil
	}
	return "Signed out of Zoom.", nil
}

// Do implements localapi.Backend.
func (a *Agent) Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	if res, ok, err := a.calendarCommand(ctx, cmd); ok {
		return res, err
	}
	var res localapi.Result
	var err error
	switch cmd.Name {
	case localapi.CmdRefresh:
		a.engine.Refresh()
	case localapi.CmdJoin:
		err = a.join(cmd.MeetingID)
	case localapi.CmdSnooze:
		minutes := cmd.Minutes
		if minutes <= 0 {
			minutes = int(a.engine.Settings().Snooze.D() / time.Minute)
		}
		err = a.engine.Snooze(cmd.Key, time.Duration(minutes)*time.Minute)
	case localapi.CmdDismiss:
		err = a.engine.Dismiss(cmd.Key)
	case localapi.CmdOverride:
		switch cmd.Mode {
		case "include":
			err = a.engine.Include(cmd.MeetingID)
		case "exclude":
			err = a.engine.Exclude(cmd.MeetingID)
		case "":
			err = a.engine.ClearOverride(cmd.MeetingID)
		default:
			err = localapi.BadCommand("override mode %q: want include, exclude or empty", cmd.Mode)
		}
	case localapi.CmdCheckSettings:
		res.RecordingSettings, err = a.engine.CheckSettings(ctx)
	case localapi.CmdFixSettings:
		res.RecordingSettings, err = a.engine.FixSettings(ctx)
	case localapi.CmdSaveSettings:
		if cmd.Settings == nil {
			return res, localapi.BadCommand("save_settings needs settings")
		}
		err = a.saveSettings(*cmd.Settings)
	case localapi.CmdSignIn:
		a.startSignIn()
	case localapi.CmdSignOut:
		res.Message, err = a.signOut(ctx)
	case localapi.CmdOpenWindow:
		err = a.desk.StartWindow(cmd.Window)
	case localapi.CmdCreateFolder:
		res.Message, err = a.createRecordingFolder(ctx)
	case localapi.CmdOpenLink:
		err = a.openLink(cmd.URL)
		if err != nil {
			err = &localapi.Error{Status: http.StatusBadRequest, Message: err.Error()}
		}
	case localapi.CmdOpenFolder:
		err = a.openPath(ctx, cmd.Path)
	case localapi.CmdSetAutostart:
		err = a.desk.SetAutostart(cmd.Enabled)
		if err == nil {
			s := a.engine.Settings()
			s.StartAtLogin = cmd.Enabled
			err = a.engine.UpdateSettings(s)
		}
	case localapi.CmdCopy:
		err = a.desk.Copy(ctx, cmd.Text)
	case localapi.CmdSetOnboarding:
		if cmd.Onboarding == nil {
			return res, localapi.BadCommand("set_onboarding needs onboarding")
		}
		if err = a.engine.SetOnboarding(*cmd.Onboarding); err != nil {
			return res, localapi.BadCommand("%s", err)
		}
	case localapi.CmdQuit:
		a.Quit()
	default:
		return res, localapi.BadCommand("unknown command %q", cmd.Name)
	}
	if err == nil {
		a.changed()
	}
	return res, err
}

// saveSettings stores the user's settings and applies start at login.
func (a *Agent) saveSettings(s meetingsync.Settings) error {
	old := a.engine.Settings()
	// Only the calendar commands add and remove calendars (their addresses
	// live in the keychain): a window's Save holding an older list must
	// neither drop a calendar just added nor bring back one just removed.
	s.Calendars = old.Calendars
	if err := a.engine.UpdateSettings(s); err != nil {
		return localapi.BadCommand("%s", strings.TrimPrefix(err.Error(), "sync: "))
	}
	if s.StartAtLogin != old.StartAtLogin || s.StartAtLogin != a.desk.AutostartEnabled() {
		if err := a.desk.SetAutostart(s.StartAtLogin); err != nil {
			return fmt.Errorf("start at login: %w", err)
		}
	}
	return nil
}
