//go:build !linux && !darwin && !windows

package inhibit

import "context"

func (in *Inhibitor) platformHold(context.Context, string) (func() error, error) {
	return nil, ErrUnsupported
}
