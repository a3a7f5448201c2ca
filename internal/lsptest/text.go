package lsptest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// Offset converts an LSP position (0-based line, UTF-16 column) to a byte
// offset in text. It fails when the position is outside the text or inside
// a UTF-16 surrogate pair.
func Offset(text string, pos protocol.Position) (int, error) {
	off := 0
	for line := uint32(0); line < pos.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return 0, fmt.Errorf("position %d:%d is past the last line (%d lines)", pos.Line, pos.Character, line+1)
		}
		off += i + 1
	}
	end := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		end = off + i
	}
	units := uint32(0)
	for i, r := range text[off:end] {
		if units == pos.Character {
			return off + i, nil
		}
		units += utf16Len(r)
		if units > pos.Character {
			return 0, fmt.Errorf("position %d:%d is inside a surrogate pair", pos.Line, pos.Character)
		}
	}
	if units == pos.Character {
		return end, nil
	}
	return 0, fmt.Errorf("position %d:%d is past the end of the line (%d UTF-16 units)", pos.Line, pos.Character, units)
}

// Position converts a byte offset in text to an LSP position.
func Position(text string, offset int) protocol.Position {
	offset = max(0, min(offset, len(text)))
	lineStart := strings.LastIndexByte(text[:offset], '\n') + 1
	var char uint32
	for _, r := range text[lineStart:offset] {
		char += utf16Len(r)
	}
	return protocol.Position{Line: uint32(strings.Count(text[:offset], "\n")), Character: char}
}

// RangeOf returns the range of the n-th (0-based) occurrence of needle in
// text; ok is false when there is none.
func RangeOf(text, needle string, n int) (protocol.Range, bool) {
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			return protocol.Range{}, false
		}
		off += 1 + j
	}
	return protocol.Range{Start: Position(text, off), End: Position(text, off+len(needle))}, true
}

// UTF16Len is the length of s in UTF-16 code units.
func UTF16Len(s string) uint32 {
	var n uint32
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

func utf16Len(r rune) uint32 {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// Change is one didChange content change. A nil Range replaces the whole
// text.
type Change struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// ApplyChanges applies content changes in order, each to the result of the
// previous one, as a server must (LSP didChange semantics).
func ApplyChanges(text string, changes []Change) (string, error) {
	for i, ch := range changes {
		if ch.Range == nil {
			text = ch.Text
			continue
		}
		start, err := Offset(text, ch.Range.Start)
		if err != nil {
			return "", fmt.Errorf("change %d: start: %w", i+1, err)
		}
		end, err := Offset(text, ch.Range.End)
		if err != nil {
			return "", fmt.Errorf("change %d: end: %w", i+1, err)
		}
		if end < start {
			return "", fmt.Errorf("change %d: range end before start", i+1)
		}
		text = text[:start] + ch.Text + text[end:]
	}
	return text, nil
}

// EditsToChanges turns a TextEdit list (all ranges relative to the original
// text, non-overlapping) into content changes that can be applied in order:
// the edits sorted from the end of the text backwards, so that applying one
// never moves the positions of the next. Inserts at the same position keep
// their array order in the result.
func EditsToChanges(edits []protocol.TextEdit) []Change {
	idx := make([]int, len(edits))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ea, eb := edits[idx[a]].Range.Start, edits[idx[b]].Range.Start
		if ea.Line != eb.Line {
			return ea.Line > eb.Line
		}
		if ea.Character != eb.Character {
			return ea.Character > eb.Character
		}
		return idx[a] > idx[b]
	})
	changes := make([]Change, 0, len(edits))
	for _, i := range idx {
		r := edits[i].Range
		changes = append(changes, Change{Range: &r, Text: edits[i].NewText})
	}
	return changes
}
