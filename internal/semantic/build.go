package semantic

import (
	"bytes"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/source"
)

// item is a node of the containment tree the builder derives from spans:
// functions, classes, loops and calls nest; imports and bindings are leaves.
type item struct {
	span   Span
	kind   kind
	index  int // into the Model slice of its kind
	parent int // index into items, or None
}

// builder holds what one Build call accumulates before the model is final.
type builder struct {
	m          *Model
	items      []item
	decorators []Span
	bindings   []rawBinding
	funcItem   []int // Funcs[i] → items index
	callItem   []int
	iterCB     []bool  // Funcs[i] is a map/forEach/... callback
	callees    []chain // Calls[i]'s callee, parsed
}

type rawBinding struct {
	span        Span
	name, value Span
	scope       int
}

type scopedName struct {
	scope int
	name  string
}

// depthName is a lookup asked at a resolution depth (lookup's memo).
type depthName struct {
	scopedName
	depth int
}

// Build computes the semantic model of a parsed file.
func Build(f *source.File) (*Model, error) { return BuildWith(f, nil, nil) }

// BuildWith computes the model of f from matches already collected for f
// (nil: run the query), with what the project knows of the names the file
// imports (nil: nothing).
func BuildWith(f *source.File, ms *Matches, facts *Facts) (*Model, error) {
	b := &builder{m: &Model{File: f, facts: facts}}
	if ms == nil {
		b.presize()
	} else {
		b.presizeFor(ms)
	}
	if ms == nil {
		if err := runQuery(f, b.collect); err != nil {
			return nil, err
		}
	} else {
		for i := range ms.list {
			b.collect(&ms.list[i])
		}
	}
	b.finish()
	return b.m, nil
}

// Facts are what the rest of the project tells one file's model.
type Facts struct {
	// Routers are the imported names that are routers, bound to
	// `Blueprint()`, `APIRouter()`… in another project file (SPEC §2,
	// "handler context"). The shells learn them from the project index
	// (Model.RouterImports lists the candidates).
	Routers map[Target]bool
	// Project is what the project's manifests declare: runtimes and
	// package versions (SPEC §2b); nil when unknown.
	Project *facts.Project
}

// Project returns what the project's manifests declare (nil: unknown,
// meaning recent versions).
func (m *Model) Project() *facts.Project {
	if m.facts == nil {
		return nil
	}
	return m.facts.Project
}

// finish derives everything else from the collected matches.
func (b *builder) finish() {
	f := b.m.File
	b.nest()
	b.describeFuncs()
	b.bind()
	b.resolveCalls()
	if f.Language == source.Python {
		markPythonHandlers(b)
	} else {
		markECMAHandlers(b)
	}
	markCallbacks(b)
	markStartup(b)
	b.contexts()
}

// collect turns one query match into a model entry.
func (b *builder) collect(mt *match) {
	m := b.m
	switch mt.kind {
	case kFunction:
		fn := Func{Span: mt.main, Parent: None, Class: None, Owner: None, ArgOf: None}
		fn.Kind = funcKinds[mt.variant]
		if !mt.parts[fName].IsZero() {
			fn.Name = m.Text(mt.parts[fName])
		}
		if !mt.parts[fParams].IsZero() {
			fn.Params = params(m.Text(mt.parts[fParams]))
			fn.Async = hasAsyncKeyword(m.File.Src[mt.main.Start:mt.parts[fParams].Start])
		}
		if fn.Kind == Lambda && m.Lang() == source.Python {
			if head, _, ok := strings.Cut(m.Text(mt.main), ":"); ok {
				fn.Params = params(strings.TrimPrefix(head, "lambda"))
			}
		}
		b.add(kFunction, mt.main, len(m.Funcs))
		m.Funcs = append(m.Funcs, fn)
	case kClass:
		c := Class{Span: mt.main, Name: m.Text(mt.parts[fName]), Func: None}
		if !mt.parts[fBases].IsZero() {
			c.Bases = m.Text(mt.parts[fBases])
		}
		b.add(kClass, mt.main, len(m.Classes))
		m.Classes = append(m.Classes, c)
	case kDecorator:
		b.decorators = append(b.decorators, mt.main)
	case kCall:
		c := Call{Span: mt.main, Callee: mt.parts[fCallee], Args: mt.parts[fArgs], New: mt.variant == vNew, Func: None, Loop: None}
		// Parsed once: resolveCalls resolves the same chain.
		ch := parseChain(m.Text(c.Callee))
		c.Path = ch.String()
		b.callees = append(b.callees, ch)
		c.Awaited = precededByAwait(m.File.Src, mt.main.Start)
		b.add(kCall, mt.main, len(m.Calls))
		m.Calls = append(m.Calls, c)
	case kLoop:
		b.add(kLoop, mt.main, len(m.Loops))
		l := Loop{Span: mt.main, Header: mt.parts[fHeader], Target: mt.parts[fTarget], Func: None, Parent: None}
		describeLoop(m, &l)
		m.Loops = append(m.Loops, l)
	case kImport:
		b.add(kImport, mt.main, len(b.bindings))
		b.bindings = append(b.bindings, rawBinding{span: mt.main, scope: None})
	case kBinding:
		b.add(kBinding, mt.main, len(b.bindings))
		b.bindings = append(b.bindings, rawBinding{span: mt.main, name: mt.parts[fName], value: mt.parts[fValue], scope: None})
	}
}

// presize makes room for what collect appends, estimated from the file's
// opening parentheses (on the CPython stdlib and npm's code: calls 0.57 per
// parenthesis, items 1.1, bindings 0.3, functions 0.15, loops 0.04).
// Growing these slices by doubling was 7% of a batch run.
func (b *builder) presize() {
	p := bytes.Count(b.m.File.Src, []byte("("))
	b.items = make([]item, 0, p+p/8+8)
	b.m.Calls = make([]Call, 0, p*5/8+4)
	b.callees = make([]chain, 0, p*5/8+4)
	b.bindings = make([]rawBinding, 0, p/3+4)
	b.m.Funcs = make([]Func, 0, p/6+2)
	b.m.Loops = make([]Loop, 0, p/24+1)
}

// presizeFor makes exactly the room collect needs for known matches.
func (b *builder) presizeFor(ms *Matches) {
	var n [kLoop + 1]int
	for i := range ms.list {
		if k := ms.list[i].kind; int(k) < len(n) {
			n[k]++
		}
	}
	b.items = make([]item, 0, len(ms.list))
	b.m.Calls = make([]Call, 0, n[kCall])
	b.callees = make([]chain, 0, n[kCall])
	b.bindings = make([]rawBinding, 0, n[kBinding]+n[kImport])
	b.m.Funcs = make([]Func, 0, n[kFunction])
	b.m.Loops = make([]Loop, 0, n[kLoop])
	b.m.Classes = make([]Class, 0, n[kClass])
	b.decorators = make([]Span, 0, n[kDecorator])
}

func (b *builder) add(k kind, s Span, index int) {
	b.items = append(b.items, item{span: s, kind: k, index: index, parent: None})
}

// funcKinds maps a function capture's variant to its kind.
var funcKinds = map[variant]FuncKind{vPlain: Def, vLambda: Lambda, vArrow: Arrow, vExpression: FuncExpr, vMethod: Method}

// isLeaf reports whether an item can never contain another.
func isLeaf(k kind) bool { return k == kImport || k == kBinding }

// nest sorts items by position and links each to its innermost container
// with one stack sweep, then derives enclosing functions, classes and loops.
func (b *builder) nest() {
	sort.SliceStable(b.items, func(i, j int) bool {
		a, c := b.items[i].span, b.items[j].span
		if a.Start != c.Start {
			return a.Start < c.Start
		}
		if a.End != c.End {
			return a.End > c.End
		}
		return b.items[i].kind < b.items[j].kind
	})
	m := b.m
	b.funcItem = make([]int, len(m.Funcs))
	b.callItem = make([]int, len(m.Calls))
	b.iterCB = make([]bool, len(m.Funcs))
	var stack []int
	for i := range b.items {
		it := &b.items[i]
		for len(stack) > 0 && !b.items[stack[len(stack)-1]].span.Contains(it.span) {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			it.parent = stack[len(stack)-1]
		}
		if !isLeaf(it.kind) {
			stack = append(stack, i)
		}
		fn, loop := b.enclosing(it.parent)
		switch it.kind {
		case kFunction:
			b.funcItem[it.index] = i
			f := &m.Funcs[it.index]
			f.Parent = fn
			if it.parent != None && b.items[it.parent].kind == kClass {
				f.Class = b.items[it.parent].index
			}
			if it.parent != None && b.items[it.parent].kind == kCall {
				// Directly inside a call: written as an argument (a map
				// callback), or as the callee of an IIFE. Either way the
				// call runs it, not something else later.
				f.ArgOf = b.items[it.parent].index
			}
		case kClass:
			m.Classes[it.index].Func = fn
		case kLoop:
			m.Loops[it.index].Func, m.Loops[it.index].Parent = fn, loop
		case kCall:
			b.callItem[it.index] = i
			m.Calls[it.index].Func, m.Calls[it.index].Loop = fn, loop
		case kImport, kBinding:
			b.bindings[it.index].scope = fn
		}
	}
}

// enclosing returns the innermost function and the innermost loop inside
// it, starting from item i (None for module level).
func (b *builder) enclosing(i int) (fn, loop int) {
	fn, loop = None, None
	for ; i != None; i = b.items[i].parent {
		it := b.items[i]
		switch it.kind {
		case kFunction:
			return it.index, loop
		case kLoop:
			if loop == None {
				loop = it.index
			}
		}
	}
	return None, loop
}

// describeFuncs attaches decorators and names anonymous functions bound to
// a variable (`const loadUser = async () => {}`).
func (b *builder) describeFuncs() {
	m := b.m
	for _, d := range b.decorators {
		// A decorator belongs to the first function or class after it.
		i := sort.Search(len(b.items), func(i int) bool { return b.items[i].span.Start >= d.End })
		for ; i < len(b.items); i++ {
			it := b.items[i]
			if it.kind == kFunction {
				f := &m.Funcs[it.index]
				f.Decorators = append(f.Decorators, m.Text(d))
				f.DecoratorSpans = append(f.DecoratorSpans, d)
				break
			}
			if it.kind == kClass {
				break
			}
		}
	}
	byStart := map[uint32]int{}
	for i, f := range m.Funcs {
		byStart[f.Span.Start] = i
	}
	for _, bd := range b.bindings {
		if bd.value.IsZero() {
			continue
		}
		if i, ok := byStart[bd.value.Start]; ok && m.Funcs[i].Span == bd.value && m.Funcs[i].Name == "" {
			m.Funcs[i].Name = m.Text(bd.name)
		}
	}
}

func hasAsyncKeyword(header []byte) bool {
	h := string(header)
	for {
		i := strings.Index(h, "async")
		if i < 0 {
			return false
		}
		before := i == 0 || !isIdentByte(h[i-1])
		after := i+5 >= len(h) || !isIdentByte(h[i+5])
		if before && after && !insideParens(h[:i]) {
			return true
		}
		h = h[i+5:]
	}
}

// insideParens reports whether the end of s is inside an open parenthesis
// (a decorator's arguments, a default value).
func insideParens(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	return depth > 0
}

// precededByAwait reports whether the token before offset is `await`.
func precededByAwait(src []byte, offset uint32) bool {
	i := int(offset)
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r' || src[i-1] == '(') {
		i--
	}
	return i >= 5 && string(src[i-5:i]) == "await" && (i == 5 || !isIdentByte(src[i-6]))
}
