package main

import (
	"context"
	"fmt"
	"io"

	"github.com/interviewtray/interviewtray/auth"
)

func init() {
	register("login", "sign in with Zoom in the browser", runLogin)
}

// runLogin signs in through the browser and prints "Signed in as EMAIL".
func runLogin(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("login", stderr)
	noBrowser := fs.Bool("no-browser", false, "print the sign-in link instead of opening a browser")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := openSession(ctx, stderr, g.demo)
	if err != nil {
		return err
	}
	defer s.Close()

	waiting := fmt.Sprintf("Waiting for you to finish signing in (up to %s; Ctrl-C cancels).", auth.DefaultLoginTimeout)
	opts := auth.LoginOptions{ShowURL: func(link string, err error) {
		if err != nil {
			fmt.Fprintf(stderr, "Could not open a browser (%v).\n", err)
		}
		fmt.Fprintf(stderr, "Open this link in your browser to sign in with Zoom:\n\n    %s\n\n", link)
		if err == nil {
			fmt.Fprintln(stderr, waiting)
		}
	}}
	if !*noBrowser {
		opts.Browser = auth.SystemBrowser{}
		fmt.Fprintln(stderr, "Opening Zoom's sign-in page in your browser...")
		fmt.Fprintln(stderr, waiting)
	}
	u, err := s.m.Login(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Signed in as %s\n", u.Email)
	return nil
}
