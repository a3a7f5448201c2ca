package eventloop_test

import (
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/rttest"
)

func TestFixtures(t *testing.T) {
	rttest.Run(t, "testdata/src", &lint.Config{Select: []string{"RT1"}})
}

func TestIncludeStatCalls(t *testing.T) {
	rttest.Run(t, "testdata/stat", &lint.Config{
		Select:  []string{"RT1"},
		Options: map[string]map[string]any{"RT103": {"include-stat-calls": true}},
	})
}

func TestFixes(t *testing.T) {
	rttest.RunWithFixes(t, "testdata/fix", &lint.Config{Select: []string{"RT1"}}, false)
}
