// Package bad fails to type-check on darwin only.
package bad

// Hello is portable.
func Hello() string { return "hello" }
