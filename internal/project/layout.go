// Package project is the cross-file side of rtlint: where a project's files
// are and how imports between them resolve.
package project

import (
	"os"
	"path/filepath"
	"strings"
)

// RootMarkers are the entries whose presence makes a directory a project
// root. Any one is enough: a Python project may have only setup.py, a JS
// one only package.json, and a bare repository only .git.
var RootMarkers = []string{"pyproject.toml", "setup.cfg", "setup.py", "package.json", ".git"}

// FindRoot returns the nearest ancestor of dir (dir included) that holds a
// RootMarkers entry, as an absolute path. With no marker anywhere above,
// dir itself is the root, so a loose directory of scripts still resolves
// imports among its own files.
func FindRoot(dir string) string {
	return findRoot(absDir(dir), func(d string) bool {
		for _, m := range RootMarkers {
			// A file or a directory: .git is a directory in a clone but a
			// file in a worktree or submodule.
			if _, err := os.Stat(filepath.Join(d, m)); err == nil {
				return true
			}
		}
		return false
	})
}

// findRoot is FindRoot over an absolute dir with the marker test given
// (the shells answer it from cached folder listings).
func findRoot(abs string, hasMarker func(dir string) bool) string {
	for d := abs; ; {
		if hasMarker(d) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// PythonRoots returns the directories top-level Python imports resolve
// from: root, and root/src when the project uses the src layout.
func PythonRoots(root string) []string {
	roots := []string{root}
	src := filepath.Join(root, "src")
	if fi, err := os.Stat(src); err == nil && fi.IsDir() {
		roots = append(roots, src)
	}
	return roots
}

// absDir makes dir absolute; should the working directory be unreadable it
// falls back to the cleaned path rather than failing a lookup outright.
func absDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Clean(dir)
	}
	return abs
}

// isFile reports whether path exists and is not a directory.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// Abs is the absolute form of a path (cleaned as given when the working
// directory is unknown): the one form every shell keys files by.
func Abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// Within reports whether path p lies in folder root (or is it).
func Within(p, root string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
