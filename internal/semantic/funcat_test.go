package semantic

import (
	"context"
	"testing"

	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/source"
)

// FuncAt's search agrees with a scan of every function, at every offset
// of realistic files in each language (nested functions, classes,
// lambdas, arrows, broken syntax).
func TestFuncAtMatchesScan(t *testing.T) {
	files := append(corpus.Generate(7, 200<<10), corpus.Snippets(1)...)
	checked := 0
	defer func() { t.Logf("%d files", checked) }()
	for _, cf := range files {
		f, err := source.Parse(context.Background(), cf.Path, source.LanguageOf(cf.Path), cf.Src)
		if err != nil {
			continue
		}
		m, err := Build(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		if !m.funcsInOrder() {
			t.Errorf("%s: functions are not in source order", cf.Path)
		}
		for off := 0; off <= len(cf.Src); off++ {
			want := None
			for i := range m.Funcs {
				sp := m.Funcs[i].Span
				if int(sp.Start) <= off && off < int(sp.End) && (want == None || m.Funcs[want].Span.Contains(sp)) {
					want = i
				}
			}
			if got := m.FuncAt(off); got != want {
				t.Fatalf("%s: FuncAt(%d) = %d, a scan says %d", cf.Path, off, got, want)
			}
		}
	}
}

func TestHasWord(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"await x", "await", true},
		{"x = await", "await", true},
		{"awaited = 1", "await", false},
		{"not_await()", "await", false},
		{"awaitawait await", "await", true},
		{"$await", "await", false},
		{"", "await", false},
		{"yield", "yield", true},
	} {
		if got := HasWord(tc.text, tc.word); got != tc.want {
			t.Errorf("HasWord(%q, %q) = %v", tc.text, tc.word, got)
		}
	}
}
