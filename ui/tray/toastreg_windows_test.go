package tray

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/sys/windows/registry"
)

func readValue(t *testing.T, path, name string) string {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer k.Close()
	v, _, err := k.GetStringValue(name)
	if err != nil {
		t.Fatalf("%s\\%s: %v", path, name, err)
	}
	return v
}

func TestRegisterToastAppUnderItsOwnIDs(t *testing.T) {
	// Given a registry root of the test's own (not the user's classes),
	root := `Software\InterviewTray-test\Classes`
	deleteTree(t, `Software\InterviewTray-test`)
	t.Cleanup(func() { deleteTree(t, `Software\InterviewTray-test`) })

	// when the agent registers, its AppUserModelID names the app's own
	// activator CLSID, and that CLSID starts this executable for a click.
	if err := registerToastApp(root, `C:\old\interviewtray.exe`, "Interview Tray", ""); err != nil {
		t.Fatal(err)
	}
	app := root + `\AppUserModelId\` + AppUserModelID
	if got := readValue(t, app, "CustomActivator"); got != appGUID {
		t.Errorf("CustomActivator = %s, want the app's CLSID %s", got, appGUID)
	}
	if got := readValue(t, app, "DisplayName"); got != "Interview Tray" {
		t.Errorf("DisplayName = %q", got)
	}
	server := root + `\CLSID\` + appGUID + `\LocalServer32`
	if got := readValue(t, server, ""); got != `"C:\old\interviewtray.exe" -ToastActivated` {
		t.Errorf("LocalServer32 = %s", got)
	}
	// And go-toast's shared CLSID is left alone.
	if k, err := registry.OpenKey(registry.CURRENT_USER, root+`\CLSID\{0F82E845-CB89-4039-BDBF-67CA33254C76}`, registry.QUERY_VALUE); err == nil {
		k.Close()
		t.Error("go-toast's shared CLSID was written")
	}

	// When the app has moved (an update, another install folder), the next
	// start points Windows at the executable that runs now, not the first.
	if err := registerToastApp(root, `D:\new\interviewtray.exe`, "Interview Tray", ""); err != nil {
		t.Fatal(err)
	}
	if got := readValue(t, server, ""); !strings.HasPrefix(got, `"D:\new\interviewtray.exe"`) {
		t.Errorf("after a move LocalServer32 = %s, want the new path", got)
	}
}

// deleteTree removes a test key and its subkeys.
func deleteTree(t *testing.T, path string) {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.ENUMERATE_SUB_KEYS)
	if err != nil {
		return
	}
	subs, _ := k.ReadSubKeyNames(-1)
	k.Close()
	for _, s := range subs {
		deleteTree(t, path+`\`+s)
	}
	registry.DeleteKey(registry.CURRENT_USER, path)
}

func TestProbesSayWhatTheyFound(t *testing.T) {
	// Whatever the desktop has, each probe says what it found, and a
	// failing one says what to do.
	for name, p := range map[string]Probe{"tray": ProbeTrayHost(context.Background()), "notifications": ProbeNotifications(context.Background())} {
		t.Logf("%s: %+v", name, p)
		if p.Detail == "" || (!p.OK && p.Fix == "") {
			t.Errorf("%s probe %+v", name, p)
		}
	}
}
