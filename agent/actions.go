package agent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

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
			a.allowScheduling()
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

// saveSettings stores the user's settings and applies start at login.
func (a *Agent) saveSettings(s meetingsync.Settings) error {
	old := a.engine.Settings()
	// Only the calendar commands add and remove calendars (their addresses
	// live in the keychain): a window's Save holding an older list must
	// neither drop a calendar just added nor bring back one just removed.
	s.Calendars = old.Calendars
	s = s.WithAlertReminder() // the alert comes with a reminder at its moment
	if err := checkShortcut(s); err != nil {
		return err
	}
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
