package agent

// WindowOpen reports whether the window process name runs (started by
// StartWindow and not ended).
func (d *systemDesktop) WindowOpen(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, open := d.windows[name]
	return open
}
