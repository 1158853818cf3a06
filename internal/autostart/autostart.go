// Package autostart turns "start Interview Tray at login" on and off: an XDG
// autostart .desktop file on Linux and other Unix desktops, a LaunchAgent on
// macOS, the HKCU Run key on Windows. It is opt-in: nothing is written until
// Enable is called.
package autostart

import (
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
)

// Entry is how the app is started at login.
type Entry struct {
	// Exe is the absolute path of the program.
	Exe string
	// Args are extra arguments (e.g. --demo).
	Args []string
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
		"Icon=interviewtray\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
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
	if !filepath.IsAbs(e.Exe) {
		return fmt.Errorf("autostart: program path %q is not absolute", e.Exe)
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
