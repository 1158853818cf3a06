//go:build race

package applog

// propertyRuns is smaller under the race detector, which slows the regexp
// engine twentyfold; the property itself has no concurrency to check.
const propertyRuns = 50
