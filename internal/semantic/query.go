package semantic

/*
#include <stdbool.h>
#include <stdint.h>

// Mirrors of the tree-sitter api.h types that go-tree-sitter vendors, for
// draining a query cursor in one cgo call. fastMatchesWork compares this
// path with go-tree-sitter's own NextMatch before it is trusted. The ts_*
// functions are go-tree-sitter's: the linker resolves them across packages
// (cmd/go links externally, as go-tree-sitter's grammar packages need).
typedef struct { uint32_t context[4]; const void *id; const void *tree; } rtl_node;
typedef struct { rtl_node node; uint32_t index; } rtl_capture;
typedef struct { uint32_t id; uint16_t pattern_index; uint16_t capture_count; const rtl_capture *captures; } rtl_match;

extern bool ts_query_cursor_next_match(void *cursor, rtl_match *match);
extern uint32_t ts_node_start_byte(rtl_node node);
extern uint32_t ts_node_end_byte(rtl_node node);

// rtl_drain copies the cursor's next matches into out, each as its capture
// count followed by (capture index, start byte, end byte) per capture,
// while a match of max_captures captures still fits in cap words. It
// returns the number of words written and sets *done when the cursor has
// no more matches.
static int rtl_drain(void *cursor, uint32_t *out, int cap, int max_captures, int *done) {
	int n = 0;
	rtl_match m;
	*done = 0;
	while (n + 1 + 3 * max_captures <= cap) {
		if (!ts_query_cursor_next_match(cursor, &m)) {
			*done = 1;
			break;
		}
		int count = m.capture_count < max_captures ? m.capture_count : max_captures;
		out[n++] = (uint32_t)count;
		for (int i = 0; i < count; i++) {
			out[n++] = m.captures[i].index;
			out[n++] = ts_node_start_byte(m.captures[i].node);
			out[n++] = ts_node_end_byte(m.captures[i].node);
		}
	}
	return n;
}
*/
import "C"

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/queries"
)

// kind is the construct a capture belongs to (the part before the dot).
type kind uint8

const (
	kNone kind = iota
	kFunction
	kClass
	kDecorator
	kCall
	kImport
	kBinding
	kLoop
)

// field is the part of a construct a capture holds (the part after the dot).
type field uint8

const (
	fMain field = iota
	fName
	fParams
	fBases
	fCallee
	fArgs
	fValue
	fHeader
	fTarget
)

// variant refines a construct captured by a main capture with a suffix:
// `@function.lambda`, `@call.new`.
type variant uint8

const (
	vPlain variant = iota
	vLambda
	vArrow
	vExpression
	vMethod
	vNew
)

type captureInfo struct {
	kind    kind
	field   field
	variant variant
}

var kindNames = map[string]kind{
	"function": kFunction, "class": kClass, "decorator": kDecorator, "call": kCall,
	"import": kImport, "binding": kBinding, "loop": kLoop,
}

var fieldNames = map[string]field{
	"name": fName, "params": fParams, "bases": fBases, "callee": fCallee,
	"args": fArgs, "value": fValue, "header": fHeader, "target": fTarget,
}

var variantNames = map[string]variant{
	"lambda": vLambda, "arrow": vArrow, "expression": vExpression, "method": vMethod, "new": vNew,
}

// compiled is a language's combined query and its capture table. The
// table comes from the query text; the tree-sitter query itself is
// compiled only when a query cursor runs (10-25 ms per language: a batch
// run, which walks with the C walker, never pays it).
type compiled struct {
	lang     source.Language
	text     string
	names    []string // capture names by id: in order of first appearance
	captures []captureInfo
	// drainable says every match has at most one node per capture and no
	// predicate, so matches can be drained in bulk (runQuery).
	drainable bool

	once  sync.Once
	query *sitter.Query
	err   error
}

var (
	compileOnce [8]sync.Once
	compiledQ   [8]*compiled
	compileErr  [8]error
	cursors     sync.Pool // of *cursor
)

// cursor is a pooled query cursor with its drain buffer.
type cursor struct {
	qc  *sitter.QueryCursor
	buf []uint32
}

// queryFor reads the combined query of a language once per process.
func queryFor(lang source.Language) (*compiled, error) {
	compileOnce[lang].Do(func() {
		compiledQ[lang], compileErr[lang] = readQuery(lang)
	})
	return compiledQ[lang], compileErr[lang]
}

func readQuery(lang source.Language) (*compiled, error) {
	text, err := queries.Source(lang.String())
	if err != nil {
		return nil, err
	}
	names, repeats := scanQuery(text)
	c := &compiled{lang: lang, text: text, names: names, drainable: !repeats}
	for _, name := range names {
		info, err := parseCaptureName(name)
		if err != nil {
			return nil, fmt.Errorf("%s query: %w", lang, err)
		}
		c.captures = append(c.captures, info)
	}
	return c, nil
}

// sitterQuery compiles the query once, for the query-cursor paths.
func (c *compiled) sitterQuery() (*sitter.Query, error) {
	c.once.Do(func() {
		q, err := sitter.NewQuery([]byte(c.text), c.lang.Grammar())
		if err != nil {
			c.err = fmt.Errorf("compile %s query: %w", c.lang, err)
			return
		}
		c.query = q
	})
	return c.query, c.err
}

// scanQuery lists a query's capture names in order of first appearance,
// which is the order tree-sitter numbers them in, and says whether the
// query has predicates or quantifiers (then a match may hold several
// nodes per capture, and matches are not drained in bulk). CheckQueries
// compares both answers with the compiled query's.
func scanQuery(text string) (names []string, repeats bool) {
	seen := map[string]bool{}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == ';': // a comment, to the end of the line
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case c == '#' || c == '*' || c == '+':
			repeats = true
		case c == '@':
			j := i + 1
			for j < len(text) && (isIdentByte(text[j]) || text[j] == '.' || text[j] == '-') {
				j++
			}
			if name := text[i+1 : j]; !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			i = j - 1
		}
	}
	return names, repeats
}

func parseCaptureName(name string) (captureInfo, error) {
	if strings.HasPrefix(name, "_") {
		return captureInfo{kind: kNone}, nil
	}
	head, tail, dotted := strings.Cut(name, ".")
	k, ok := kindNames[head]
	if !ok {
		return captureInfo{}, fmt.Errorf("capture @%s: unknown construct %q", name, head)
	}
	if !dotted {
		return captureInfo{kind: k}, nil
	}
	if v, ok := variantNames[tail]; ok {
		return captureInfo{kind: k, variant: v}, nil
	}
	f, ok := fieldNames[tail]
	if !ok {
		return captureInfo{}, fmt.Errorf("capture @%s: unknown part %q", name, tail)
	}
	return captureInfo{kind: k, field: f}, nil
}

// CheckQueries compiles every language's query, and checks that the
// capture table read from its text is the compiled query's; tests and
// `Validate` call it.
func CheckQueries() error {
	for _, l := range source.Languages {
		c, err := queryFor(l)
		if err != nil {
			return err
		}
		q, err := c.sitterQuery()
		if err != nil {
			return err
		}
		if int(q.CaptureCount()) != len(c.names) {
			return fmt.Errorf("%s query: %d captures, the text scan found %d", l, q.CaptureCount(), len(c.names))
		}
		for i, name := range c.names {
			if got := q.CaptureNameForId(uint32(i)); got != name {
				return fmt.Errorf("%s query: capture %d is @%s, the text scan says @%s", l, i, got, name)
			}
		}
		drainable := true
		for p := uint32(0); p < q.PatternCount(); p++ {
			if len(q.PredicatesForPattern(p)) > 0 {
				drainable = false
			}
			for id := uint32(0); id < q.CaptureCount(); id++ {
				if qt := q.CaptureQuantifierForId(p, id); qt == sitter.QuantifierZeroOrMore || qt == sitter.QuantifierOneOrMore {
					drainable = false
				}
			}
		}
		if drainable != c.drainable {
			return fmt.Errorf("%s query: drainable is %v, the text scan says %v", l, drainable, c.drainable)
		}
	}
	return nil
}

// match is one query match reduced to spans.
type match struct {
	kind    kind
	variant variant
	main    Span
	parts   [fTarget + 1]Span
}

// runQuery runs the combined query over the tree once and hands each match
// to visit. Only byte offsets cross the cgo boundary.
//
// Matches are drained in bulk: one cgo call copies the captures' byte
// ranges of hundreds of matches into a buffer. go-tree-sitter's NextMatch
// costs a cgo call per match plus two per capture, and allocates a
// *sitter.Node per captured node in a map the tree keeps for its lifetime;
// that was a quarter of the time spent outside parsing. The node-by-node
// path remains for queries that cannot be drained (predicates, repeated
// captures) and should go-tree-sitter's layout ever change.
func runQuery(f *source.File, visit func(*match)) error {
	return runQueryOn(f, f.Tree.RootNode(), visit)
}

// runQueryOn runs the combined query over one node's subtree.
func runQueryOn(f *source.File, node *sitter.Node, visit func(*match)) error {
	c, err := queryFor(f.Language)
	if err != nil {
		return err
	}
	cur, _ := cursors.Get().(*cursor)
	if cur == nil {
		cur = &cursor{qc: sitter.NewQueryCursor(), buf: make([]uint32, 8192)}
	}
	defer cursors.Put(cur)
	if w := walkerFor(f.Language, c); w != nil {
		w.walk(cur, c, node, visit)
		return nil
	}
	q, err := c.sitterQuery()
	if err != nil {
		return err
	}
	if c.drainable && fastMatchesWork() {
		drainQuery(cur, q, c, f, node, visit)
	} else {
		nextMatchQuery(cur.qc, q, c, node, visit)
	}
	return nil
}

// drainQuery is runQuery's bulk path.
func drainQuery(cur *cursor, q *sitter.Query, c *compiled, f *source.File, root *sitter.Node, visit func(*match)) {
	cur.qc.Exec(q, root)
	raw := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(cur.qc), cursorPtrOffset))
	buf := cur.buf
	maxCaptures := C.int(len(c.captures))
	for done := C.int(0); done == 0; {
		n := int(C.rtl_drain(raw, (*C.uint32_t)(unsafe.Pointer(&buf[0])), C.int(len(buf)), maxCaptures, &done))
		c.decode(buf[:n], visit)
	}
	runtime.KeepAlive(cur.qc)
	runtime.KeepAlive(root)
	runtime.KeepAlive(f.Tree)
}

// nextMatchQuery is runQuery through go-tree-sitter's NextMatch.
func nextMatchQuery(qc *sitter.QueryCursor, q *sitter.Query, c *compiled, root *sitter.Node, visit func(*match)) {
	qc.Exec(q, root)
	var m match
	for {
		qm, ok := qc.NextMatch()
		if !ok {
			break
		}
		m = match{}
		for _, cap := range qm.Captures {
			c.add(&m, cap.Index, Span{cap.Node.StartByte(), cap.Node.EndByte()})
		}
		if m.kind != kNone {
			visit(&m)
		}
	}
}

// decode hands each match of a drained buffer to visit. The buffer holds,
// per match, its capture count and then (capture index, start, end) per
// capture: the format of both rtl_drain and rtw_walk.
func (c *compiled) decode(buf []uint32, visit func(*match)) {
	var m match
	for i := 0; i < len(buf); {
		count := int(buf[i])
		i++
		m = match{}
		for ; count > 0; count-- {
			c.add(&m, buf[i], Span{buf[i+1], buf[i+2]})
			i += 3
		}
		if m.kind != kNone {
			visit(&m)
		}
	}
}

// add records one capture in the match being reduced.
func (c *compiled) add(m *match, index uint32, span Span) {
	info := c.captures[index]
	if info.kind == kNone {
		return
	}
	m.kind = info.kind
	if info.field == fMain {
		m.main = span
		m.variant = info.variant
	} else {
		m.parts[info.field] = span
	}
}

// cursorPtrOffset is where sitter.QueryCursor keeps its C cursor, or
// ^uintptr(0) when its layout is not the one drainQuery knows.
var cursorPtrOffset = func() uintptr {
	f, ok := reflect.TypeFor[sitter.QueryCursor]().FieldByName("c")
	if !ok || f.Type.Kind() != reflect.Pointer {
		return ^uintptr(0)
	}
	return f.Offset
}()

var (
	fastOnce sync.Once
	fastOK   bool
)

// fastMatchesWork checks once per process that draining yields exactly the
// matches NextMatch does, on a sample of every construct the Python query
// captures; if not, runQuery keeps to NextMatch.
func fastMatchesWork() bool {
	fastOnce.Do(func() {
		if cursorPtrOffset == ^uintptr(0) {
			return
		}
		c, err := queryFor(source.Python)
		if err != nil || !c.drainable {
			return
		}
		q, err := c.sitterQuery()
		if err != nil {
			return
		}
		src := []byte("import os, time as t\nfrom a.b import c as d\n\n@app.get('/x')\nasync def f(req, n: int = 1):\n" +
			"    x = [y * 2 for y in range(10) if y]\n    while n:\n        t.sleep(lambda z: z)\n    with open('f') as fh:\n" +
			"        return {k: v for k, v in fh}\n\nclass C(Base):\n    def m(self):\n        for i in g(i for i in x): os.system(i)\n")
		f, err := source.Parse(context.Background(), "check.py", source.Python, src)
		if err != nil {
			return
		}
		var slow, fast []match
		cur := &cursor{qc: sitter.NewQueryCursor(), buf: make([]uint32, 1+3*len(c.captures))}
		nextMatchQuery(cur.qc, q, c, f.Tree.RootNode(), func(m *match) { slow = append(slow, *m) })
		drainQuery(cur, q, c, f, f.Tree.RootNode(), func(m *match) { fast = append(fast, *m) })
		fastOK = len(slow) > 10 && slices.Equal(slow, fast)
	})
	return fastOK
}
