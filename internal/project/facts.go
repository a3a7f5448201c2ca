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
	mu      sync.Mutex
	listing map[string]map[string]os.FileMode // folder → its entries' types
	roots   map[string]string                 // folder → project root
	ts      map[string]*TSConfig              // folder → nearest tsconfig (nil: none)
	// Warn receives a broken tsconfig.json once, naming the file; its
	// path aliases are then unknown and linting goes on.
	Warn   func(error)
	warned map[string]bool
}

// NewDisk returns an empty cache.
func NewDisk() *Disk {
	return &Disk{listing: map[string]map[string]os.FileMode{}, roots: map[string]string{}, ts: map[string]*TSConfig{}, warned: map[string]bool{}}
}

// Root returns the project root of a file (an absolute path).
func (d *Disk) Root(file string) string {
	dir := filepath.Dir(file)
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rootLocked(dir)
}

// rootLocked is FindRoot answered from cached folder listings.
func (d *Disk) rootLocked(dir string) string {
	if r, ok := d.roots[dir]; ok {
		return r
	}
	r := findRoot(dir, d.hasMarkerLocked)
	d.roots[dir] = r
	return r
}

func (d *Disk) hasMarkerLocked(dir string) bool {
	entries := d.listLocked(dir)
	for _, m := range RootMarkers {
		if _, ok := entries[m]; ok {
			return true
		}
	}
	return false
}

// listLocked reads a folder's entries once (an unreadable or missing
// folder has none).
func (d *Disk) listLocked(dir string) map[string]os.FileMode {
	if l, ok := d.listing[dir]; ok {
		return l
	}
	l := map[string]os.FileMode{}
	// Reach probes many candidate folders that do not exist ("os/fork"
	// for os.fork); a listed parent without the child answers without a
	// system call.
	if parent, ok := d.listing[filepath.Dir(dir)]; ok && filepath.Dir(dir) != dir {
		if mode, ok := parent[filepath.Base(dir)]; !ok || (!mode.IsDir() && mode&os.ModeSymlink == 0) {
			d.listing[dir] = l
			return l
		}
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			l[e.Name()] = e.Type()
		}
	}
	d.listing[dir] = l
	return l
}

// Exists is the package Exists answered from cached folder listings: the
// CLI asks about many candidate files, most of which are not there.
func (d *Disk) Exists(path string) bool {
	if thirdParty(path) {
		return false
	}
	d.mu.Lock()
	mode, ok := d.listLocked(filepath.Dir(path))[filepath.Base(path)]
	d.mu.Unlock()
	if ok && mode&os.ModeSymlink != 0 {
		return Exists(path) // follow the link
	}
	return ok && mode.IsRegular()
}

// Facts returns the layout facts of a file (an absolute path).
func (d *Disk) Facts(file string) Facts {
	dir := filepath.Dir(file)
	d.mu.Lock()
	defer d.mu.Unlock()
	root := d.rootLocked(dir)
	facts := Facts{PythonRoots: []string{root}}
	if d.listLocked(root)["src"].IsDir() {
		facts.PythonRoots = append(facts.PythonRoots, filepath.Join(root, "src"))
	}
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
		case "node_modules", "site-packages", "dist-packages", ".venv", "venv", "__pypackages__", "vendor", "third_party":
			return true
		}
	}
	return false
}
