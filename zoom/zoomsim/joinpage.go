package zoomsim

import (
	"bytes"
	"crypto/subtle"
	"html/template"
	"net/http"
	"time"
)

// joinPage is what the simulator answers for a meeting's join link
// (/j/ID?pwd=...): a short page that says it is a demo meeting, so that
// Join in the demo never sends anyone to the real Zoom with a meeting
// number that does not exist there.
var joinPage = template.Must(template.New("join").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo meeting — Zoom simulator</title>
<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.5}</style></head>
<body><h1>This is a demo meeting</h1>
{{if .Found}}<p><strong>{{.Topic}}</strong><br>{{.When}} (meeting ID {{.ID}})</p>
<p>Interview Tray's demo runs on a built-in Zoom simulator, so there is no meeting to join.
With a real Zoom account, Join opens the meeting in the Zoom app or on zoom.us.</p>
{{else}}<p>The simulator has no meeting with this link{{if .ID}} (meeting ID {{.ID}}){{end}}, or its passcode does not match.</p>{{end}}
<p>You can close this tab.</p></body></html>
`))

// joinMeetingPage serves GET /j/{id}: the demo meeting page, naming the
// meeting only when the link's passcode token is the meeting's.
func (s *Sim) joinMeetingPage(c *call) reply {
	data := map[string]any{"ID": c.param}
	m := s.findMeeting(c.param)
	pwd := c.r.URL.Query().Get("pwd")
	status := http.StatusNotFound
	if m != nil && !m.deleted && m.uuid != c.param && subtle.ConstantTimeCompare([]byte(pwd), []byte(m.pwdToken)) == 1 {
		status = http.StatusOK
		data["Found"] = true
		data["Topic"] = m.topic
		data["When"] = m.start.In(time.UTC).Format("Mon Jan 2 2006, 15:04 UTC")
	}
	var buf bytes.Buffer
	if err := joinPage.Execute(&buf, data); err != nil {
		panic("zoomsim: join page: " + err.Error()) // the template is fixed
	}
	return htmlReply(status, buf.Bytes())
}
