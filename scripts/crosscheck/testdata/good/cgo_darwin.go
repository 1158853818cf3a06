package good

// int answer(void) { return 42; }
import "C"

// Answer uses cgo, which crosscheck fakes.
func Answer() int { return int(C.answer()) + len(Hello()) }
