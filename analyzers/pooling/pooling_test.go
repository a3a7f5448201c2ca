package pooling_test

import (
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/rttest"
)

func TestFixtures(t *testing.T) {
	rttest.Run(t, "testdata/src", &lint.Config{Select: []string{"RT4"}})
}

func TestFixes(t *testing.T) {
	rttest.RunWithFixes(t, "testdata/fix", &lint.Config{Select: []string{"RT4"}}, true)
}
