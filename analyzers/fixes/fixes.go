// Package fixes builds the text edits behind quick fixes: replacements,
// `await` wrapping with the right precedence, and import insertion in the
// file's own style that never duplicates an import. Analyzers call it;
// internal/fix applies what they produce.
package fixes

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Replace returns an edit replacing a span of the analysed file.
func Replace(s semantic.Span, text string) analyzers.Edit {
	return analyzers.Edit{Start: int(s.Start), End: int(s.End), NewText: text}
}

// Insert returns an edit inserting text at an offset.
func Insert(at int, text string) analyzers.Edit {
	return analyzers.Edit{Start: at, End: at, NewText: text}
}

// New builds a fix; it returns nil when edits is nil (a helper said no) or
// when the edits conflict with each other (a fix must always apply).
func New(message string, a analyzers.Applicability, edits ...analyzers.Edit) []analyzers.Fix {
	if edits == nil || selfConflicting(edits) {
		return nil
	}
	return []analyzers.Fix{{Message: message, Applicability: a, Edits: edits}}
}

// selfConflicting reports whether two same-file edits of one fix overlap,
// or one inserts strictly inside another's range.
func selfConflicting(edits []analyzers.Edit) bool {
	for i, a := range edits {
		for _, b := range edits[i+1:] {
			if analyzers.Overlap(a, b) {
				return true
			}
		}
	}
	return false
}

// Await returns `await expr`, parenthesised when the call it replaces is
// followed by a member access, index or call (`(await f()).json()`).
func Await(m *semantic.Model, c *semantic.Call, expr string) string {
	if c.Awaited {
		return expr // `await fs.readFileSync(p)`: the await is there already
	}
	src := m.File.Src
	i := int(c.Span.End)
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < len(src) && (src[i] == '.' || src[i] == '[' || src[i] == '(') || (i+1 < len(src) && src[i] == '?' && src[i+1] == '.') {
		return "(await " + expr + ")"
	}
	return "await " + expr
}

// ArgsInner returns the text inside a call's parentheses.
func ArgsInner(m *semantic.Model, c *semantic.Call) string {
	t := m.Text(c.Args)
	if len(t) >= 2 {
		return t[1 : len(t)-1]
	}
	return ""
}

// WithItem reports whether a Python call is a `with` item (`with open(p)`,
// `with a, open(p)`): a context manager, which fixes must not rewrite or
// share.
func WithItem(m *semantic.Model, c *semantic.Call) bool {
	src := m.File.Src
	start := max(0, int(c.Span.Start)-16)
	before := strings.TrimRight(string(src[start:c.Span.Start]), " \t")
	if strings.HasSuffix(before, "with") {
		return true
	}
	line := src[bytes.LastIndexByte(src[:c.Span.Start], '\n')+1 : c.Span.Start]
	return strings.HasSuffix(before, ",") && bytes.Contains(line, []byte("with "))
}

// TrailingArgs returns a call's arguments as they follow another argument
// in a wrapper call: ", a, k=v", or "" when there are none
// (`f(a)` → `asyncio.to_thread(f, a)`).
func TrailingArgs(m *semantic.Model, c *semantic.Call) string {
	args := ArgsInner(m, c)
	if strings.TrimSpace(args) == "" {
		return ""
	}
	return ", " + args
}

// Import is an import a fix needs. Python: Name "" is `import Module`,
// otherwise `from Module import Name`. JS/TS: a named import of Name
// from Module (`node:` modules spelled with the prefix).
type Import struct {
	Module string
	Name   string
}

// local is the name an import binds.
func (imp Import) local() string {
	if imp.Name != "" {
		return imp.Name
	}
	head, _, _ := strings.Cut(imp.Module, ".")
	return head
}

// qualified is what the bound name resolves to in the semantic model.
func (imp Import) qualified(lang source.Language) string {
	mod := imp.Module
	if lang.IsECMA() {
		mod = semantic.NormalizeModule(mod)
	}
	if imp.Name == "" {
		head, _, _ := strings.Cut(mod, ".")
		return head
	}
	return mod + "." + imp.Name
}

// SyntaxClean reports whether the code in span parsed without errors: a
// fix that moves code elsewhere (a worker module) must not carry broken
// code there. Without a tree it cannot tell, and says no.
func SyntaxClean(m *semantic.Model, span semantic.Span) bool {
	if m.File.Tree == nil {
		return false
	}
	// Descend from the root to the smallest node that covers the span.
	n := m.File.Tree.RootNode()
	for {
		next := -1
		for i := 0; i < int(n.ChildCount()); i++ {
			if c := n.Child(i); c != nil && c.StartByte() <= span.Start && span.End <= c.EndByte() {
				next = i
				break
			}
		}
		if next < 0 {
			break
		}
		n = n.Child(next)
	}
	return !n.HasError()
}

// NodeBuiltin names a Node builtin module as fixes write it: `node:fs`,
// or plain `fs` where the project supports a Node older than 14.18, whose
// require() does not take `node:` specifiers (SPEC §2b).
func NodeBuiltin(m *semantic.Model, name string) string {
	if m.Project().NodeBelow("14.18") {
		return name
	}
	return "node:" + name
}

// AddImport returns the edits that make imp available at module level: none
// when it already is, one insertion otherwise. ok is false when the name is
// already bound to something else (the fix must not be offered). A `node:`
// module is written as NodeBuiltin says.
func AddImport(m *semantic.Model, imp Import) (edits []analyzers.Edit, ok bool) {
	if name, isNode := strings.CutPrefix(imp.Module, "node:"); isNode {
		imp.Module = NodeBuiltin(m, name)
	}
	q, bound := m.Bound(imp.local(), semantic.None)
	if bound {
		return nil, q == imp.qualified(m.Lang())
	}
	var stmt string
	switch {
	case m.Lang() == source.Python && imp.Name == "":
		stmt = "import " + imp.Module
	case m.Lang() == source.Python:
		stmt = "from " + imp.Module + " import " + imp.Name
	case m.ModuleStyle() == "esm":
		stmt = "import { " + imp.Name + " } from '" + imp.Module + "';"
	default:
		stmt = "const { " + imp.Name + " } = require('" + imp.Module + "');"
	}
	return []analyzers.Edit{importInsert(m, stmt)}, true
}

// importInsert inserts an import statement. Imports go at the end of the
// last import's line (before its newline) and definitions at the start of
// the next line, so imports always come before definitions that fixes add
// at the same place, whatever order the fixes come in.
func importInsert(m *semantic.Model, stmt string) analyzers.Edit {
	at, prefix := importPoint(m)
	if prefix == "" && at > 0 && m.File.Src[at-1] == '\n' {
		pos := at - 1
		if pos > 0 && m.File.Src[pos-1] == '\r' {
			pos-- // before a CRLF, never between its CR and LF
		}
		return Insert(pos, "\n"+stmt)
	}
	if prefix != "" {
		return Insert(at, prefix+stmt)
	}
	return Insert(at, stmt+"\n")
}

// importPoint is where new imports go: after the last module-level import,
// else after the leading comments, docstring and directives. prefix is a
// newline when the file's last line has none.
func importPoint(m *semantic.Model) (int, string) {
	src := m.File.Src
	last := -1
	for _, imp := range m.Imports {
		if imp.Func == semantic.None && int(imp.Span.End) > last {
			last = int(imp.Span.End)
		}
	}
	if last < 0 {
		last = preambleEnd(m)
		if last == 0 {
			return 0, ""
		}
	}
	nl := bytes.IndexByte(src[last:], '\n')
	if nl < 0 {
		nl = len(src) - last
	}
	// Code after the import on its line (`import x; main()`): insert right
	// after the import instead of at the end of the line.
	if rest := strings.TrimSpace(string(src[last : last+nl])); rest != "" && rest != ";" && !strings.HasPrefix(rest, "#") && !strings.HasPrefix(rest, "//") {
		return last, "\n"
	}
	if last+nl == len(src) {
		return len(src), "\n"
	}
	return last + nl + 1, ""
}

// preambleEnd returns the end of the leading comments, shebang, module
// docstring (Python) or 'use strict' directive (JS), or 0.
func preambleEnd(m *semantic.Model) int {
	src := m.File.Src
	i, end := 0, 0
	py := m.Lang() == source.Python
	for i < len(src) {
		rest := src[i:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		line := string(rest) // one line of the preamble: a small copy
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#") && py || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "#!"):
		case py && (strings.HasPrefix(t, `"""`) || strings.HasPrefix(t, `'''`)):
			q := []byte(t[:3])
			open := i + bytes.Index(src[i:], q) + 3
			close := bytes.Index(src[open:], q)
			if close < 0 {
				return end
			}
			endDoc := open + close + 3
			i = endDoc
			end = endDoc
			continue
		case !py && strings.HasPrefix(t, "/*"):
			close := bytes.Index(src[i:], []byte("*/"))
			if close < 0 {
				return end
			}
			i += close + 2
			end = i
			continue
		case !py && (t == "'use strict';" || t == `"use strict";` || t == "'use strict'" || t == `"use strict"`):
			end = i + len(line)
		default:
			return end
		}
		if t != "" {
			end = i + len(line)
		}
		i += len(line) + 1
	}
	return end
}

// FreeName returns base, or base2, base3, … — the first name not bound at
// module level or in scope.
func FreeName(m *semantic.Model, base string, scope int) string {
	name := base
	for i := 2; ; i++ {
		if _, bound := m.Bound(name, scope); !bound && !isBuiltinName(m, name) {
			return name
		}
		name = base + strconv.Itoa(i)
	}
}

func isBuiltinName(m *semantic.Model, name string) bool {
	return m.Lang() == source.Python && (name == "open" || name == "input" || name == "id" || name == "type")
}

// ModuleValue makes a module-level `name = value` available: an existing
// binding to the same value is reused; otherwise a free name is chosen and
// the definition inserted at `at` (after the imports when at < 0).
// qualified is what value resolves to, e.g. "concurrent.futures.ProcessPoolExecutor()";
// "" never reuses.
func ModuleValue(m *semantic.Model, base, qualified string, at int, stmt func(name string) string) (edits []analyzers.Edit, name string) {
	if qualified != "" {
		if name := m.ModuleNameFor(qualified); name != "" {
			return nil, name
		}
	}
	name = FreeName(m, base, semantic.None)
	prefix := ""
	if at < 0 {
		at, prefix = importPoint(m)
	}
	return []analyzers.Edit{Insert(at, prefix+"\n"+strings.TrimPrefix(stmt(name), "\n")+"\n")}, name
}

// DeleteStatement deletes the lines of a statement when they hold nothing
// else (besides `const`/`let`/`var`, `;` and a trailing comment).
func DeleteStatement(m *semantic.Model, s semantic.Span) (analyzers.Edit, bool) {
	src := m.File.Src
	ls := bytes.LastIndexByte(src[:s.Start], '\n') + 1
	le := bytes.IndexByte(src[s.End:], '\n')
	if le < 0 {
		le = len(src)
	} else {
		le = int(s.End) + le + 1
	}
	head := strings.TrimSpace(string(src[ls:s.Start]))
	tail := strings.TrimSpace(string(src[s.End:le]))
	tail = strings.TrimSpace(strings.TrimPrefix(tail, ";"))
	if head != "" && head != "const" && head != "let" && head != "var" {
		return analyzers.Edit{}, false
	}
	if tail != "" && !strings.HasPrefix(tail, "#") && !strings.HasPrefix(tail, "//") {
		return analyzers.Edit{}, false
	}
	return analyzers.Edit{Start: ls, End: le}, true
}
