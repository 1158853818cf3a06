package bad

// Darwin returns the wrong type.
func Darwin() int { return Hello() }
