package server_test

import (
	"context"
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// BenchmarkAnalyze is the in-process part of a keystroke: the whole core
// over a 5,000-line document (no LSP; from the query matches the server keeps per document), with and
// without reach, to see what summarising a document costs.
func BenchmarkAnalyze(b *testing.B) {
	for _, tc := range []struct {
		name, path string
		gen        func(int) string
	}{{"python", "service.py", generatePython}, {"typescript", "service.ts", generateTypeScript}} {
		src := []byte(tc.gen(5000))
		f, err := source.Parse(context.Background(), tc.path, source.LanguageOf(tc.path), src)
		if err != nil {
			b.Fatal(err)
		}
		// The server keeps each document's query matches and updates them
		// per edit (semantic.Update): the keystroke builds from them.
		ms, err := semantic.Collect(f)
		if err != nil {
			b.Fatal(err)
		}
		off := false
		for _, reach := range []bool{false, true} {
			cfg := &lint.Config{}
			name := tc.name + "-reach"
			if !reach {
				cfg.Transitive, name = &off, tc.name+"-noreach"
			}
			// The server resolves against its workspace index and makes the
			// summary later, off the keystroke: so does this benchmark.
			ix := project.NewIndex()
			ix.Finish()
			b.Run(name, func(b *testing.B) {
				for range b.N {
					u, err := lint.Analyze(context.Background(), f, ms, cfg)
					if err != nil {
						b.Fatal(err)
					}
					u.Resolve(ix)
				}
			})
		}
	}
}
