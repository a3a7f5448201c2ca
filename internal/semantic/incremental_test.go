package semantic

import (
	"context"
	"math/rand"
	"reflect"
	"sort"
	"testing"

	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/source"
)

func sortedMatches(ms *Matches) []match {
	out := append([]match(nil), ms.list...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.main != b.main {
			return a.main.Start < b.main.Start || a.main.Start == b.main.Start && a.main.End > b.main.End
		}
		return a.kind < b.kind
	})
	return out
}

// TestUpdateMatchesFullQuery edits generated files at random places (typing,
// deleting, pasting, breaking and repairing the syntax) and checks that the
// incremental matches equal a full query of the edited file, edit after edit.
func TestUpdateMatchesFullQuery(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(7))
	inserts := []string{"x", " ", "\n", "(", ")", "'", "\"\"\"", "await ", "time.sleep(1)\n", "async ", "def f():\n    pass\n", "}", "{", "//", "#", "é😀"}
	incremental := 0
	for fi, cf := range corpus.Generate(11, 400<<10) {
		if fi >= 12 {
			break
		}
		lang := source.LanguageOf(cf.Path)
		f, err := source.Parse(ctx, cf.Path, lang, cf.Src)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := Collect(f)
		if err != nil {
			t.Fatal(err)
		}
		for step := 0; step < 60; step++ {
			start := rng.Intn(len(f.Src) + 1)
			end := min(len(f.Src), start+rng.Intn(3)*rng.Intn(8))
			text := ""
			if rng.Intn(3) > 0 {
				text = inserts[rng.Intn(len(inserts))]
			}
			switch step % 3 {
			case 1: // widening a space inside a line keeps the syntax valid
				for start > 0 && start < len(f.Src) && !(f.Src[start] == ' ' && f.Src[start-1] != ' ' && f.Src[start-1] != '\n') {
					start++
				}
				end, text = start, " "
			case 2: // undo-like: re-insert what was there, repairing the syntax
				text = string(f.Src[start:end])
			}
			nf, err := source.Reparse(ctx, f, start, end, []byte(text))
			if err != nil {
				continue // the edit split a multi-byte character
			}
			got, err := Update(ms, nf, start, end, start+len(text))
			if err != nil {
				t.Fatal(err)
			}
			if !got.hasError && !ms.hasError {
				incremental++
			}
			want, err := Collect(nf)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sortedMatches(got), sortedMatches(want)) {
				t.Fatalf("%s step %d: edit [%d,%d) → %q: incremental matches differ from a full query (%d vs %d)",
					cf.Path, step, start, end, text, len(got.list), len(want.list))
			}
			f, ms = nf, got
		}
	}
	if incremental == 0 {
		t.Fatal("no edit took the incremental path")
	}
	t.Logf("%d edits took the incremental path", incremental)
}
