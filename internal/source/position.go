package source

import (
	"sort"
	"unicode/utf8"
)

// LineIndex maps byte offsets to 1-based (line, column) positions, columns
// counted in Unicode code points as SPEC §6 requires, and to LSP's UTF-16
// positions. Every position conversion in rtlint goes through it.
type LineIndex struct {
	src    []byte
	starts []int // byte offset of each line's first byte
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, len(src)/32+1)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{src: src, starts: starts}
}

// Position is a 1-based line and code-point column.
type Position struct{ Line, Column int }

// Position converts a byte offset (clamped to the source) to a Position.
func (x *LineIndex) Position(offset int) Position {
	offset = max(0, min(offset, len(x.src)))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	col := utf8.RuneCount(x.src[x.starts[line]:offset]) + 1
	return Position{Line: line + 1, Column: col}
}

// LineCount is the number of lines (a trailing newline opens an empty line).
func (x *LineIndex) LineCount() int { return len(x.starts) }

// Line returns the text of a 1-based line without its line terminator.
func (x *LineIndex) Line(line int) string {
	if line < 1 || line > len(x.starts) {
		return ""
	}
	start := x.starts[line-1]
	end := len(x.src)
	if line < len(x.starts) {
		end = x.starts[line] - 1
	}
	if end > start && x.src[end-1] == '\r' {
		end--
	}
	return string(x.src[start:end])
}

// LineStart returns the byte offset where a 1-based line starts.
func (x *LineIndex) LineStart(line int) int {
	line = max(1, min(line, len(x.starts)))
	return x.starts[line-1]
}
