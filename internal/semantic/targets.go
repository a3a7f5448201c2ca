package semantic

import (
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// Reach (SPEC §2) follows calls into project functions. One file can say
// where a call leads only as far as its own names go: a function or class
// of this file, or a name imported from a module the project index will
// look up. Target is that much. Anything the file cannot name with
// confidence has no target: a wrong edge costs more than a missing one.

// Target is the project symbol a call may invoke, as one file sees it.
type Target struct {
	// Module is "" for this file. Otherwise, Python: the imported dotted
	// name the call goes through, to be split into module and attribute
	// by the index (relative ones start with dots: ".utils.parse"); JS/TS:
	// the module specifier as written ("./store", "@/lib/db").
	Module string
	// Name is the dotted name inside the module: a function key
	// ("parse", "Outer.inner", "@120" for an anonymous one), a class
	// ("Store": its constructor), a method ("Store.put"); JS "default",
	// or "" for the module object itself (`module.exports = f`).
	Name string
	// Super looks the last segment of Name up in the bases of the class
	// the rest names, not in the class itself (`super().save()`).
	Super bool
}

// member extends a target with an attribute: `u.parse` where u is a module.
func (t Target) member(name string, py bool) Target {
	if py && t.Module != "" {
		t.Module += "." + name
		return t
	}
	if t.Name == "" {
		t.Name = name
	} else {
		t.Name += "." + name
	}
	return t
}

// FuncKey names a function inside its file, stable across edits that do
// not rename it: "parse", "Store.put", "outer.inner"; "@<offset>" for an
// anonymous function (addressable only through this file's own edges).
func (m *Model) FuncKey(fi int) string {
	f := &m.Funcs[fi]
	if f.Name == "" {
		return "@" + strconv.Itoa(int(f.Span.Start))
	}
	switch {
	case f.Class != None:
		return m.ClassKey(f.Class) + "." + f.Name
	case f.Parent != None:
		return m.FuncKey(f.Parent) + "." + f.Name
	}
	return f.Name
}

// ClassKey names a class inside its file: "Store", "outer.Local".
func (m *Model) ClassKey(ci int) string {
	c := &m.Classes[ci]
	if c.Func != None {
		return m.FuncKey(c.Func) + "." + c.Name
	}
	return c.Name
}

// enclosingClass returns the class whose instance `self`/`this` is in
// function fi: the class of the nearest enclosing method (through nested
// Python defs and JS arrows, which see the method's self/this), or None.
func (m *Model) enclosingClass(fi int) int {
	for f := fi; f != None; f = m.Funcs[f].Parent {
		fn := &m.Funcs[f]
		if fn.Class != None {
			return fn.Class
		}
		if m.Lang().IsECMA() && fn.Kind != Arrow {
			return None // a JS function has its own `this`
		}
	}
	return None
}

// maxTargetDepth bounds alias chains followed when naming a target.
const maxTargetDepth = 6

// CallTarget returns the project symbol call ci may invoke (SPEC §2
// "reach"), or ok=false when the file cannot tell.
func (m *Model) CallTarget(ci int) (Target, bool) {
	c := &m.Calls[ci]
	if c.Path == "" || strings.HasPrefix(c.Qualified, "builtins.") && !strings.HasPrefix(c.Path, "super") || m.Lang().IsECMA() && ecmaGlobals[c.Qualified] {
		return Target{}, false // not a name chain, or a builtin
	}
	// The path is the callee with arguments elided: the same chain without
	// copying a callee that holds a big argument (`fetch(...).then`),
	// except for require('x')/import('x'), whose argument is the module.
	text := c.Path
	if strings.HasPrefix(text, "require()") || strings.HasPrefix(text, "import()") {
		text = m.Text(c.Callee)
	}
	ch := parseChain(text)
	if len(ch) == 0 {
		return Target{}, false
	}
	return m.chainTarget(ch, c.Func, 0)
}

// RefTarget returns the project function a reference names (`tick`,
// `self._on_tick`), as passed to an event-loop registration.
func (m *Model) RefTarget(ref string, scope int) (Target, bool) {
	ch := parseChain(ref)
	if len(ch) == 0 || ch[len(ch)-1].call {
		return Target{}, false
	}
	return m.chainTarget(ch, scope, 0)
}

func (m *Model) chainTarget(ch chain, scope, depth int) (Target, bool) {
	if depth > maxTargetDepth {
		return Target{}, false
	}
	// Only the last segment may be a call (the call itself is not in the
	// callee chain): `a().b()` depends on what a returns.
	for i, s := range ch {
		if s.module != "" {
			break
		}
		// `super().m()`, and `C().m()` / `new C().m()` on a fresh instance.
		if s.call && !(i == 0 && (s.name == "super" || len(ch) == 2)) {
			return Target{}, false
		}
	}
	py := m.Lang() == source.Python
	head := ch[0].name
	switch {
	case (head == "self" || head == "cls") && py, head == "this" && !py:
		k := m.enclosingClass(scope)
		if k == None || len(ch) < 2 {
			return Target{}, false
		}
		t := Target{Name: m.ClassKey(k)}
		switch len(ch) {
		case 2:
			return t.member(ch[1].name, py), true
		case 3:
			at, ok := m.ClassAttr(k, ch[1].name)
			if !ok {
				return Target{}, false
			}
			return at.member(ch[2].name, py), true
		}
		return Target{}, false
	case head == "super":
		k := m.enclosingClass(scope)
		if k == None {
			return Target{}, false
		}
		t := Target{Name: m.ClassKey(k), Super: true}
		switch {
		case !py && len(ch) == 1:
			return t.member("constructor", py), true
		case len(ch) == 2:
			return t.member(ch[1].name, py), true
		}
		return Target{}, false
	}
	if ch[0].module != "" { // require('./x').f()
		t := Target{Module: ch[0].module}
		for _, s := range ch[1:] {
			t = t.member(s.name, py)
		}
		return t, true
	}
	r, ok := m.singleRef(head, scope)
	if !ok {
		return Target{}, false
	}
	var t Target
	switch {
	case r.fn > 0:
		if len(ch) != 1 {
			return Target{}, false
		}
		return Target{Name: m.FuncKey(int(r.fn - 1))}, true
	case r.class > 0:
		t = Target{Name: m.ClassKey(int(r.class - 1))}
	case r.fixed != "" && py:
		t = Target{Module: r.fixed}
	case r.fixed != "" && r.imp > 0 && m.Imports[r.imp-1].Module != "":
		imp := &m.Imports[r.imp-1]
		t = Target{Module: imp.Module, Name: imp.Member}
	case r.param > 0:
		pt, ok := m.paramType(head, scope)
		if !ok || len(ch) != 2 {
			return Target{}, false
		}
		return pt.member(ch[1].name, py), true
	case r.value != nil:
		vt, instance, ok := m.valueTarget(r, depth)
		if !ok || instance && len(ch) != 2 {
			return Target{}, false // calling what a call returned
		}
		t = vt
	default:
		return Target{}, false
	}
	for _, s := range ch[1:] {
		t = t.member(s.name, py)
	}
	return t, true
}

// valueTarget names what an assigned value is: another name's target
// (`g = f`), a module (`const u = require('./u')`), or an instance of a
// class (`store = Store()`, `const s = new Store()`): then the instance's
// attributes are the class's (`store.put` → "Store.put").
func (m *Model) valueTarget(r ref, depth int) (t Target, instance, ok bool) {
	v := r.value
	if v[0].module != "" {
		t := Target{Module: v[0].module}
		for _, s := range v[1:] {
			t = t.member(s.name, m.Lang() == source.Python)
		}
		return t, false, true
	}
	plain := make(chain, len(v))
	copy(plain, v)
	plain[len(plain)-1].call = false
	for _, s := range plain {
		if s.call {
			return Target{}, false, false
		}
	}
	instance = v[len(v)-1].call || strings.HasPrefix(strings.TrimSpace(m.Text(r.assign)), "new ")
	t, ok = m.chainTarget(plain, r.scope, depth+1)
	return t, instance, ok
}

// singleRef returns the one binding of a name visible from scope; a name
// bound more than once in its scope is ambiguous.
func (m *Model) singleRef(name string, scope int) (ref, bool) {
	refs, found := m.visible(name, scope)
	if !found || len(refs) != 1 {
		return ref{}, false
	}
	return refs[0], true
}

// paramType returns the class a parameter is annotated with.
func (m *Model) paramType(name string, scope int) (Target, bool) {
	for s := scope; s != None; s = m.Funcs[s].Parent {
		for _, p := range m.Funcs[s].Params {
			if p.Name == name {
				return m.TypeTarget(p.Type, m.Funcs[s].Parent)
			}
		}
	}
	return Target{}, false
}

var (
	pyOptional = lazyre.New(`^(?:typing\.)?Optional\[(.+)\]$`)
	typeUnion  = lazyre.New(`\s*\|\s*`)
)

// TypeTarget names the class a type annotation denotes: `Store`,
// `"Store"`, `Optional[Store]`, `Store | None`, `db.Store`.
func (m *Model) TypeTarget(typ string, scope int) (Target, bool) {
	ch := typeChain(typ)
	if ch == nil {
		return Target{}, false
	}
	return m.chainTarget(ch, scope, 1)
}

// typeChain reduces a type annotation to the one class it names, as a
// name chain: `Store`, `"Store"`, `Optional[Store]`, `Optional["Store"]`,
// `Store | None`, `db.Store`; nil for anything else (a union of classes,
// a generic, a call).
func typeChain(typ string) chain {
	typ = strings.Trim(strings.TrimSpace(typ), `"'`)
	// The substring tests spare the regexps for the common plain name.
	if strings.Contains(typ, "Optional[") {
		if sm := pyOptional.FindStringSubmatch(typ); sm != nil {
			typ = sm[1]
		}
	}
	if !strings.Contains(typ, "|") {
		p := strings.Trim(strings.TrimSpace(typ), `"'`)
		if p == "None" || p == "null" || p == "undefined" || p == "" {
			return nil
		}
		return plainTypeChain(p)
	}
	var parts []string
	for _, p := range typeUnion.Re().Split(typ, -1) {
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		if p != "None" && p != "null" && p != "undefined" && p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) != 1 {
		return nil
	}
	return plainTypeChain(parts[0])
}

func plainTypeChain(typ string) chain {
	ch := parseChain(typ)
	if len(ch) == 0 || ch[len(ch)-1].call {
		return nil
	}
	return ch
}

// OffloadCalls are the calls that run a function they are given somewhere
// other than the event loop (SPEC §2 "offload points"), as qualified names
// or `*.method` patterns. A function written in their arguments is not
// called by the code around it.
var OffloadCalls = []string{
	"asyncio.to_thread", "*.run_in_executor", "anyio.to_thread.run_sync",
	"starlette.concurrency.run_in_threadpool", "fastapi.concurrency.run_in_threadpool",
	"*.async_add_executor_job", "*.async_add_import_executor_job",
	"*.submit", "threading.Thread", "threading.Timer", "multiprocessing.Process", "multiprocessing.Pool",
	"worker_threads.Worker", "Worker",
}

// OffloadSpans returns the argument lists of the offload calls in the
// file (the built-in ones, or those extra names match): a function written
// inside one is run elsewhere, not by the code around it.
func (m *Model) OffloadSpans(extra []string) []Span {
	var out []Span
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Args.IsZero() || c.Path == "" {
			continue
		}
		if builtinOffload(c.Qualified, c.Path) || len(extra) > 0 && MatchesCall(extra, c.Qualified, c.Path) {
			out = append(out, c.Args)
		}
	}
	return out
}

// offloadExact and offloadMethods split OffloadCalls for a map lookup
// per call instead of a glob per pattern.
var offloadExact, offloadMethods = func() (map[string]bool, map[string]bool) {
	exact, methods := map[string]bool{}, map[string]bool{}
	for _, p := range OffloadCalls {
		if m, ok := strings.CutPrefix(p, "*."); ok {
			methods[m] = true
		} else {
			exact[p] = true
		}
	}
	return exact, methods
}()

func builtinOffload(qualified, written string) bool {
	if offloadExact[qualified] || offloadExact[written] {
		return true
	}
	i := strings.LastIndexByte(written, '.')
	return i > 0 && offloadMethods[written[i+1:]]
}

// MatchesCall reports whether a call, by qualified name or as written,
// matches a pattern list: exact names, `*.method` for any receiver, or
// globs with `*`.
func MatchesCall(patterns []string, qualified, written string) bool {
	for _, p := range patterns {
		for _, name := range []string{qualified, written} {
			if name != "" && Glob(p, name) {
				return true
			}
		}
	}
	return false
}

// Glob matches name against a pattern where `*` matches any run of
// characters (dots included) and everything else matches itself.
func Glob(pattern, name string) bool {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		return pattern == name
	}
	if !strings.HasPrefix(name, pattern[:star]) {
		return false
	}
	rest := pattern[star+1:]
	for i := star; i <= len(name); i++ {
		if Glob(rest, name[i:]) {
			return true
		}
	}
	return false
}

// memoDecorator matches caching decorators: functools' `lru_cache`,
// `cache` and `cached_property`; flask-caching's `@cache.memoize()` and
// `@cache.cached()`; cachetools' `@cached(...)`/`ttl_cache`; async-lru's
// `@alru_cache`; aiocache's `@cached`.
var memoDecorator = lazyre.New(`^@\s*(?:[\w.]+\.)?(?:lru_cache|cache|cached_property|memoize|cached|ttl_cache|alru_cache)\s*(?:\(|$)`)

// Memoized reports whether a function caches its result (`@lru_cache`,
// `@cache`, `@cached_property`): what it does runs once, not per call.
func (m *Model) Memoized(fi int) bool {
	for _, d := range m.Funcs[fi].Decorators {
		if memoDecorator.MatchString(d) {
			return true
		}
	}
	return false
}
