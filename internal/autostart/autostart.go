// Package autostart turns "start Interview Tray at login" on and off: an XDG
// autostart .desktop file on Linux and other Unix desktops, a LaunchAgent on
// macOS, the HKCU Run key on Windows. It is opt-in: nothing is written until
// Enable is called.
package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Label names the entry: the LaunchAgent label, the Run value name, and the
// .desktop file's base name.
const (
	launchAgentLabel = "com.interviewtray.app"
	runValueName     = "Interview Tray"
	desktopFileName  = "interviewtray.desktop"
	iconName         = "interviewtray"
)

// Entry is how the app is started at login.
type Entry struct {
	// Exe is the absolute path of the program.
	Exe string
	// Args are extra arguments (e.g. --demo).
	Args []string
	// Icon is the absolute path of the icon the desktop shows for the
	// entry (Linux); empty means the theme's "interviewtray" icon.
	Icon string
}

// ErrTemporary is returned (wrapped) by Enable for a program that runs from
// a temporary build, such as `go run`'s: it is deleted when that run ends,
// so an entry pointing at it would start nothing at the next login.
var ErrTemporary = errors.New("the program runs from a temporary build")

// tempRoots are the directories whose programs are temporary (a variable
// so that tests, whose files live in the temporary directory, can move it).
var tempRoots = func() []string { return []string{os.TempDir()} }

// Validate checks that e can start the app at every login: its program is
// an absolute path to an executable regular file that is not a temporary
// build, and its icon, when set, is a file.
func (e Entry) Validate() error {
	if !filepath.IsAbs(e.Exe) {
		return fmt.Errorf("autostart: program path %q is not absolute", e.Exe)
	}
	if temporary(e.Exe) {
		return fmt.Errorf("autostart: %w (%s); build it with `make run` or install Interview Tray, then turn on start at login", ErrTemporary, e.Exe)
	}
	if err := checkExecutable(e.Exe); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	if e.Icon != "" {
		if fi, err := os.Stat(e.Icon); err != nil || !fi.Mode().IsRegular() {
			return fmt.Errorf("autostart: the icon %s is not a file", e.Icon)
		}
	}
	return nil
}

// temporary reports whether exe is a temporary build: under a temporary
// directory, or in a directory the go command made for a build.
func temporary(exe string) bool {
	for _, seg := range strings.Split(filepath.ToSlash(exe), "/") {
		if strings.HasPrefix(seg, "go-build") {
			return true
		}
	}
	for _, root := range tempRoots() {
		if root == "" {
			continue
		}
		if rel, err := filepath.Rel(root, exe); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

// checkExecutable says why path is not a program that can be started.
func checkExecutable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("the program %s does not exist", path)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("the program %s is not a file", path)
	}
	if !isExecutable(fi) {
		return fmt.Errorf("the program %s is not executable", path)
	}
	return nil
}

// Current returns an Entry for the running program.
func Current(args ...string) (Entry, error) {
	exe, err := os.Executable()
	if err != nil {
		return Entry{}, fmt.Errorf("autostart: find the program: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return Entry{Exe: exe, Args: args}, nil
}

// desktopFile is the XDG autostart entry for e.
func desktopFile(e Entry) string {
	cmd := []string{desktopQuote(e.Exe)}
	for _, a := range e.Args {
		cmd = append(cmd, desktopQuote(a))
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Interview Tray\n" +
		"Comment=Upcoming Zoom interviews, reminders and recordings\n" +
		"Exec=" + strings.Join(cmd, " ") + "\n" +
		"Icon=" + desktopIcon(e.Icon) + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// desktopIcon is the Icon value: an absolute path as it is (the Desktop
// Entry spec reads it as a file), else the theme's name.
func desktopIcon(path string) string {
	if path == "" {
		return iconName
	}
	return path
}

// desktopQuote quotes an Exec argument as the Desktop Entry spec asks.
func desktopQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`%=") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\\\`, `"`, `\\"`, "`", "\\\\`", `$`, `\\$`, `%`, `%%`)
	return `"` + r.Replace(s) + `"`
}

// launchAgent is the macOS LaunchAgent property list for e.
func launchAgent(e Entry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + launchAgentLabel + `</string>
	<key>ProgramArguments</key>
	<array>
`)
	for _, a := range append([]string{e.Exe}, e.Args...) {
		b.WriteString("\t\t<string>" + xmlEscape(a) + "</string>\n")
	}
	b.WriteString(`	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`)
	return b.String()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}

// runValue is the Windows Run key value for e.
func runValue(e Entry) string {
	parts := []string{`"` + e.Exe + `"`}
	for _, a := range e.Args {
		if strings.ContainsAny(a, " \t\"") {
			a = `"` + strings.ReplaceAll(a, `"`, `\"`) + `"`
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// writeFileAtomic writes data to path through a temporary file and a rename,
// so a crash or a full disk never leaves a half-written entry.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// fileEntry is the file-based implementation shared by Linux and macOS.
type fileEntry struct {
	path    string
	content func(Entry) string
}

func (f fileEntry) enable(e Entry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := writeFileAtomic(f.path, []byte(f.content(e)), 0o644); err != nil {
		return fmt.Errorf("autostart: write %s: %w", f.path, err)
	}
	return nil
}

func (f fileEntry) disable() error {
	if err := os.Remove(f.path); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("autostart: remove %s: %w", f.path, err)
	}
	return nil
}

func (f fileEntry) enabled() (bool, error) {
	_, err := os.Stat(f.path)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	return true, nil
}
