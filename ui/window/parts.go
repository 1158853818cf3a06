package window

import (
	"context"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// Building blocks the screens share.

// text is a label that wraps.
func text(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// note is secondary text: wrapping, in the theme's placeholder colour
// (readable on light and dark themes, unlike the disabled colour).
func note(s string) *widget.RichText {
	return noteAligned(s, fyne.TextAlignLeading)
}

func noteAligned(s string, align fyne.TextAlign) *widget.RichText {
	r := widget.NewRichText(&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		Alignment: align, ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameText,
	}})
	r.Wrapping = fyne.TextWrapWord
	return r
}

// titled is a bold title with secondary text under it, as one block.
func titled(title, detail string) *widget.RichText {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
		TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameText,
	}}}
	if detail != "" {
		segs = append(segs, &widget.TextSegment{Text: detail, Style: widget.RichTextStyle{
			ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameText,
		}})
	}
	r := widget.NewRichText(segs...)
	r.Wrapping = fyne.TextWrapWord
	return r
}

// bold is a bold label.
func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// heading is a screen's title.
func heading(s string) *widget.Label {
	l := bold(s)
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// section is a heading inside a screen, with a rule above it.
func section(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), bold(s))
}

// badge is a short coloured tag ("You host it"). Its colours come from
// the theme at each refresh, so that it follows a switch between light
// and dark.
func badge(s string, imp widget.Importance) fyne.CanvasObject {
	b := &chip{text: s, imp: imp}
	b.ExtendBaseWidget(b)
	return container.NewCenter(b)
}

// chip is badge's widget.
type chip struct {
	widget.BaseWidget
	text string
	imp  widget.Importance
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	t := canvas.NewText(c.text, color.Black)
	t.TextStyle = fyne.TextStyle{Bold: true}
	r := &chipRenderer{c: c, bg: bg, text: t, box: container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), t))}
	r.Refresh()
	return r
}

type chipRenderer struct {
	c    *chip
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func (r *chipRenderer) Layout(size fyne.Size)        { r.box.Resize(size) }
func (r *chipRenderer) MinSize() fyne.Size           { return r.box.MinSize() }
func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *chipRenderer) Destroy()                     {}

// Refresh takes the colours from the current theme: the importance's
// colour for the text, the same faint for the background.
func (r *chipRenderer) Refresh() {
	name := theme.ColorNamePrimary
	switch r.c.imp {
	case widget.SuccessImportance:
		name = theme.ColorNameSuccess
	case widget.WarningImportance:
		name = theme.ColorNameWarning
	case widget.DangerImportance:
		name = theme.ColorNameError
	case widget.LowImportance:
		// Secondary, but readable: the disabled colour is too faint for
		// text on its own faint background ("Calendar").
		name = theme.ColorNamePlaceHolder
	}
	fg := theme.Color(name)
	cr, cg, cb, _ := fg.RGBA()
	r.bg.FillColor = color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: 0x30}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.text.Color = fg
	r.text.TextSize = theme.CaptionTextSize()
	r.bg.Refresh()
	r.text.Refresh()
}

// fixedWidth gives o at least width w.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(strut, o)
}

// tapArea makes its content tappable, with a hand cursor: an agenda row
// opens its details. Buttons and boxes inside keep their own taps.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Tapped runs onTap.
func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor is the hand, as over a link.
func (t *tapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }

// emptyState fills a screen with a title, an explanation and actions.
func emptyState(title, detail string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	t.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(layout.NewSpacer(), t)
	if detail != "" {
		box.Add(noteAligned(detail, fyne.TextAlignCenter))
	}
	if len(actions) > 0 {
		box.Add(container.NewCenter(container.NewHBox(actions...)))
	}
	box.Add(layout.NewSpacer())
	return box
}

// signedIn says whether the agent holds a usable Zoom sign-in: the
// agent's view decides (localapi.NewView), as for the tray and `status`.
func signedIn(st localapi.State) bool { return st.View.SignedIn }

// problemRows shows the view's problems, each with the button that sends
// the command solving it; actions in skip are left out (the screen shows
// them already).
func (s *shell) problemRows(st localapi.State, skip ...string) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, p := range st.View.Problems {
		icon := widget.NewIcon(theme.WarningIcon())
		var right fyne.CanvasObject
		if p.Solve != nil && !slices.Contains(skip, p.Action) {
			label := p.Label
			if label == "" {
				label = "Fix"
			}
			btn := widget.NewButton(label, nil)
			btn.OnTapped = func() { s.solve(st, p, btn) }
			right = container.NewCenter(btn)
		}
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(icon), right, text(p.Message)))
	}
	return rows
}

// copiedWhat says what a problem's Copy button put on the clipboard.
var copiedWhat = map[string]string{
	model.ActionContactAdmin:    "a message for your Zoom admin",
	model.ActionCopyHostRequest: "a request for the host",
}

// solve carries out a problem's action: the command the agent's view
// gives it, with what the window says meanwhile. Two actions do more here
// than in the tray: "Fix it for me" changes the settings at once and says
// what changed, and the settings page is not opened in the demo.
func (s *shell) solve(st localapi.State, p localapi.Problem, btn *widget.Button) {
	cmd := *p.Solve
	switch {
	case p.Action == model.ActionFixSettings:
		var check *model.SettingsCheck
		s.act(btn, "Changing your Zoom recording settings…", "Could not change the settings", func(ctx context.Context) error {
			var err error
			check, err = checkSettings(ctx, s.api, localapi.CmdFixSettings)
			return err
		}, func(ok bool) {
			if ok {
				s.say(fixSummary(check), fixImportance(check))
			}
		})
	case cmd.Name == localapi.CmdSignIn:
		s.signIn(btn)
	case cmd.Name == localapi.CmdRefresh:
		s.act(btn, "Syncing with Zoom…", "Could not sync", send(s.api, cmd), nil)
	case cmd.Name == localapi.CmdCopy:
		s.copyText(cmd.Text, copiedWhat[p.Action])
	case cmd.Name == localapi.CmdOpenLink:
		if (s.demo || st.Agent.Demo) && isZoomSite(cmd.URL) {
			s.say("Demo mode: the Zoom simulator has no settings page; its settings show in the setup.", widget.MediumImportance)
			return
		}
		s.openLink(btn, cmd.URL)
	case cmd.Name == localapi.CmdOpenWindow:
		s.openWindow(btn, cmd.Window)
	default:
		s.act(btn, "Working…", "Could not do it", send(s.api, cmd), nil)
	}
}

// signIn starts a sign-in in the browser; its progress comes with the
// state (Agent.SignIn).
func (s *shell) signIn(btn *widget.Button) {
	s.signingIn = true
	s.act(btn, "Opening Zoom in your browser…", "Could not start the sign-in", send(s.api, localapi.Command{Name: localapi.CmdSignIn}), func(ok bool) {
		if !ok {
			s.signingIn = false
		}
	})
}

func (s *shell) openLink(btn *widget.Button, url string) {
	s.act(btn, "Opening…", "Could not open the link", send(s.api, localapi.Command{Name: localapi.CmdOpenLink, URL: url}), nil)
}

func (s *shell) openWindow(btn *widget.Button, name string) {
	s.act(btn, "Opening…", "Could not open the window", send(s.api, localapi.Command{Name: localapi.CmdOpenWindow, Window: name}), nil)
}

func (s *shell) openFolder(btn *widget.Button, path string) {
	s.act(btn, "Opening…", "Could not open it", send(s.api, localapi.Command{Name: localapi.CmdOpenFolder, Path: path}), nil)
}

// fixSummary says what "Fix it for me" achieved.
func fixSummary(c *model.SettingsCheck) string {
	switch {
	case c == nil:
		return "Zoom did not say whether the settings changed; check again."
	case c.OK:
		return "Your Zoom recording settings are ready."
	case c.AdminMessage != "":
		return "Some settings are locked by your Zoom admin; copy the message for the admin."
	}
	return "Some settings still need a change: open Zoom settings."
}

func fixImportance(c *model.SettingsCheck) widget.Importance {
	if c != nil && c.OK {
		return widget.SuccessImportance
	}
	return widget.WarningImportance
}

// copyHostRequest copies the message asking an interview's host to allow
// local recording (or to make the user an alternative host).
func (s *shell) copyHostRequest(st localapi.State, iv model.Interview) {
	var me *model.User
	if st.Snapshot != nil {
		me = st.Snapshot.User
	}
	s.copyText(model.HostRequest(iv, me, s.loc), copiedWhat[model.ActionCopyHostRequest])
}
