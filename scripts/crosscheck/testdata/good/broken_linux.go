package good

// Broken is wrong, but only on Linux, which a darwin check does not see.
func Broken() int { return "not an int" }
