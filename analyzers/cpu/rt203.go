package cpu

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT203 flags nested pure-Python index loops doing arithmetic.
var RT203 = &analyzers.Analyzer{
	Code:      "RT203",
	Name:      "python-numeric-loop",
	Severity:  analyzers.Info,
	Languages: []source.Language{source.Python},
	Doc: &analyzers.Doc{
		Title: "Nested index loops doing arithmetic that NumPy would vectorise",
		WhatItDoes: "Checks for nested `for i in range(...)` loops (or comprehensions) whose body indexes " +
			"lists with the loop variables and does arithmetic — matrix and vector math written in pure " +
			"Python. In async context a heavy loop is RT201's finding instead; the two never report the same loop.",
		WhySlow: "Each pure-Python arithmetic step is an interpreted bytecode sequence on boxed objects, " +
			"about 50–100× slower than the same operation in NumPy's compiled loops over packed arrays.",
		Example:    "```python\nfor i in range(n):\n    for j in range(m):\n        for k in range(p):\n            c[i][j] += a[i][k] * b[k][j]\n```",
		UseInstead: "```python\nc = np.asarray(a) @ np.asarray(b)\n```",
	},
	Run: runRT203,
}

var subscript = lazyre.New(`[\w\])]\[([^\]]+)\]`)
var word = lazyre.New(`\w+`)

// indexLoop returns the loop variable of a `for v in range(...)` loop or
// comprehension, or "".
func indexLoop(m *semantic.Model, li int) string {
	l := &m.Loops[li]
	if l.Comprehension {
		text := m.Text(l.Span)
		i := strings.Index(text, " in range(")
		if i < 0 {
			return ""
		}
		head := strings.TrimSpace(text[:i])
		if j := strings.LastIndex(head, " for "); j >= 0 {
			return strings.TrimSpace(head[j+5:])
		}
		return ""
	}
	if l.Header.IsZero() || l.Target.IsZero() || !strings.HasPrefix(m.Text(l.Header), "range(") {
		return ""
	}
	return strings.TrimSpace(m.Text(l.Target))
}

// numericNest reports whether loop li is an index loop with an index loop
// nested in it whose body indexes with the loop variables and does arithmetic.
func numericNest(m *semantic.Model, li int) bool {
	outer := indexLoop(m, li)
	if outer == "" {
		return false
	}
	for j := li + 1; j < len(m.Loops) && m.Loops[j].Span.Start < m.Loops[li].Span.End; j++ {
		if m.Loops[j].Func != m.Loops[li].Func || !m.Loops[li].Span.Contains(m.Loops[j].Span) {
			continue
		}
		inner := indexLoop(m, j)
		if inner == "" || !m.LoopArithmetic(j) {
			continue
		}
		vars := map[string]bool{outer: true, inner: true}
		for _, sm := range subscript.FindAllStringSubmatch(m.Text(m.Loops[j].Span), -1) {
			for _, tok := range word.FindAllString(sm[1], -1) {
				if vars[tok] {
					return true
				}
			}
		}
	}
	return false
}

func runRT203(p *analyzers.Pass) {
	m := p.Model
	minIter := minIterations(p)
	for li := range m.Loops {
		l := &m.Loops[li]
		if !numericNest(m, li) || enclosedByNumericNest(m, li) {
			continue
		}
		// RT201 owns heavy loops on the event loop (SPEC §2).
		if onEventLoop(m.Lang(), l.Context) && (m.HeavyLoop(li, minIter) || enclosedByHeavyLoop(m, li, minIter)) {
			continue
		}
		p.Reportf(m.FirstLine(l.Span), nil,
			"nested index loops doing arithmetic in %s run in pure Python; use NumPy array operations (vectorised, compiled loops)",
			m.DescribeFunc(l.Func))
	}
}

func enclosedByNumericNest(m *semantic.Model, li int) bool {
	for p := m.Loops[li].Parent; p != semantic.None; p = m.Loops[p].Parent {
		if numericNest(m, p) {
			return true
		}
	}
	return false
}
