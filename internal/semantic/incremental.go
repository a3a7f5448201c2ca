package semantic

import (
	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/source"
)

// Matches are a file's query matches as raw spans. The language server
// keeps them with each open document: after an edit, Update re-runs the
// query only over the top-level statements the edit touched and shifts the
// rest, so a keystroke in a 5,000-line file does not query 5,000 lines.
type Matches struct {
	list     []match
	tops     []Span // the root's children, in order
	hasError bool   // the tree had syntax errors
}

// Collect runs the query over the whole file.
func Collect(f *source.File) (*Matches, error) {
	ms := &Matches{tops: topLevel(f, nil), hasError: f.Tree.RootNode().HasError()}
	if err := runQuery(f, func(m *match) { ms.list = append(ms.list, *m) }); err != nil {
		return nil, err
	}
	return ms, nil
}

// BuildFrom computes the model of f from matches collected for f.
func BuildFrom(f *source.File, ms *Matches) (*Model, error) { return BuildWith(f, ms, nil) }

// topLevel lists the spans of the root's children, and their nodes when
// nodes is non-nil.
func topLevel(f *source.File, nodes *[]*sitter.Node) []Span {
	var spans []Span
	c := sitter.NewTreeCursor(f.Tree.RootNode())
	defer c.Close()
	for ok := c.GoToFirstChild(); ok; ok = c.GoToNextSibling() {
		n := c.CurrentNode()
		spans = append(spans, Span{n.StartByte(), n.EndByte()})
		if nodes != nil {
			*nodes = append(*nodes, n)
		}
	}
	return spans
}

// Update returns the matches of f, which is old with bytes [start, oldEnd)
// replaced by newEnd-start bytes (f parsed incrementally). Statements the
// edit did not touch keep their matches, shifted; the touched ones are
// queried again. When the top level changed beyond the edit (an unclosed
// string swallowing what follows, say), or either tree has syntax errors
// (error recovery weighs the whole file, so an edit can re-shape a distant
// statement), it collects from scratch.
func Update(ms *Matches, f *source.File, start, oldEnd, newEnd int) (*Matches, error) {
	if ms.hasError || f.Tree.RootNode().HasError() {
		return Collect(f)
	}
	var nodes []*sitter.Node
	tops := topLevel(f, &nodes)
	delta := int64(newEnd) - int64(oldEnd)

	// The region to query again: the top-level statements overlapping the
	// edit (touching counts: typing at a statement's end extends it).
	first, last := -1, -1
	for i, t := range tops {
		if int(t.End) >= start && int(t.Start) <= newEnd {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	rs, re := uint32(start), uint32(newEnd)
	if first >= 0 {
		rs, re = min(rs, tops[first].Start), max(re, tops[last].End)
	}

	// Outside the region the top level must be the old one, shifted.
	var before, after []Span
	for _, t := range tops {
		switch {
		case t.End <= rs:
			before = append(before, t)
		case t.Start >= re:
			after = append(after, t)
		}
	}
	oldRe := uint32(int64(re) - delta)
	var oldBefore, oldAfter []Span
	for _, t := range ms.tops {
		switch {
		case t.End <= rs:
			oldBefore = append(oldBefore, t)
		case t.Start >= oldRe:
			oldAfter = append(oldAfter, shift(t, delta))
		}
	}
	if !equalSpans(before, oldBefore) || !equalSpans(after, oldAfter) {
		return Collect(f)
	}

	out := &Matches{tops: tops, list: make([]match, 0, len(ms.list)+16)}
	for _, m := range ms.list {
		if m.main.End <= rs {
			out.list = append(out.list, m)
		}
	}
	for i := first; first >= 0 && i <= last; i++ {
		if err := runQueryOn(f, nodes[i], func(m *match) { out.list = append(out.list, *m) }); err != nil {
			return nil, err
		}
	}
	for _, m := range ms.list {
		if m.main.Start >= oldRe {
			m.main = shift(m.main, delta)
			for i := range m.parts {
				if !m.parts[i].IsZero() {
					m.parts[i] = shift(m.parts[i], delta)
				}
			}
			out.list = append(out.list, m)
		}
	}
	return out, nil
}

func shift(s Span, delta int64) Span {
	return Span{uint32(int64(s.Start) + delta), uint32(int64(s.End) + delta)}
}

func equalSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
