package semantic

import (
	"regexp"
	"strings"

	"github.com/rtlint/rtlint/internal/source"
)

// What reach needs of a class: its bases (for inherited methods and
// super()), and the classes of its attributes (`self.store = Store()`,
// `self.store: Store`, `this.db = new Db()`, TS fields and parameter
// properties), so that `self.store.put()` leads to Store.put.

var (
	pySelfAssign  = regexp.MustCompile(`\bself\.(\w+)\s*(?::\s*([^=\n]+?))?\s*=\s*([^\n]+)`)
	pyClassField  = regexp.MustCompile(`(?m)^([ \t]+)(\w+)\s*:\s*([^=\n#]+?)\s*(?:=[^\n]*)?$`)
	jsThisAssign  = regexp.MustCompile(`\bthis\.([\w$]+)\s*=\s*(new\s+[\w$.]+|[\w$]+)`)
	tsField       = regexp.MustCompile(`(?m)^[ \t]*(?:(?:private|public|protected|readonly|static|declare|override)\s+)*([\w$]+)[?!]?\s*:\s*([\w$.]+)\s*[;=\n]`)
	ecmaFieldNew  = regexp.MustCompile(`(?m)^[ \t]*(?:(?:private|public|protected|readonly|static|override)\s+)*#?([\w$]+)[?!]?\s*(?::\s*[\w$.<>]+\s*)?=\s*new\s+([\w$.]+)`)
	tsParamProp   = regexp.MustCompile(`(?:private|public|protected|readonly)\s+(?:readonly\s+)?([\w$]+)\??\s*:\s*([\w$.]+)`)
	ecmaExtends   = regexp.MustCompile(`\bextends\s+([\w$.]+)`)
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
	attrs := map[string]Target{}
	bad := map[string]bool{}
	add := func(name string, t Target, ok bool) {
		if !ok || bad[name] {
			return
		}
		if old, seen := attrs[name]; seen && old != t {
			delete(attrs, name)
			bad[name] = true
			return
		}
		attrs[name] = t
	}
	c := &m.Classes[k]
	text := m.Text(c.Span)
	py := m.Lang() == source.Python
	if py {
		for _, sm := range pySelfAssign.FindAllStringSubmatchIndex(text, -1) {
			name := text[sm[2]:sm[3]]
			scope := m.funcAtOffset(k, c.Span.Start+uint32(sm[0]))
			if sm[4] >= 0 {
				t, ok := m.TypeTarget(text[sm[4]:sm[5]], scope)
				add(name, t, ok)
				continue
			}
			t, ok := m.instanceTarget(strings.TrimSpace(text[sm[6]:sm[7]]), scope)
			add(name, t, ok)
		}
		body := bodyIndent(text)
		for _, sm := range pyClassField.FindAllStringSubmatchIndex(text, -1) {
			if body == "" || text[sm[2]:sm[3]] != body || m.funcAtOffset(k, c.Span.Start+uint32(sm[0])) != c.Func {
				continue
			}
			t, ok := m.TypeTarget(text[sm[6]:sm[7]], c.Func)
			add(text[sm[4]:sm[5]], t, ok)
		}
	} else {
		for _, sm := range jsThisAssign.FindAllStringSubmatchIndex(text, -1) {
			name, value := text[sm[2]:sm[3]], text[sm[4]:sm[5]]
			scope := m.funcAtOffset(k, c.Span.Start+uint32(sm[0]))
			if strings.HasPrefix(value, "new") {
				t, ok := m.TypeTarget(strings.TrimSpace(value[3:]), scope)
				add(name, t, ok)
			} else if scope != None {
				t, ok := m.paramType(value, scope)
				add(name, t, ok)
			}
		}
		for _, sm := range ecmaFieldNew.FindAllStringSubmatchIndex(text, -1) {
			if m.funcAtOffset(k, c.Span.Start+uint32(sm[0])) != c.Func {
				continue
			}
			t, ok := m.TypeTarget(text[sm[4]:sm[5]], c.Func)
			add(text[sm[2]:sm[3]], t, ok)
		}
		for _, sm := range tsField.FindAllStringSubmatchIndex(text, -1) {
			if m.funcAtOffset(k, c.Span.Start+uint32(sm[0])) != c.Func {
				continue // a local or parameter inside a method
			}
			t, ok := m.TypeTarget(text[sm[4]:sm[5]], c.Func)
			add(text[sm[2]:sm[3]], t, ok)
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
	if len(attrs) == 0 {
		attrs = classAttrNone
	}
	m.classAttrs[k] = attrs
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
// one of its methods) around an offset, or the class's own scope.
func (m *Model) funcAtOffset(k int, off uint32) int {
	best := m.Classes[k].Func
	for i := range m.Funcs {
		f := &m.Funcs[i]
		if f.Span.Start <= off && off < f.Span.End && m.Classes[k].Span.Contains(f.Span) {
			if best == m.Classes[k].Func || m.Funcs[best].Span.Contains(f.Span) {
				best = i
			}
		}
	}
	return best
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
