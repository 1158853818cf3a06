package bad

import "testing"

func TestDarwin(t *testing.T) { t.Log(undefinedName) }
