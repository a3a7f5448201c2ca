package semantic

/*
#include <stdbool.h>
#include <stdint.h>

// Mirrors of tree-sitter's TSNode and TSTreeCursor (see query.go): the walk
// below runs go-tree-sitter's own C functions over its trees.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } rtw_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } rtw_cursor;

extern rtw_cursor ts_tree_cursor_new(rtw_node node);
extern void ts_tree_cursor_delete(rtw_cursor *self);
extern bool ts_tree_cursor_goto_first_child(rtw_cursor *self);
extern bool ts_tree_cursor_goto_next_sibling(rtw_cursor *self);
extern bool ts_tree_cursor_goto_parent(rtw_cursor *self);
extern rtw_node ts_tree_cursor_current_node(const rtw_cursor *self);
extern uint16_t ts_node_symbol(rtw_node self);
extern bool ts_node_is_null(rtw_node self);
extern bool ts_node_is_named(rtw_node self);
extern rtw_node ts_node_child_by_field_id(rtw_node self, uint16_t field_id);
extern rtw_node ts_node_named_child(rtw_node self, uint32_t index);
extern uint32_t ts_node_named_child_count(rtw_node self);
extern uint32_t ts_node_start_byte(rtw_node self);
extern uint32_t ts_node_end_byte(rtw_node self);

// A spec is one query pattern in 2 + 4*3 words: main capture, flags
// (1: as_pattern), then up to three fields of (field id, capture, type set,
// optional); field id 0 ends the list. A type set of -1 accepts any named
// node, else sets[set*nsym + symbol] says whether the node's type fits.
enum { SPEC_WORDS = 14 };

static bool fits(rtw_node n, int32_t set, const uint8_t *sets, int nsym) {
	if (ts_node_is_null(n) || !ts_node_is_named(n)) return false;
	if (set < 0) return true;
	uint16_t s = ts_node_symbol(n);
	return s < nsym && sets[set * nsym + s];
}

static int emit(rtw_node node, const int32_t *spec, const uint8_t *sets, int nsym, uint32_t *out) {
	uint32_t tmp[1 + 3 * 4];
	int n = 0;
	tmp[n++] = 0;
	if (spec[1] & 1) { // (as_pattern (_) @value alias: (as_pattern_target (identifier) @name))
		if (ts_node_named_child_count(node) == 0) return 0;
		rtw_node value = ts_node_named_child(node, 0);
		rtw_node target = ts_node_child_by_field_id(node, (uint16_t)spec[2]);
		if (!fits(target, spec[4], sets, nsym) || ts_node_named_child_count(target) == 0) return 0;
		rtw_node name = ts_node_named_child(target, 0);
		if (!fits(name, spec[8], sets, nsym)) return 0;
		tmp[n++] = (uint32_t)spec[3]; tmp[n++] = ts_node_start_byte(value); tmp[n++] = ts_node_end_byte(value);
		tmp[n++] = (uint32_t)spec[7]; tmp[n++] = ts_node_start_byte(name); tmp[n++] = ts_node_end_byte(name);
	} else {
		for (int f = 0; f < 3; f++) {
			const int32_t *fs = spec + 2 + 4 * f;
			if (fs[0] == 0) break;
			rtw_node child = ts_node_child_by_field_id(node, (uint16_t)fs[0]);
			if (!fits(child, fs[2], sets, nsym)) {
				if (fs[3]) continue;
				return 0;
			}
			tmp[n++] = (uint32_t)fs[1]; tmp[n++] = ts_node_start_byte(child); tmp[n++] = ts_node_end_byte(child);
		}
	}
	tmp[n++] = (uint32_t)spec[0]; tmp[n++] = ts_node_start_byte(node); tmp[n++] = ts_node_end_byte(node);
	tmp[0] = (uint32_t)((n - 1) / 3);
	for (int i = 0; i < n; i++) out[i] = tmp[i];
	return n;
}

// rtw_walk visits the tree in pre-order from where *cursor stands, emitting
// matches in rtl_drain's format until out is nearly full; *state says
// whether the current node is still to be visited (0) and *done is set at
// the end of the tree.
static int rtw_walk(rtw_cursor *cursor, int *state, int *done, const int32_t *start, const int32_t *count,
		const int32_t *specs, const uint8_t *sets, int nsym, uint32_t *out, int cap) {
	int n = 0;
	*done = 0;
	for (;;) {
		if (*state == 0) {
			if (n + 2 * (1 + 3 * 4) > cap) return n;
			rtw_node node = ts_tree_cursor_current_node(cursor);
			uint16_t s = ts_node_symbol(node);
			if (s < nsym) {
				for (int i = 0; i < count[s]; i++) n += emit(node, specs + SPEC_WORDS * (start[s] + i), sets, nsym, out + n);
			}
			*state = 1;
		}
		if (ts_tree_cursor_goto_first_child(cursor)) { *state = 0; continue; }
		while (!ts_tree_cursor_goto_next_sibling(cursor)) {
			if (!ts_tree_cursor_goto_parent(cursor)) { *done = 1; return n; }
		}
		*state = 0;
	}
}

static rtw_cursor rtw_new(const rtw_node *root) { return ts_tree_cursor_new(*root); }
*/
import "C"

import (
	"context"
	"runtime"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/queries"
)

// The walker is a faster equivalent of the combined query for the batch
// path: one pre-order walk in C over the tree, matching the same patterns
// by node type and field, emitting the same captures. tree-sitter's query
// cursor spends most of its time on bookkeeping at every node; this walk
// does not. walkPatterns mirrors queries/*.scm pattern for pattern, and
// two checks hold them together: TestWalkMatchesQuery compares the two over
// the benchmark corpus, and at first use per language the walk must
// reproduce the query's matches on a sample or the query is used.

type walkField struct {
	field, capture, nodeType string // nodeType "" accepts any named node
	optional                 bool
}

type walkPattern struct {
	node, capture string
	asPattern     bool // (as_pattern (_) @value alias: (as_pattern_target (identifier) @name))
	fields        []walkField
}

var walkPatterns = map[string][]walkPattern{
	"python": {
		{node: "assignment", capture: "binding", fields: []walkField{{"left", "binding.name", "identifier", false}, {"right", "binding.value", "", false}}},
		{node: "assignment", capture: "binding", fields: []walkField{{"left", "binding.name", "pattern_list", false}, {"right", "binding.value", "", false}}},
		{node: "assignment", capture: "binding", fields: []walkField{{"left", "binding.name", "tuple_pattern", false}, {"right", "binding.value", "", false}}},
		{node: "as_pattern", capture: "binding", asPattern: true, fields: []walkField{{"alias", "binding.value", "as_pattern_target", false}, {"", "binding.name", "identifier", false}}},
		{node: "call", capture: "call", fields: []walkField{{"function", "call.callee", "", false}, {"arguments", "call.args", "", false}}},
		{node: "function_definition", capture: "function", fields: []walkField{{"name", "function.name", "identifier", false}, {"parameters", "function.params", "parameters", false}}},
		{node: "lambda", capture: "function.lambda"},
		{node: "class_definition", capture: "class", fields: []walkField{{"name", "class.name", "identifier", false}, {"superclasses", "class.bases", "argument_list", true}}},
		{node: "decorator", capture: "decorator"},
		{node: "import_statement", capture: "import"},
		{node: "import_from_statement", capture: "import"},
		{node: "for_statement", capture: "loop", fields: []walkField{{"left", "loop.target", "", false}, {"right", "loop.header", "", false}}},
		{node: "while_statement", capture: "loop", fields: []walkField{{"condition", "loop.header", "", false}}},
		{node: "list_comprehension", capture: "loop"},
		{node: "set_comprehension", capture: "loop"},
		{node: "dictionary_comprehension", capture: "loop"},
		{node: "generator_expression", capture: "loop"},
	},
	"ecma": {
		{node: "variable_declarator", capture: "binding", fields: []walkField{{"name", "binding.name", "", false}, {"value", "binding.value", "", false}}},
		{node: "call_expression", capture: "call", fields: []walkField{{"function", "call.callee", "", false}, {"arguments", "call.args", "arguments", false}}},
		{node: "new_expression", capture: "call.new", fields: []walkField{{"constructor", "call.callee", "", false}, {"arguments", "call.args", "arguments", true}}},
		{node: "function_declaration", capture: "function", fields: []walkField{{"name", "function.name", "identifier", false}, {"parameters", "function.params", "formal_parameters", false}}},
		{node: "generator_function_declaration", capture: "function", fields: []walkField{{"name", "function.name", "identifier", false}, {"parameters", "function.params", "formal_parameters", false}}},
		{node: "function_expression", capture: "function.expression", fields: []walkField{{"parameters", "function.params", "formal_parameters", false}}},
		{node: "generator_function", capture: "function.expression", fields: []walkField{{"parameters", "function.params", "formal_parameters", false}}},
		{node: "arrow_function", capture: "function.arrow", fields: []walkField{{"parameters", "function.params", "formal_parameters", false}}},
		{node: "arrow_function", capture: "function.arrow", fields: []walkField{{"parameter", "function.params", "identifier", false}}},
		{node: "method_definition", capture: "function.method", fields: []walkField{{"name", "function.name", "", false}, {"parameters", "function.params", "formal_parameters", false}}},
		{node: "class_declaration", capture: "class", fields: []walkField{{"name", "class.name", "", false}}},
		{node: "decorator", capture: "decorator"},
		{node: "import_statement", capture: "import"},
		{node: "for_statement", capture: "loop"},
		{node: "for_in_statement", capture: "loop", fields: []walkField{{"left", "loop.target", "", false}, {"right", "loop.header", "", false}}},
		{node: "while_statement", capture: "loop", fields: []walkField{{"condition", "loop.header", "", false}}},
		{node: "do_statement", capture: "loop", fields: []walkField{{"condition", "loop.header", "", false}}},
	},
	"typescript": {
		{node: "abstract_class_declaration", capture: "class", fields: []walkField{{"name", "class.name", "", false}}},
	},
}

// walker is a language's compiled walk tables.
type walker struct {
	start, count []C.int32_t
	specs        []C.int32_t
	sets         []C.uint8_t
	nsym         int
}

// newWalker compiles the walk tables of a language against its query's
// capture indexes; nil when a name does not resolve.
func newWalker(lang source.Language, c *compiled) *walker {
	g := lang.Grammar()
	nsym := int(g.SymbolCount())
	captures := map[string]int32{}
	for i, name := range c.names {
		captures[name] = int32(i)
	}
	fields := map[string]int32{}
	for id, misses := 1, 0; misses < 32 && id < 1<<12; id++ {
		if name := g.FieldName(id); name != "" {
			fields[name] = int32(id)
			misses = 0
		} else {
			misses++
		}
	}
	bySymbolName := map[string][]int{}
	for s := 0; s < nsym; s++ {
		if g.SymbolType(sitter.Symbol(s)) == sitter.SymbolTypeRegular {
			bySymbolName[g.SymbolName(sitter.Symbol(s))] = append(bySymbolName[g.SymbolName(sitter.Symbol(s))], s)
		}
	}
	w := &walker{start: make([]C.int32_t, nsym), count: make([]C.int32_t, nsym), nsym: nsym}
	setIndex := map[string]int32{}
	typeSet := func(name string) (int32, bool) {
		if name == "" {
			return -1, true
		}
		if i, ok := setIndex[name]; ok {
			return i, true
		}
		syms := bySymbolName[name]
		if len(syms) == 0 {
			return 0, false
		}
		i := int32(len(setIndex))
		setIndex[name] = i
		set := make([]C.uint8_t, nsym)
		for _, s := range syms {
			set[s] = 1
		}
		w.sets = append(w.sets, set...)
		return i, true
	}
	var patterns []walkPattern
	for _, d := range queries.Dirs(lang.String()) {
		patterns = append(patterns, walkPatterns[d]...)
	}
	bySym := map[int][][]C.int32_t{}
	for _, p := range patterns {
		spec := make([]C.int32_t, 14)
		main, ok := captures[p.capture]
		if !ok {
			return nil
		}
		spec[0] = C.int32_t(main)
		if p.asPattern {
			spec[1] = 1
		}
		for i, f := range p.fields {
			capIdx, ok := captures[f.capture]
			set, ok2 := typeSet(f.nodeType)
			fid, ok3 := fields[f.field]
			if !ok || !ok2 || (!ok3 && f.field != "") {
				return nil
			}
			if f.field == "" {
				fid = -1 // positional (as_pattern's name): not a field
			}
			slot := spec[2+4*i : 2+4*i+4]
			slot[0], slot[1], slot[2] = C.int32_t(fid), C.int32_t(capIdx), C.int32_t(set)
			if f.optional {
				slot[3] = 1
			}
		}
		syms := bySymbolName[p.node]
		if len(syms) == 0 {
			return nil
		}
		for _, s := range syms {
			bySym[s] = append(bySym[s], spec)
		}
	}
	for s := 0; s < nsym; s++ {
		w.start[s] = C.int32_t(len(w.specs) / 14)
		w.count[s] = C.int32_t(len(bySym[s]))
		for _, spec := range bySym[s] {
			w.specs = append(w.specs, spec...)
		}
	}
	if len(w.sets) == 0 {
		w.sets = make([]C.uint8_t, 1)
	}
	return w
}

// walk runs the walker over a node's subtree in rtl_drain's format.
func (w *walker) walk(cur *cursor, c *compiled, node *sitter.Node, visit func(*match)) {
	// Copy the TSNode out of the Go struct (which also holds a Go pointer).
	root := *(*C.rtw_node)(unsafe.Pointer(node))
	tc := C.rtw_new(&root)
	defer C.ts_tree_cursor_delete(&tc)
	buf := cur.buf
	var state, done C.int
	for done == 0 {
		n := int(C.rtw_walk(&tc, &state, &done, &w.start[0], &w.count[0], &w.specs[0], &w.sets[0], C.int(w.nsym),
			(*C.uint32_t)(unsafe.Pointer(&buf[0])), C.int(len(buf))))
		c.decode(buf[:n], visit)
	}
	runtime.KeepAlive(node)
}

var (
	walkOnce    [8]sync.Once
	walkers     [8]*walker
	walkSamples = map[source.Language]string{
		source.Python: "import os, time as t\nfrom a.b import c as d\n\n@app.get('/x')\nasync def f(req, n: int = 1):\n" +
			"    x = [y * 2 for y in range(10) if y]\n    s = {y for y in x}\n    g = {k: v for k, v in x}\n    while n:\n" +
			"        t.sleep(lambda z: z)\n    with open('f') as fh, g() as (a, b):\n        return (i for i in fh)\n\n" +
			"class C(Base):\n    def m(self):\n        for i in g(i for i in x): os.system(i)\nclass D: pass\ntry:\n    pass\nexcept E as e:\n    y = 1\n",
		source.JavaScript: ecmaWalkSample,
		source.TypeScript: ecmaWalkSample + "abstract class A { abstract f(): void; }\nconst g = <T,>(x: T): T => x;\n",
		source.TSX:        ecmaWalkSample + "abstract class A {}\nconst el = <div onClick={() => f(1)} />;\n",
	}
)

const ecmaWalkSample = "import fs, { readFileSync as rf } from 'node:fs';\nconst { a, b: c } = require('x');\n" +
	"async function f(req, res) { for (let i = 0; i < 10; i++) {} for (const x of y) {} while (z) {} do {} while (w);\n" +
	"  const h = x => x * 2; const k = async (a, b) => { await g(); }; new Pool(); new P; app.get('/', function (q) {});\n}\n" +
	"function* gen() {}\nclass C { @Get() async m(@Req() r) { this.x(`t${1}`); } }\nf`tagged`;\n"

// walkerFor returns the language's walker, or nil when the query's
// matches cannot be walked (then the query is run). The walker mirrors the
// query's patterns by hand; TestWalkMatchesQuery holds them equal over a
// corpus, so a run does not compile the query to check it again.
func walkerFor(lang source.Language, c *compiled) *walker {
	walkOnce[lang].Do(func() {
		if c.drainable {
			walkers[lang] = newWalker(lang, c)
		}
	})
	return walkers[lang]
}

// walkerAgrees reports whether the walker finds exactly the query's
// matches on the language's sample, which exercises every pattern.
func walkerAgrees(lang source.Language) bool {
	c, err := queryFor(lang)
	if err != nil {
		return false
	}
	q, err := c.sitterQuery()
	w := walkerFor(lang, c)
	if err != nil || w == nil {
		return false
	}
	f, err := source.Parse(context.Background(), "sample", lang, []byte(walkSamples[lang]))
	if err != nil {
		return false
	}
	var byQuery, byWalk []match
	cur := &cursor{qc: sitter.NewQueryCursor(), buf: make([]uint32, 8192)}
	drainQuery(cur, q, c, f, f.Tree.RootNode(), func(m *match) { byQuery = append(byQuery, *m) })
	w.walk(cur, c, f.Tree.RootNode(), func(m *match) { byWalk = append(byWalk, *m) })
	return len(byQuery) > 10 && sameMatches(byQuery, byWalk)
}

// sameMatches compares two match lists as multisets (the walk emits in
// pre-order, the query in its own order).
func sameMatches(a, b []match) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[match]int{}
	for _, m := range a {
		count[m]++
	}
	for _, m := range b {
		count[m]--
		if count[m] < 0 {
			return false
		}
	}
	return true
}
