package window

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/assets"
)

func labels(w fyne.Window) []string {
	var texts []string
	walk(w, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	return texts
}

// iconApp records the app icon, which Fyne's test app ignores.
type iconApp struct {
	fyne.App
	icon fyne.Resource
}

func (a *iconApp) SetIcon(r fyne.Resource) { a.icon = r }

func TestAbout(t *testing.T) {
	// Given the about window in a test app (which carries no metadata)
	a := &iconApp{App: test.NewTempApp(t)}
	w, sh, err := build(a, NameAbout, deps{})
	if err != nil || sh != nil {
		t.Fatalf("build(about) = %v, %v: want a window without an agent", sh, err)
	}
	w.Show()

	// Then it names the product, the build and what the product does
	if got, want := w.Title(), "About Interview Tray"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	want := []string{"Interview Tray", "Development build", tagline}
	if got := labels(w); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("labels = %q, want %q", got, want)
	}
	if !strings.Contains(tagline, "Zoom interviews") {
		t.Errorf("tagline %q does not say what the product is for", tagline)
	}

	// And it shows the app icon
	var shown bool
	walk(w, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Resource != nil && bytes.Equal(img.Resource.Content(), assets.AppIcon) {
			shown = true
		}
	})
	if !shown {
		t.Error("the app icon is not in the window")
	}
	if a.icon == nil || !bytes.Equal(a.icon.Content(), assets.AppIcon) {
		t.Error("the app's icon, which windows and the taskbar show, is not the app icon")
	}

	// When the user taps Close
	if !slices.Contains(a.Driver().AllWindows(), w) {
		t.Fatal("the window is not open before Close")
	}
	var closeButton *widget.Button
	walk(w, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Close" {
			closeButton = b
		}
	})
	if closeButton == nil {
		t.Fatal("no Close button")
	}
	test.Tap(closeButton)

	// Then the window is gone
	if slices.Contains(a.Driver().AllWindows(), w) {
		t.Error("the window is still open after Close")
	}
}

func TestVersionText(t *testing.T) {
	tests := []struct {
		name string
		meta fyne.AppMetadata
		want string
	}{
		{"no metadata", fyne.AppMetadata{Version: "0.0.1", Build: 1}, "Development build"},
		{"packaged", fyne.AppMetadata{Name: "Interview Tray", Version: "0.1.0", Build: 7}, "Version 0.1.0 (build 7)"},
		{"no build number", fyne.AppMetadata{Name: "Interview Tray", Version: "0.1.0"}, "Version 0.1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.meta); got != tt.want {
				t.Errorf("versionText() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRunUnknownWindow(t *testing.T) {
	for _, name := range []string{"", "abut", "About", "tray", "wizard "} {
		err := Run(context.Background(), name, Options{})
		if !errors.Is(err, ErrUnknown) {
			t.Errorf("Run(%q) = %v, want ErrUnknown", name, err)
			continue
		}
		for _, known := range Names() {
			if !strings.Contains(err.Error(), known) {
				t.Errorf("Run(%q) error %q does not list the known window %q", name, err, known)
			}
		}
	}
}

func TestEveryNameBuilds(t *testing.T) {
	a := test.NewTempApp(t)
	for _, name := range Names() {
		w, sh, err := build(a, name, deps{api: newFakeAPI(), do: func(f func()) { f() }, now: func() time.Time { return testNow }, loc: testZone})
		if err != nil || w == nil {
			t.Errorf("build(%q) = %v, %v", name, w, err)
			continue
		}
		if (sh == nil) != (name == NameAbout) {
			t.Errorf("build(%q): shell %v; only about needs no agent", name, sh)
		}
		if sh != nil {
			sh.close()
		}
	}
}

// TestMetadataMatchesFyneApp keeps AppID and appName in step with
// FyneApp.toml, which `fyne package` reads.
func TestMetadataMatchesFyneApp(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	details := map[string]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if section != "[Details]" || !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if v, err := strconv.Unquote(value); err == nil {
			value = v
		}
		details[strings.TrimSpace(key)] = value
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if details["ID"] != AppID {
		t.Errorf("FyneApp.toml ID = %q, AppID = %q", details["ID"], AppID)
	}
	if details["Name"] != appName {
		t.Errorf("FyneApp.toml Name = %q, appName = %q", details["Name"], appName)
	}
	if details["Version"] != appVersion {
		t.Errorf("FyneApp.toml Version = %q, appVersion = %q", details["Version"], appVersion)
	}
	if details["Build"] != strconv.Itoa(appBuild) {
		t.Errorf("FyneApp.toml Build = %q, appBuild = %d", details["Build"], appBuild)
	}
	if details["Icon"] != "assets/icon.png" {
		t.Errorf("FyneApp.toml Icon = %q, want the embedded assets/icon.png", details["Icon"])
	}
}
