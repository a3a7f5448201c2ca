package project

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// write creates the file rel under dir (with its parents) holding text.
func write(t *testing.T, dir, rel, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mkdir(t *testing.T, dir, rel string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindRoot(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "py/pyproject.toml", "")
	mkdir(t, tmp, "py/pkg/sub")
	write(t, tmp, "js/package.json", "{}")
	write(t, tmp, "js/packages/a/package.json", "{}")
	mkdir(t, tmp, "js/packages/a/src")
	mkdir(t, tmp, "js/packages/b/src")
	mkdir(t, tmp, "repo/.git")
	mkdir(t, tmp, "repo/x/y")
	write(t, tmp, "cfg/setup.cfg", "")
	write(t, tmp, "setuppy/setup.py", "")
	mkdir(t, tmp, "setuppy/m")

	tests := []struct{ dir, want string }{
		{"py/pkg/sub", "py"},
		{"py", "py"},
		{"js/packages/a/src", "js/packages/a"}, // the nearest marker wins
		{"js/packages/b/src", "js"},
		{"repo/x/y", "repo"}, // .git is a directory
		{"cfg", "cfg"},
		{"setuppy/m", "setuppy"},
	}
	for _, tc := range tests {
		got := FindRoot(filepath.Join(tmp, tc.dir))
		if want := filepath.Join(tmp, tc.want); got != want {
			t.Errorf("FindRoot(%s) = %s; want %s", tc.dir, got, want)
		}
	}
}

// With no marker anywhere above, the folder itself is the root (a loose
// folder of scripts). Markers are given, not read, so the machine's own
// folders cannot interfere.
func TestFindRootNoMarker(t *testing.T) {
	dir := filepath.FromSlash("/srv/loose/scripts")
	if got := findRoot(dir, func(string) bool { return false }); got != dir {
		t.Errorf("findRoot(%s) with no markers = %s; want the dir itself", dir, got)
	}
	root := filepath.FromSlash("/srv")
	if got := findRoot(dir, func(d string) bool { return d == root }); got != root {
		t.Errorf("findRoot(%s) with a marker in %s = %s", dir, root, got)
	}
}

func TestFindRootRelative(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "p/pyproject.toml", "")
	mkdir(t, tmp, "p/a")
	t.Chdir(filepath.Join(tmp, "p", "a"))
	got := FindRoot(".")
	want, _ := filepath.EvalSymlinks(filepath.Join(tmp, "p"))
	if g, _ := filepath.EvalSymlinks(got); !filepath.IsAbs(got) || g != want {
		t.Errorf("FindRoot(.) = %s; want %s", got, want)
	}
}

func TestPythonRoots(t *testing.T) {
	tmp := t.TempDir()
	flat := mkdir(t, tmp, "flat")
	srcLayout := mkdir(t, tmp, "srclayout")
	mkdir(t, srcLayout, "src/pkg")
	srcFile := mkdir(t, tmp, "srcfile")
	write(t, srcFile, "src", "not a directory")

	tests := []struct {
		root string
		want []string
	}{
		{flat, []string{flat}},
		{srcLayout, []string{srcLayout, filepath.Join(srcLayout, "src")}},
		{srcFile, []string{srcFile}},
	}
	for _, tc := range tests {
		if got := PythonRoots(tc.root); !slices.Equal(got, tc.want) {
			t.Errorf("PythonRoots(%s) = %v; want %v", tc.root, got, tc.want)
		}
	}
}
