package tray

import "strings"

// menuLabel is a menu item's text as the platform's menu must be given it
// to show it as written: D-Bus menus (Linux and the BSDs) read "_" and
// Win32 menus read "&" as the mark of an access key, so a topic "Q&A" or
// "ada_lovelace" would lose a character and gain a shortcut. Doubling the
// mark shows it once.
func menuLabel(goos, s string) string {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd":
		return strings.ReplaceAll(s, "_", "__")
	case "windows":
		return strings.ReplaceAll(s, "&", "&&")
	}
	return s
}
