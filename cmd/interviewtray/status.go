package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/interviewtray/interviewtray/auth"
)

func init() {
	register("status", "show whether the app is signed in with Zoom", runStatus)
}

// statusJSON is the object `status --json` prints. Later issues add fields
// (interviews, agent); existing ones keep their names and meaning.
type statusJSON struct {
	auth.Status
	// Demo is true with --demo (the simulator, not Zoom).
	Demo bool `json:"demo"`
}

// runStatus checks the sign-in against Zoom (refreshing the token when
// needed) and prints it. Not being signed in is a normal answer (exit 0);
// a keychain failure is an error.
func runStatus(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("status", stderr)
	asJSON := fs.Bool("json", false, "print a JSON object")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	s, err := openSession(ctx, stderr, g.demo)
	if err != nil {
		return err
	}
	defer s.Close()

	st, err := s.m.Status(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(statusJSON{Status: st, Demo: g.demo})
	}
	printStatus(stdout, st, g.demo)
	return nil
}

func printStatus(w io.Writer, st auth.Status, demo bool) {
	where := "Zoom"
	if demo {
		where = "the Zoom simulator (demo)"
	}
	if !st.SignedIn {
		login := "interviewtray login"
		if demo {
			login = "interviewtray --demo login"
			fmt.Fprint(w, "Demo (the Zoom simulator): ")
		}
		fmt.Fprintln(w, st.Message)
		fmt.Fprintf(w, "Run `%s` to sign in.\n", login)
		return
	}
	fmt.Fprintf(w, "Signed in to %s as %s (user ID %s).\n", where, st.User.Email, st.User.ID)
	if st.TokenExpiresAt != nil {
		fmt.Fprintf(w, "Access token valid until %s (renewed automatically).\n", st.TokenExpiresAt.Local().Format(time.DateTime))
	}
	if st.Offline {
		fmt.Fprintln(w, "Offline: Zoom could not be reached, so this is the saved sign-in; it was not checked.")
	}
}
