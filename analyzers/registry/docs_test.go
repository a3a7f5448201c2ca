package registry_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/analyzers/registry"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/rules from the analyzers' documentation")

// docsDir holds one page per rule, generated from the same Doc text that
// `rtlint rule` prints and hovers show.
var docsDir = filepath.Join("..", "..", "docs", "rules")

func index() string {
	var b strings.Builder
	b.WriteString("# rtlint rules\n\nGenerated from the analyzers' documentation (`go generate ./analyzers/registry`).\n\n")
	b.WriteString("| code | name | severity | fixable | title |\n|---|---|---|---|---|\n")
	for _, a := range registry.All() {
		fixable := "no"
		if a.Fixable {
			fixable = "yes"
		}
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", a.Code, a.Code, a.Name, a.Severity, fixable, a.Doc.Title)
	}
	return b.String()
}

// TestRuleDocs fails when docs/rules drifts from the analyzers' docs.
func TestRuleDocs(t *testing.T) {
	want := map[string]string{"README.md": index()}
	for _, a := range registry.All() {
		want[a.Code+".md"] = a.Markdown()
	}
	if *updateDocs {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range want {
			if err := os.WriteFile(filepath.Join(docsDir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, _ := os.ReadDir(docsDir)
	for _, e := range entries {
		if _, ok := want[e.Name()]; !ok {
			t.Errorf("docs/rules/%s documents no rule; delete it", e.Name())
		}
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil || string(got) != text {
			t.Errorf("docs/rules/%s needs updating: run go generate ./analyzers/registry", name)
		}
	}
}
