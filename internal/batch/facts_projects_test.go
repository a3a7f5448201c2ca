package batch_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rtlint/rtlint/internal/rttest"
)

// TestFactsProjects lints each fixture project under testdata/facts with
// the facts its manifests declare (SPEC §2b): FastAPI below and above
// 0.130, both Pydantic majors, free-threaded and GIL targets, each Python
// fact source. Every finding is where a `want` comment says.
func TestFactsProjects(t *testing.T) {
	dirs, err := os.ReadDir("../../testdata/facts")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			dir := filepath.Join("../../testdata/facts", d.Name())
			t.Run(d.Name(), func(t *testing.T) { rttest.RunProject(t, dir, nil) })
		}
	}
}
