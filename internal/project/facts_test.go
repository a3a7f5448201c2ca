package project

import (
	"os"
	"path/filepath"
	"testing"
)

// Disk answers Exists from folder listings and skips listing a folder its
// listed parent lacks. Folders reached through a link, and folders listed
// before their parent, still answer from the disk.
func TestDiskExistsThroughListings(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"pkg/mod.py", "pkg/sub/deep.py", "real/inner.py"} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "pkg", "link")); err != nil {
		t.Fatal(err)
	}
	d := NewDisk()
	for _, c := range []struct {
		path string
		want bool
	}{
		{"pkg/sub/deep.py", true}, // a child folder listed before its parent
		{"pkg/mod.py", true},
		{"pkg/os/fork.py", false}, // pkg is listed and has no "os"
		{"pkg/os/fork/__init__.py", false},
		{"pkg/mod.py/x.py", false}, // a file is no folder
		{"pkg/link/inner.py", true},
		{"pkg/sub/deep.py", true},
		{"pkg/missing.py", false},
	} {
		if got := d.Exists(filepath.Join(root, c.path)); got != c.want {
			t.Errorf("Exists(%s) = %v, want %v", c.path, got, c.want)
		}
	}
}
