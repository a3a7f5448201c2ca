package walk

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Vendored and minified code is skipped by default (SPEC §5); a file named
// on the command line is still linted.
func TestVendoredSkipped(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"app.js", "static/app.min.js", "static/lib.bundle.js", "vendor/x.js", "third_party/y.py", "src/ok.py"} {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, errs := Files([]string{root}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{filepath.Join(root, "app.js"), filepath.Join(root, "src", "ok.py")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("Files = %v, want %v", files, want)
	}
	named := filepath.Join(root, "static", "app.min.js")
	if files, _ := Files([]string{named}, Options{}); len(files) != 1 || files[0] != named {
		t.Errorf("Files(%s) = %v, want the named file", named, files)
	}
}
