package agent

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// localapiCommands are the values of localapi's Cmd... constants, read from
// its source: the vocabulary, whoever adds to it.
func localapiCommands(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../localapi/*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Cmd") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					out[name.Name] = v
				}
			}
			return true
		})
	}
	if len(out) < 10 {
		t.Fatalf("found only %d commands in localapi: %v", len(out), out)
	}
	return out
}

// TestEveryCommandHasAHandler: a command added to localapi without its
// entry in the agent's table would be refused as unknown.
func TestEveryCommandHasAHandler(t *testing.T) {
	for name, value := range localapiCommands(t) {
		if commands[value] == nil {
			t.Errorf("localapi.%s (%q) has no handler in the agent's commands table", name, value)
		}
	}
	a, _, _ := newTestAgent(t)
	if _, err := a.Do(context.Background(), localapi.Command{Name: "no_such_command"}); err == nil {
		t.Error("an unknown command was accepted")
	}
}

// TestEveryProblemActionHasACommand: every problem action the engine or
// the agent proposes is solved by a command the agent knows, so that its
// button shows in the tray and the windows.
func TestEveryProblemActionHasACommand(t *testing.T) {
	a, _, _ := newTestAgent(t)
	snap := a.State().Snapshot
	var iv model.Interview
	for _, x := range snap.Interviews {
		if x.IsInterview {
			iv = x
			break
		}
	}
	check := &model.SettingsCheck{AdminMessage: "Please unlock local recording.", SettingsURL: "https://zoom.us/profile/setting?tab=recording"}
	withCheck := *snap
	withCheck.RecordingSettings = check
	for _, action := range []string{
		model.ActionSignIn, model.ActionRetry, model.ActionFixSettings, model.ActionOpenSettings, model.ActionContactAdmin,
		model.ActionOpenAgenda, model.ActionCheckFolder, model.ActionCopyHostRequest, model.ActionOpenCalendars, model.ActionOpenWizard,
	} {
		cmd := localapi.Solve(model.Problem{Action: action, MeetingID: iv.ID}, &withCheck, a.opts.Location)
		if cmd == nil {
			t.Errorf("no command solves %q", action)
			continue
		}
		if commands[cmd.Name] == nil {
			t.Errorf("%q is solved by %q, which the agent does not know", action, cmd.Name)
		}
	}
}

// TestTrayStateDoesNotWaitForTheKeychain: the tray's state uses the
// sign-in as last read, so a keychain that stops answering never holds
// the tray; the windows' state reads it afresh. Both decide "signed in"
// by the same rule.
func TestTrayStateDoesNotWaitForTheKeychain(t *testing.T) {
	a, _, _ := newTestAgent(t)
	a.refreshSignIn()
	if !a.state(false).View.SignedIn || !a.State().View.SignedIn {
		t.Fatal("not signed in")
	}
	s := a.opts.Session.(*fakeSession)
	s.mu.Lock()
	s.stateErr = errors.New("the keychain does not answer")
	s.mu.Unlock()
	if v := a.state(false).View; !v.SignedIn || v.Email != "maya@example.com" {
		t.Errorf("the tray's view = %+v, want the sign-in last read", v)
	}
	if v := a.State().View; v.SignedIn || v.SignedOutMessage != "the keychain does not answer" {
		t.Errorf("the windows' view = %+v, want the keychain's failure", v)
	}
}
