package facts

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Reader finds and reads each folder's manifests once (SPEC §2b): for a
// file, each kind of source comes from the nearest folder that has one,
// walking up to the repository root.
type Reader struct {
	// Warn hears of a manifest that cannot be read or parsed; its facts
	// are then unknown and linting goes on. Called once per file.
	Warn func(path string, err error)

	mu    sync.Mutex
	byDir map[string]*Project
	// foundFrom is nearest's memo: the nearest manifests of each kind
	// from a folder up.
	foundFrom map[string][][]string
	bySet     map[string]*Project // by the manifests' paths
	parsed    map[string]*Project // one manifest's own facts, by path
	failed    map[string]bool
}

// NewReader returns a reader with empty caches.
func NewReader(warn func(string, error)) *Reader {
	return &Reader{Warn: warn, byDir: map[string]*Project{}, foundFrom: map[string][][]string{}, bySet: map[string]*Project{}, parsed: map[string]*Project{}, failed: map[string]bool{}}
}

// source is one kind of manifest, in the order the nearest ones are
// applied: later kinds win where they overlap.
type source struct {
	names []string // file names, the first present wins; "requirements*.txt" globs
	read  func(*Project, string, []byte) error
}

var sources = []source{
	// The interpreter a developer uses, overridden by the range the
	// project supports (requires-python), which is what fixes must fit.
	{[]string{".python-version"}, readPythonVersion},
	{[]string{"pyproject.toml"}, readPyproject},
	{[]string{"requirements*.txt"}, readRequirements},
	{[]string{"uv.lock", "poetry.lock"}, readTOMLLock},
	{[]string{"Pipfile.lock"}, readPipfileLock},
	{[]string{"rtlint.toml", ".rtlint.toml"}, readRtlintToml},
	{[]string{"package.json"}, readPackageJSON},
	{[]string{"package-lock.json", "npm-shrinkwrap.json"}, readPackageLock},
	{[]string{"pnpm-lock.yaml"}, readPnpmLock},
	{[]string{"yarn.lock"}, readYarnLock},
}

// For returns the facts for a source file (nil when no manifest is found).
func (r *Reader) For(file string) *Project {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil
	}
	return r.forDir(filepath.Dir(abs))
}

func (r *Reader) forDir(dir string) *Project {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.byDir[dir]; ok {
		return p
	}
	found := r.nearest(dir)
	// Folders with the same nearest manifests share one Project, so the
	// shells' per-facts work (configurations, cache keys) is done once.
	var set strings.Builder
	for _, paths := range found {
		for _, path := range paths {
			set.WriteString(path)
			set.WriteByte(0)
		}
		set.WriteByte(1)
	}
	if p, ok := r.bySet[set.String()]; ok {
		r.byDir[dir] = p
		return p
	}
	var p *Project
	for i, s := range sources {
		for _, path := range found[i] {
			one := r.parse(path, s.read)
			if one == nil {
				continue
			}
			if p == nil {
				p = &Project{}
			}
			p.merge(one)
			p.Files = append(p.Files, path)
		}
	}
	r.byDir[dir] = p
	r.bySet[set.String()] = p
	return p
}

// nearest finds the nearest file of each kind from folder d up; the
// repository root is the last folder looked at. Each folder is listed
// once per run, however many folders below it ask.
func (r *Reader) nearest(d string) [][]string {
	if found, ok := r.foundFrom[d]; ok {
		return found
	}
	entries, _ := os.ReadDir(d)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() || e.Type()&os.ModeSymlink != 0 {
			names = append(names, e.Name())
		}
	}
	var up [][]string
	if parent := filepath.Dir(d); !hasGit(entries) && parent != d {
		up = r.nearest(parent)
	}
	found := make([][]string, len(sources))
	for i, s := range sources {
		if found[i] = match(d, names, s.names); found[i] == nil && up != nil {
			found[i] = up[i]
		}
	}
	r.foundFrom[d] = found
	return found
}

// match lists the files of folder d named by one source (every
// requirements*.txt; else the first name present).
func match(d string, names []string, want []string) []string {
	var out []string
	for _, w := range want {
		for _, n := range names {
			if ok, _ := filepath.Match(w, n); ok {
				out = append(out, filepath.Join(d, n))
			}
		}
		if len(out) > 0 {
			sort.Strings(out)
			return out
		}
	}
	return nil
}

func hasGit(entries []os.DirEntry) bool {
	for _, e := range entries {
		if e.Name() == ".git" {
			return true
		}
	}
	return false
}

// parse reads one manifest once; a broken one is warned about once and
// yields nothing.
func (r *Reader) parse(path string, read func(*Project, string, []byte) error) *Project {
	if p, ok := r.parsed[path]; ok || r.failed[path] {
		return p
	}
	var src []byte
	info, err := os.Stat(path)
	if err == nil && !info.Mode().IsRegular() {
		err = errors.New("not a regular file") // a FIFO would block the read
	}
	if err == nil {
		src, err = os.ReadFile(path)
	}
	p := &Project{}
	if err == nil {
		err = read(p, path, src)
	}
	if err != nil {
		r.failed[path] = true
		if r.Warn != nil {
			r.Warn(path, err)
		}
		return nil
	}
	r.parsed[path] = p
	return p
}

// merge lays o's facts over p's.
func (p *Project) merge(o *Project) {
	if o.Python.Known() {
		p.Python = o.Python
	}
	p.FreeThreaded = p.FreeThreaded || o.FreeThreaded
	if o.Node.Known() {
		p.Node = o.Node
	}
	for n, r := range o.Packages {
		p.setPy(n, r)
	}
	for n, r := range o.NodePackages {
		p.setNode(n, r)
	}
}

// Rel names the facts' files relative to dir, for messages.
func (p *Project) Rel(dir string) []string {
	out := make([]string, 0, len(p.Files))
	for _, f := range p.Files {
		if rel, err := filepath.Rel(dir, f); err == nil && !strings.HasPrefix(rel, "..") {
			f = rel
		}
		out = append(out, f)
	}
	return out
}
