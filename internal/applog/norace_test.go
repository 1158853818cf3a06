//go:build !race

package applog

// propertyRuns is how many random tokens the property tests try per shape.
const propertyRuns = 500
