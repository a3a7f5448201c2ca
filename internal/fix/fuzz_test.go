package fix_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/source"
)

var fixPaths = []string{"fuzz.py", "fuzz.js", "fuzz.ts"}

// FuzzFixRoundTrip applies every fix, unsafe ones included, to arbitrary
// source (issue 14): the result is valid UTF-8, has no more syntax errors
// than the input, fixing it again changes nothing, and every file a fix
// creates parses.
func FuzzFixRoundTrip(f *testing.F) {
	for _, pattern := range []string{"../../analyzers/*/testdata/fix/*", "testdata/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil || len(src) > 4<<10 {
				continue
			}
			switch source.LanguageOf(p) {
			case source.Python:
				f.Add(src, uint8(0))
			case source.JavaScript:
				f.Add(src, uint8(1))
			case source.TypeScript:
				f.Add(src, uint8(2))
			}
		}
	}
	f.Add([]byte("import time\r\n\r\nasync def h():\r\n    time.sleep(1)\r\n"), uint8(0))
	f.Fuzz(func(t *testing.T, src []byte, lang uint8) {
		if source.Check(src) != nil {
			return
		}
		path := fixPaths[int(lang)%len(fixPaths)]
		ctx := context.Background()
		// A slow input is a finding too: the fuzzer keeps it as the
		// failing input instead of stalling until its deadline.
		type result struct {
			out *fix.Outcome
			err error
		}
		ch := make(chan result, 1)
		go func() {
			o, e := fix.File(ctx, path, src, nil, true)
			ch <- result{o, e}
		}()
		var out *fix.Outcome
		select {
		case r := <-ch:
			if r.err != nil {
				t.Fatalf("fix.File: %v", r.err)
			}
			out = r.out
		case <-time.After(5 * time.Second):
			t.Fatalf("fix.File took over 5 s on:\n%q", src)
		}
		if !utf8.Valid(out.Src) {
			t.Fatalf("fixed source is not valid UTF-8:\n%q", out.Src)
		}
		if errorNodes(t, path, out.Src) > errorNodes(t, path, src) {
			t.Fatalf("fixes added syntax errors:\n--- before\n%s\n--- after\n%s", src, out.Src)
		}
		again, err := fix.File(ctx, path, out.Src, nil, true)
		if err != nil {
			t.Fatalf("fix.File again: %v", err)
		}
		if string(again.Src) != string(out.Src) {
			t.Fatalf("fixing twice differs:\n--- once\n%s\n--- twice\n%s", out.Src, again.Src)
		}
		for created, text := range out.Created {
			if errorNodes(t, created, []byte(text)) > 0 {
				t.Fatalf("created %s does not parse:\n%s", created, text)
			}
		}
	})
}

// errorNodes counts a tree's ERROR and MISSING nodes.
func errorNodes(t *testing.T, path string, src []byte) int {
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	defer f.Tree.Close()
	n := 0
	stack := []*sitter.Node{f.Tree.RootNode()}
	for len(stack) > 0 {
		nd := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nd.IsError() || nd.IsMissing() {
			n++
		}
		for i := 0; i < int(nd.ChildCount()); i++ {
			stack = append(stack, nd.Child(i))
		}
	}
	return n
}
