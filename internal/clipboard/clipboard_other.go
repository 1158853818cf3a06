//go:build !windows

package clipboard

import "context"

func writeSystem(context.Context, string) error { return ErrUnavailable }
