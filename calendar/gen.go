package calendar

//go:generate go run ./internal/genwinzones
