//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// floors are the programs under bench/ that the driver builds.
var floors = []string{"systrayfloor", "linkedfloor", "fynetrayfloor", "fynewindowfloor"}

// binZoomsim is the Zoom simulator (cmd/zoomsim) that the agent measured in
// real mode talks to.
const binZoomsim = "zoomsim"

// envInfo describes the machine and the source measured.
type envInfo struct {
	GoVersion string
	Kernel    string
	CPU       string
	Cores     int
	Commit    string // HEAD
	Dirty     int    // changed or new files in the working tree
	// LoadStart and LoadEnd are /proc/loadavg's 1-minute load when the run
	// began and ended: other work on the machine shows here.
	LoadStart, LoadEnd float64
}

// loadAvg returns the 1-minute load average, or -1.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

func environment(repo string) envInfo {
	e := envInfo{Cores: runtime.NumCPU(), LoadStart: loadAvg()}
	if out, err := exec.Command("go", "version").Output(); err == nil {
		e.GoVersion = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		e.Kernel = strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(b)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				e.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		out, err := cmd.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	e.Commit = git("rev-parse", "--short", "HEAD")
	if s := git("status", "--porcelain"); s != "" {
		e.Dirty = len(strings.Split(s, "\n"))
	}
	return e
}

// sizes are the build's sizes in bytes (0: not measured).
type sizes struct {
	Binary         int64 // go build ./cmd/interviewtray
	PackageBinary  int64 // usr/local/bin/interviewtray in the package (release: -s -w -trimpath)
	PackageTarball int64 // the fyne package tar.xz
	SystrayFloor   int64
	FyneTrayFloor  int64
}

// build builds the floors (a failure is the harness's), the product from
// the working tree (or, when the working tree does not build, from HEAD,
// and the report says so) and the package.
func (r *runner) build(ctx context.Context) error {
	r.bins = map[string]string{}
	r.logf("building the floor programs")
	args := []string{"build", "-o", r.cfg.work + "/"}
	for _, f := range floors {
		args = append(args, "./bench/"+f)
		r.bins[f] = filepath.Join(r.cfg.work, f)
	}
	if out, err := goCmd(ctx, r.cfg.repo, nil, args...); err != nil {
		return fmt.Errorf("build the floors: %v\n%s", err, out)
	}
	r.res.Sizes.SystrayFloor = fileSize(r.bins["systrayfloor"])
	r.res.Sizes.FyneTrayFloor = fileSize(r.bins["fynetrayfloor"])

	r.logf("building interviewtray")
	src := r.cfg.repo
	bin := filepath.Join(r.cfg.work, "interviewtray")
	out, err := buildProduct(ctx, src, r.cfg.work)
	r.res.Source = "the working tree"
	if err != nil {
		r.logf("the working tree does not build; measuring HEAD instead:\n%s", firstLines(out, 8))
		r.res.Source = "HEAD (" + r.res.Env.Commit + "), because the working tree did not build"
		r.res.note("The working tree's interviewtray did not build, so the agent, the window and the sizes are those of the last commit (%s); the sync benchmarks are the working tree's. The build said:\n\n```\n%s\n```", r.res.Env.Commit, firstLines(out, 8))
		src, err = exportHead(ctx, r.cfg.repo, filepath.Join(r.cfg.work, "head-src"))
		if err == nil {
			out, err = buildProduct(ctx, src, r.cfg.work)
		}
		if err != nil {
			r.logf("HEAD does not build either: %v", err)
			r.res.note("HEAD did not build either: %v\n\n```\n%s\n```", err, firstLines(out, 8))
			return nil
		}
	}
	r.product = bin
	r.res.Sizes.Binary = fileSize(bin)
	// The simulator the agent talks to in real mode: a harness part, built
	// from the same source.
	if out, err := goCmd(ctx, src, []string{"CGO_ENABLED=0"}, "build", "-o", filepath.Join(r.cfg.work, binZoomsim), "./cmd/zoomsim"); err != nil {
		r.res.note("The simulator (cmd/zoomsim) did not build, so the agent is not measured in real mode: %v\n\n```\n%s\n```", err, firstLines(out, 8))
	} else {
		r.bins[binZoomsim] = filepath.Join(r.cfg.work, binZoomsim)
	}

	if r.cfg.fyne == "" {
		r.res.note("The package was not built (no -fyne).")
		return nil
	}
	r.logf("packaging with %s (scripts/package.sh)", r.cfg.fyne)
	tarball, err := packageTarball(ctx, src, r.cfg.fyne)
	if err != nil {
		r.logf("packaging failed: %v", err)
		r.res.note("`scripts/package.sh` failed, so the package size is not measured and the agent measured is the `go build` binary:\n\n```\n%s\n```", firstLines(err.Error(), 10))
		return nil
	}
	r.res.Sizes.PackageTarball = fileSize(tarball)
	pkgDir := filepath.Join(r.cfg.work, "package")
	os.RemoveAll(pkgDir)
	if err := os.MkdirAll(pkgDir, 0o755); err != nil {
		return err
	}
	if out, err := exec.CommandContext(ctx, "tar", "-xJf", tarball, "-C", pkgDir).CombinedOutput(); err != nil {
		r.res.note("The package could not be unpacked: %v %s", err, out)
		return nil
	}
	found := ""
	_ = filepath.WalkDir(pkgDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "interviewtray" && strings.Contains(p, "/bin/") {
			found = p
		}
		return nil
	})
	if found == "" {
		r.res.note("The package holds no bin/interviewtray; the agent measured is the `go build` binary.")
		return nil
	}
	r.res.Sizes.PackageBinary = fileSize(found)
	r.product = found
	r.res.ProductBinary = "the packaged release build (`fyne package --release`: -trimpath, -ldflags \"-s -w\", tag release)"
	return nil
}

// buildProduct builds the agent (without cgo, as make run and the package
// build it on Linux), the demo's simulator and the window executable beside
// it into dir.
func buildProduct(ctx context.Context, src, dir string) (string, error) {
	out, err := goCmd(ctx, src, []string{"CGO_ENABLED=0"}, "build", "-o", filepath.Join(dir, "interviewtray"), "./cmd/interviewtray")
	if err != nil {
		return out, err
	}
	if out, err := goCmd(ctx, src, []string{"CGO_ENABLED=0"}, "build", "-o", filepath.Join(dir, "zoomsim"), "./cmd/zoomsim"); err != nil {
		return out, err
	}
	return goCmd(ctx, src, nil, "build", "-o", filepath.Join(dir, "interviewtray-window"), "./cmd/interviewtray-window")
}

// goCmd runs the go command in dir and returns its combined output.
func goCmd(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// exportHead writes the files of HEAD to dir (git archive; the working
// tree and the index are not touched) and returns dir.
func exportHead(ctx context.Context, repo, dir string) (string, error) {
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	archive := exec.CommandContext(ctx, "git", "archive", "--format=tar", "HEAD")
	archive.Dir = repo
	tar := exec.CommandContext(ctx, "tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	tar.Stdin = pipe
	var archiveErr, tarErr bytes.Buffer
	archive.Stderr, tar.Stderr = &archiveErr, &tarErr
	if err := tar.Start(); err != nil {
		return "", err
	}
	if err := archive.Run(); err != nil {
		tar.Wait()
		return "", fmt.Errorf("git archive HEAD: %v %s", err, archiveErr.String())
	}
	if err := tar.Wait(); err != nil {
		return "", fmt.Errorf("unpack HEAD: %v %s", err, tarErr.String())
	}
	return dir, nil
}

// packageTarball runs scripts/package.sh in src and returns the tarball.
func packageTarball(ctx context.Context, src, fyne string) (string, error) {
	before := time.Now()
	cmd := exec.CommandContext(ctx, "bash", "scripts/package.sh", fyne)
	cmd.Dir = src
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%v\n%s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(src, "dist", "interviewtray-*-linux-*.tar.xz"))
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && !st.ModTime().Before(before.Add(-time.Second)) {
			return m, nil
		}
	}
	return "", fmt.Errorf("package.sh wrote no new dist/interviewtray-*-linux-*.tar.xz\n%s", out)
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
