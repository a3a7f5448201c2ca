package semantic

import (
	"context"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/source"
)

// TestWalkMatchesQuery: the C walk finds exactly the query's matches, over
// the benchmark corpus (every language, realistic code) and the fuzz-style
// snippets, broken syntax included.
func TestWalkMatchesQuery(t *testing.T) {
	ctx := context.Background()
	files := corpus.Generate(20240601, 2<<20)
	files = append(files, corpus.Snippets(3)...)
	if err := CheckQueries(); err != nil {
		t.Fatal(err)
	}
	for _, l := range source.Languages {
		if !walkerAgrees(l) {
			t.Errorf("%s: the walker does not reproduce the query's matches on its sample", l)
		}
	}
	for _, cf := range files {
		lang := source.LanguageOf(cf.Path)
		f, err := source.Parse(ctx, cf.Path, lang, cf.Src)
		if err != nil {
			continue
		}
		c, _ := queryFor(lang)
		q, _ := c.sitterQuery()
		w := newWalker(lang, c)
		cur := &cursor{qc: sitter.NewQueryCursor(), buf: make([]uint32, 8192)}
		var byQuery, byWalk []match
		drainQuery(cur, q, c, f, f.Tree.RootNode(), func(m *match) { byQuery = append(byQuery, *m) })
		w.walk(cur, c, f.Tree.RootNode(), func(m *match) { byWalk = append(byWalk, *m) })
		if !sameMatches(byQuery, byWalk) {
			t.Errorf("%s: walk found %d matches, the query %d", cf.Path, len(byWalk), len(byQuery))
		}
	}
}
