package corpus

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/source"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(1, 1<<20), Generate(1, 1<<20)
	if len(a) != len(b) {
		t.Fatalf("file counts differ: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Src, b[i].Src) {
			t.Fatalf("file %d differs between runs with the same seed", i)
		}
	}
	if c := Generate(2, 1<<20); bytes.Equal(c[0].Src, a[0].Src) {
		t.Errorf("different seeds gave the same first file")
	}
}

func TestGenerateShape(t *testing.T) {
	files := Generate(7, 2<<20)
	if n := Size(files); n < 2<<20 {
		t.Fatalf("corpus is %d bytes, want at least %d", n, 2<<20)
	}
	bytesBy := map[bool]int{}
	seen := map[string]bool{}
	for _, f := range files {
		if len(f.Src) < 5<<10 || len(f.Src) > 50<<10 {
			t.Errorf("%s: %d bytes, want 5–50 KB", f.Path, len(f.Src))
		}
		if seen[string(f.Src)] {
			t.Errorf("%s: duplicate content", f.Path)
		}
		seen[string(f.Src)] = true
		lang := source.LanguageOf(f.Path)
		if lang == source.Unknown {
			t.Fatalf("%s: unknown language", f.Path)
		}
		bytesBy[lang == source.Python] += len(f.Src)
	}
	py, ecma := bytesBy[true], bytesBy[false]
	if r := float64(py) / float64(py+ecma); r < 0.4 || r > 0.6 {
		t.Errorf("python share is %.2f, want about half", r)
	}
}

// TestGeneratedSourceParses keeps the templates honest: realistic source
// has no syntax errors.
func TestGeneratedSourceParses(t *testing.T) {
	files := append(Generate(3, 1<<20), Snippets(3)...)
	langs := map[source.Language]bool{}
	for _, f := range files {
		lang := source.LanguageOf(f.Path)
		langs[lang] = true
		pf, err := source.Parse(context.Background(), f.Path, lang, f.Src)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if root := pf.Tree.RootNode(); root.HasError() {
			t.Errorf("%s: syntax error near %s", f.Path, firstError(root, f.Src))
		}
	}
	for _, l := range source.Languages {
		if !langs[l] {
			t.Errorf("no %s file generated", l)
		}
	}
}

func firstError(n *sitter.Node, src []byte) string {
	if n.IsError() || n.IsMissing() {
		p := n.StartPoint()
		end := min(n.EndByte(), n.StartByte()+80)
		return fmt.Sprintf("%d:%d: %q", p.Row+1, p.Column+1, src[n.StartByte():end])
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		if c := n.Child(i); c.HasError() || c.IsMissing() {
			return firstError(c, src)
		}
	}
	return "?"
}
