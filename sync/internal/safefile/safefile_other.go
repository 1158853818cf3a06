//go:build !unix

package safefile

// openNonBlock is 0 where opening a file never waits for a writer (on
// Windows a named pipe lives apart from the file system).
const openNonBlock = 0
