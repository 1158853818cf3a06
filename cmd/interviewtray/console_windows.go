package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// On Windows interviewtray.exe is linked as a GUI program (-H windowsgui,
// see the Makefile's package-windows): started from the Run key, the Start
// menu or by a double-click it opens no console window, and no console
// window can be closed to kill the agent. A GUI program has no standard
// handles of its own, though, so that `interviewtray status`, `login`,
// `doctor` … still print in the terminal they are typed in, the process
// attaches to its parent's console, when there is one, before main runs,
// and points the standard streams that have no handle at it. Streams that
// were redirected (`interviewtray status > out.txt`, a pipe) keep their
// handles. (cmd.exe does not wait for a GUI program: its prompt may come
// back before the output; `start /wait interviewtray status` waits.)
func init() { attachParentConsole() }

const attachParentProcess = ^uint32(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

func attachParentConsole() {
	if procAttachConsole.Find() != nil {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // no parent console (Explorer, the Run key), or already one of our own
	}
	reopen := func(std uint32, name string, flag int, f **os.File) {
		if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
			if _, err := windows.GetFileType(h); err == nil {
				return // inherited: a redirect or a pipe
			}
		}
		c, err := os.OpenFile(name, flag, 0)
		if err != nil {
			return
		}
		*f = c
		windows.SetStdHandle(std, windows.Handle(c.Fd()))
	}
	reopen(windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_WRONLY, &os.Stdout)
	reopen(windows.STD_ERROR_HANDLE, "CONOUT$", os.O_WRONLY, &os.Stderr)
	reopen(windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDONLY, &os.Stdin)
	log.SetOutput(os.Stderr) // the standard logger took os.Stderr before this ran
}
