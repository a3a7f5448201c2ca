package batch_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/rttest"
)

var whereTag = regexp.MustCompile(`@(request|startup|test|script)\b`)

// TestWhereItRuns: each finding says where its code runs (SPEC §2 "where
// it runs"), as the `@where` tag on its line says; outside request code it
// is info, unless the configuration sets the rule's severity.
func TestWhereItRuns(t *testing.T) {
	check := func(t *testing.T, cfg *lint.Config, keep string) {
		results := rttest.RunProject(t, "../../testdata/where", cfg)
		n := 0
		for path, res := range results {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			for _, f := range res.Findings {
				n++
				want := "request"
				if sm := whereTag.FindStringSubmatch(lines[f.Line-1]); sm != nil {
					want = sm[1]
				}
				if f.Where != want {
					t.Errorf("%s:%d %s: where = %q, want %q", path, f.Line, f.Rule, f.Where, want)
				}
				if want != "request" && f.Severity != analyzers.Info && f.Rule != keep {
					t.Errorf("%s:%d %s: severity %s outside request code, want info", path, f.Line, f.Rule, f.Severity)
				}
				if f.Rule == keep && f.Severity != analyzers.Error {
					t.Errorf("%s:%d %s: the configured severity error should win, got %s", path, f.Line, f.Rule, f.Severity)
				}
			}
		}
		if n < 10 {
			t.Errorf("only %d findings", n)
		}
	}
	t.Run("defaults", func(t *testing.T) { check(t, nil, "") })
	t.Run("severity override", func(t *testing.T) {
		check(t, &lint.Config{Severity: map[string]analyzers.Severity{"RT101": analyzers.Error}}, "RT101")
	})
}
