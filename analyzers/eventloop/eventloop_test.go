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

// TestFixesFitTheRuntime: fixes use no API newer than the project's
// lowest supported runtime (SPEC §2b): Python 3.8 gets run_in_executor
// instead of asyncio.to_thread, Node 12 plain module names and fs.promises.
func TestFixesFitTheRuntime(t *testing.T) {
	for _, dir := range []string{"testdata/fix-py38", "testdata/fix-py36", "testdata/fix-node12"} {
		rttest.RunWithFixes(t, dir, &lint.Config{Select: []string{"RT1"}}, false)
	}
}
