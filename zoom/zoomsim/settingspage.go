package zoomsim

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"sort"
)

// settingsPage is what the simulator answers for its web settings page
// (/profile/setting, where Zoom's is https://zoom.us/profile/setting): the
// signed-in user's recording settings as they stand, read only, so that
// "Open Zoom settings" in the demo shows the demo account's settings
// instead of sending anyone to the real Zoom, where it does not exist.
var settingsPage = template.Must(template.New("settings").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recording settings — Zoom simulator</title>
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.5}td{padding:.2em 1em .2em 0}.locked{color:#a33}</style></head>
<body><h1>Recording settings (demo)</h1>
<p>The demo account {{.Email}} lives in Interview Tray's built-in Zoom simulator. These are its recording settings as Zoom's API shows them; with a real account this is zoom.us's Settings page, where you change them. In the demo, "Fix it for me" in Interview Tray changes them.</p>
<table>{{range .Settings}}<tr><td>{{.Name}}</td><td>{{.Value}}{{if .Locked}} <span class="locked">(locked by the admin)</span>{{end}}</td></tr>{{end}}</table>
</body></html>
`))

// settingsWebPage serves GET /profile/setting.
func (s *Sim) settingsWebPage(c *call) reply {
	type row struct {
		Name, Value string
		Locked      bool
	}
	rec, _ := s.settings["recording"].(map[string]any)
	names := make([]string, 0, len(rec))
	for k, v := range rec {
		if _, nested := v.(map[string]any); !nested {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	data := map[string]any{"Email": s.me.email}
	var rows []row
	for _, k := range names {
		rows = append(rows, row{Name: k, Value: fmt.Sprint(rec[k]), Locked: s.locked["recording."+k]})
	}
	data["Settings"] = rows
	var buf bytes.Buffer
	if err := settingsPage.Execute(&buf, data); err != nil {
		panic("zoomsim: settings page: " + err.Error()) // the template is fixed
	}
	return htmlReply(http.StatusOK, buf.Bytes())
}
