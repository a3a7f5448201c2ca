package project

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Kind is what an entry point is for a rule family.
type Kind uint8

const (
	// OnLoop: code on the event loop (RT1xx): async bodies, JS handlers,
	// event-loop callbacks.
	OnLoop Kind = iota + 1
	// Hot: code run per request or per iteration (RT4xx).
	Hot
)

// DefaultMaxDepth bounds reach paths (calls from the entry to the blocking
// function): `max-depth` in the configuration.
const DefaultMaxDepth = 6

// Path is how a function is reached from an entry point: the nearest
// entry, and the hops from it to the function.
type Path struct {
	// Where the entry runs: Request, Startup, Test or Script.
	Where string
	// Entry describes the entry: "async def async_setup_entry()".
	Entry string
	// EntryPath and EntryLine place the entry's first call on the path.
	EntryPath string
	// EntryHash is the content hash of the text First was found in.
	EntryHash uint64
	EntryLine int
	// Through names the functions from the entry's callee to the reached
	// function: ["retrieve_session_token()"].
	Through []string
	// Hops are the calls along the path, from the entry on.
	Hops []Hop
	// Others counts further entry functions that reach it.
	Others int
	// Fix, when set, moves the entry's call off the loop; its edits are in
	// the file at EntryPath.
	First *Site
}

// Hop is one call on a reach path.
type Hop struct {
	Path      string // as the shell names the file
	Line, Col int
	Message   string // "async def h() calls load()"
}

type reachQuery struct {
	n        node
	kind     Kind
	maxDepth int
}

// isEntry reports whether a site makes its callee run in an entry context.
func isEntry(site *Site, lang source.Language, kind Kind) bool {
	switch kind {
	case OnLoop:
		return site.Callback != "" || semantic.OnLoop(lang, site.Context)
	case Hot:
		return site.Callback == "" && site.Context.Has(semantic.Hot)
	}
	return false
}

// Reach returns how function fn of a file is reached from an entry of the
// given kind within maxDepth calls, or nil when it is not: only from sync
// code, only at startup (module top level), only through offload points,
// or not at all. Functions that cache their result are not followed.
func (ix *Index) Reach(path, fn string, kind Kind, maxDepth int) *Path {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	q := reachQuery{node{ix.Key(path), fn}, kind, maxDepth}
	ix.mu.Lock()
	if p, ok := ix.memo[q]; ok {
		ix.mu.Unlock()
		return p
	}
	ix.mu.Unlock()
	p := ix.reach(q)
	ix.mu.Lock()
	ix.memo[q] = p
	ix.mu.Unlock()
	return p
}

// reach walks callers breadth first from the function, so the first entry
// found is a nearest one; every path found has one shortest call chain.
func (ix *Index) reach(q reachQuery) *Path {
	if ix.callers == nil || q.n.fn == "" || ix.funcOf(q.n) == nil || ix.funcOf(q.n).Memoized {
		return nil
	}
	next := map[node]edge{q.n: {}} // a visited function → its call on the way to q.n
	frontier := []node{q.n}
	var found []edge // the first call from each entry, nearest first
	entries := map[node]bool{}
	for depth := 1; depth <= q.maxDepth && len(frontier) > 0; depth++ {
		var following []node
		for _, n := range frontier {
			for _, ed := range ix.callers[n] {
				from := ix.files[ed.from.file]
				if isEntry(ix.site(ed), from.summary().Lang, q.kind) {
					if !entries[ed.from] {
						entries[ed.from] = true
						found = append(found, ed)
					}
					continue
				}
				if ed.from.fn == "" || ix.site(ed).Callback != "" {
					continue // module top level: startup code
				}
				if f := ix.funcOf(ed.from); f == nil || f.Memoized {
					continue
				}
				if _, seen := next[ed.from]; seen {
					continue
				}
				next[ed.from] = ed
				following = append(following, ed.from)
			}
		}
		frontier = following
	}
	if len(found) == 0 {
		return nil
	}
	// The entry to name: the nearest one serving requests; startup code,
	// then tests and scripts, only when nothing else reaches the function.
	first, where := found[0], ""
	for rank := 0; rank < 3 && where == ""; rank++ {
		for _, ed := range found {
			if w := ix.entryWhere(ed.from); whereRank(w) == rank {
				first, where = ed, w
				break
			}
		}
	}
	entryFile := ix.files[first.from.file]
	entryFunc := ix.funcOf(first.from)
	p := &Path{
		Where:     where,
		Entry:     entryFunc.Desc,
		EntryPath: entryFile.summary().Path,
		EntryHash: entryFile.summary().Hash,
		EntryLine: int(ix.site(first).Line),
		Others:    len(entries) - 1,
		First:     ix.site(first),
	}
	switch site := ix.site(first); {
	case site.Callback != "":
		p.Entry = site.Callback
	case q.kind == Hot && !site.Context.Has(semantic.Handler):
		p.Entry = "a loop in " + entryFunc.Desc
	case entryFunc.Handler != "" && (q.kind == Hot || !entryFunc.Async):
		// Per request is why it counts for RT4xx; a sync JS handler is on
		// the loop because it is one.
		p.Entry = entryFunc.Handler
	}
	caller := p.Entry
	if ix.site(first).Callback != "" {
		caller = entryFunc.Desc
	}
	for ed := first; ; {
		callee := ix.funcOf(ed.to)
		msg := caller + " calls " + ix.site(ed).Text
		if ix.site(ed).Callback != "" {
			msg = fmt.Sprintf("%s hands %s to the event loop as a %s", caller, ix.site(ed).Text, ix.site(ed).Callback)
		}
		if strings.TrimSuffix(ix.site(ed).Text, "()") != strings.TrimSuffix(callee.Name, "()") {
			msg += " (" + callee.Name + ")"
		}
		p.Hops = append(p.Hops, Hop{Path: ix.files[ed.from.file].summary().Path, Line: int(ix.site(ed).Line), Col: int(ix.site(ed).Col), Message: msg})
		p.Through = append(p.Through, callee.Name)
		caller = callee.Name
		if ed.to == q.n {
			break
		}
		ed = next[ed.to]
	}
	return p
}

// entryWhere says where an entry function runs: a test or script file's
// role, Startup for a function that runs once, else Request.
func (ix *Index) entryWhere(n node) string {
	if role := FileRole(ix.files[n.file].summary().Path); role != "" {
		return role
	}
	if f := ix.funcOf(n); f != nil && f.RunsOnce {
		return Startup
	}
	return Request
}

func whereRank(w string) int {
	switch w {
	case Request:
		return 0
	case Startup:
		return 1
	}
	return 2
}

func (ix *Index) funcOf(n node) *Func {
	e := ix.files[n.file]
	if e == nil {
		return nil
	}
	i := e.summary().funcIndex(n.fn)
	if i < 0 {
		return nil
	}
	return &e.summary().Funcs[i]
}

// Describe renders a path for a message: "reached from async def h()
// (line 12) through load() → read()", naming another file by its path
// relative to the reached file's folder.
func (p *Path) Describe(fromPath string) string {
	where := fmt.Sprintf("line %d", p.EntryLine)
	if p.EntryPath != fromPath {
		where = fmt.Sprintf("%s:%d", filepath.ToSlash(p.EntryPath), p.EntryLine)
	}
	s := fmt.Sprintf("reached from %s (%s) through %s", p.Entry, where, strings.Join(p.Through, " → "))
	switch p.Others {
	case 0:
	case 1:
		s += " (and 1 other entry)"
	default:
		s += fmt.Sprintf(" (and %d other entries)", p.Others)
	}
	return s
}

// Reached is a blocking call some call of a function leads to.
type Reached struct {
	Path  string // the file of the blocking call, as the shell names it
	Block Block
	Via   []string // the functions from the called one to the one blocking
}

// Blocking returns the blocking calls a call to function fn reaches
// through project calls within maxDepth, each with one shortest path:
// the transitive closure of the summaries' Blocks (SPEC §2 "reach").
func (ix *Index) Blocking(path, fn string, maxDepth int) []Reached {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	start := node{ix.Key(path), fn}
	via := map[node][]string{start: nil}
	frontier := []node{start}
	var out []Reached
	for depth := 0; depth <= maxDepth && len(frontier) > 0; depth++ {
		var following []node
		for _, n := range frontier {
			f := ix.funcOf(n)
			if f == nil || f.Memoized {
				continue
			}
			chain := append(append([]string{}, via[n]...), f.Name)
			for _, b := range f.Blocks {
				out = append(out, Reached{Path: ix.files[n.file].summary().Path, Block: b, Via: chain})
			}
			for _, ed := range ix.callees[n] {
				if _, seen := via[ed.to]; seen || ix.site(ed).Callback != "" {
					continue
				}
				if g := ix.funcOf(ed.to); g == nil || g.Async {
					continue // an async callee's body is its own entry
				}
				via[ed.to] = chain
				following = append(following, ed.to)
			}
		}
		frontier = following
	}
	return out
}

// site returns the site an edge stands for, in the file's current summary.
func (ix *Index) site(ed edge) *Site {
	return &ix.files[ed.from.file].summary().Funcs[ed.fi].Sites[ed.si]
}

// TestOrScript reports whether a path is test code or a script (SPEC §2
// "where it runs"): tests/, test_*.py, *_test.py, conftest.py, *.test.*,
// *.spec.*, __tests__/, e2e/, scripts/.
func TestOrScript(path string) bool { return FileRole(path) != "" }

// Where a file's code runs (SPEC §2 "where it runs"), for findings' `where`.
const (
	Request = "request"
	Startup = "startup"
	Test    = "test"
	Script  = "script"
)

// FileRole tells test files ("test") and scripts, migrations and build
// configuration ("script") from application code (""), by path.
func FileRole(path string) string {
	p := "/" + filepath.ToSlash(path)
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	for _, dir := range []string{"/tests/", "/test/", "/__tests__/", "/e2e/", "/testing/"} {
		if strings.Contains(p, dir) {
			return Test
		}
	}
	// A script's folder wins over a test-like name (scripts/load_test.py
	// is a script).
	for _, dir := range []string{"/scripts/", "/bin/", "/migrations/", "/alembic/"} {
		if strings.Contains(p, dir) {
			return Script
		}
	}
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(stem, "_test") || base == "conftest.py" ||
		strings.HasSuffix(stem, ".test") || strings.HasSuffix(stem, ".spec") {
		return Test
	}
	// Build configuration: vite.config.ts, webpack.config.js, next.config.mjs,
	// gulpfile.js; Expo config plugins (plugins/withX.js).
	if strings.HasSuffix(stem, ".config") || stem == "gulpfile" || stem == "Gruntfile" || stem == "setup" && filepath.Ext(base) == ".py" ||
		strings.Contains(p, "/plugins/with") {
		return Script
	}
	return ""
}

// BlockingAt returns what the call of a project function at byte offset
// off of a file reaches (Blocking of its callee), with the callee's name,
// when the index's copy of the file has the given content hash (its
// offsets are the document's); nil otherwise.
func (ix *Index) BlockingAt(path string, hash uint64, off, maxDepth int) (callee string, reached []Reached) {
	e := ix.files[ix.Key(path)]
	if e == nil || e.summary().Hash != hash {
		return "", nil
	}
	for _, fn := range e.summary().Funcs {
		for _, ed := range ix.callees[node{e.key, fn.Key}] {
			site := ix.site(ed)
			if site.Callback != "" || off < int(site.Start) || off >= int(site.End) {
				continue
			}
			if f := ix.funcOf(ed.to); f != nil && !f.Async {
				return f.Name, ix.Blocking(ed.to.file, ed.to.fn, maxDepth)
			}
		}
	}
	return "", nil
}
