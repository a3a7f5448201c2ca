package source

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// LineIndex maps byte offsets to 1-based (line, column) positions, columns
// counted in Unicode code points as SPEC §6 requires, and to LSP's UTF-16
// positions. Every position conversion in rtlint goes through it.
type LineIndex struct {
	src    []byte
	starts []uint32 // byte offset of each line's first byte (files are < 4 GiB: MaxFileSize)
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	// Exactly sized: a language server keeps one per open document.
	starts := make([]uint32, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, uint32(i))
	}
	return &LineIndex{src: src, starts: starts}
}

// Position is a 1-based line and code-point column.
type Position struct{ Line, Column int }

// Position converts a byte offset (clamped to the source) to a Position.
func (x *LineIndex) Position(offset int) Position {
	offset = max(0, min(offset, len(x.src)))
	line := sort.Search(len(x.starts), func(i int) bool { return int(x.starts[i]) > offset }) - 1
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
	start := int(x.starts[line-1])
	end := len(x.src)
	if line < len(x.starts) {
		end = int(x.starts[line]) - 1
	}
	if end > start && x.src[end-1] == '\r' {
		end--
	}
	return string(x.src[start:end])
}

// LineStart returns the byte offset where a 1-based line starts.
func (x *LineIndex) LineStart(line int) int {
	line = max(1, min(line, len(x.starts)))
	return int(x.starts[line-1])
}

// UTF16 converts a byte offset to an LSP position: a 0-based line and a
// 0-based column in UTF-16 code units.
func (x *LineIndex) UTF16(offset int) (line, char int) {
	offset = max(0, min(offset, len(x.src)))
	l := sort.Search(len(x.starts), func(i int) bool { return int(x.starts[i]) > offset }) - 1
	for _, r := range string(x.src[x.starts[l]:offset]) {
		char += utf16Len(r)
	}
	return l, char
}

// OffsetUTF16 converts an LSP position to a byte offset. ok is false when
// the line is past the end or the column past the line's end (a column
// inside a surrogate pair rounds down).
func (x *LineIndex) OffsetUTF16(line, char int) (offset int, ok bool) {
	if line < 0 || char < 0 {
		return 0, false
	}
	if line >= len(x.starts) {
		// LSP allows the position just past the last line's end only as
		// (lineCount, 0) when the text ends with a newline.
		return len(x.src), line == len(x.starts) && char == 0 && len(x.src) > 0 && x.src[len(x.src)-1] == '\n'
	}
	start := int(x.starts[line])
	end := len(x.src)
	if line+1 < len(x.starts) {
		end = int(x.starts[line+1]) - 1 // the newline
	}
	units := 0
	for i, r := range string(x.src[start:end]) {
		if units >= char {
			return start + i, units == char
		}
		units += utf16Len(r)
		if units > char {
			return start + i, true
		}
	}
	if units == char || line+1 < len(x.starts) && char == units {
		return end, true
	}
	return end, false
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
