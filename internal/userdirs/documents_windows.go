package userdirs

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// Documents is the user's Documents folder as Windows knows it
// (FOLDERID_Documents), which is not always %USERPROFILE%\Documents:
// OneDrive's folder backup moves it into the OneDrive folder, and a user or
// an administrator can move it anywhere. The path is returned whether or
// not the folder exists yet (KF_FLAG_DONT_VERIFY).
func Documents() (string, error) {
	p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DONT_VERIFY)
	if err != nil {
		return "", fmt.Errorf("the Documents folder: %w", err)
	}
	return p, nil
}
