package window

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// recordings lists the past interviews' recordings by day, one card per
// interview: the cloud recording with its links once Zoom processed it, the
// local one once the Zoom app converted it. Above them: the folder the
// agent watches for local recordings, and what is still being processed.
type recordings struct {
	sh   *shell
	st   localapi.State
	list *fyne.Container

	folder      *fyne.Container
	folderShown string // the folder the bar shows, looked at once
	folderState *widget.RichText
	processing  *fyne.Container
}

func newRecordings(sh *shell) screen {
	return &recordings{sh: sh, list: container.NewVBox(), folder: container.NewVBox(), processing: container.NewVBox()}
}

func (r *recordings) object() fyne.CanvasObject {
	top := container.NewVBox(heading("Recordings of your interviews"), r.folder, r.processing)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(r.list))
}

func (r *recordings) render(st localapi.State) {
	r.st = st
	r.rebuild()
}

// tick updates "processing · ended 20 min ago".
func (r *recordings) tick() { r.rebuild() }

func (r *recordings) rebuild() {
	r.showFolder()
	r.showProcessing()
	r.list.Objects = r.rows()
	r.list.Refresh()
}

// showFolder shows the folder the agent watches for local recordings,
// whether it is there, and buttons to open it or choose another.
func (r *recordings) showFolder() {
	dir := recordingFolder(r.st.Settings)
	if dir == r.folderShown {
		return
	}
	r.folderShown = dir
	sh := r.sh
	path := widget.NewRichText(
		&widget.TextSegment{Text: "Local recordings: ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: dir, Style: widget.RichTextStyle{Inline: true}},
	)
	path.Truncation = fyne.TextTruncateEllipsis
	r.folderState = note("")
	open := widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), nil)
	open.OnTapped = func() { sh.openFolder(open, dir) }
	open.Hide()
	change := widget.NewButton("Change…", nil)
	change.OnTapped = func() { sh.openWindow(change, NameSettings) }
	change.Importance = widget.LowImportance
	state := r.folderState
	sh.lookAtFolder(dir, func(exists bool, statErr error) {
		switch {
		case exists:
			setNote(state, appName+" looks here after each interview.")
			open.Show()
		case statErr != nil:
			setNote(state, "Cannot look into this folder: "+errText(statErr)+".")
		default:
			setNote(state, "This folder does not exist yet. The Zoom app makes it with its first recording "+
				"there; if the Zoom app saves elsewhere, choose that folder.")
		}
	})
	r.folder.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil,
		container.NewCenter(widget.NewIcon(theme.FolderIcon())), container.NewHBox(open, change),
		container.NewVBox(path, state))}
	r.folder.Refresh()
}

// showProcessing says which recordings are not ready yet, and why.
func (r *recordings) showProcessing() {
	var cloud, local int
	if r.st.Snapshot != nil {
		for _, rec := range r.st.Snapshot.Recordings {
			switch rec.State {
			case model.RecProcessing:
				cloud++
			case model.RecConverting:
				local++
			}
		}
	}
	var lines []string
	if cloud > 0 {
		lines = append(lines, fmt.Sprintf("%d cloud %s: Zoom makes a cloud recording after the meeting ends, "+
			"which often takes about as long as the meeting; the links come here by themselves.",
			cloud, plural(cloud, "recording is being processed", "recordings are being processed")))
	}
	if local > 0 {
		lines = append(lines, fmt.Sprintf("%d local %s: the Zoom app converts it when the meeting ends; keep the Zoom app open until it is done.",
			local, plural(local, "recording is being converted", "recordings are being converted")))
	}
	r.processing.Objects = r.processing.Objects[:0]
	for _, l := range lines {
		r.processing.Add(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.HistoryIcon())), nil, note(l)))
	}
	r.processing.Refresh()
}

func (r *recordings) rows() []fyne.CanvasObject {
	st := r.st
	switch {
	case !signedIn(st) && (st.Snapshot == nil || len(st.Snapshot.Recordings) == 0):
		btn := widget.NewButtonWithIcon("Sign in with Zoom", theme.LoginIcon(), nil)
		btn.Importance = widget.HighImportance
		btn.OnTapped = func() { r.sh.signIn(btn) }
		return []fyne.CanvasObject{emptyState("Sign in to see your recordings",
			"After each interview, its cloud recording and the local recording folder show up here.", btn)}
	case st.Snapshot == nil:
		return []fyne.CanvasObject{emptyState("Syncing with Zoom…", "")}
	case len(st.Snapshot.Recordings) == 0:
		return []fyne.CanvasObject{emptyState("No recordings yet",
			"After an interview, its recording shows up here: the cloud links once Zoom has processed them, "+
				"the folder on this computer once the Zoom app has converted it.")}
	}
	var out []fyne.CanvasObject
	var day time.Time
	now := r.sh.now()
	for _, group := range byInterview(st.Snapshot.Recordings) {
		if d := view.DayStart(group[0].StartTime, r.sh.loc); !d.Equal(day) || len(out) == 0 {
			day = d
			t := bold(view.DayTitle(d, now, r.sh.loc))
			t.SizeName = theme.SizeNameSubHeadingText
			out = append(out, t)
		}
		out = append(out, r.card(group))
	}
	return out
}

// byInterview groups recordings (newest first) by interview occurrence,
// keeping their order: a cloud and a local recording of one interview
// share a card.
func byInterview(recs []model.Recording) [][]model.Recording {
	var out [][]model.Recording
	index := map[string]int{}
	for _, rec := range recs {
		k := rec.StartTime.UTC().String() + "/" + itoa64(rec.MeetingID)
		if i, ok := index[k]; ok {
			out[i] = append(out[i], rec)
			continue
		}
		index[k] = len(out)
		out = append(out, []model.Recording{rec})
	}
	return out
}

// card is one interview: its topic and time, and a line per recording.
func (r *recordings) card(group []model.Recording) fyne.CanvasObject {
	first := group[0]
	head := titled(topicText(first.Topic), recordingWhen(first, r.sh.loc))
	head.Wrapping = fyne.TextWrapOff
	head.Truncation = fyne.TextTruncateEllipsis
	lines := container.New(layout.NewFormLayout())
	for _, rec := range group {
		where, icon := "Cloud", cloudIcon()
		if rec.Kind == model.KindLocal {
			where, icon = "This computer", theme.ComputerIcon()
		}
		lines.Add(container.NewHBox(widget.NewIcon(icon), widget.NewLabel(where)))
		lines.Add(r.actions(rec))
	}
	return widget.NewCard("", "", container.NewVBox(head, lines))
}

// actions are what can be done with a recording now, or why nothing yet.
func (r *recordings) actions(rec model.Recording) fyne.CanvasObject {
	sh := r.sh
	row := container.New(layout.NewRowWrapLayout())
	switch {
	case rec.State == model.RecProcessing:
		msg := "Zoom is processing it"
		if !rec.EndedAt.IsZero() {
			msg += " · ended " + view.Since(rec.EndedAt, sh.now())
		}
		row.Add(badge(msg, widget.WarningImportance))
	case rec.State == model.RecConverting:
		row.Add(badge("Converting… the Zoom app is still converting it", widget.WarningImportance))
	case rec.Kind == model.KindLocal:
		if f := playFile(rec); f != "" {
			play := widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), nil)
			play.Importance = widget.HighImportance
			play.OnTapped = func() { sh.openFolder(play, f) }
			row.Add(play)
		}
		if rec.Links.Folder != "" {
			open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), nil)
			open.OnTapped = func() { sh.openFolder(open, rec.Links.Folder) }
			row.Add(open)
		}
	default:
		for _, l := range []struct {
			label string
			icon  fyne.Resource
			url   string
		}{
			{"Watch", theme.MediaPlayIcon(), rec.Links.Watch},
			{"Listen", theme.VolumeUpIcon(), rec.Links.Listen},
			{"Transcript", theme.DocumentIcon(), rec.Links.Transcript},
		} {
			if l.url == "" {
				continue
			}
			btn := widget.NewButtonWithIcon(l.label, l.icon, nil)
			btn.OnTapped = func() { sh.openLink(btn, l.url) }
			if l.label == "Watch" {
				btn.Importance = widget.HighImportance
			}
			row.Add(btn)
		}
		if rec.Links.Share != "" {
			label, what := "Copy link", "the share link"
			if rec.Passcode != "" {
				label, what = "Copy link + passcode", "the share link and passcode"
			}
			row.Add(widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), func() {
				sh.copyText(view.ShareCopyText(rec), what)
			}))
		}
	}
	if len(row.Objects) == 0 {
		return note("Zoom gave no links for this recording.")
	}
	return row
}

// recordingWhen is when the interview was: "09:00 – 09:52", or the start
// alone while the end is not known.
func recordingWhen(r model.Recording, loc *time.Location) string {
	if r.EndedAt.IsZero() {
		return view.Clock(r.StartTime, loc)
	}
	return view.Clock(r.StartTime, loc) + " – " + view.Clock(r.EndedAt, loc)
}

// cloudSVG is a cloud, drawn in the icon colour by the theme.
const cloudSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
	`<circle cx="8" cy="13" r="4.5" fill="#000"/><circle cx="13.5" cy="10" r="5.5" fill="#000"/>` +
	`<circle cx="18" cy="14" r="3.5" fill="#000"/><rect x="6" y="13" width="12" height="4.5" fill="#000"/></svg>`

// cloudIcon marks a cloud recording (Fyne's theme has no cloud).
func cloudIcon() fyne.Resource {
	return theme.NewThemedResource(fyne.NewStaticResource("cloud.svg", []byte(cloudSVG)))
}
