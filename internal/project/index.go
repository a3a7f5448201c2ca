package project

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rtlint/rtlint/analyzers"

	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Index is the project's call graph: every known file's summary, with the
// calls between project functions resolved across files. Build it with Add
// and Finish; after Finish it is read-only and safe for concurrent use
// (reach queries are memoised under a lock).
type Index struct {
	files map[string]*entry // by key: the file's absolute, clean path
	// Key maps a path as the shell names it to the index's key (the
	// shell's cwd makes it absolute); identity plus Clean by default.
	Key func(path string) string
	// SiteFix, set by the shell, makes the fix for a Fixable site of the
	// file at path (as the shell names it) whose text had content hash
	// hash; nil when the file's text is no longer that (lint.SiteFixer).
	SiteFix func(path string, hash uint64, site *Site) *analyzers.Fix

	located map[locateKey]located // module resolutions, during Finish
	locator *Locator              // and where modules are under each root
	callers map[node][]edge       // callee → the sites that call it
	callees map[node][]edge       // caller → the sites it makes, resolved
	mu      sync.Mutex
	memo    map[reachQuery]*Path
	// routers are, by file key, the imported objects the file decorates
	// routes with that are routers in another project file.
	routers map[string]map[semantic.Target]bool
}

// Facts are what module resolution needs to know about a file's place
// in the project; the shell reads them from disk (layout.go).
type Facts struct {
	PythonRoots []string  // folders absolute imports resolve from
	TS          *TSConfig // the nearest tsconfig.json, or nil
}

type entry struct {
	key string
	// sum is swapped by Replace when an edit keeps the summary's shape.
	sum   atomic.Pointer[Summary]
	facts Facts
}

func (e *entry) summary() *Summary { return e.sum.Load() }

// node is a function of a file; fn "" is the module's top level.
type node struct{ file, fn string }

// edge is one site: function from (in its file) reaches the callee. The
// site is named by position (function, site index) so that Replace can
// swap in a summary of the same shape with fresh lines and offsets.
type edge struct {
	from   node
	to     node
	fi, si int
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{files: map[string]*entry{}, Key: func(p string) string { return filepath.Clean(p) }}
}

// Add puts (or replaces) a file's summary. Call Finish before queries.
func (ix *Index) Add(path string, s *Summary, facts Facts) {
	s.prepare()
	k := ix.Key(path)
	e := &entry{key: k, facts: facts}
	e.sum.Store(s)
	ix.files[k] = e
	ix.callers, ix.callees, ix.memo = nil, nil, nil
}

// Replace swaps in a newer summary of a file when it has the same shape
// (the same functions, calls, classes and exports: only lines, offsets and
// what it blocks on moved), so the call graph stands; it reports false
// when the graph must be rebuilt (Clone, Add, Finish). Safe to call while
// other goroutines query the index.
func (ix *Index) Replace(path string, s *Summary) bool {
	e := ix.files[ix.Key(path)]
	if e == nil || !sameShape(e.summary(), s) {
		return false
	}
	s.prepare()
	e.sum.Store(s)
	ix.mu.Lock()
	ix.memo = map[reachQuery]*Path{}
	ix.mu.Unlock()
	return true
}

// Clone returns an unfinished index holding the same files, to Add to and
// Finish without disturbing queries on ix.
func (ix *Index) Clone() *Index {
	c := &Index{files: make(map[string]*entry, len(ix.files)), Key: ix.Key}
	for k, e := range ix.files {
		ne := &entry{key: k, facts: e.facts}
		ne.sum.Store(e.summary())
		c.files[k] = ne
	}
	return c
}

// Remove forgets a file.
func (ix *Index) Remove(path string) {
	delete(ix.files, ix.Key(path))
	ix.callers, ix.callees, ix.memo = nil, nil, nil
}

// Has reports whether the index knows a file (by its key).
func (ix *Index) Has(key string) bool { _, ok := ix.files[key]; return ok }

// Summary returns a file's summary, or nil.
func (ix *Index) Summary(path string) *Summary {
	if e := ix.files[ix.Key(path)]; e != nil {
		return e.summary()
	}
	return nil
}

// Paths lists the indexed files' keys (with the server's Key: absolute
// paths), sorted.
func (ix *Index) Paths() []string {
	out := make([]string, 0, len(ix.files))
	for k := range ix.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Len is the number of files in the index.
func (ix *Index) Len() int { return len(ix.files) }

// Finish resolves every site to the function it reaches.
func (ix *Index) Finish() {
	ix.callers, ix.callees, ix.memo = map[node][]edge{}, map[node][]edge{}, map[reachQuery]*Path{}
	ix.routers = map[string]map[semantic.Target]bool{}
	ix.located = make(map[locateKey]located, 4*len(ix.files))
	ix.locator = &Locator{Exists: ix.Has}
	defer func() { ix.located, ix.locator = nil, nil }()
	// In path order, so that the nearest entry reported among equals is
	// the same on every run.
	keys := make([]string, 0, len(ix.files))
	for k := range ix.files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := ix.files[k]
		sum := e.summary()
		for _, t := range sum.RouterImports {
			if ix.isRouter(e, t, 0) {
				if ix.routers[k] == nil {
					ix.routers[k] = map[semantic.Target]bool{}
				}
				ix.routers[k][t] = true
			}
		}
		for fi := range sum.Funcs {
			fn := &sum.Funcs[fi]
			from := node{e.key, fn.Key}
			for si := range fn.Sites {
				site := &fn.Sites[si]
				to, ok := ix.resolve(e, site.Target)
				if !ok || to == from && site.Callback == "" {
					continue
				}
				ed := edge{from: from, to: to, fi: fi, si: si}
				ix.callers[to] = append(ix.callers[to], ed)
				ix.callees[from] = append(ix.callees[from], ed)
			}
		}
	}
}

// Facts returns what the project tells a file's model: which of the
// objects it imports are routers (nil when none is).
func (ix *Index) Facts(path string) *semantic.Facts {
	if r := ix.routers[ix.Key(path)]; len(r) > 0 {
		return &semantic.Facts{Routers: r}
	}
	return nil
}

// NeedFacts lists the files (as the shell named them) whose models the
// index's Facts change: analyse each again with its facts, Add the new
// summary, and Finish once more.
func (ix *Index) NeedFacts() []string {
	var out []string
	for k, r := range ix.routers {
		if len(r) > 0 {
			out = append(out, ix.files[k].summary().Path)
		}
	}
	sort.Strings(out)
	return out
}

// isRouter reports whether target t, seen from file e, is bound to a
// router in its file, following re-exports.
func (ix *Index) isRouter(e *entry, t semantic.Target, depth int) bool {
	if depth > maxSymbolDepth {
		return false
	}
	target, name, ok := ix.locate(e, t)
	if !ok || target == nil || strings.Contains(name, ".") {
		return false
	}
	s := target.summary()
	if slices.Contains(s.Routers, name) {
		return true
	}
	if a, ok := s.Aliases[name]; ok && a.Module != "" {
		return ix.isRouter(target, a, depth+1)
	}
	return false
}

// prepare builds the summary's lookup tables once, before it is shared.
func (s *Summary) prepare() {
	s.funcIndex("")
	if s.classes == nil {
		s.classes = make(map[string]int, len(s.Classes))
		for i := range s.Classes {
			s.classes[s.Classes[i].Key] = i
		}
	}
}

// maxSymbolDepth bounds alias and base-class chains (`a` re-exports `b`
// re-exports `a` ends here).
const maxSymbolDepth = 8

// resolve finds the function a target names, seen from file e.
func (ix *Index) resolve(e *entry, t semantic.Target) (node, bool) {
	return ix.resolveDepth(e, t, 0)
}

func (ix *Index) resolveDepth(e *entry, t semantic.Target, depth int) (node, bool) {
	if depth > maxSymbolDepth {
		return node{}, false
	}
	target, name, ok := ix.locate(e, t)
	if !ok {
		return node{}, false
	}
	return ix.symbol(target, name, t.Super, depth)
}

// locate finds the file a target's module names and the dotted name left
// to look up in it.
func (ix *Index) locate(e *entry, t semantic.Target) (*entry, string, bool) {
	if t.Module == "" {
		return e, t.Name, true
	}
	// Many sites name the same modules from the same folder: resolve each
	// (folder, language, module) once per build.
	py := e.summary().Lang == source.Python
	key := locateKey{filepath.Dir(e.key), py, t.Module}
	r, ok := ix.located[key]
	if !ok {
		r.path, r.name = ix.locator.Locate(e.key, e.summary().Lang, e.facts, semantic.Target{Module: t.Module})
		ix.located[key] = r
	}
	if r.path == "" {
		return nil, "", false
	}
	name := t.Name
	if py {
		name = r.name
	}
	return ix.files[r.path], name, true
}

type locateKey struct {
	dir    string
	py     bool
	module string
}

type located struct{ path, name string }

// Locate finds the project file a target's module names, as a clean
// absolute path that exists says is there, and the dotted name left to
// look up in it; "" when the module is not a project file. from is the
// absolute path of the importing file.
func Locate(from string, lang source.Language, facts Facts, t semantic.Target, exists func(string) bool) (string, string) {
	return (&Locator{Exists: exists}).Locate(from, lang, facts, t)
}

// A Locator is Locate with each Python module's place under each import
// root found once: every folder of a project imports the same modules
// from the same roots, and each answer costs up to two probes per
// segment of the dotted name.
type Locator struct {
	Exists func(string) bool
	memo   map[moduleIn]located
}

type moduleIn struct {
	base, dotted string
	relative     bool
}

// Locate is the package Locate.
func (l *Locator) Locate(from string, lang source.Language, facts Facts, t semantic.Target) (string, string) {
	if t.Module == "" {
		return from, t.Name
	}
	if lang != source.Python {
		return ResolveECMA(t.Module, from, facts.TS, l.Exists), t.Name
	}
	dotted := t.Module
	dots := len(dotted) - len(strings.TrimLeft(dotted, "."))
	if dots > 0 {
		base := filepath.Dir(from)
		for i := 1; i < dots; i++ {
			base = filepath.Dir(base)
		}
		return l.in(base, dotted[dots:], true)
	}
	for _, root := range facts.PythonRoots {
		if p, name := l.in(root, dotted, false); p != "" {
			return p, name
		}
	}
	return l.in(filepath.Dir(from), dotted, false)
}

func (l *Locator) in(base, dotted string, relative bool) (string, string) {
	key := moduleIn{base, dotted, relative}
	if r, ok := l.memo[key]; ok {
		return r.path, r.name
	}
	var r located
	r.path, r.name = pyModuleIn(base, strings.Split(dotted, "."), relative, l.Exists)
	if l.memo == nil {
		l.memo = map[moduleIn]located{}
	}
	l.memo[key] = r
	return r.path, r.name
}

// pyModuleIn looks for the longest module prefix of parts under base:
// ".utils.parse" from pkg/app.py is pkg/utils.py's "parse";
// "pkg.mod.Store.put" is pkg/mod.py's "Store.put". relative allows the
// package itself (`from . import x` reads base/__init__.py).
func pyModuleIn(base string, parts []string, relative bool, exists func(string) bool) (string, string) {
	for j := len(parts); j >= 0; j-- {
		if j == 0 && !relative {
			break
		}
		dir := joinModule(base, parts[:j])
		if j > 0 && exists(dir+".py") {
			return dir + ".py", strings.Join(parts[j:], ".")
		}
		if init := dir + string(filepath.Separator) + "__init__.py"; exists(init) {
			return init, strings.Join(parts[j:], ".")
		}
	}
	return "", ""
}

// joinModule is filepath.Join(base, parts...) for a clean base and plain
// identifiers, without Join's cleaning pass (reach resolves thousands of
// candidate modules per run); anything else goes through Join.
func joinModule(base string, parts []string) string {
	n := len(base)
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.ContainsAny(p, `/\`) {
			return filepath.Join(append([]string{base}, parts...)...)
		}
		n += 1 + len(p)
	}
	if len(parts) == 0 || base == "" || strings.HasSuffix(base, string(filepath.Separator)) || filepath.Clean(base) != base {
		return filepath.Join(append([]string{base}, parts...)...)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	for _, p := range parts {
		b.WriteByte(filepath.Separator)
		b.WriteString(p)
	}
	return b.String()
}

// symbol finds the function a dotted name denotes in file e: a function,
// a class's constructor, a method (inherited ones included), or whatever
// an alias of the file stands for.
func (ix *Index) symbol(e *entry, name string, super bool, depth int) (node, bool) {
	s := e.summary()
	if !super {
		if i := s.funcIndex(name); i > 0 {
			return node{e.key, name}, true
		}
	}
	if k, ok := s.classes[name]; ok && !super {
		return ix.method(e, k, constructor(s.Lang), false, depth) // C() → C.__init__
	}
	// The longest class prefix: "Store.put" → class Store, method put.
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if k, ok := s.classes[name[:i]]; ok {
			return ix.method(e, k, name[i+1:], super, depth)
		}
	}
	if super {
		return node{}, false
	}
	head, rest, _ := strings.Cut(name, ".")
	if a, ok := s.Aliases[head]; ok {
		if rest != "" {
			a = aliasMember(a, rest, s.Lang)
		}
		return ix.resolveDepth(e, a, depth+1)
	}
	for _, mod := range s.Star {
		if n, ok := ix.resolveDepth(e, semantic.Target{Module: mod, Name: name}, depth+1); ok {
			return n, true
		}
	}
	// CommonJS `module.exports = Repo`: the module is the class, so
	// `require('./repo')` then `.findAll` is Repo.findAll.
	if a, ok := s.Aliases[""]; ok && name != "" {
		return ix.resolveDepth(e, aliasMember(a, name, s.Lang), depth+1)
	}
	return node{}, false
}

func aliasMember(t semantic.Target, rest string, lang source.Language) semantic.Target {
	if lang == source.Python && t.Module != "" {
		t.Module += "." + rest
	} else if t.Name == "" {
		t.Name = rest
	} else {
		t.Name += "." + rest
	}
	return t
}

func constructor(lang source.Language) string {
	if lang == source.Python {
		return "__init__"
	}
	return "constructor"
}

// method looks a method up on class k of file e and then on its bases,
// depth first, left to right (Python's MRO for the common cases); with
// skipSelf (super()) only the bases are searched.
func (ix *Index) method(e *entry, k int, name string, skipSelf bool, depth int) (node, bool) {
	if depth > maxSymbolDepth {
		return node{}, false
	}
	cls := &e.summary().Classes[k]
	if !skipSelf {
		key := cls.Key + "." + name
		if e.summary().funcIndex(key) > 0 {
			return node{e.key, key}, true
		}
	}
	for _, b := range cls.Bases {
		be, bk, ok := ix.class(e, b, depth+1)
		if !ok {
			continue
		}
		if n, ok := ix.method(be, bk, name, false, depth+1); ok {
			return n, true
		}
	}
	return node{}, false
}

// class finds the class a target names.
func (ix *Index) class(e *entry, t semantic.Target, depth int) (*entry, int, bool) {
	if depth > maxSymbolDepth {
		return nil, 0, false
	}
	target, name, ok := ix.locate(e, t)
	if !ok {
		return nil, 0, false
	}
	if k, ok := target.summary().classes[name]; ok {
		return target, k, true
	}
	head, rest, _ := strings.Cut(name, ".")
	if a, ok := target.summary().Aliases[head]; ok {
		if rest != "" {
			a = aliasMember(a, rest, target.summary().Lang)
		}
		return ix.class(target, a, depth+1)
	}
	for _, mod := range target.summary().Star {
		if te, k, ok := ix.class(target, semantic.Target{Module: mod, Name: name}, depth+1); ok {
			return te, k, true
		}
	}
	if a, ok := target.summary().Aliases[""]; ok {
		if name != "" {
			a = aliasMember(a, name, target.summary().Lang)
		}
		return ix.class(target, a, depth+1)
	}
	return nil, 0, false
}
