package semantic

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// ref is one way a name got bound in a scope.
type ref struct {
	fixed string // an import's qualified name, "" for a shadowing definition
	value chain  // an assignment's value, resolved lazily in scope
	scope int
	// What defines the name, for reach (targets.go) and annotations; kept
	// small, as every binding of a file is one ref.
	fn, class int32 // index + 1 of a function or class defined here; 0 otherwise
	imp       int32 // index + 1 into Model.Imports of the import that binds it
	param     int32 // index + 1 of the parameter, of function scope
	assign    Span  // an assignment's value
}

// bind records every name each scope defines: imports and require()s,
// assignments, function and class names, parameters.
func (b *builder) bind() {
	m := b.m
	refs := map[scopedName][]ref{}
	put := func(scope int, name string, r ref) {
		if name == "" {
			return
		}
		k := scopedName{scope, name}
		refs[k] = append(refs[k], r)
	}
	py := m.Lang() == source.Python
	funcAt := make(map[Span]int)
	for i, f := range m.Funcs {
		if f.Kind == Arrow || f.Kind == FuncExpr {
			funcAt[f.Span] = i
		}
	}
	for _, bd := range b.bindings {
		if bd.name.IsZero() { // an import statement
			text := m.Text(bd.span)
			var bs []binding
			if py {
				bs = pythonImport(text)
			} else {
				bs = ecmaImports(text)
			}
			for _, x := range bs {
				m.Imports = append(m.Imports, Import{Span: bd.span, Local: x.local, Qualified: x.qualified, Func: bd.scope,
					Module: x.module, Member: x.member})
				put(bd.scope, x.local, ref{fixed: x.qualified, imp: int32(len(m.Imports))})
			}
			continue
		}
		name := m.Text(bd.name)
		if py && strings.Contains(name, ",") {
			b.bindTuple(bd, name, put)
			continue
		}
		value := parseChain(unwrapInterop(m.Text(bd.value)))
		if py {
			if ann := annotationChain(m, bd); ann != nil {
				value = ann // the declared type wins, as in a type checker
			}
		}
		if pairs, ok := destructured(name); ok {
			for _, p := range pairs {
				if value == nil {
					put(bd.scope, p[1], ref{})
					continue
				}
				v := append(append(chain{}, value...), segment{name: p[0]})
				put(bd.scope, p[1], ref{value: v, scope: bd.scope, assign: bd.value})
				b.recordRequire(bd, p[1], v)
			}
			continue
		}
		r := ref{value: value, scope: bd.scope, assign: bd.value}
		if fi, ok := funcAt[bd.value]; ok {
			r.fn = int32(fi + 1) // const f = () => {}
		}
		put(bd.scope, name, r)
		b.recordRequire(bd, name, value)
		if isIdentifier(name) {
			m.Assignments = append(m.Assignments, Assignment{Span: bd.span, Name: name, Value: bd.value, Func: bd.scope})
		}
	}
	for i, f := range m.Funcs {
		if f.Name != "" && f.Kind == Def && f.Class == None {
			put(f.Parent, f.Name, ref{fn: int32(i + 1)})
		}
		if f.Kind == FuncExpr && f.Name != "" {
			put(i, f.Name, ref{fn: int32(i + 1)})
		}
		for j, p := range f.Params {
			put(i, p.Name, ref{param: int32(j + 1), scope: i})
		}
	}
	for i, c := range m.Classes {
		put(c.Func, c.Name, ref{class: int32(i + 1)})
	}
	m.refs = refs
	m.scopesOf = make(map[string][]int, len(refs))
	for k := range refs {
		m.scopesOf[k.name] = append(m.scopesOf[k.name], k.scope)
	}
}

// annotationChain reads an annotated assignment's declared type
// (`client: httpx.Client = ...`, `c: Optional["Client"] = make()`) as the
// chain of a fresh instance of it: the name then holds such an instance,
// whatever the right-hand side says. nil when there is no annotation or it
// names no one class.
func annotationChain(m *Model, bd rawBinding) chain {
	if bd.value.Start < bd.name.End {
		return nil // `with make() as client`: the value comes first
	}
	between := strings.TrimSpace(string(m.File.Src[bd.name.End:bd.value.Start]))
	typ, ok := strings.CutPrefix(between, ":")
	if !ok {
		return nil
	}
	ch := typeChain(strings.TrimSuffix(strings.TrimSpace(typ), "="))
	if ch == nil {
		return nil
	}
	ch[len(ch)-1].call = true
	return ch
}

// bindTuple binds `a, b = x(), y()` and `(p1, p2) = (Path("a"),
// Path("b"))` element by element when both sides have as many parts;
// otherwise (`a, b = pair()`, starred targets) each name is just bound.
func (b *builder) bindTuple(bd rawBinding, names string, put func(int, string, ref)) {
	m := b.m
	targets := splitTopLevel(strings.Trim(strings.TrimSpace(names), "()[]"), false)
	value := strings.TrimSpace(m.Text(bd.value))
	if strings.HasPrefix(value, "(") && matchParen(value, 0) == len(value)-1 {
		value = value[1 : len(value)-1]
	}
	values := splitTopLevel(value, false)
	for i, t := range targets {
		t = strings.TrimSpace(t)
		if !isIdentifier(t) {
			if n := strings.TrimLeft(t, "*"); isIdentifier(n) {
				put(bd.scope, n, ref{}) // starred: a list, bound here
			}
			continue
		}
		if len(values) == len(targets) {
			put(bd.scope, t, ref{value: parseChain(values[i]), scope: bd.scope, assign: bd.value})
			continue
		}
		put(bd.scope, t, ref{})
	}
}

// recordRequire lists `const x = require('m')` (and `await import('m')`)
// among the imports, so ImportsModule sees CommonJS modules too.
func (b *builder) recordRequire(bd rawBinding, local string, value chain) {
	if len(value) > 0 && value[0].module != "" {
		q := b.m.resolveChain(value, bd.scope)
		b.m.Imports = append(b.m.Imports, Import{Span: bd.span, Local: local, Qualified: q, Func: bd.scope})
	}
}

// resolveCalls computes every call's qualified callee.
func (b *builder) resolveCalls() {
	m := b.m
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Path != "" {
			c.Qualified = m.resolveChain(b.callees[i], c.Func)
		}
	}
}

// maxResolveDepth bounds alias chains (`a = b; b = a`).
const maxResolveDepth = 8

func (m *Model) resolveChain(c chain, scope int) string {
	return m.resolveDepth(c, scope, 0)
}

func (m *Model) resolveDepth(c chain, scope, depth int) string {
	if len(c) == 0 || depth > maxResolveDepth {
		return ""
	}
	head := c[0]
	var q string
	switch {
	case head.module != "":
		q = head.module
		if m.Lang().IsECMA() {
			member := ""
			if len(c) > 1 {
				member = c[1].name
			}
			q = moduleFor(q, member)
		}
	case len(c) >= 3 && !head.call && !c[1].call && m.isSelf(head.name):
		// self.client.get() where the class holds an httpx.Client: by
		// annotation, assignment or constructor (SPEC §2 "bindings").
		q = m.attrInstance(c[1].name, scope)
		if q == "" {
			return ""
		}
		if rest := c[2:].String(); rest != "" {
			return q + "." + rest
		}
		return q
	default:
		var ok bool
		q, ok = m.lookup(head.name, scope, depth)
		if !ok {
			q = m.global(head.name)
		}
		if q == "" {
			return ""
		}
		if head.call {
			q += "()"
		}
	}
	rest := c[1:].String()
	if rest == "" {
		return q
	}
	return q + "." + rest
}

// lookup finds the binding of a name visible from scope, walking out
// through enclosing functions. ok is false when no scope binds the name.
func (m *Model) lookup(name string, scope, depth int) (q string, ok bool) {
	key, found := m.bindingScope(name, scope)
	if !found {
		return "", false
	}
	// A name is used many times and may be bound many times (a module
	// re-importing it per function): combine its bindings once per depth.
	// The depth is part of the key because a nested question may be cut
	// short by the depth bound where a shallower one is not; with it every
	// (binding scope, depth) is combined once, so resolution stays linear
	// when bindings' values name other names bound many times.
	at := depthName{key, depth}
	if q, ok := m.combined[at]; ok {
		return q, true
	}
	q = m.combine(m.refs[key], depth)
	if m.combined == nil {
		m.combined = map[depthName]string{}
	}
	m.combined[at] = q
	return q, true
}

// visible returns the bindings of a name in the innermost scope at or
// around scope that binds it. A name is bound in few scopes, so the
// innermost enclosing one is picked among them (enclosing is span
// containment), whatever the nesting depth; a name bound in many scopes
// (a parameter every callback takes) walks out instead.
func (m *Model) visible(name string, scope int) ([]ref, bool) {
	key, found := m.bindingScope(name, scope)
	if !found {
		return nil, false
	}
	return m.refs[key], true
}

// bindingScope names the innermost scope at or around scope that binds a
// name (see visible).
func (m *Model) bindingScope(name string, scope int) (scopedName, bool) {
	if scopes := m.scopesOf[name]; len(scopes) <= 16 {
		best, found := None, false
		for _, s := range scopes {
			if m.encloses(s, scope) && (!found || m.encloses(best, s)) {
				best, found = s, true
			}
		}
		return scopedName{best, name}, found
	}
	for s := scope; ; s = m.Funcs[s].Parent {
		if _, found := m.refs[scopedName{s, name}]; found {
			return scopedName{s, name}, true
		}
		if s == None {
			return scopedName{}, false
		}
	}
}

// encloses reports whether scope outer is scope inner or encloses it
// (None, the module, encloses everything).
func (m *Model) encloses(outer, inner int) bool {
	switch {
	case outer == inner, outer == None:
		return true
	case inner == None:
		return false
	}
	return m.Funcs[outer].Span.Contains(m.Funcs[inner].Span)
}

// combine merges the bindings of one name in one scope. Precision first:
// a shadowing definition or disagreeing assignments leave it unresolved.
func (m *Model) combine(refs []ref, depth int) string {
	q := ""
	for i := range refs {
		r := &refs[i]
		v := r.fixed
		if r.value != nil {
			v = m.resolveDepth(r.value, r.scope, depth+1)
		}
		if r.param > 0 {
			v = m.paramInstance(r.scope, int(r.param-1), depth+1) // client: httpx.Client
		}
		if v == "" || (i > 0 && v != q) {
			return ""
		}
		q = v
	}
	return q
}

// instanceOf resolves a type annotation to the qualified name of an
// instance of it, as calls on such a binding are named in the catalogs:
// `httpx.Client`, `Optional[httpx.Client]`, `"httpx.Client"`,
// `httpx.Client | None` → "httpx.Client()". "" when the type is not an
// imported class (builtins and local classes are not catalogued).
func (m *Model) instanceOf(typ string, scope, depth int) string {
	ch := typeChain(typ)
	if ch == nil {
		return ""
	}
	q := m.resolveDepth(ch, scope, depth)
	if q == "" || strings.HasPrefix(q, "builtins.") || !strings.Contains(q, ".") {
		return ""
	}
	return q + "()"
}

// paramInstance resolves parameter j of function fi's annotation to an
// instance of the class it names (instanceOf), once per parameter.
func (m *Model) paramInstance(fi, j, depth int) string {
	typ := m.Funcs[fi].Params[j].Type
	if typ == "" {
		return ""
	}
	key := [2]int{fi, j}
	if q, ok := m.paramTypes[key]; ok {
		return q
	}
	q := m.instanceOf(typ, m.Funcs[fi].Parent, depth)
	if m.paramTypes == nil {
		m.paramTypes = map[[2]int]string{}
	}
	m.paramTypes[key] = q
	return q
}

// isSelf reports whether a name is the instance in a method.
func (m *Model) isSelf(name string) bool {
	if m.Lang() == source.Python {
		return name == "self"
	}
	return name == "this"
}

// attrInstance names the library class an attribute of the enclosing
// class holds, as an instance ("httpx.Client()"), or "" (unknown, or a
// project class: those are followed by reach, not matched by catalogs).
func (m *Model) attrInstance(attr string, scope int) string {
	if scope == None {
		return ""
	}
	k := m.enclosingClass(scope)
	if k == None {
		return ""
	}
	t, ok := m.ClassAttr(k, attr)
	if !ok || t.Module == "" || t.Super || strings.HasPrefix(t.Module, ".") || strings.HasPrefix(t.Module, "/") {
		return ""
	}
	if m.Lang() == source.Python {
		return t.Module + "()"
	}
	q := NormalizeModule(t.Module)
	if t.Name != "" && t.Name != "default" {
		q += "." + t.Name
	}
	return q + "()"
}

// global resolves a name no scope binds: Python builtins, JS globals.
func (m *Model) global(name string) string {
	if m.Lang() == source.Python {
		return "builtins." + name
	}
	if ecmaGlobals[name] {
		return name
	}
	return ""
}

// ecmaGlobals are the JS/TS globals rules refer to; any other unbound name
// stays unresolved rather than being mistaken for a module.
var ecmaGlobals = map[string]bool{
	"Atomics": true, "XMLHttpRequest": true, "Date": true, "performance": true,
	"process": true, "JSON": true, "Math": true, "Buffer": true, "globalThis": true,
	"require": true, "setTimeout": true, "setInterval": true, "setImmediate": true,
	"structuredClone": true, "fetch": true, "crypto": true, "console": true,
}

// Bound reports whether a name is bound in scope or an enclosing one, and
// what it resolves to ("" for a local definition).
func (m *Model) Bound(name string, scope int) (qualified string, bound bool) {
	return m.lookup(name, scope, 0)
}

// ModuleStyle tells how a JS/TS file imports: ESM `import` or CommonJS
// `require`. Files with neither count as ESM for .mjs/.ts/.tsx, else CJS.
func (m *Model) ModuleStyle() string {
	esm, cjs := false, false
	for _, imp := range m.Imports {
		if imp.Func != None {
			continue
		}
		if strings.HasPrefix(m.Text(imp.Span), "import") {
			esm = true
		} else {
			cjs = true
		}
	}
	switch {
	case esm:
		return "esm"
	case cjs:
		return "cjs"
	case m.Lang() == source.TypeScript || m.Lang() == source.TSX || strings.HasSuffix(m.File.Path, ".mjs"):
		return "esm"
	}
	return "cjs"
}

// ModuleNameFor returns a module-level name bound to a value that resolves
// to qualified (`process_pool` for "concurrent.futures.ProcessPoolExecutor()"),
// or "" — so fixes reuse an existing pool instead of adding another.
func (m *Model) ModuleNameFor(qualified string) string {
	best := ""
	for k, refs := range m.refs {
		if k.scope != None {
			continue
		}
		if m.combine(refs, 0) == qualified && (best == "" || k.name < best) {
			best = k.name
		}
	}
	return best
}

// TopLevelStart returns the offset of the start of the line where the
// module-level statement holding fn begins (before its decorators), the
// place to hoist a definition that fn will use.
func (m *Model) TopLevelStart(fn int) int {
	if fn == None {
		return 0
	}
	for m.Funcs[fn].Parent != None {
		fn = m.Funcs[fn].Parent
	}
	f := m.Funcs[fn]
	start := f.Span.Start
	if f.Class != None {
		start = m.Classes[f.Class].Span.Start
	}
	for _, d := range f.DecoratorSpans {
		start = min(start, d.Start)
	}
	// A function passed to a call (`app.get('/', fn)`) starts mid-line:
	// the statement starts at its line's first byte.
	return m.File.Lines.LineStart(m.File.Lines.Position(int(start)).Line)
}

func isIdentifier(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// BindsLocally reports whether function fn itself binds a name (an
// assignment, parameter or definition in its own scope), as opposed to
// using one from an enclosing scope or the module. A Python `global x`
// makes x the module's.
func (m *Model) BindsLocally(name string, fn int) bool {
	if _, ok := m.refs[scopedName{fn, name}]; !ok {
		return false
	}
	if m.Lang() == source.Python && fn != None {
		body := m.Text(m.Funcs[fn].Span)
		if strings.Contains(body, "global ") || strings.Contains(body, "nonlocal ") {
			for _, decl := range pyGlobalDecl.FindAllStringSubmatch(body, -1) {
				for _, n := range strings.Split(decl[2], ",") {
					if strings.TrimSpace(n) == name {
						return false
					}
				}
			}
		}
	}
	return true
}

var pyGlobalDecl = lazyre.New(`(?m)^\s*(global|nonlocal)\s+([\w, ]+)`)
