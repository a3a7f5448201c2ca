package semantic

import (
	"context"
	"testing"

	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/source"
)

var tmpFiles = corpus.Generate(20240601, 6<<20)

func parsed(b *testing.B) []*source.File {
	var out []*source.File
	for _, f := range tmpFiles {
		pf, err := source.Parse(context.Background(), f.Path, source.LanguageOf(f.Path), f.Src)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, pf)
	}
	return out
}

func BenchmarkTmpQueryNoop(b *testing.B) {
	fs := parsed(b)
	b.SetBytes(int64(corpus.Size(tmpFiles)))
	b.ResetTimer()
	for range b.N {
		for _, f := range fs {
			runQuery(f, func(*match) {})
		}
	}
}

func BenchmarkTmpBuild(b *testing.B) {
	fs := parsed(b)
	b.SetBytes(int64(corpus.Size(tmpFiles)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, f := range fs {
			if _, err := Build(f); err != nil {
				b.Fatal(err)
			}
		}
	}
}
