// Package semantic builds the per-file model every rule reads: functions,
// loops, calls and the names they resolve to, and the context (async,
// handler, hot) of each call. It runs ONE combined tree-sitter query per
// file and copies what rules need into Go structs, so rules never touch the
// tree (DESIGN.md "The semantic model").
package semantic

import (
	"unsafe"

	"github.com/rtlint/rtlint/internal/source"
)

// Span is a half-open byte range [Start, End) in the file.
type Span struct{ Start, End uint32 }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// IsZero reports whether the span is empty (absent).
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Context is where code runs, as SPEC §2 defines it.
type Context uint8

const (
	// Async: the body of an async function (JS/TS: also functions nested in one).
	Async Context = 1 << iota
	// Handler: a function that serves requests.
	Handler
	// Hot: handler context or a loop body.
	Hot
	// Callback: an event-loop callback (SPEC §2): Home Assistant's
	// @callback, loop.call_soon targets, JS timers, listeners, promise
	// reactions and Node callback-style completions. Not async, but it runs
	// on the event loop.
	Callback
)

// Has reports whether every flag in f is set.
func (c Context) Has(f Context) bool { return c&f == f }

// FuncKind tells the syntactic form of a function.
type FuncKind uint8

const (
	Def      FuncKind = iota // Python def, JS function declaration
	Lambda                   // Python lambda
	Arrow                    // JS arrow function
	FuncExpr                 // JS function expression
	Method                   // JS class method
)

// None marks an absent index (no enclosing function, loop or class).
const None = -1

// Func is one function, method or lambda.
type Func struct {
	Span       Span
	Name       string // "" when anonymous
	Kind       FuncKind
	Async      bool
	Params     []Param
	Decorators []string // decorator source text, e.g. `@app.get("/")`
	// DecoratorSpans are the decorators' positions, parallel to Decorators.
	DecoratorSpans []Span
	Parent         int // enclosing function, or None
	Class          int // class this function is a method of, or None
	// Handler says why the function serves requests ("" when it does not),
	// e.g. "route handler" or "NestJS controller method".
	Handler string
	// Route names the registration of an anonymous handler: `app.get('/users')`.
	Route string
	// Startup marks JS callbacks that run once or must stay synchronous
	// (`app.listen(…, cb)`, `process.on('exit', cb)`): they reset context.
	Startup bool
	// RunsOnce says why a Python function runs once, not per request
	// ("lifespan", "startup hook", "asyncio.run() entry", "command"): its
	// findings are info (SPEC §2 "where it runs"). Contexts stay as they are.
	RunsOnce string
	// ArgOf is the call whose arguments this function is written in
	// (`items.map(x => ...)`), or the call that invokes it in place
	// (`(() => ...)()`); None for a function bound to a name, a property
	// or a variable, which runs whenever something calls it.
	ArgOf int
	// Callback says how the function is run later on the event loop ("" when
	// it is not an event-loop callback), e.g. "setTimeout() callback".
	Callback string
	// Context is the context of the function's body.
	Context Context
	// Owner is the function whose own async-ness or handler-ness gives this
	// body its context (itself, or an enclosing one in JS/TS).
	Owner int
}

// Param is one declared parameter.
type Param struct{ Name, Type string }

// Class is a class declaration.
type Class struct {
	Span  Span
	Name  string
	Bases string // Python superclass list / JS heritage text
	Func  int    // enclosing function, or None
}

// Loop is a loop statement or a comprehension.
type Loop struct {
	Span   Span
	Header Span // iterable or condition; zero when absent
	Target Span // the loop variable of a for-in/for-of loop; zero when absent
	Func   int  // enclosing function, or None
	Parent int  // enclosing loop in the same function, or None
	// Context includes Hot; it is the context of the loop's body.
	Context Context

	// Iterations is the literal iteration count (`range(10**6)`,
	// `for (let i = 0; i < 1e6; i++)`), or 0 when not a literal.
	Iterations int64
	// Forever marks `while True` / `while (true)` / `for (;;)`.
	Forever bool
	// Comprehension marks Python comprehensions and generator expressions.
	Comprehension bool
}

// Call is a call (or JS `new`) expression.
type Call struct {
	Span   Span
	Callee Span
	Args   Span // the argument list including parentheses; zero for `new X`
	// Path is the callee as a name chain with arguments elided,
	// e.g. "db.prepare().get"; "" when the callee is not a name chain.
	Path string
	// Qualified is Path with its head resolved through imports and bindings,
	// e.g. "better-sqlite3().prepare().get"; "" when unresolved.
	Qualified string
	New       bool
	Awaited   bool
	Func      int // innermost enclosing function, or None
	Loop      int // innermost enclosing loop in the same function scope, or None
	Context   Context
}

// CallbackRef is a function passed by reference to a call that runs it
// later on the event loop.
type CallbackRef struct {
	Call  int    // the registering call
	Ref   string // the reference as a name chain: "tick", "self._on_tick"
	Label string // how it is run: "loop.call_soon() callback"
}

// Import is one name an import statement or require() binds.
type Import struct {
	Span      Span
	Local     string
	Qualified string
	Func      int
	// JS/TS: the module specifier and the member ("default" for a default
	// import, "" for a namespace import); "" for Python and require().
	Module, Member string
}

// Assignment binds a simple name to a value.
type Assignment struct {
	Span  Span // the assignment (Python) or declarator (JS/TS)
	Name  string
	Value Span
	Func  int // enclosing function, or None
}

// AssignmentOf returns the assignment whose value is the given span
// (possibly behind `await`), or nil.
func (m *Model) AssignmentOf(value Span) *Assignment {
	for i := range m.Assignments {
		a := &m.Assignments[i]
		if a.Value == value || a.Value.End == value.End && a.Value.Start < value.Start &&
			string(m.File.Src[a.Value.Start:value.Start]) == "await " {
			return a
		}
	}
	return nil
}

// Model is the semantic model of one file.
type Model struct {
	File    *source.File
	Funcs   []Func
	Classes []Class
	Loops   []Loop
	Calls   []Call
	Imports []Import
	// Assignments are `x = value` / `const x = value` with a simple name.
	Assignments []Assignment
	// CallbackRefs are functions passed by name to an event-loop
	// registration (`loop.call_soon(self._tick)`, `setTimeout(tick, 10)`):
	// whatever they resolve to runs on the loop.
	CallbackRefs []CallbackRef
	// RouterImports are imported objects whose route decorators decorate
	// functions here (`@auth.route` after `from .blueprints import auth`)
	// and whose names do not say they are routers: the project index
	// decides them (Facts).
	RouterImports []Target

	facts *Facts

	refs      map[scopedName][]ref    // scope (function or None) and name → its bindings
	scopesOf  map[string][]int        // name → the scopes that bind it
	combined  map[depthName]string    // lookup results, once per binding scope and depth
	summaries map[int64]*summaryTable // by heavy-loop threshold
	funcCalls [][]int                 // function → calls in its own scope
	funcIO    map[int]bool            // function → it does I/O (RT201), on demand
	// Nearest-ancestor answers, for every function at once (ancestors.go).
	reachUp, onceUp, handlerUp []int32
	anyOnce                    int8                // RunsOnceAt's memo: 0 unknown, 1 no run-once function, 2 some
	funcOrder                  int8                // funcsInOrder's memo: 0 unknown, 1 in order, 2 not
	funcLoops                  [][]int             // function → loops in its own scope
	byName                     map[string][]int    // function name → indexes into Funcs
	classAttrs                 []map[string]Target // class → attribute classes, on demand
	classAttr                  map[classAttrKey]classAttrResult
	paramTypes                 map[[2]int]string // (function, parameter) → its annotation as an instance // one attribute at a time, on demand
}

// Text returns the source text of a span.
func (m *Model) Text(s Span) string { return string(m.File.Src[s.Start:s.End]) }

// view is Text without the copy, for scanning a large span: the string
// shares the file's bytes (which never change), so nothing cut from it may
// outlive the model; clone what is kept.
func (m *Model) view(s Span) string {
	if s.End <= s.Start {
		return ""
	}
	return unsafe.String(&m.File.Src[s.Start], int(s.End-s.Start))
}

// Lang is the file's language.
func (m *Model) Lang() source.Language { return m.File.Language }

// Resolve returns the qualified name a name chain (as in Call.Path) refers
// to from inside function fn (None for module level), or "".
func (m *Model) Resolve(path string, fn int) string {
	return m.resolveChain(parseChain(path), fn)
}

// ImportsModule reports whether the file imports a module equal to or under
// one of the given prefixes ("fastapi" matches "fastapi.responses").
func (m *Model) ImportsModule(prefixes ...string) bool {
	for _, imp := range m.Imports {
		for _, p := range prefixes {
			q := imp.Qualified
			if q == p || (len(q) > len(p) && q[:len(p)] == p && (q[len(p)] == '.' || q[len(p)] == '/')) {
				return true
			}
		}
	}
	return false
}
