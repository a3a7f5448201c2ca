package semantic

import (
	"testing"
	"fmt"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/queries"
)

func benchQ(b *testing.B, qtext map[source.Language]string) {
	fs := parsed(b)
	qs := map[source.Language]*sitter.Query{}
	for l, t := range qtext {
		q, err := sitter.NewQuery([]byte(t), l.Grammar())
		if err != nil { b.Fatal(err) }
		qs[l] = q
	}
	b.SetBytes(int64(corpus.Size(tmpFiles)))
	b.ResetTimer()
	n := 0
	for range b.N {
		n = 0
		for _, f := range fs {
			qc := sitter.NewQueryCursor()
			qc.Exec(qs[f.Language], f.Tree.RootNode())
			for { m, ok := qc.NextMatch(); if !ok {break}; n += len(m.Captures) }
		}
	}
	b.ReportMetric(float64(n), "caps")
}

func BenchmarkTmpQTrivial(b *testing.B) {
	benchQ(b, map[source.Language]string{source.Python: "(decorator) @d", source.JavaScript: "(decorator) @d", source.TypeScript: "(decorator) @d", source.TSX: "(decorator) @d"})
}

func BenchmarkTmpQFull(b *testing.B) {
	m := map[source.Language]string{}
	for _, l := range source.Languages { s, _ := queries.Source(l.String()); m[l] = s }
	benchQ(b, m)
}

func TestTmpCount(t *testing.T) {
	fmt.Println(len(tmpFiles))
}
