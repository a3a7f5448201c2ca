package batch_test

import (
	"testing"

	"github.com/rtlint/rtlint/internal/rttest"
)

// TestFactsProjects lints each fixture project under testdata/facts with
// the facts its manifests declare (SPEC §2b): FastAPI below and above
// 0.130, both Pydantic majors, free-threaded and GIL targets, each Python
// fact source. Every finding is where a `want` comment says.
func TestFactsProjects(t *testing.T) { rttest.RunProjects(t, "../../testdata/facts", nil) }
