package project

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Disk reads the layout facts of files from disk, caching per folder. The
// shells (CLI, server) use it; the core only sees the Facts it returns.
type Disk struct {
	mu    sync.Mutex
	roots map[string]string    // folder → project root
	ts    map[string]*TSConfig // folder → nearest tsconfig (nil: none)
	// Warn receives a broken tsconfig.json once, naming the file; its
	// path aliases are then unknown and linting goes on.
	Warn   func(error)
	warned map[string]bool
}

// NewDisk returns an empty cache.
func NewDisk() *Disk {
	return &Disk{roots: map[string]string{}, ts: map[string]*TSConfig{}, warned: map[string]bool{}}
}

// Root returns the project root of a file (an absolute path).
func (d *Disk) Root(file string) string {
	dir := filepath.Dir(file)
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rootLocked(dir)
}

func (d *Disk) rootLocked(dir string) string {
	if r, ok := d.roots[dir]; ok {
		return r
	}
	r := FindRoot(dir)
	d.roots[dir] = r
	return r
}

// Facts returns the layout facts of a file (an absolute path).
func (d *Disk) Facts(file string) Facts {
	dir := filepath.Dir(file)
	d.mu.Lock()
	defer d.mu.Unlock()
	root := d.rootLocked(dir)
	facts := Facts{PythonRoots: PythonRoots(root)}
	if strings.HasSuffix(file, ".py") || strings.HasSuffix(file, ".pyi") {
		return facts
	}
	ts, ok := d.ts[dir]
	if !ok {
		if p := FindTSConfig(dir, root); p != "" {
			var err error
			if ts, err = LoadTSConfig(p); err != nil {
				ts = nil
				if d.Warn != nil && !d.warned[p] {
					d.warned[p] = true
					d.Warn(err)
				}
			}
		}
		d.ts[dir] = ts
	}
	facts.TS = ts
	return facts
}

// Exists reports whether a path is a regular project file reach may read:
// never third-party code (node_modules, site-packages, virtualenvs).
func Exists(path string) bool {
	if thirdParty(path) {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func thirdParty(path string) bool {
	for _, seg := range strings.Split(filepath.ToSlash(path), "/") {
		switch seg {
		case "node_modules", "site-packages", "dist-packages", ".venv", "venv", "__pypackages__":
			return true
		}
	}
	return false
}
