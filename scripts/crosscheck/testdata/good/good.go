// Package good type-checks on every platform.
package good

// Hello is portable.
func Hello() string { return "hello" }
