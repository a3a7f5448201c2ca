package semantic

import "strings"

// segment is one step of a name chain: `db`, `prepare()`, `get`.
type segment struct {
	name   string
	call   bool
	module string // set for require('m') / import('m'): the module name
}

// chain is an expression reduced to names and calls, e.g.
// `db.prepare(sql).get` → [db, prepare(), get]. Anything else (indexing,
// operators, literals) makes the expression unresolvable.
type chain []segment

func (c chain) String() string {
	var b strings.Builder
	for i, s := range c {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
		if s.call {
			b.WriteString("()")
		}
	}
	return b.String()
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// parseChain reduces an expression to a chain, or returns nil. A leading
// `await` or `new` is dropped: `await mysql.createConnection()` binds the
// connection, `new Pool()` the pool.
func parseChain(s string) chain {
	s = strings.TrimSpace(s)
	for _, kw := range []string{"await ", "new "} {
		if strings.HasPrefix(s, kw) {
			s = strings.TrimSpace(s[len(kw):])
		}
	}
	// One segment per dot, usually: sized once instead of grown.
	out := make(chain, 0, 1+strings.Count(s, "."))
	i := 0
	expectName := true
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\':
			i++
		case expectName && isIdentByte(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			out = append(out, segment{name: s[i:j]})
			i = j
			expectName = false
		case !expectName && c == '.':
			i++
			expectName = true
		case !expectName && c == '?' && i+1 < len(s) && s[i+1] == '.':
			i += 2
			expectName = true
		case !expectName && c == '!': // TypeScript non-null assertion
			i++
		case !expectName && c == '(':
			end := matchParen(s, i)
			if end < 0 {
				return nil
			}
			last := &out[len(out)-1]
			if last.call {
				// f()() — calling a call result: record it as a nameless call.
				out = append(out, segment{call: true})
				last = &out[len(out)-1]
			}
			last.call = true
			if len(out) == 1 && (last.name == "require" || last.name == "import") {
				last.module = stringLiteral(s[i+1 : end])
			}
			i = end + 1
		default:
			return nil
		}
	}
	if expectName {
		return nil
	}
	return out
}

// matchParen returns the index of the parenthesis closing s[open], skipping
// strings, or -1.
func matchParen[T ~string | ~[]byte](s T, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '"', '\'', '`':
			j := skipString(s, i)
			if j < 0 {
				return -1
			}
			i = j
		}
	}
	return -1
}

// skipString returns the index of the quote closing the string at s[i].
func skipString[T ~string | ~[]byte](s T, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j
		}
	}
	return -1
}

// stringLiteral returns the value of s if it is exactly one quoted string
// without interpolation, or "".
func stringLiteral(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return ""
	}
	q := s[0]
	if (q != '"' && q != '\'' && q != '`') || s[len(s)-1] != q {
		return ""
	}
	inner := s[1 : len(s)-1]
	if strings.ContainsRune(inner, rune(q)) || (q == '`' && strings.Contains(inner, "${")) {
		return ""
	}
	return inner
}

// splitTopLevel splits s at commas outside brackets and strings; with
// angles, `<…>` also nests (TypeScript type arguments in parameter lists).
func splitTopLevel(s string, angles bool) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '<':
			if angles {
				depth++
			}
		case '>':
			if angles && !(i > 0 && s[i-1] == '=') { // not an arrow `=>`
				depth--
			}
		case '"', '\'', '`':
			if j := skipString(s, i); j >= 0 {
				i = j
			}
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" || len(parts) > 0 {
		parts = append(parts, s[start:])
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// Args splits an argument list text `(a, b=1)` into its arguments' text.
func Args(list string) []string {
	list = strings.TrimSpace(list)
	if len(list) < 2 || list[0] != '(' {
		return nil
	}
	inner := strings.TrimSpace(list[1 : len(list)-1])
	if inner == "" {
		return nil
	}
	return splitTopLevel(inner, false)
}

// StringLiteral is the exported form of stringLiteral for rules.
func StringLiteral(s string) string { return stringLiteral(s) }

// ChainOf reduces an expression's text to its name-chain form
// ("db.prepare(sql).get" → "db.prepare().get"), or "".
func ChainOf(expr string) string {
	c := parseChain(expr)
	if c == nil {
		return ""
	}
	return c.String()
}
