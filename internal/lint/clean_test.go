package lint_test

import (
	"testing"

	"github.com/rtlint/rtlint/internal/rttest"
)

// TestCleanServices: realistic services written the idiomatic way (async
// I/O, pooled clients, work in process pools and workers) get no finding
// from any rule. The fixtures carry no `want` comments.
func TestCleanServices(t *testing.T) {
	rttest.Run(t, "../../testdata/clean", nil)
}
