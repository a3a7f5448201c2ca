// Package fix applies the fixes analyzers attach to diagnostics: it picks
// fixes whose edits do not conflict, applies them, re-lints and repeats
// until nothing more applies (bounded), like ruff. It is pure: the CLI
// writes files, the server sends workspace edits.
package fix

import (
	"fmt"
	"sort"

	"github.com/rtlint/rtlint/analyzers"
)

// Apply applies same-file edits to src. Identical edits count once; edits
// that overlap are an error. Insertions at one offset keep their order.
func Apply(src []byte, edits []analyzers.Edit) ([]byte, error) {
	edits = dedupe(edits)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	var out []byte
	pos := 0
	for _, e := range edits {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("conflicting or out-of-range edit [%d,%d)", e.Start, e.End)
		}
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.NewText...)
		pos = e.End
	}
	return append(out, src[pos:]...), nil
}

func dedupe(edits []analyzers.Edit) []analyzers.Edit {
	seen := map[analyzers.Edit]bool{}
	out := make([]analyzers.Edit, 0, len(edits))
	for _, e := range edits {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// overlaps reports whether edits of two different fixes conflict.
func overlaps(a, b analyzers.Edit) bool {
	if a != b && a.Start == a.End && b.Start == b.End && a.Start == b.Start {
		// Two different insertions at one place from two fixes: apply one
		// now and let the next round re-plan the other (it may need
		// another name).
		return true
	}
	return analyzers.Overlap(a, b)
}

// compatible reports whether a fix's edits conflict with none taken so far.
func compatible(f analyzers.Fix, taken []analyzers.Edit) bool {
	for _, e := range f.Edits {
		if e.Path != "" {
			continue
		}
		for _, t := range taken {
			if overlaps(e, t) {
				return false
			}
		}
	}
	return true
}
