package window

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// update rewrites the golden files: go test ./ui/window -run NAME -update
var update = flag.Bool("update", false, "rewrite the golden markup files under testdata/")

// fakeAPI is the agent as the windows see it, for unit tests: it records
// each command and answers with errs[name] (nil: success).
type fakeAPI struct {
	mu    sync.Mutex
	calls []string
	errs  map[string]error
	// check answers check_settings and fix_settings.
	check *model.SettingsCheck
	saved []model.Settings
	// onboarding is the wizard's progress as the agent keeps it; state
	// hands it to the window, as the agent's state would.
	onboarding model.Onboarding
	// gate, when set, holds SetOnboarding until it is closed.
	gate chan struct{}
	// results answer Do, by command name.
	results map[string]localapi.Result
	// watch answers Watch; nil means no agent.
	watch func(ctx context.Context) (<-chan localapi.State, error)
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{errs: map[string]error{}, results: map[string]localapi.Result{}}
}

func (f *fakeAPI) record(name string, args ...any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	call := name
	for _, a := range args {
		call += " " + fmt.Sprint(a)
	}
	f.calls = append(f.calls, call)
	return f.errs[name]
}

// Calls returns the commands so far, as "name arg...".
func (f *fakeAPI) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeAPI) fail(name string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[name] = err
}

func (f *fakeAPI) Watch(ctx context.Context) (<-chan localapi.State, error) {
	f.mu.Lock()
	w := f.watch
	f.mu.Unlock()
	if w == nil {
		return nil, localapi.ErrNoAgent
	}
	return w(ctx)
}

// Do records a command and answers it as the agent would: the typed ones
// as "name arg..." (join 857..., snooze KEY 5), any other as "name
// key=... text=... url=... enabled=..." with the fields it has; the
// answer is results[name] or errs[name].
func (f *fakeAPI) Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	none := func(err error) (localapi.Result, error) { return localapi.Result{}, err }
	switch cmd.Name {
	case localapi.CmdRefresh, localapi.CmdSignIn:
		return none(f.record(cmd.Name))
	case localapi.CmdJoin:
		return none(f.record(cmd.Name, cmd.MeetingID))
	case localapi.CmdSnooze:
		if cmd.Mode != "" {
			return none(f.record(cmd.Name, cmd.Key, cmd.Mode))
		}
		return none(f.record(cmd.Name, cmd.Key, cmd.Minutes))
	case localapi.CmdDismiss:
		return none(f.record(cmd.Name, cmd.Key))
	case localapi.CmdOverride:
		return none(f.record(cmd.Name, cmd.MeetingID, cmd.Mode))
	case localapi.CmdOpenWindow:
		return none(f.record(cmd.Name, cmd.Window))
	case localapi.CmdOpenLink:
		return none(f.record(cmd.Name, cmd.URL))
	case localapi.CmdOpenFolder:
		return none(f.record(cmd.Name, cmd.Path))
	case localapi.CmdSetAutostart:
		return none(f.record(cmd.Name, cmd.Enabled))
	case localapi.CmdCopy:
		return none(f.record(cmd.Name, cmd.Text))
	case localapi.CmdSignOut:
		return localapi.Result{Message: "Signed out of Zoom."}, f.record(cmd.Name)
	case localapi.CmdCheckSettings, localapi.CmdFixSettings:
		err := f.record(cmd.Name)
		f.mu.Lock()
		defer f.mu.Unlock()
		return localapi.Result{RecordingSettings: f.check}, err
	case localapi.CmdSaveSettings:
		err := f.record(cmd.Name)
		f.mu.Lock()
		defer f.mu.Unlock()
		if err == nil {
			f.saved = append(f.saved, *cmd.Settings)
		}
		return none(err)
	case localapi.CmdSetOnboarding:
		return none(f.setOnboarding(ctx, *cmd.Onboarding))
	}
	var args []any
	for _, kv := range [][2]string{{"key", cmd.Key}, {"text", cmd.Text}, {"url", cmd.URL}} {
		if kv[1] != "" {
			args = append(args, kv[0]+"="+kv[1])
		}
	}
	args = append(args, fmt.Sprintf("enabled=%v", cmd.Enabled))
	err := f.record(cmd.Name, args...)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err != nil {
		return localapi.Result{}, err
	}
	return f.results[cmd.Name], nil
}

// setOnboarding keeps the progress (not recorded as a call: the wizard
// saves it at every step). It fails with errs["set_onboarding"], or when
// ctx ends first, as the real client would.
func (f *fakeAPI) setOnboarding(ctx context.Context, o model.Onboarding) error {
	f.mu.Lock()
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.errs["set_onboarding"]; err != nil {
		return err
	}
	o.Skipped = slices.Clone(o.Skipped)
	f.onboarding = o
	return nil
}

// lastSaved is the last SaveSettings argument.
func (f *fakeAPI) lastSaved(t *testing.T) model.Settings {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.saved) == 0 {
		t.Fatal("nothing was saved")
	}
	return f.saved[len(f.saved)-1]
}

// harness is one window in Fyne's test app against a fake agent, with the
// test clock. The bridge is not started: the test hands states to the
// window itself (as the bridge would, on the UI goroutine), and settle
// runs what commands hand back to the UI.
type harness struct {
	t   *testing.T
	app fyne.App
	api *fakeAPI
	w   fyne.Window
	sh  *shell
	ui  chan func()
	now time.Time
}

func newHarness(t *testing.T, name string) *harness {
	t.Helper()
	h := &harness{t: t, app: test.NewTempApp(t), api: newFakeAPI(), ui: make(chan func(), 100), now: testNow}
	return h.open(name)
}

// open builds the window called name (again, in the same app and config
// directory: a second window process).
func (h *harness) open(name string) *harness {
	h.t.Helper()
	d := deps{
		api: h.api, do: func(f func()) { h.ui <- f },
		now: func() time.Time { return h.now }, loc: testZone, demo: true,
	}
	w, sh, err := build(h.app, name, d)
	if err != nil {
		h.t.Fatal(err)
	}
	h.w, h.sh = w, sh
	w.Show()
	h.t.Cleanup(sh.close)
	return h
}

// state hands the window a state from the agent, with the wizard's
// progress as the agent has it.
func (h *harness) state(st localapi.State) {
	h.t.Helper()
	h.sh.onState(h.withProgress(st))
}

func (h *harness) withProgress(st localapi.State) localapi.State {
	h.api.mu.Lock()
	defer h.api.mu.Unlock()
	st.Settings.Onboarding = h.api.onboarding
	st.Settings.Onboarding.Skipped = slices.Clone(h.api.onboarding.Skipped)
	return withView(st)
}

// settle waits for the commands under way and runs what they hand back.
func (h *harness) settle() {
	h.t.Helper()
	for {
		h.sh.b.wg.Wait()
		select {
		case f := <-h.ui:
			f()
		default:
			return
		}
	}
}

// tap taps the visible, enabled button with this text and settles.
func (h *harness) tap(text string) {
	h.t.Helper()
	b := h.button(text)
	if b.Disabled() {
		h.t.Fatalf("the %q button is disabled", text)
	}
	test.Tap(b)
	h.settle()
}

func (h *harness) button(text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	walk(h.w, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no %q button in the window; texts: %q", text, texts(h.w))
	}
	return found
}

func (h *harness) hasButton(text string) bool {
	var found bool
	walk(h.w, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = true
		}
	})
	return found
}

// check finds the visible check box whose label (or the text beside it,
// for the wizard's manual checks) is text.
func (h *harness) check(text string) *widget.Check {
	h.t.Helper()
	var found *widget.Check
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == text && found == nil {
			found = c
		}
	})
	if found == nil {
		h.t.Fatalf("no %q check box in the window; texts: %q", text, texts(h.w))
	}
	return found
}

// has reports whether the window shows text somewhere.
func (h *harness) has(text string) bool {
	return slices.ContainsFunc(texts(h.w), func(s string) bool { return strings.Contains(s, text) })
}

// mustShow fails unless the window shows each text.
func (h *harness) mustShow(texts ...string) {
	h.t.Helper()
	for _, s := range texts {
		if !h.has(s) {
			h.t.Errorf("the window does not show %q", s)
		}
	}
}

// mustNotShow fails if the window shows any text.
func (h *harness) mustNotShow(texts ...string) {
	h.t.Helper()
	for _, s := range texts {
		if h.has(s) {
			h.t.Errorf("the window shows %q", s)
		}
	}
}

// status is the text of the shell's status line ("" when hidden).
func (h *harness) status() string {
	if !h.sh.statusInFooter && !h.sh.statusBar.Visible() {
		return ""
	}
	return h.sh.status.Text
}

// wantCalls fails unless the fake saw exactly these commands.
func (h *harness) wantCalls(want ...string) {
	h.t.Helper()
	if got := h.api.Calls(); !slices.Equal(got, want) {
		h.t.Errorf("commands = %q, want %q", got, want)
	}
}

// golden compares the window with testdata/name (-update rewrites it).
func (h *harness) golden(name string) {
	h.t.Helper()
	c := h.w.Canvas()
	relayout(c.Content())
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			h.t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(h.t, name, c)
}

// relayout lays out the whole tree again, top down, as the real driver
// does each frame for objects whose minimum size changed (the test canvas
// does not), so that goldens show what a user would see.
func relayout(o fyne.CanvasObject) {
	switch c := o.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, child := range c.Objects {
			relayout(child)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		r.Layout(c.Size())
		for _, child := range r.Objects() {
			relayout(child)
		}
	}
}

// walk visits every visible object in the window, widgets opened through
// their renderers, overlays (pop-ups) included.
func walk(w fyne.Window, visit func(fyne.CanvasObject)) {
	walkObject(w.Canvas().Content(), visit)
	for _, o := range w.Canvas().Overlays().List() {
		walkObject(o, visit)
	}
}

// walkObject visits o and every visible object inside it.
func walkObject(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkObject(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walkObject(child, visit)
		}
	}
}

// texts are the texts the window shows: labels, buttons, check boxes,
// entries, canvas texts.
func texts(w fyne.Window) []string {
	var out []string
	walk(w, func(o fyne.CanvasObject) { out = appendText(out, o) })
	return out
}

// textsOf are the texts o shows.
func textsOf(o fyne.CanvasObject) []string {
	var out []string
	walkObject(o, func(o fyne.CanvasObject) { out = appendText(out, o) })
	return out
}

func appendText(out []string, o fyne.CanvasObject) []string {
	switch v := o.(type) {
	case *widget.Label:
		out = append(out, v.Text)
	case *widget.Button:
		out = append(out, v.Text)
	case *widget.Check:
		out = append(out, v.Text)
	case *widget.RichText:
		out = append(out, v.String())
	case *canvas.Text:
		out = append(out, v.Text)
	}
	return out
}

// toggle taps a check box in the middle of its box (a tap at its corner
// misses when the row is taller than the box).
func toggle(c *widget.Check) {
	test.TapAt(c, fyne.NewPos(theme.InputBorderSize()+4, c.Size().Height/2))
}

// withView gives st the view the agent would send with it (at the tests'
// clock and zone).
func withView(st localapi.State) localapi.State {
	st.View = localapi.NewView(st.Snapshot, st.Settings, st.Agent, testNow, testZone)
	return st
}
