package autostart

import (
	"os"
	"path/filepath"
	"strings"
)

// Check reads the entry that is in place, if any, and says what would stop
// it from starting the app at the next login: its program is missing, not
// executable or a temporary build, or its icon does not resolve. It
// returns no problems when start at login is off.
func Check() (problems []string, err error) {
	exe, icon, on, err := readEntry()
	if err != nil || !on {
		return nil, err
	}
	if exe == "" {
		return []string{"the entry names no program"}, nil
	}
	if temporary(exe) {
		problems = append(problems, "it starts a temporary build ("+exe+") that is deleted after that run")
	} else if err := checkExecutable(exe); err != nil {
		problems = append(problems, "it cannot start: "+err.Error())
	}
	if icon != "" && !iconResolves(icon) {
		problems = append(problems, "its icon "+icon+" is not installed")
	}
	return problems, nil
}

// iconResolves reports whether an Icon value names a file: an absolute path
// that exists, or a name found in the XDG icon directories (hicolor, any
// size) or pixmaps.
func iconResolves(icon string) bool {
	if filepath.IsAbs(icon) {
		fi, err := os.Stat(icon)
		return err == nil && fi.Mode().IsRegular()
	}
	for _, dir := range dataDirs() {
		for _, pattern := range []string{
			filepath.Join(dir, "icons", "hicolor", "*", "apps", icon+".*"),
			filepath.Join(dir, "pixmaps", icon+".*"),
		} {
			if m, _ := filepath.Glob(pattern); len(m) > 0 {
				return true
			}
		}
	}
	return false
}

// dataDirs are $XDG_DATA_HOME and $XDG_DATA_DIRS with their defaults.
func dataDirs() []string {
	var dirs []string
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		dirs = append(dirs, d)
	} else if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share"))
	}
	sys := os.Getenv("XDG_DATA_DIRS")
	if sys == "" {
		sys = "/usr/local/share:/usr/share"
	}
	for _, d := range strings.Split(sys, ":") {
		if filepath.IsAbs(d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// InstallIcon writes png as the user's copy of the app icon
// ($XDG_DATA_HOME/icons/hicolor/512x512/apps/interviewtray.png on Linux),
// where an autostart entry and notification servers find it, and returns
// its path. It rewrites the file only when it differs.
func InstallIcon(png []byte) (string, error) {
	dirs := dataDirs()
	if len(dirs) == 0 {
		return "", os.ErrNotExist
	}
	path := filepath.Join(dirs[0], "icons", "hicolor", "512x512", "apps", iconName+".png")
	if old, err := os.ReadFile(path); err == nil && string(old) == string(png) {
		return path, nil
	}
	if err := writeFileAtomic(path, png, 0o644); err != nil {
		return "", err
	}
	return path, nil
}

// desktopValue returns the value of key in a .desktop file's main group.
func desktopValue(file, key string) string {
	for _, line := range strings.Split(file, "\n") {
		k, v, ok := strings.Cut(strings.TrimRight(line, "\r"), "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// execProgram returns the program of a .desktop Exec value, undoing the
// string escapes and then the Exec quoting that desktopQuote applies.
func execProgram(exec string) string {
	// String-level escapes first (\\ is a backslash, \s a space).
	var s strings.Builder
	for i := 0; i < len(exec); i++ {
		c := exec[i]
		if c == '\\' && i+1 < len(exec) {
			i++
			switch exec[i] {
			case 's':
				s.WriteByte(' ')
			case 'n':
				s.WriteByte('\n')
			case 't':
				s.WriteByte('\t')
			case 'r':
				s.WriteByte('\r')
			default:
				s.WriteByte(exec[i])
			}
			continue
		}
		s.WriteByte(c)
	}
	v := s.String()
	var prog strings.Builder
	if strings.HasPrefix(v, `"`) {
		for i := 1; i < len(v); i++ {
			c := v[i]
			if c == '\\' && i+1 < len(v) {
				i++
				prog.WriteByte(v[i])
				continue
			}
			if c == '"' {
				break
			}
			prog.WriteByte(c)
		}
	} else {
		p, _, _ := strings.Cut(v, " ")
		prog.WriteString(p)
	}
	return strings.ReplaceAll(prog.String(), "%%", "%")
}

// plistProgram returns the first ProgramArguments string of a LaunchAgent.
func plistProgram(plist string) string {
	_, rest, ok := strings.Cut(plist, "<key>ProgramArguments</key>")
	if !ok {
		return ""
	}
	_, rest, ok = strings.Cut(rest, "<string>")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "</string>")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&").Replace(v)
}
