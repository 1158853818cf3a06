package window

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/internal/userdirs"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// manualFolderKey is the manual check that the Zoom app saves into the
// folder Interview Tray watches; the wizard names the folder under it.
const manualFolderKey = "recording_folder"

// demo says whether the window talks to the demo agent (its options or
// the agent's own word).
func (w *wizard) demo() bool { return w.sh.demo || w.st.Agent.Demo }

// settingsPage is the recording settings page "Open Zoom settings" opens:
// the check's (Zoom's, or the simulator's in demo mode). In demo mode a
// page on Zoom's own site is not opened: it is not the simulator's account
// (ok false).
func settingsPage(c *model.SettingsCheck, demo bool) (page string, ok bool) {
	page = model.SettingsURL
	if c != nil && c.SettingsURL != "" {
		page = c.SettingsURL
	}
	if demo && isZoomSite(page) {
		return "", false
	}
	return page, true
}

// isZoomSite says whether u is on Zoom's own web site.
func isZoomSite(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	host := strings.ToLower(p.Hostname())
	return host == "zoom.us" || strings.HasSuffix(host, ".zoom.us")
}

// recordingFolder is the folder the agent watches for local recordings:
// the setting, else the Zoom app's default, Zoom in the user's Documents
// folder (userdirs: on Windows the known folder, which OneDrive may move).
func recordingFolder(s model.Settings) string {
	if s.RecordingFolder != "" {
		return s.RecordingFolder
	}
	if f := userdirs.ZoomRecordings(); f != "" {
		return f
	}
	return filepath.Join("~", "Documents", "Zoom")
}

// folderRow names the folder the recording_folder check is about, says
// whether it exists, and offers to open it, to create it (the agent makes
// it: windows write nothing) or to choose another (in the settings).
func (w *wizard) folderRow() fyne.CanvasObject {
	sh := w.sh
	dir := recordingFolder(w.st.Settings)
	path := widget.NewLabel(dir)
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	state := note("")
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), nil)
	open.OnTapped = func() { sh.openFolder(open, dir) }
	open.Hide()
	create := widget.NewButtonWithIcon("Create it", theme.FolderNewIcon(), nil)
	create.OnTapped = func() {
		sh.act(create, "Creating the folder…", "Could not create the folder", func(ctx context.Context) error {
			_, err := sh.api.Do(ctx, localapi.Command{Name: localapi.CmdCreateFolder})
			return err
		}, func(ok bool) {
			if ok {
				setNote(state, "The folder is there.")
				create.Hide()
				open.Show()
			}
		})
	}
	create.Hide()
	choose := widget.NewButtonWithIcon("Choose another…", theme.SettingsIcon(), nil)
	choose.OnTapped = func() { sh.openWindow(choose, NameSettings) }
	sh.lookAtFolder(dir, func(exists bool, statErr error) {
		switch {
		case exists:
			setNote(state, "The folder is there.")
			open.Show()
		case statErr != nil:
			setNote(state, "Cannot look into it: "+errText(statErr)+".")
		default:
			setNote(state, "It does not exist yet: create it and set the Zoom app to save there, "+
				"or choose the folder the Zoom app uses.")
			create.Show()
		}
	})
	card := container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.FolderIcon())), nil, path),
		state,
		container.NewHBox(open, create, choose),
	)
	return widget.NewCard("", appName+" watches this folder:", card)
}

// setNote replaces a note's text.
func setNote(r *widget.RichText, s string) {
	if len(r.Segments) == 1 {
		if t, ok := r.Segments[0].(*widget.TextSegment); ok {
			t.Text = s
			r.Refresh()
			return
		}
	}
	r.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameText,
	}}}
	r.Refresh()
}

// lookAtFolder asks folderExists off the UI goroutine and gives then the
// answer on it.
func (s *shell) lookAtFolder(dir string, then func(exists bool, err error)) {
	var exists bool
	var statErr error
	s.b.call(func(ctx context.Context) error {
		exists, statErr = folderExists(ctx, dir)
		return nil
	}, func(error) { then(exists, statErr) })
}

// folderExists says whether dir is a folder, within ctx (a network mount
// may hang).
func folderExists(ctx context.Context, dir string) (bool, error) {
	type answer struct {
		fi  fs.FileInfo
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		fi, err := os.Stat(dir)
		ch <- answer{fi, err}
	}()
	select {
	case a := <-ch:
		if errors.Is(a.err, fs.ErrNotExist) {
			return false, nil
		}
		if a.err != nil {
			return false, a.err
		}
		return a.fi.IsDir(), nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// checkSummary says what "Check again" found.
func checkSummary(c *model.SettingsCheck) string {
	if c == nil {
		return "Zoom did not answer with the settings; check again."
	}
	if c.OK {
		return "Checked: Zoom is ready to record your interviews to this computer."
	}
	n := 0
	for _, s := range c.Settings {
		if s.Required && s.State != model.SettingOK {
			n++
		}
	}
	if n == 0 {
		return "Checked: some settings still need a change."
	}
	return fmt.Sprintf("Checked: %d %s still %s a change.", n, plural(n, "setting", "settings"), plural(n, "needs", "need"))
}
