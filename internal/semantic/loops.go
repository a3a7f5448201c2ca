package semantic

import (
	"math"
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

var (
	ecmaCountedFor = lazyre.New(`^for\s*\(\s*(?:let|var|const)?\s*([\w$]+)\s*=\s*([^;,]+);\s*([\w$]+)\s*(<=|<|>=|>)\s*([^;]+);`)
	ecmaForever    = lazyre.New(`^for\s*\([^;]*;\s*;`)
)

// describeLoop fills a loop's literal iteration count and forever flag from
// its source text, as SPEC §2's "heavy" needs.
func describeLoop(m *Model, l *Loop) {
	text := m.Text(l.Span)
	header := ""
	if !l.Header.IsZero() {
		header = strings.TrimSpace(m.Text(l.Header))
	}
	if m.Lang() == source.Python {
		switch {
		case strings.HasPrefix(text, "for") || strings.HasPrefix(text, "async"):
			l.Iterations = rangeCount(header)
		case strings.HasPrefix(text, "while"):
			l.Forever = header == "True" || header == "1"
		default:
			l.Comprehension = true
			if i := strings.Index(text, " in range("); i >= 0 {
				if end := matchParen(text, i+len(" in range")); end > 0 {
					l.Iterations = rangeCount(text[i+4 : end+1])
				}
			}
		}
		return
	}
	switch {
	case strings.HasPrefix(text, "while") || strings.HasPrefix(text, "do"):
		h := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(header, "("), ")"))
		l.Forever = h == "true" || h == "1"
	case ecmaForever.MatchString(text):
		l.Forever = true
	default:
		if sm := ecmaCountedFor.FindStringSubmatch(text); sm != nil && sm[1] == sm[3] {
			a, okA := literalInt(sm[2])
			b, okB := literalInt(sm[5])
			if okA && okB {
				n := b - a
				if n < 0 {
					n = -n
				}
				if sm[4] == "<=" || sm[4] == ">=" {
					n++
				}
				l.Iterations = n
			}
		}
	}
}

// rangeCount returns the length of `range(...)` with literal arguments:
// range(n), range(a, b), range(a, b, step); 0 when not literal.
func rangeCount(expr string) int64 {
	if !strings.HasPrefix(expr, "range(") {
		return 0
	}
	args := Args(expr[len("range"):])
	vals := make([]int64, len(args))
	for i, a := range args {
		v, ok := literalInt(a)
		if !ok {
			return 0
		}
		vals[i] = v
	}
	switch len(vals) {
	case 1:
		return max(0, vals[0])
	case 2:
		return max(0, vals[1]-vals[0])
	case 3:
		if vals[2] == 0 {
			return 0
		}
		return max(0, (vals[1]-vals[0])/vals[2])
	}
	return 0
}

// literalInt evaluates an integer literal expression: `100_000`, `1e6`,
// `10**6`, `1000 * 1000`, `int(1e6)`. ok is false for anything else.
func literalInt(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "int(") && strings.HasSuffix(s, ")") {
		s = s[4 : len(s)-1]
	}
	s = strings.ReplaceAll(s, "_", "")
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = s[1 : len(s)-1]
	}
	if base, exp, ok := strings.Cut(s, "**"); ok {
		b, ok1 := literalInt(base)
		e, ok2 := literalInt(exp)
		if !ok1 || !ok2 || e > 18 {
			return 0, false
		}
		return clampMul(int64(math.Pow(float64(b), float64(e)))), true
	}
	if l, r, ok := strings.Cut(s, "*"); ok {
		a, ok1 := literalInt(l)
		b, ok2 := literalInt(r)
		if !ok1 || !ok2 {
			return 0, false
		}
		return clampMul(a * b), true
	}
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return v, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f < 1e18 && f > -1e18 {
		return int64(f), true
	}
	return 0, false
}

func clampMul(v int64) int64 {
	if v < 0 {
		return math.MaxInt64
	}
	return v
}
