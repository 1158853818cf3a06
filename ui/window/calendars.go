package window

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// calendars shows the calendar sources with how each is doing, and adds,
// renames and removes them; the settings window and the wizard's Calendar
// step share it. Its buttons act at once through the agent, apart from the
// settings' Save. An address is typed once, sent with the command and
// never shown back: the agent keeps it in the keychain and answers only
// with its masked form.
type calendars struct {
	sh *shell
	st localapi.State
	// rename: each source's name can be edited (Settings; the wizard only
	// lists them).
	rename bool

	list *fyne.Container
	rows map[string]*calendarRow // by source ID

	name    *widget.Entry
	address *widget.Entry
	all     *widget.Check
	test    *widget.Button
	add     *widget.Button
	// result is what the last Test or Add found, under the form: the
	// agent's message is too long for a status line. resultRow holds it,
	// hidden while there is none.
	result    *widget.Label
	resultRow fyne.CanvasObject
	// form is the add form's rows, built once.
	form []fyne.CanvasObject
}

// calendarRow is one source's widgets, kept across states so that a name
// being edited stays.
type calendarRow struct {
	src    model.CalendarSource
	box    *fyne.Container
	name   *widget.Entry
	title  *widget.Label
	rename *widget.Button
	detail *widget.RichText
	err    *widget.Label
	all    *widget.Check
	remove *widget.Button
}

func newCalendars(sh *shell, rename bool) *calendars {
	c := &calendars{sh: sh, rename: rename, rows: map[string]*calendarRow{}}
	c.list = container.NewVBox()
	c.name = widget.NewEntry()
	c.name.SetPlaceHolder("Work")
	// A password field: the address is a secret (anyone holding it reads
	// the calendar), so it does not show on screen or in a screenshot.
	c.address = widget.NewPasswordEntry()
	c.address.SetPlaceHolder("https://… or webcal://…")
	c.address.OnSubmitted = func(string) { c.onAdd() }
	c.all = widget.NewCheck("Every event is an interview", nil)
	c.test = widget.NewButtonWithIcon("Test", theme.SearchIcon(), c.onTest)
	c.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), c.onAdd)
	c.add.Importance = widget.HighImportance
	c.result = text("")
	c.resultRow = formRow("", c.result, "")
	c.resultRow.Hide()
	buttons := container.NewHBox(c.test, c.add)
	c.form = []fyne.CanvasObject{
		formRow("Address", c.address, "The calendar's secret iCal address (or a .ics file's path); it is kept in your system's keychain"),
		formRow("Name", c.name, "Optional: what "+appName+" calls it, such as Work"),
		formRow("", container.NewBorder(nil, nil, nil, buttons, c.all), ""),
		c.resultRow,
	}
	return c
}

// sources are the calendars as listed.
func (c *calendars) sources() []model.CalendarSource { return c.st.Settings.Calendars }

// listObject is the list of sources (with a line when there is none).
func (c *calendars) listObject() fyne.CanvasObject { return c.list }

// addRows are the "Add a calendar" fields and buttons as form rows.
func (c *calendars) addRows() []fyne.CanvasObject { return c.form }

// render shows the sources of st; rows of sources still listed keep their
// widgets.
func (c *calendars) render(st localapi.State) {
	c.st = st
	srcs := c.sources()
	if len(srcs) == 0 {
		c.rows = map[string]*calendarRow{}
		c.list.Objects = []fyne.CanvasObject{formRow("", note("No calendar yet: only the meetings Zoom lists show in the agenda."), "")}
		c.list.Refresh()
		return
	}
	objs := make([]fyne.CanvasObject, 0, 2*len(srcs))
	kept := map[string]*calendarRow{}
	for i, src := range srcs {
		r := c.rows[src.ID]
		if r == nil {
			r = c.newRow(src)
		}
		r.update(src, c.status(src.ID), c.sh)
		kept[src.ID] = r
		if i > 0 {
			objs = append(objs, formRow("", widget.NewSeparator(), ""))
		}
		objs = append(objs, r.box)
	}
	c.rows = kept
	c.list.Objects = objs
	c.list.Refresh()
}

// status is how source id is doing, nil before the engine read it.
func (c *calendars) status(id string) *model.CalendarStatus {
	if c.st.Snapshot == nil {
		return nil
	}
	i := slices.IndexFunc(c.st.Snapshot.Calendars, func(s model.CalendarStatus) bool { return s.ID == id })
	if i < 0 {
		return nil
	}
	return &c.st.Snapshot.Calendars[i]
}

func (c *calendars) newRow(src model.CalendarSource) *calendarRow {
	r := &calendarRow{src: src}
	r.name = widget.NewEntry()
	r.name.SetText(src.Name)
	r.title = bold(src.Name)
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.rename = widget.NewButton("Rename", func() { c.onRename(r) })
	r.name.OnChanged = func(string) { r.updateRename() }
	r.name.OnSubmitted = func(string) {
		if !r.rename.Disabled() {
			c.onRename(r)
		}
	}
	r.detail = note("")
	r.err = text("")
	r.err.Importance = widget.DangerImportance
	r.all = widget.NewCheck("Every event is an interview", nil)
	r.all.OnChanged = func(on bool) { c.onAll(r, on) }
	r.remove = widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), func() { c.onRemove(r) })
	r.remove.Importance = widget.LowImportance
	var head fyne.CanvasObject = r.title
	if c.rename {
		head = container.NewBorder(nil, nil, nil, r.rename, r.name)
	}
	// In the fields' column, like the settings above it.
	r.box = container.NewVBox(formRow("", container.NewVBox(head, r.detail, r.err, container.NewBorder(nil, nil, nil, r.remove, r.all)), ""))
	return r
}

// update shows src and its status; a name the user is editing stays.
func (r *calendarRow) update(src model.CalendarSource, st *model.CalendarStatus, sh *shell) {
	if r.name.Text == r.src.Name {
		r.name.SetText(src.Name)
	}
	r.src = src
	r.title.SetText(safetext.Clean(src.Name))
	r.updateRename()
	setNote(r.detail, calendarDetail(src, st, sh))
	r.err.SetText("")
	r.err.Hide()
	if st != nil && !st.OK && st.Error != "" {
		r.err.SetText(sentence(safetext.Clean(st.Error)))
		r.err.Show()
	}
	if r.all.Checked != src.AllInterviews {
		r.all.Checked = src.AllInterviews // not OnChanged: it is no edit
		r.all.Refresh()
	}
}

// updateRename enables Rename for a new, non-empty name.
func (r *calendarRow) updateRename() {
	if n := strings.TrimSpace(r.name.Text); n != "" && n != r.src.Name {
		r.rename.Enable()
	} else {
		r.rename.Disable()
	}
}

// calendarDetail is a source's line: "calendar.google.com…c.ics · read 5
// min ago · 42 events · 3 upcoming interviews".
func calendarDetail(src model.CalendarSource, st *model.CalendarStatus, sh *shell) string {
	parts := []string{}
	if src.Masked != "" {
		// From the typed address: shown as one line of plain text.
		parts = append(parts, safetext.Clean(src.Masked))
	}
	switch {
	case st == nil || st.LastFetched.IsZero() && st.OK:
		parts = append(parts, "not read yet")
	case st.LastFetched.IsZero():
		parts = append(parts, "never read")
	default:
		parts = append(parts, "read "+view.Since(st.LastFetched, sh.now()))
	}
	if st != nil && !st.LastFetched.IsZero() {
		parts = append(parts, fmt.Sprintf("%d %s", st.Events, plural(st.Events, "event", "events")),
			fmt.Sprintf("%d upcoming %s", st.Interviews, plural(st.Interviews, "interview", "interviews")))
		if st.Unreadable > 0 {
			parts = append(parts, fmt.Sprintf("%d could not be read", st.Unreadable))
		}
	}
	return strings.Join(parts, " · ")
}

// tick updates "read 5 min ago".
func (c *calendars) tick() {
	for _, src := range c.sources() {
		if r := c.rows[src.ID]; r != nil {
			setNote(r.detail, calendarDetail(src, c.status(src.ID), c.sh))
		}
	}
}

// do sends cmd with act's status texts; done gets the agent's answer, or
// the error.
func (c *calendars) do(btn *widget.Button, doing, failed string, cmd localapi.Command, done func(localapi.Result, error)) {
	var res localapi.Result
	var err error
	c.sh.act(btn, doing, failed, func(ctx context.Context) error {
		res, err = c.sh.api.Do(ctx, cmd)
		return err
	}, func(bool) {
		if done != nil {
			done(res, err)
		}
	})
}

// showResult shows a Test or Add result under the form.
func (c *calendars) showResult(msg string, imp widget.Importance) {
	c.result.Importance = imp
	c.result.SetText(msg)
	c.resultRow.Show()
}

// typedAddress is the address field, or "" after saying what is missing.
func (c *calendars) typedAddress() string {
	a := strings.TrimSpace(c.address.Text)
	if a == "" {
		c.showResult("Paste the calendar's address first.", widget.WarningImportance)
	}
	return a
}

func (c *calendars) onTest() {
	addr := c.typedAddress()
	if addr == "" {
		return
	}
	c.resultRow.Hide()
	cmd := localapi.Command{Name: localapi.CmdTestCalendar, URL: addr, Enabled: c.all.Checked}
	c.do(c.test, "Reading the calendar…", "Could not read the calendar", cmd, func(res localapi.Result, err error) {
		if err != nil {
			c.showResult(sentence(errText(err)), widget.DangerImportance)
			return
		}
		c.showResult(res.Message, widget.SuccessImportance)
	})
}

func (c *calendars) onAdd() {
	addr := c.typedAddress()
	if addr == "" || c.add.Disabled() {
		return
	}
	c.resultRow.Hide()
	cmd := localapi.Command{Name: localapi.CmdAddCalendar, URL: addr, Text: strings.TrimSpace(c.name.Text), Enabled: c.all.Checked}
	c.do(c.add, "Adding the calendar…", "Could not add the calendar", cmd, func(res localapi.Result, err error) {
		if err != nil {
			c.showResult(sentence(errText(err)), widget.DangerImportance)
			return
		}
		// The agent has the address now; this window forgets it.
		c.address.SetText("")
		c.name.SetText("")
		c.all.SetChecked(false)
		msg := res.Message
		if msg == "" {
			msg = "Added."
		}
		c.showResult(msg, widget.SuccessImportance)
	})
}

func (c *calendars) onRename(r *calendarRow) {
	name := strings.TrimSpace(r.name.Text)
	cmd := localapi.Command{Name: localapi.CmdUpdateCalendar, Key: r.src.ID, Text: name, Enabled: r.src.AllInterviews}
	c.do(r.rename, "Renaming…", "Could not rename the calendar", cmd, func(_ localapi.Result, err error) {
		if err == nil {
			// Shown at once; the agent's next state says the same.
			r.src.Name = name
			r.title.SetText(name)
			r.updateRename()
		}
	})
}

func (c *calendars) onAll(r *calendarRow, on bool) {
	r.all.Disable()
	cmd := localapi.Command{Name: localapi.CmdUpdateCalendar, Key: r.src.ID, Text: r.src.Name, Enabled: on}
	c.do(nil, "Saving…", "Could not change the calendar", cmd, func(_ localapi.Result, err error) {
		r.all.Enable()
		if err == nil {
			r.src.AllInterviews = on
			return
		}
		r.all.Checked = r.src.AllInterviews // back to what the agent has
		r.all.Refresh()
	})
}

func (c *calendars) onRemove(r *calendarRow) {
	src := r.src
	d := dialog.NewConfirm("Remove "+quoted(src.Name)+"?",
		appName+" stops reading this calendar and deletes its address from your keychain; "+
			"its interviews leave the agenda. The calendar itself does not change.",
		func(ok bool) {
			if !ok {
				return
			}
			cmd := localapi.Command{Name: localapi.CmdRemoveCalendar, Key: src.ID}
			c.do(r.remove, "Removing the calendar…", "Could not remove the calendar", cmd, func(_ localapi.Result, err error) {
				if err == nil {
					c.sh.say("Removed "+quoted(src.Name)+".", widget.SuccessImportance)
				}
			})
		}, c.sh.win)
	d.SetConfirmText("Remove")
	d.SetDismissText("Keep it")
	d.Show()
}

// quoted is a name in typographic quotes.
func quoted(s string) string { return "“" + s + "”" }
