package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// recordings lists the past interviews' recordings, one card per
// interview: the cloud recording with its links once Zoom processed it, the
// local one once the Zoom app converted it.
type recordings struct {
	sh   *shell
	st   localapi.State
	list *fyne.Container
}

func newRecordings(sh *shell) screen {
	return &recordings{sh: sh, list: container.NewVBox()}
}

func (r *recordings) object() fyne.CanvasObject {
	return container.NewBorder(heading("Recordings of your interviews"), nil, nil, nil, container.NewVScroll(r.list))
}

func (r *recordings) render(st localapi.State) {
	r.st = st
	r.rebuild()
}

// tick updates "processing · ended 20 min ago".
func (r *recordings) tick() { r.rebuild() }

func (r *recordings) rebuild() {
	r.list.Objects = r.rows()
	r.list.Refresh()
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
	for _, group := range byInterview(st.Snapshot.Recordings) {
		out = append(out, r.card(group))
	}
	return out
}

// byInterview groups recordings (newest first) by interview occurrence,
// keeping their order: a cloud and a local recording of one interview
// share a card.
func byInterview(recs []meetingsync.Recording) [][]meetingsync.Recording {
	var out [][]meetingsync.Recording
	index := map[string]int{}
	for _, rec := range recs {
		k := rec.StartTime.UTC().String() + "/" + itoa64(rec.MeetingID)
		if i, ok := index[k]; ok {
			out[i] = append(out[i], rec)
			continue
		}
		index[k] = len(out)
		out = append(out, []meetingsync.Recording{rec})
	}
	return out
}

// card is one interview: its topic and time, and a line per recording.
func (r *recordings) card(group []meetingsync.Recording) fyne.CanvasObject {
	first := group[0]
	head := titled(topicText(first.Topic), shortDate(first.StartTime, r.sh.loc))
	head.Wrapping = fyne.TextWrapOff
	head.Truncation = fyne.TextTruncateEllipsis
	lines := container.New(layout.NewFormLayout())
	for _, rec := range group {
		where, icon := "Cloud", theme.UploadIcon()
		if rec.Kind == meetingsync.KindLocal {
			where, icon = "This computer", theme.ComputerIcon()
		}
		lines.Add(container.NewHBox(widget.NewIcon(icon), widget.NewLabel(where)))
		lines.Add(r.actions(rec))
	}
	return widget.NewCard("", "", container.NewVBox(head, lines))
}

// actions are what can be done with a recording now, or why nothing yet.
func (r *recordings) actions(rec meetingsync.Recording) fyne.CanvasObject {
	sh := r.sh
	row := container.New(layout.NewRowWrapLayout())
	switch {
	case rec.State == meetingsync.RecProcessing:
		msg := "Zoom is processing it"
		if !rec.EndedAt.IsZero() {
			msg += " · ended " + since(rec.EndedAt, sh.now())
		}
		row.Add(badge(msg, widget.WarningImportance))
	case rec.State == meetingsync.RecConverting:
		row.Add(badge("Converting… the Zoom app is still converting it", widget.WarningImportance))
	case rec.Kind == meetingsync.KindLocal:
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
				sh.copyText(shareCopyText(rec), what)
			}))
		}
	}
	if len(row.Objects) == 0 {
		return note("Zoom gave no links for this recording.")
	}
	return row
}
