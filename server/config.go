package server

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/lint"
)

// settings are the editor's rtlint settings, from initializationOptions or
// workspace/didChangeConfiguration (`{"rtlint": {...}}` or the bare object).
type settings struct {
	Select   []string                  `json:"select"`
	Ignore   []string                  `json:"ignore"`
	Severity map[string]string         `json:"severity"`
	Rules    map[string]map[string]any `json:"rules"`
}

// parseSettings decodes editor settings into a lint configuration. Bad
// values are errors that name the setting.
func parseSettings(raw json.RawMessage) (*lint.Config, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return &lint.Config{}, nil
	}
	var wrapper struct {
		Rtlint *json.RawMessage `json:"rtlint"`
	}
	if err := json.Unmarshal(raw, &wrapper); err == nil && wrapper.Rtlint != nil {
		raw = *wrapper.Rtlint
	}
	var s settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("rtlint settings: %w", err)
	}
	cfg := &lint.Config{Options: map[string]map[string]any{}}
	for _, c := range s.Select {
		if !known(c) {
			return nil, fmt.Errorf("rtlint settings: select: unknown rule code or prefix %q", c)
		}
		cfg.Select = append(cfg.Select, strings.ToUpper(c))
	}
	for _, c := range s.Ignore {
		if !known(c) {
			return nil, fmt.Errorf("rtlint settings: ignore: unknown rule code or prefix %q", c)
		}
		cfg.Ignore = append(cfg.Ignore, strings.ToUpper(c))
	}
	codes := make([]string, 0, len(s.Severity))
	for c := range s.Severity {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		sev, err := analyzers.ParseSeverity(s.Severity[c])
		if err != nil {
			return nil, fmt.Errorf("rtlint settings: severity.%s: %v", c, err)
		}
		if registry.ByCode(strings.ToUpper(c)) == nil {
			return nil, fmt.Errorf("rtlint settings: severity: unknown rule %q", c)
		}
		if cfg.Severity == nil {
			cfg.Severity = map[string]analyzers.Severity{}
		}
		cfg.Severity[strings.ToUpper(c)] = sev
	}
	for c, opts := range s.Rules {
		a := registry.ByCode(strings.ToUpper(c))
		if a == nil {
			return nil, fmt.Errorf("rtlint settings: rules: unknown rule %q", c)
		}
		for k, v := range opts {
			def, ok := a.Options[k]
			if !ok {
				return nil, fmt.Errorf("rtlint settings: rules.%s: unknown option %q", c, k)
			}
			if fmt.Sprintf("%T", def) == "bool" {
				if _, isBool := v.(bool); !isBool {
					return nil, fmt.Errorf("rtlint settings: rules.%s.%s: want true or false", c, k)
				}
			}
			if cfg.Options[a.Code] == nil {
				cfg.Options[a.Code] = map[string]any{}
			}
			cfg.Options[a.Code][k] = v
		}
	}
	return cfg, nil
}

func known(sel string) bool {
	sel = strings.ToUpper(sel)
	if sel == "ALL" {
		return true
	}
	for _, a := range registry.All() {
		if strings.HasPrefix(a.Code, sel) {
			return true
		}
	}
	return false
}
