//go:build linux

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	if filepath.Base(os.Args[0]) == "xdg-open" {
		os.Exit(fakeOpener(os.Args[1:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the driver's flags.
type config struct {
	repo       string        // the repository's root
	fyne       string        // the fyne CLI for the package; empty skips it
	work       string        // where binaries and logs go
	out        string        // the Markdown report
	idle       time.Duration // the idle window
	window     string        // the app window to time; empty picks agenda when it exists
	windowRuns int           // timed launches of each window
	quick      bool          // shorter runs, for trying the driver out
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("benchdriver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.repo, "repo", ".", "the repository's root")
	fs.StringVar(&c.fyne, "fyne", "", "the fyne CLI, for the package size (empty: no package)")
	fs.StringVar(&c.work, "work", "bin/bench", "directory for the builds and logs (relative to -repo)")
	fs.StringVar(&c.out, "out", "docs/benchmarks.md", "the report to write (relative to -repo; empty: none)")
	fs.DurationVar(&c.idle, "idle", 60*time.Second, "the idle window")
	fs.StringVar(&c.window, "window", "", "the app window to time (default: agenda once `interviewtray window agenda` exists, else about)")
	fs.IntVar(&c.windowRuns, "window-runs", 7, "timed launches of each window (after one untimed)")
	fs.BoolVar(&c.quick, "quick", false, "fewer benchmark repetitions, for trying the driver out (the report says so)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	repo, err := filepath.Abs(c.repo)
	if err != nil {
		fmt.Fprintln(stderr, "benchdriver:", err)
		return 1
	}
	c.repo = repo
	for _, p := range []*string{&c.work, &c.out, &c.fyne} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(c.repo, *p)
		}
	}
	r := &runner{cfg: c, out: stdout, log: stderr, res: &results{Started: time.Now(), Quick: c.quick, IdleWindow: c.idle}}
	if err := r.all(ctx); err != nil {
		fmt.Fprintln(stderr, "benchdriver:", err)
		return 1
	}
	return 0
}

// runner runs the benchmarks in order and collects the results.
type runner struct {
	cfg config
	out io.Writer // the table
	log io.Writer // progress
	res *results

	// Set by build.
	bins    map[string]string // program name → path
	product string            // the interviewtray binary measured
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.log, "bench: "+format+"\n", args...)
}

// all runs every part. The CPU-heavy parts (builds, Go benchmarks) come
// before the desktop ones, so that nothing else runs during the idle
// window and the window timings.
func (r *runner) all(ctx context.Context) error {
	logs := filepath.Join(r.cfg.work, "logs")
	if err := os.RemoveAll(logs); err != nil {
		return err
	}
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	r.res.Env = environment(r.cfg.repo)
	if err := r.build(ctx); err != nil {
		return err
	}
	r.goBenchmarks(ctx)
	if ctx.Err() == nil {
		r.desktop(ctx)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r.res.Env.LoadEnd = loadAvg()
	rows := r.res.rows()
	printTable(r.out, rows)
	if r.cfg.out != "" {
		if err := os.MkdirAll(filepath.Dir(r.cfg.out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(r.cfg.out, []byte(r.res.markdown(rows)), 0o644); err != nil {
			return err
		}
		r.logf("wrote %s", r.cfg.out)
	}
	return nil
}
