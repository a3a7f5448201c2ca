// Package rttest checks analyzers against fixture files, in the style of
// golang.org/x/tools/go/analysis/analysistest: a finding is expected where
// a line carries a trailing `# want RT101` (Python) or `// want RT101`
// (JS/TS) comment. Several codes may follow, each optionally with a quoted
// regular expression its message must match: `// want RT103 "readFile"`.
// Every line without `want` is a checked negative: any finding the fixture
// does not expect, and any expectation no finding meets, fails the test.
package rttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// expectation is one `want` entry.
type expectation struct {
	line    int
	code    string
	message *regexp.Regexp
	met     bool
}

var wantComment = lazyre.New(`(?:#|//)\s*want\s+(.+)$`)
var wantToken = lazyre.New(`(RT\d{3})|"((?:[^"\\]|\\.)*)"`)

// Run lints every source file under dir with cfg (nil: defaults) and
// checks the findings against the files' `want` comments.
func Run(t *testing.T, dir string, cfg *lint.Config) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && source.LanguageOf(p) != source.Unknown {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures under %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		t.Run(filepath.ToSlash(f), func(t *testing.T) { check(t, f, cfg) })
	}
}

func check(t *testing.T, path string, cfg *lint.Config) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), path, src, withFacts(t, cfg, path))
	if err != nil {
		t.Fatalf("lint: %v", err)
	}
	for _, e := range res.Errors {
		t.Errorf("analyzer error: %v", e)
	}
	wants, err := Expectations(string(src))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, f := range res.Findings {
		if !meet(wants, f) {
			t.Errorf("%s:%d:%d: unexpected %s: %s", path, f.Line, f.Column, f.Rule, f.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			re := ""
			if w.message != nil {
				re = fmt.Sprintf(" matching %q", w.message)
			}
			t.Errorf("%s:%d: missing %s%s", path, w.line, w.code, re)
		}
	}
}

func meet(wants []*expectation, f lint.Finding) bool {
	for _, w := range wants {
		if !w.met && w.line == f.Line && w.code == f.Rule && (w.message == nil || w.message.MatchString(f.Message)) {
			w.met = true
			return true
		}
	}
	return false
}

// Expectations parses the `want` comments of a fixture.
func Expectations(src string) ([]*expectation, error) {
	var out []*expectation
	for i, line := range strings.Split(src, "\n") {
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var last *expectation
		for _, tok := range wantToken.FindAllStringSubmatch(m[1], -1) {
			if tok[1] != "" {
				last = &expectation{line: i + 1, code: tok[1]}
				out = append(out, last)
				continue
			}
			if last == nil {
				return nil, fmt.Errorf("line %d: a message pattern must follow a code", i+1)
			}
			// The pattern is a regexp as written; only \" is unescaped.
			re, err := regexp.Compile(strings.ReplaceAll(tok[2], `\"`, `"`))
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			last.message = re
		}
	}
	return out, nil
}
