package semantic

import (
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// Summary is what rules need to know about one function without reading
// its body: like a go/analysis Fact, computed on demand, memoised per model
// and shared by every rule. Most functions are never asked about, so
// nothing is computed for them.
type Summary struct {
	Loops []int // loops in the function's own scope
	Calls []int // calls in the function's own scope
	// Await: the body awaits (it yields to the event loop).
	Await bool
	// SelfRecursive: the function calls itself.
	SelfRecursive bool
	// ArithmeticLoop: some loop in it does arithmetic or indexing.
	ArithmeticLoop bool
	// Opaque: it calls, directly or through same-file functions, something
	// not known to be pure computation (I/O, an unknown library), so it
	// cannot be assumed CPU-bound.
	Opaque bool
	// CPUBound (SPEC §2): an arithmetic loop, no I/O or unknown calls, no await.
	CPUBound bool
	// Heavy (SPEC §2): a heavy loop, self-recursion, or a call to a heavy
	// same-file function, and no await.
	Heavy bool
	// Why explains Heavy for messages: "recurses into itself".
	Why string
}

// summaryTable memoises summaries for one heavy-loop threshold.
type summaryTable struct {
	sums  []Summary
	state []uint8 // summaryUnknown, summaryBusy (on the DFS stack), summaryDone
}

const (
	summaryUnknown uint8 = iota
	summaryBusy
	summaryDone
)

// HasWord reports whether word occurs in text as a whole identifier
// (`await`, not `awaited`). It replaces `\bawait\b` regexps, which ran
// over every loop's and function's whole text.
func HasWord(text, word string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(word)
		if (j == 0 || !isIdentByte(text[j-1])) && (end == len(text) || !isIdentByte(text[end])) {
			return true
		}
		i = j + 1
	}
}

// Summary returns the summary of function fi for a heavy-loop threshold.
func (m *Model) Summary(fi int, minIterations int64) *Summary {
	if m.summaries == nil {
		m.summaries = map[int64]*summaryTable{}
	}
	t := m.summaries[minIterations]
	if t == nil {
		t = &summaryTable{sums: make([]Summary, len(m.Funcs)), state: make([]uint8, len(m.Funcs))}
		m.summaries[minIterations] = t
	}
	m.summarize(t, fi, minIterations)
	return &t.sums[fi]
}

// FuncCalls lists the calls in a function's own scope.
func (m *Model) FuncCalls(fi int) []int {
	m.indexScopes()
	return m.funcCalls[fi]
}

// indexScopes groups calls and loops by enclosing function, once.
func (m *Model) indexScopes() {
	if m.funcCalls != nil {
		return
	}
	m.funcCalls = make([][]int, len(m.Funcs))
	m.funcLoops = make([][]int, len(m.Funcs))
	for i := range m.Calls {
		if f := m.Calls[i].Func; f != None {
			m.funcCalls[f] = append(m.funcCalls[f], i)
		}
	}
	for i := range m.Loops {
		if f := m.Loops[i].Func; f != None {
			m.funcLoops[f] = append(m.funcLoops[f], i)
		}
	}
}

// summarize fills t.sums[fi], first the facts of the body itself, then
// what flows through same-file calls (a depth-first walk; a function still
// on the walk's stack counts as neither opaque nor heavy, which ends cycles).
func (m *Model) summarize(t *summaryTable, fi int, minIterations int64) {
	if t.state[fi] != summaryUnknown {
		return
	}
	t.state[fi] = summaryBusy
	m.indexScopes()
	s := &t.sums[fi]
	s.Loops, s.Calls = m.funcLoops[fi], m.funcCalls[fi]
	s.Await = HasWord(m.view(m.Funcs[fi].Span), "await")
	var callees []int
	for _, ci := range s.Calls {
		c := &m.Calls[ci]
		switch callee := m.CalleeFunc(c); {
		case callee == fi && !m.reassignsItself(fi):
			s.SelfRecursive = true
		case callee == fi:
			// Babel's `function _typeof(o) { _typeof = function (o) {…}; return
			// _typeof(o) }` calls its replacement, not itself.
		case callee != None:
			callees = append(callees, callee)
		case !m.PureCall(c):
			s.Opaque = true
		}
	}
	for _, callee := range callees {
		m.summarize(t, callee, minIterations)
		if t.state[callee] == summaryDone && t.sums[callee].Opaque {
			s.Opaque = true
		}
	}
	for _, li := range s.Loops {
		if m.LoopComputes(li) {
			s.ArithmeticLoop = true
			break
		}
	}
	s.CPUBound = s.ArithmeticLoop && !s.Await && !s.Opaque
	if !s.Await {
		for _, li := range s.Loops {
			if m.Loops[li].Parent == None && m.HeavyLoop(li, minIterations) {
				s.Heavy, s.Why = true, m.HeavyWhy(li, minIterations)
				break
			}
		}
		if !s.Heavy && s.SelfRecursive && !s.Opaque {
			s.Heavy, s.Why = true, "recurses into itself"
		}
		for _, callee := range callees {
			if !s.Heavy && t.state[callee] == summaryDone && t.sums[callee].Heavy {
				s.Heavy, s.Why = true, "calls "+m.Funcs[callee].Name+"(), which "+t.sums[callee].Why
			}
		}
	}
	t.state[fi] = summaryDone
}

// reassignsItself reports whether a JS function assigns a new value to its
// own name (a lazily specialised helper), so calling the name calls that.
func (m *Model) reassignsItself(fi int) bool {
	f := &m.Funcs[fi]
	if !m.Lang().IsECMA() || f.Name == "" {
		return false
	}
	body := m.Text(f.Span)
	for at := 0; ; {
		i := strings.Index(body[at:], f.Name)
		if i < 0 {
			return false
		}
		i += at
		at = i + len(f.Name)
		if i > 0 && isIdentByte(body[i-1]) || i > 0 && body[i-1] == '.' {
			continue
		}
		rest := strings.TrimLeft(body[at:], " \t")
		if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") && !strings.HasPrefix(rest, "=>") {
			return true
		}
	}
}

// CalleeFunc returns the same-file function a call invokes — `fib(n)`,
// `self.step()`, `this.step()` — or None.
func (m *Model) CalleeFunc(c *Call) int {
	path := c.Path
	self := ""
	if h, rest, ok := strings.Cut(path, "."); ok && (h == "self" || h == "this") && !strings.Contains(rest, ".") {
		self, path = h, rest
	}
	if path == "" || strings.ContainsAny(path, ".()") {
		return None
	}
	if self == "" {
		// The name's own binding, innermost scope first: a local `const c =
		// emit` or a parameter is not some `function c` elsewhere in the file.
		return m.boundFunc(path, c.Func)
	}
	for _, i := range m.funcsNamed(path) {
		f := &m.Funcs[i]
		if f.Class != None && c.Func != None && m.Funcs[c.Func].Class == f.Class {
			return i
		}
	}
	return None
}

// boundFunc returns the function a bare name is bound to from scope (a
// def, a function declaration, `const f = () => ...`), or None when the
// name is bound to anything else, bound twice in its scope, or not at all.
func (m *Model) boundFunc(name string, scope int) int {
	r, ok := m.singleRef(name, scope)
	if !ok || r.fn == 0 {
		return None
	}
	fi := int(r.fn - 1)
	if f := &m.Funcs[fi]; f.Kind == Method || f.Class != None {
		return None
	}
	return fi
}

// HeavyLoop reports whether a loop is heavy (SPEC §2): literal iteration
// counts (nested ones multiplied) of at least minIterations, or a forever
// loop that computes (arithmetic, no yield, no I/O call: a `while True`
// that reads a socket or yields is waiting, not computing); in both cases
// without await.
func (m *Model) HeavyLoop(li int, minIterations int64) bool {
	l := &m.Loops[li]
	text := m.view(l.Span)
	if HasWord(text, "await") {
		return false
	}
	if t := m.LoopTotal(li); t >= minIterations {
		return true
	}
	return l.Forever && !HasWord(text, "yield") && m.LoopArithmetic(li) && !m.loopDoesIO(li)
}

// HeavyWhy describes a heavy loop for messages.
func (m *Model) HeavyWhy(li int, minIterations int64) string {
	if t := m.LoopTotal(li); t >= minIterations {
		return "loops " + groupThousands(t) + " times"
	}
	return "loops forever without awaiting"
}

// LoopTotal multiplies a loop's literal iteration count by the largest
// total among the loops nested directly in it; 0 when not literal.
func (m *Model) LoopTotal(li int) int64 {
	n := m.Loops[li].Iterations
	if n <= 0 {
		return 0
	}
	inner := int64(1)
	for j := li + 1; j < len(m.Loops) && m.Loops[j].Span.Start < m.Loops[li].Span.End; j++ {
		if m.Loops[j].Parent == li {
			inner = max(inner, m.LoopTotal(j))
		}
	}
	if inner > 0 && n > (1<<62)/inner {
		return 1 << 62
	}
	return n * inner
}

var (
	arithmetic = lazyre.New(`(\+=|-=|\*=|/=|%=|\*\*|<<|>>|\^|[\w\])]\s*[-+*/%&|]\s*[\w(\[.])`)
	indexing   = lazyre.New(`[\w\])]\[[^\]]+\]`)
)

// LoopComputes reports whether a loop's body does arithmetic or indexing
// (string literals ignored): SPEC §2's CPU-bound loop.
func (m *Model) LoopComputes(li int) bool {
	text := stripStrings(m.Text(m.Loops[li].Span))
	return arithmetic.MatchString(text) || indexing.MatchString(text)
}

// LoopArithmetic reports whether a loop's body does arithmetic.
func (m *Model) LoopArithmetic(li int) bool {
	return arithmetic.MatchString(stripStrings(m.Text(m.Loops[li].Span)))
}

// StripStrings blanks out the contents of string literals (any quote), so
// that words inside them are not taken for names.
func StripStrings(s string) string { return stripStrings(s) }

// stripStrings blanks out the contents of string literals.
func stripStrings(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\'' || c == '`' {
			j := skipString(s, i)
			if j < 0 {
				break
			}
			for k := i + 1; k < j; k++ {
				b[k] = ' '
			}
			i = j
		}
	}
	return string(b)
}

var (
	pyPureBuiltins = set("range", "len", "abs", "min", "max", "sum", "int", "float", "complex", "str", "bool",
		"pow", "divmod", "round", "enumerate", "zip", "sorted", "reversed", "list", "dict", "set", "frozenset",
		"tuple", "isinstance", "map", "filter", "any", "all", "ord", "chr", "hash", "bin", "hex", "oct", "iter", "next", "bytes", "bytearray")
	pyPureModules   = []string{"math.", "cmath.", "operator.", "random.", "itertools.", "functools.reduce", "bisect.", "heapq.", "statistics.", "fractions.", "decimal."}
	ecmaPureGlobals = []string{"Math.", "Number", "parseInt", "parseFloat", "String", "Array", "BigInt", "Boolean", "Object.keys", "Object.values", "Object.entries"}
	pureMethods     = set("append", "extend", "insert", "pop", "add", "update", "get", "keys", "values", "items", "copy",
		"sort", "index", "count", "join", "split", "strip", "lower", "upper", "startswith", "endswith", "format", "replace",
		"push", "shift", "unshift", "slice", "splice", "map", "filter", "reduce", "forEach", "concat", "indexOf",
		"includes", "charCodeAt", "codePointAt", "toString", "toFixed", "set", "has", "fill", "bit_length", "is_integer")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// PureCall reports whether a call is known to be pure computation: a
// builtin, a math module, or a container/string method on a local value.
func (m *Model) PureCall(c *Call) bool {
	q := c.Qualified
	if m.Lang() == source.Python {
		if name, ok := strings.CutPrefix(q, "builtins."); ok {
			return pyPureBuiltins[name]
		}
		for _, p := range pyPureModules {
			if strings.HasPrefix(q, p) {
				return true
			}
		}
	} else {
		for _, p := range ecmaPureGlobals {
			if q == p || strings.HasPrefix(q, p) {
				return true
			}
		}
	}
	if q == "" && strings.Contains(c.Path, ".") {
		return pureMethods[lastSegment(c.Path)]
	}
	return false
}

// groupThousands renders 1000000 as "1,000,000".
func groupThousands(n int64) string {
	s := []byte(strconv.FormatInt(n, 10))
	var out []byte
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

// FuncNamed returns the same-file function a bare name refers to from
// inside function scope (None for module level), or None.
func (m *Model) FuncNamed(name string, scope int) int {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, ".()[] ") {
		return None
	}
	return m.boundFunc(name, scope)
}

// funcsNamed returns the functions with a name, in source order, from an
// index built on first use (rules ask per call; a scan would be quadratic).
func (m *Model) funcsNamed(name string) []int {
	if m.byName == nil {
		m.byName = make(map[string][]int, len(m.Funcs))
		for i, f := range m.Funcs {
			if f.Name != "" {
				m.byName[f.Name] = append(m.byName[f.Name], i)
			}
		}
	}
	return m.byName[name]
}
