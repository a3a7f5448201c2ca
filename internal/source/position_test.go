package source

import (
	"context"
	"testing"
)

func TestUTF16RoundTrip(t *testing.T) {
	src := []byte("a = \"é😀中\"\nx\n")
	x := NewLineIndex(src)
	for _, tc := range []struct {
		offset, line, char int
	}{
		{0, 0, 0},
		{5, 0, 5},  // é starts (1 unit)
		{7, 0, 6},  // 😀 starts after é (2 bytes)
		{11, 0, 8}, // 中 starts: 😀 is 2 UTF-16 units
		{14, 0, 9}, // closing quote
		{16, 1, 0},
	} {
		l, c := x.UTF16(tc.offset)
		if l != tc.line || c != tc.char {
			t.Errorf("UTF16(%d) = %d:%d, want %d:%d", tc.offset, l, c, tc.line, tc.char)
		}
		off, ok := x.OffsetUTF16(tc.line, tc.char)
		if !ok || off != tc.offset {
			t.Errorf("OffsetUTF16(%d, %d) = %d, %v; want %d", tc.line, tc.char, off, ok, tc.offset)
		}
	}
	if _, ok := x.OffsetUTF16(0, 40); ok {
		t.Error("a column past the line end must not be ok")
	}
	if _, ok := x.OffsetUTF16(7, 0); ok {
		t.Error("a line past the end must not be ok")
	}
	if off, ok := x.OffsetUTF16(2, 0); !ok || off != len(src) {
		t.Errorf("the position after the final newline = %d, %v", off, ok)
	}
}

func TestReparseMatchesFullParse(t *testing.T) {
	ctx := context.Background()
	old, err := Parse(ctx, "a.py", Python, []byte("async def f():\n    time.sleep(1)\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Replace "1" with "é2".
	at := len("async def f():\n    time.sleep(")
	f, err := Reparse(ctx, old, at, at+1, []byte("é2"))
	if err != nil {
		t.Fatal(err)
	}
	full, _ := Parse(ctx, "a.py", Python, f.Src)
	if f.Tree.RootNode().String() != full.Tree.RootNode().String() {
		t.Errorf("incremental tree differs:\n%s\n%s", f.Tree.RootNode(), full.Tree.RootNode())
	}
	if string(old.Src) != "async def f():\n    time.sleep(1)\n" {
		t.Error("the old file changed")
	}
}
