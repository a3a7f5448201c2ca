package semantic

import (
	"regexp"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// What reach needs of a class: its bases (for inherited methods and
// super()), and the classes of its attributes (`self.store = Store()`,
// `self.store: Store`, `this.db = new Db()`, TS fields and parameter
// properties), so that `self.store.put()` leads to Store.put.

var (
	pySelfAssign  = lazyre.New(`^self\.(\w+)\s*(?::\s*([^=\n]+?))?\s*=\s*([^=\n][^\n]*)`)
	pyClassField  = lazyre.New(`^([ \t]+)(\w+)\s*:\s*([^=#]+?)\s*(?:=.*)?$`)
	jsThisAssign  = lazyre.New(`^this\.([\w$]+)\s*=\s*(new\s+[\w$.]+|[\w$]+)`)
	tsField       = lazyre.New(`^[ \t]*(?:(?:private|public|protected|readonly|static|declare|override)\s+)*([\w$]+)[?!]?\s*:\s*([\w$.]+)\s*(?:[;=]|$)`)
	ecmaFieldNew  = lazyre.New(`^[ \t]*(?:(?:private|public|protected|readonly|static|override)\s+)*#?([\w$]+)[?!]?\s*(?::\s*[\w$.<>]+\s*)?=\s*new\s+([\w$.]+)`)
	tsParamProp   = lazyre.New(`(?:private|public|protected|readonly)\s+(?:readonly\s+)?([\w$]+)\??\s*:\s*([\w$.]+)`)
	ecmaExtends   = lazyre.New(`\bextends\s+([\w$.]+)`)
	classAttrNone = map[string]Target{}
)

// ClassBases returns the targets of a class's bases that this file can
// name (unnameable ones, like `Generic[T]` or a call, are left out).
func (m *Model) ClassBases(k int) []Target {
	c := &m.Classes[k]
	var out []Target
	if m.Lang() == source.Python {
		for _, a := range Args(c.Bases) {
			if strings.Contains(a, "=") { // metaclass=...
				continue
			}
			if t, ok := m.TypeTarget(a, c.Func); ok {
				out = append(out, t)
			}
		}
		return out
	}
	head := m.Text(c.Span)
	if i := strings.IndexByte(head, '{'); i >= 0 {
		head = head[:i]
	}
	if sm := ecmaExtends.FindStringSubmatch(head); sm != nil {
		if t, ok := m.TypeTarget(sm[1], c.Func); ok {
			out = append(out, t)
		}
	}
	return out
}

// ClassAttrs returns the classes of a class's attributes, by attribute
// name. An attribute given two different classes is left out.
func (m *Model) ClassAttrs(k int) map[string]Target {
	if m.classAttrs == nil {
		m.classAttrs = make([]map[string]Target, len(m.Classes))
	}
	if a := m.classAttrs[k]; a != nil {
		return a
	}
	// An attribute defined through another (`self.a = self.a.clone()`)
	// asks for this very table: it reads as empty while being built.
	m.classAttrs[k] = classAttrNone
	attrs := m.scanAttrs(k, "")
	if len(attrs) == 0 {
		attrs = classAttrNone
	}
	m.classAttrs[k] = attrs
	return attrs
}

type classAttrKey struct {
	class int
	name  string
}

type classAttrResult struct {
	t  Target
	ok bool
}

// ClassAttr returns the class one attribute of class k holds: what
// ClassAttrs would say for it, looking only at the lines that mention it
// (resolution asks per call; scanning a whole class each time would not do).
func (m *Model) ClassAttr(k int, name string) (Target, bool) {
	if m.classAttrs != nil && m.classAttrs[k] != nil {
		t, ok := m.classAttrs[k][name]
		return t, ok
	}
	key := classAttrKey{k, name}
	if r, done := m.classAttr[key]; done {
		return r.t, r.ok
	}
	if m.classAttr == nil {
		m.classAttr = map[classAttrKey]classAttrResult{}
	}
	m.classAttr[key] = classAttrResult{} // while being computed (self-reference)
	t, ok := m.scanAttrs(k, name)[name]
	m.classAttr[key] = classAttrResult{t, ok}
	return t, ok
}

// scanAttrs reads the attribute classes of class k; with only set, just
// that attribute's (lines not mentioning it are skipped).
func (m *Model) scanAttrs(k int, only string) map[string]Target {
	attrs := map[string]Target{}
	bad := map[string]bool{}
	add := func(name string, t Target, ok bool) {
		if !ok || bad[name] || only != "" && name != only {
			return
		}
		// Cut from a view of the file: kept strings must not pin its text.
		name, t.Module, t.Name = strings.Clone(name), strings.Clone(t.Module), strings.Clone(t.Name)
		if old, seen := attrs[name]; seen && old != t {
			delete(attrs, name)
			bad[name] = true
			return
		}
		attrs[name] = t
	}
	c := &m.Classes[k]
	text := m.view(c.Span)
	py := m.Lang() == source.Python
	if py {
		for _, at := range lineMatchesOf(text, "self.", only, pySelfAssign.Re()) {
			sm, line := at.sub, at.line
			name := line[sm[2]:sm[3]]
			scope := m.funcAtOffset(k, c.Span.Start+uint32(at.offset))
			if sm[4] >= 0 {
				t, ok := m.TypeTarget(line[sm[4]:sm[5]], scope)
				add(name, t, ok)
				continue
			}
			value := line[sm[6]:sm[7]]
			if i := strings.Index(value, " #"); i >= 0 {
				value = value[:i] // a trailing comment
			}
			value = strings.TrimSpace(value)
			if isIdentifier(value) && scope != None { // self.store = store, a typed parameter
				t, ok := m.paramType(value, scope)
				add(name, t, ok)
				continue
			}
			t, ok := m.instanceTarget(value, scope)
			add(name, t, ok)
		}
		body := bodyIndent(text)
		for _, ln := range fieldLines(text, ':', only) {
			sm := pyClassField.FindStringSubmatchIndex(ln.line)
			if sm == nil || body == "" || ln.line[sm[2]:sm[3]] != body || m.funcAtOffset(k, c.Span.Start+uint32(ln.offset)) != c.Func {
				continue
			}
			t, ok := m.TypeTarget(ln.line[sm[6]:sm[7]], c.Func)
			add(ln.line[sm[4]:sm[5]], t, ok)
		}
	} else {
		for _, at := range lineMatchesOf(text, "this.", only, jsThisAssign.Re()) {
			sm, line := at.sub, at.line
			name, value := line[sm[2]:sm[3]], line[sm[4]:sm[5]]
			scope := m.funcAtOffset(k, c.Span.Start+uint32(at.offset))
			if strings.HasPrefix(value, "new") {
				t, ok := m.TypeTarget(strings.TrimSpace(value[3:]), scope)
				add(name, t, ok)
			} else if scope != None {
				t, ok := m.paramType(value, scope)
				add(name, t, ok)
			}
		}
		for _, ln := range fieldLines(text, '=', only) {
			sm := ecmaFieldNew.FindStringSubmatchIndex(ln.line)
			if sm == nil || m.funcAtOffset(k, c.Span.Start+uint32(ln.offset)) != c.Func {
				continue
			}
			t, ok := m.TypeTarget(ln.line[sm[4]:sm[5]], c.Func)
			add(ln.line[sm[2]:sm[3]], t, ok)
		}
		for _, ln := range fieldLines(text, ':', only) {
			sm := tsField.FindStringSubmatchIndex(ln.line)
			if sm == nil || m.funcAtOffset(k, c.Span.Start+uint32(ln.offset)) != c.Func {
				continue // a local or parameter inside a method
			}
			t, ok := m.TypeTarget(ln.line[sm[4]:sm[5]], c.Func)
			add(ln.line[sm[2]:sm[3]], t, ok)
		}
		for i := range m.Funcs {
			f := &m.Funcs[i]
			if f.Class != k || f.Name != "constructor" {
				continue
			}
			head := m.Text(Span{f.Span.Start, f.Span.End})
			if j := strings.IndexByte(head, '{'); j >= 0 {
				head = head[:j]
			}
			for _, sm := range tsParamProp.FindAllStringSubmatch(head, -1) {
				t, ok := m.TypeTarget(sm[2], c.Func)
				add(sm[1], t, ok)
			}
		}
	}
	return attrs
}

// instanceTarget names the class of a value expression that constructs
// one (`Store(path)`, `Store()`), resolved from scope.
func (m *Model) instanceTarget(expr string, scope int) (Target, bool) {
	ch := parseChain(expr)
	if len(ch) == 0 || !ch[len(ch)-1].call {
		return Target{}, false
	}
	for _, s := range ch[:len(ch)-1] {
		if s.call {
			return Target{}, false
		}
	}
	plain := make(chain, len(ch))
	copy(plain, ch)
	plain[len(plain)-1].call = false
	return m.chainTarget(plain, scope, 1)
}

// funcAtOffset returns the innermost function of class k (or nested in
// one of its methods) around an offset, or the class's own scope. Funcs
// are in source order of their starts, so the candidates are the ones
// starting before the offset, searched backwards to the class's start.
func (m *Model) funcAtOffset(k int, off uint32) int {
	cls := m.Classes[k].Span
	i := sort.Search(len(m.Funcs), func(i int) bool { return m.Funcs[i].Span.Start > off })
	for i--; i >= 0 && m.Funcs[i].Span.Start >= cls.Start; i-- {
		if f := m.Funcs[i].Span; off < f.End && cls.Contains(f) {
			return i
		}
	}
	return m.Classes[k].Func
}

// bodyIndent returns the indentation of a Python class body's first line.
func bodyIndent(text string) string {
	nl := strings.IndexByte(text, '\n')
	if nl < 0 {
		return ""
	}
	rest := text[nl+1:]
	for rest != "" {
		line := rest
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = ""
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	}
	return ""
}

// lineMatch is an anchored match at one occurrence of a keyword.
type lineMatch struct {
	offset int    // of the keyword in the text
	line   string // from the keyword to the end of its line (at most 300 bytes)
	sub    []int  // submatch indexes into line
}

// lineMatchesOf finds each occurrence of keyword that starts a word and
// matches re (anchored at the keyword) on the rest of its line, on the
// lines that also contain only ("" for every line). Searching for the
// keyword first keeps the cost linear in the text, where an unanchored
// pattern over a whole class is not.
func lineMatchesOf(text, keyword, only string, re *regexp.Regexp) []lineMatch {
	var out []lineMatch
	for at := 0; ; {
		i := strings.Index(text[at:], keyword)
		if i < 0 {
			return out
		}
		i += at
		at = i + len(keyword)
		if i > 0 && isIdentByte(text[i-1]) {
			continue
		}
		end := i + min(len(text)-i, 300)
		if j := strings.IndexByte(text[i:end], '\n'); j >= 0 {
			end = i + j
		}
		line := text[i:end]
		if only != "" && !strings.Contains(line, only) {
			continue
		}
		if sm := re.FindStringSubmatchIndex(line); sm != nil {
			out = append(out, lineMatch{offset: i, line: line, sub: sm})
		}
	}
}

// fieldLines returns the lines of a class that could declare a field: not
// too long, holding the given separator. Matching an anchored pattern per
// line is linear, where a multi-line pattern over the class is not.
func fieldLines(text string, sep byte, only string) []lineMatch {
	var out []lineMatch
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if line := text[off:end]; len(line) <= 300 && strings.IndexByte(line, sep) >= 0 && (only == "" || strings.Contains(line, only)) {
			out = append(out, lineMatch{offset: off, line: strings.TrimRight(line, "\r")})
		}
		off = end + 1
	}
	return out
}
