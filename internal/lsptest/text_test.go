package lsptest

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func TestOffsetAndPositionUTF16(t *testing.T) {
	text := "ab\n😀x漢\n\nlast"
	tests := []struct {
		pos    protocol.Position
		offset int
	}{
		{pos(0, 0), 0},
		{pos(0, 2), 2},         // end of line 0
		{pos(1, 0), 3},         // 😀 is 4 bytes, 2 UTF-16 units
		{pos(1, 2), 7},         // x
		{pos(1, 3), 8},         // 漢 is 3 bytes, 1 unit
		{pos(1, 4), 11},        // end of line 1
		{pos(2, 0), 12},        // empty line
		{pos(3, 4), len(text)}, // end of text
		{pos(3, 0), strings.Index(text, "last")},
	}
	for _, tt := range tests {
		got, err := Offset(text, tt.pos)
		if err != nil || got != tt.offset {
			t.Errorf("Offset(%d:%d) = %d, %v; want %d", tt.pos.Line, tt.pos.Character, got, err, tt.offset)
		}
		if back := Position(text, tt.offset); back != tt.pos {
			t.Errorf("Position(%d) = %d:%d; want %d:%d", tt.offset, back.Line, back.Character, tt.pos.Line, tt.pos.Character)
		}
	}
	for _, bad := range []protocol.Position{pos(1, 1), pos(0, 3), pos(4, 0), pos(1, 5)} {
		if off, err := Offset(text, bad); err == nil {
			t.Errorf("Offset(%d:%d) = %d, want an error (inside a surrogate pair or out of range)", bad.Line, bad.Character, off)
		}
	}
}

func TestRangeOf(t *testing.T) {
	text := "x = '😀'; f()\nf()\n"
	r, ok := RangeOf(text, "f()", 0)
	if !ok || r.Start != pos(0, 10) || r.End != pos(0, 13) {
		t.Errorf("RangeOf first f() = %+v, %v; want 0:10-0:13", r, ok)
	}
	r, ok = RangeOf(text, "f()", 1)
	if !ok || r.Start != pos(1, 0) {
		t.Errorf("RangeOf second f() = %+v, %v; want 1:0", r, ok)
	}
	if _, ok := RangeOf(text, "f()", 2); ok {
		t.Errorf("RangeOf third f() found one; there are two")
	}
}

func TestEditsToChanges(t *testing.T) {
	text := "import time\n\nasync def f():\n    time.sleep(1)\n"
	edits := []protocol.TextEdit{
		{Range: protocol.Range{Start: pos(0, 11), End: pos(0, 11)}, NewText: "\nimport asyncio"},
		{Range: protocol.Range{Start: pos(3, 4), End: pos(3, 17)}, NewText: "await asyncio.sleep(1)"},
		{Range: protocol.Range{Start: pos(0, 0), End: pos(0, 0)}, NewText: "# a\n"},
		{Range: protocol.Range{Start: pos(0, 0), End: pos(0, 0)}, NewText: "# b\n"},
	}
	got, err := ApplyChanges(text, EditsToChanges(edits))
	if err != nil {
		t.Fatal(err)
	}
	want := "# a\n# b\nimport time\nimport asyncio\n\nasync def f():\n    await asyncio.sleep(1)\n"
	if got != want {
		t.Errorf("applying the edits gave\n%q\nwant\n%q", got, want)
	}
}

func TestApplyChangesSequential(t *testing.T) {
	// The second change's range refers to the text after the first.
	r1 := protocol.Range{Start: pos(0, 0), End: pos(0, 0)}
	r2 := protocol.Range{Start: pos(0, 3), End: pos(0, 4)}
	got, err := ApplyChanges("abc", []Change{{Range: &r1, Text: "😀"}, {Range: &r2, Text: "X"}})
	if err != nil || got != "😀aXc" {
		t.Errorf("ApplyChanges = %q, %v; want %q", got, err, "😀aXc")
	}
	got, err = ApplyChanges("abc", []Change{{Text: "full"}})
	if err != nil || got != "full" {
		t.Errorf("full replacement = %q, %v", got, err)
	}
}

func TestReadFrameIsStrict(t *testing.T) {
	good := "Content-Length: 2\r\n\r\n{}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 3\r\n\r\n[1]"
	br := bufio.NewReader(strings.NewReader(good))
	for _, want := range []string{"{}", "[1]"} {
		body, _, err := readFrame(br)
		if err != nil || string(body) != want {
			t.Fatalf("readFrame = %q, %v; want %q", body, err, want)
		}
	}
	for _, bad := range []string{
		"hello\r\n\r\n{}",                     // log line on stdout
		"Content-Length: 2\n\n{}",             // no CR
		"Content-Length: x\r\n\r\n{}",         // not a number
		"X-Debug: 1\r\nContent-Length: 2\r\n", // unknown header
		"\r\n{}",                              // no Content-Length
		"Content-Length: 5\r\n\r\n{}",         // short body
	} {
		if _, _, err := readFrame(bufio.NewReader(strings.NewReader(bad))); err == nil {
			t.Errorf("readFrame(%q) succeeded, want an error", bad)
		}
	}
}

func TestDefaultTimeoutEnv(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 30 * time.Second, "2m": 2 * time.Minute, "45": 45 * time.Second, "junk": 30 * time.Second} {
		t.Setenv(TimeoutEnv, v)
		if got := DefaultTimeout(); got != want {
			t.Errorf("%s=%q: DefaultTimeout() = %v, want %v", TimeoutEnv, v, got, want)
		}
	}
}
