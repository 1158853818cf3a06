package hotkey

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string // canonical form
		wantErr string
	}{
		{in: "Ctrl+Alt+J", want: "Ctrl+Alt+J"},
		{in: Default, want: "Ctrl+Alt+J"},
		{in: " alt + control + j ", want: "Ctrl+Alt+J"},
		{in: "Super+Shift+0", want: "Shift+Super+0"},
		{in: "Cmd+Option+Space", want: "Alt+Super+Space"},
		{in: "F9", want: "F9"},
		{in: "Shift+F24", want: "Shift+F24"},
		{in: "Win+j", want: "Super+J"},
		{in: "", wantErr: "empty"},
		{in: "   ", wantErr: "empty"},
		{in: "Ctrl+Alt", wantErr: "no key"},
		{in: "Ctrl++J", wantErr: "part is empty"},
		{in: "Ctrl+Ctrl+J", wantErr: "twice"},
		{in: "J+Ctrl", wantErr: `"J" is not a modifier`},
		{in: "Ctrl+Enter", wantErr: `unknown key "Enter"`},
		{in: "Ctrl+F25", wantErr: "unknown key"},
		{in: "Ctrl+F01", wantErr: "unknown key"},
		{in: "Ctrl+Fx", wantErr: "unknown key"},
		{in: "J", wantErr: "needs Ctrl, Alt or Super"},
		{in: "Shift+J", wantErr: "needs Ctrl, Alt or Super"},
		{in: "Shift+F", wantErr: "needs Ctrl, Alt or Super"},
		{in: "Ctrl+J+K", wantErr: `"J" is not a modifier`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			sc, err := Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) = %v, %v; want an error with %q", tt.in, sc, err, tt.wantErr)
				}
				return
			}
			if err != nil || sc.String() != tt.want {
				t.Fatalf("Parse(%q) = %q, %v; want %q", tt.in, sc, err, tt.want)
			}
			again, err := Parse(sc.String())
			if err != nil || again != sc {
				t.Errorf("round trip of %q: %v, %v", sc, again, err)
			}
		})
	}
}
