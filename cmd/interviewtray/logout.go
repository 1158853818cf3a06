package main

import (
	"context"
	"fmt"
	"io"
)

func init() {
	register("logout", "sign out: revoke the Zoom token and delete it from the keychain", runLogout)
}

// runLogout signs out. It exits 0 when nothing of the sign-in is left in
// the keychain, even if the revoke could not reach Zoom (it says so).
func runLogout(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("logout", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := openSession(ctx, stderr, g.demo)
	if err != nil {
		return err
	}
	defer s.Close()

	res, err := s.m.SignOut(ctx)
	if err != nil {
		return err
	}
	switch {
	case !res.WasSignedIn:
		fmt.Fprintln(stdout, "Not signed in; nothing left in the keychain.")
	case res.Revoked:
		fmt.Fprintf(stdout, "Signed out %s: Zoom revoked the token and it was deleted from the keychain.\n", res.User.Email)
	default:
		fmt.Fprintf(stdout, "Signed out %s: the token was deleted from the keychain.\n", res.User.Email)
		fmt.Fprintf(stderr, "Note: the revoke did not reach Zoom (%v).\n"+
			"The app's access ends when the token expires; to end it now, remove Interview Tray "+
			"in the Zoom App Marketplace (Manage > Added Apps).\n", res.RevokeErr)
	}
	return nil
}
