package rttest

import (
	"testing"

	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/lint"
)

// withFacts gives cfg what the manifests nearest path declare, as the CLI
// does (SPEC §2b): a fixture folder with a pyproject.toml or package.json
// is linted as that project. A malformed manifest fails the test.
func withFacts(t *testing.T, cfg *lint.Config, path string) *lint.Config {
	t.Helper()
	rd := facts.NewReader(func(p string, err error) { t.Errorf("manifest %s: %v", p, err) })
	p := rd.For(path)
	if p == nil {
		return cfg
	}
	var out lint.Config
	if cfg != nil {
		out = *cfg
	}
	out.Project = p
	return &out
}
