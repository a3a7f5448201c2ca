package lint

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/facts"
)

// Config is the resolved configuration the core runs with. The CLI and the
// server build it from flags, config files and editor settings; the core
// never reads any of those itself.
type Config struct {
	// Select lists codes or prefixes ("RT1") to run; empty means all.
	Select []string
	// Ignore lists codes or prefixes never to report; it wins over Select.
	Ignore []string
	// Severity overrides default severities by code.
	Severity map[string]analyzers.Severity
	// Options holds per-rule options by code ("RT103" → "include-stat-calls").
	Options map[string]map[string]any
	// ExtraCalls and AllowCalls extend API-list rules by code.
	ExtraCalls map[string][]analyzers.CallSpec
	AllowCalls map[string][]string
	// ShowUnusedSuppressions reports suppression comments that suppress nothing.
	ShowUnusedSuppressions bool
	// Transitive, when false, turns reach off (SPEC §2): only calls written
	// in an async function, handler or loop are reported. Rules override
	// it with their "transitive" option. Nil means on.
	Transitive *bool
	// MaxDepth bounds reach paths (0: the default, 6); rules override it
	// with their "max-depth" option.
	MaxDepth int
	// OffloadCalls are the user's offload points: calls that run the
	// function written in their arguments elsewhere (SPEC §2).
	OffloadCalls []string
	// Project is what the manifests nearest the file declare (SPEC §2b),
	// which the shells read; nil means unknown (recent versions).
	Project *facts.Project
}

// ShowsUnusedSuppressions reports whether the run reports unused
// suppression comments (which needs every file's text).
func (c *Config) ShowsUnusedSuppressions() bool { return c != nil && c.ShowUnusedSuppressions }

// transitive reports whether reach is on for a rule.
func (c *Config) transitive(code string) bool {
	if c == nil {
		return true
	}
	if v, ok := c.Options[code]["transitive"].(bool); ok {
		return v
	}
	return c.Transitive == nil || *c.Transitive
}

// maxDepth returns the reach depth bound for a rule (0: the default).
func (c *Config) maxDepth(code string) int {
	if c == nil {
		return 0
	}
	if v, ok := c.Options[code]["max-depth"].(int64); ok {
		return int(v)
	}
	return c.MaxDepth
}

// Reach reports whether some rule follows calls (SPEC §2 "reach"); when
// none does, files need no summary and the project no index.
func (c *Config) Reach() bool {
	if c == nil || c.Transitive == nil || *c.Transitive {
		return true
	}
	for _, opts := range c.Options {
		if v, ok := opts["transitive"].(bool); ok && v {
			return true
		}
	}
	return false
}

func (c *Config) offloadCalls() []string {
	if c == nil {
		return nil
	}
	return c.OffloadCalls
}

// Enabled reports whether a rule code runs under this configuration.
func (c *Config) Enabled(code string) bool {
	if c == nil {
		return true
	}
	selected := len(c.Select) == 0
	for _, s := range c.Select {
		if matchesCode(s, code) {
			selected = true
		}
	}
	for _, s := range c.Ignore {
		if matchesCode(s, code) {
			return false
		}
	}
	return selected
}

// matchesCode accepts an exact code, a prefix ("RT1", "RT10") or "ALL".
func matchesCode(sel, code string) bool {
	sel = strings.ToUpper(strings.TrimSpace(sel))
	return sel == "ALL" || strings.HasPrefix(code, sel)
}

func (c *Config) option(a *analyzers.Analyzer, name string) any {
	if c != nil {
		if v, ok := c.Options[a.Code][name]; ok {
			return v
		}
	}
	return a.Options[name]
}

// severityOverride returns the configured severity of a rule (ok) or its
// default (a rule may still report some findings at another level, as
// RT301 does outside hot context).
func (c *Config) severityOverride(a *analyzers.Analyzer) (analyzers.Severity, bool) {
	if c != nil {
		if s, ok := c.Severity[a.Code]; ok {
			return s, true
		}
	}
	return a.Severity, false
}
