package window

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// folderPicker is a small modal folder chooser over a window: the current
// folder, its subfolders (tap to open), Up, Cancel and Choose. (Fyne's
// dialog package would need a module this build does not carry.)
type folderPicker struct {
	dir     string
	subdirs []string
	path    *widget.Label
	list    *widget.List
	up      *widget.Button
	popup   *widget.PopUp
	chosen  func(string)
}

// showFolderPicker opens the picker at start (or the home folder) and calls
// chosen with the folder the user picks.
func showFolderPicker(win fyne.Window, start string, chosen func(string)) *folderPicker {
	p := &folderPicker{chosen: chosen}
	p.path = widget.NewLabel("")
	p.path.Truncation = fyne.TextTruncateEllipsis
	p.path.TextStyle.Monospace = true
	p.list = widget.NewList(
		func() int { return len(p.subdirs) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*fyne.Container).Objects[0].(*widget.Label).SetText(p.subdirs[i])
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.UnselectAll()
		if i >= 0 && i < len(p.subdirs) {
			p.open(filepath.Join(p.dir, p.subdirs[i]))
		}
	}
	p.up = widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { p.open(filepath.Dir(p.dir)) })
	cancel := widget.NewButton("Cancel", func() { p.popup.Hide() })
	choose := widget.NewButtonWithIcon("Choose this folder", theme.ConfirmIcon(), func() {
		p.popup.Hide()
		p.chosen(p.dir)
	})
	choose.Importance = widget.HighImportance
	content := container.NewBorder(
		container.NewVBox(bold("Choose the folder for local recordings"), container.NewBorder(nil, nil, p.up, nil, p.path)),
		container.NewHBox(layout.NewSpacer(), cancel, choose),
		nil, nil, p.list)
	p.popup = widget.NewModalPopUp(content, win.Canvas())

	if start == "" || !isDir(start) {
		if home, err := os.UserHomeDir(); err == nil {
			start = home
		} else {
			start = string(filepath.Separator)
		}
	}
	p.open(start)
	p.popup.Resize(win.Canvas().Size().Subtract(fyne.NewSize(60, 60)))
	p.popup.Show()
	return p
}

// open shows dir and its subfolders; hidden ones are left out.
func (p *folderPicker) open(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		p.path.SetText("Cannot open " + dir)
		return
	}
	p.dir = filepath.Clean(dir)
	p.subdirs = p.subdirs[:0]
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if e.IsDir() || (e.Type()&os.ModeSymlink != 0 && isDir(filepath.Join(dir, name))) {
			p.subdirs = append(p.subdirs, name)
		}
	}
	slices.SortFunc(p.subdirs, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	p.path.SetText(p.dir)
	if filepath.Dir(p.dir) == p.dir {
		p.up.Disable()
	} else {
		p.up.Enable()
	}
	p.list.Refresh()
	p.list.ScrollToTop()
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
