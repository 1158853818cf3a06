//go:build !windows

package autostart

// Enable starts e at every login from now on.
func Enable(e Entry) error {
	f, err := entry()
	if err != nil {
		return err
	}
	return f.enable(e)
}

// Disable stops starting the app at login. It is not an error if it was off.
func Disable() error {
	f, err := entry()
	if err != nil {
		return err
	}
	return f.disable()
}

// Enabled reports whether the app starts at login.
func Enabled() (bool, error) {
	f, err := entry()
	if err != nil {
		return false, err
	}
	return f.enabled()
}

// Location says where the entry lives, for the doctor and the settings page.
func Location() string {
	f, err := entry()
	if err != nil {
		return ""
	}
	return f.path
}
