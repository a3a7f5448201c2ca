package rttest

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

var update = flag.Bool("update", false, "rewrite .golden files from the fixes' output")

// RunWithFixes applies every allowed fix to each fixture under dir that has
// a `<name>.golden` next to it and compares the result with the golden
// file. It also checks that the fixed source parses without syntax errors,
// that no allowed fix is left to apply, and that fixing again changes
// nothing (`--fix` twice equals `--fix` once). Files a fix creates are
// compared with `<created name>.golden` files.
func RunWithFixes(t *testing.T, dir string, cfg *lint.Config, unsafe bool) {
	t.Helper()
	goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	sort.Strings(goldens)
	n := 0
	for _, g := range goldens {
		path := g[:len(g)-len(".golden")]
		if _, err := os.Stat(path); err != nil {
			continue // the golden of a created file; checked with its fixture
		}
		n++
		t.Run(filepath.ToSlash(path), func(t *testing.T) { checkFix(t, path, cfg, unsafe) })
	}
	if n == 0 {
		t.Fatalf("no fixtures with .golden files under %s", dir)
	}
}

func checkFix(t *testing.T, path string, cfg *lint.Config, unsafe bool) {
	cfg = withFacts(t, cfg, path)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := fix.File(context.Background(), path, src, cfg, unsafe)
	if err != nil {
		t.Fatal(err)
	}
	if out.Fixed == 0 {
		t.Errorf("no fix applied")
	}
	compareGolden(t, path+".golden", out.Src)
	for created, text := range out.Created {
		compareGolden(t, created+".golden", []byte(text))
	}
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), out.Src)
	if err != nil {
		t.Fatal(err)
	}
	if f.Tree.RootNode().HasError() {
		t.Errorf("fixed source has syntax errors:\n%s", out.Src)
	}
	compiles(t, path, out.Src)
	for created, text := range out.Created {
		compiles(t, created, []byte(text))
	}
	for _, fd := range out.Remaining.Findings {
		for _, fx := range fd.Fixes {
			if fix.Allowed(fx.Applicability, unsafe) {
				t.Errorf("%s:%d: %s still has an applicable fix after fixing: %s", path, fd.Line, fd.Rule, fx.Message)
			}
		}
	}
	again, err := fix.File(context.Background(), path, out.Src, cfg, unsafe)
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Src) != string(out.Src) {
		t.Errorf("fixing twice differs from fixing once:\n%s", again.Src)
	}
}

func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the fixed output:\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}
