package applog

// Windows has no O_NOFOLLOW or O_NONBLOCK; the regular-file check after
// opening still refuses anything but a file.
const (
	noFollow = 0
	nonBlock = 0
)
