package server

import (
	"go.lsp.dev/protocol"

	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"go.uber.org/zap"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/config"
	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/lint"
)

// settings are the editor's rtlint settings, from initializationOptions or
// workspace/didChangeConfiguration (`{"rtlint": {...}}` or the bare object).
type settings struct {
	Select   []string                  `json:"select"`
	Ignore   []string                  `json:"ignore"`
	Severity map[string]string         `json:"severity"`
	Rules    map[string]map[string]any `json:"rules"`
	// Transitive, when false, turns reach off (SPEC §2), as in rtlint.toml.
	Transitive *bool `json:"transitive"`
	// ShowUnusedSuppressions, on unless false, reports suppression
	// comments that suppress nothing as RT000, tagged Unnecessary.
	ShowUnusedSuppressions *bool `json:"showUnusedSuppressions"`
	// Run is when documents are linted: "onType" (default) or "onSave".
	Run string `json:"run"`
	// DiagnosticMode is "openFilesOnly" (default) or "workspace": lint
	// every project file, open or not (workspace_mode.go).
	DiagnosticMode string `json:"diagnosticMode"`
	// Configuration is a config file that applies to every document
	// instead of the nearest one (as `rtlint check --config`).
	Configuration string `json:"configuration"`
	// CodeAction.DisableRuleComment.Enable offers "Suppress RTxxx on this
	// line" (default true); ShowDocumentation.Enable offers "Show
	// documentation for RTxxx" (default true). ESLint's extension names.
	CodeAction struct {
		DisableRuleComment struct {
			Enable *bool `json:"enable"`
		} `json:"disableRuleComment"`
	} `json:"codeAction"`
	ShowDocumentation struct {
		Enable *bool `json:"enable"`
	} `json:"showDocumentation"`
}

// editorOptions are the settings that shape the server's behaviour rather
// than the lint configuration.
type editorOptions struct {
	onSave         bool           // lint on open and save only
	workspaceMode  bool           // lint the files that are not open too
	explicit       *config.Config // the configuration setting's file, loaded
	suppressAction bool
	docsAction     bool
}

// editorDefaults is the editor configuration before any settings arrive.
func editorDefaults() (*lint.Config, editorOptions) {
	return &lint.Config{ShowUnusedSuppressions: true}, editorOptions{suppressAction: true, docsAction: true}
}

// parseSettings decodes editor settings into a lint configuration. Bad
// values are errors that name the setting.
func parseSettings(raw json.RawMessage) (*lint.Config, editorOptions, error) {
	if len(raw) == 0 || string(raw) == "null" {
		cfg, opts := editorDefaults()
		return cfg, opts, nil
	}
	var wrapper struct {
		Rtlint *json.RawMessage `json:"rtlint"`
	}
	if err := json.Unmarshal(raw, &wrapper); err == nil && wrapper.Rtlint != nil {
		raw = *wrapper.Rtlint
	}
	var s settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, editorOptions{}, fmt.Errorf("rtlint settings: %w", err)
	}
	cfg := &lint.Config{Options: map[string]map[string]any{}, Transitive: s.Transitive,
		ShowUnusedSuppressions: s.ShowUnusedSuppressions == nil || *s.ShowUnusedSuppressions}
	for _, c := range s.Select {
		if !known(c) {
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: select: unknown rule code or prefix %q", c)
		}
		cfg.Select = append(cfg.Select, strings.ToUpper(c))
	}
	for _, c := range s.Ignore {
		if !known(c) {
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: ignore: unknown rule code or prefix %q", c)
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
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: severity.%s: %v", c, err)
		}
		if registry.ByCode(strings.ToUpper(c)) == nil {
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: severity: unknown rule %q", c)
		}
		if cfg.Severity == nil {
			cfg.Severity = map[string]analyzers.Severity{}
		}
		cfg.Severity[strings.ToUpper(c)] = sev
	}
	for c, opts := range s.Rules {
		a := registry.ByCode(strings.ToUpper(c))
		if a == nil {
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: rules: unknown rule %q", c)
		}
		for k, v := range opts {
			def, ok := a.Options[k]
			if k == "transitive" && a.APIList {
				def, ok = true, true
			}
			if !ok {
				return nil, editorOptions{}, fmt.Errorf("rtlint settings: rules.%s: unknown option %q", c, k)
			}
			if fmt.Sprintf("%T", def) == "bool" {
				if _, isBool := v.(bool); !isBool {
					return nil, editorOptions{}, fmt.Errorf("rtlint settings: rules.%s.%s: want true or false", c, k)
				}
			}
			if cfg.Options[a.Code] == nil {
				cfg.Options[a.Code] = map[string]any{}
			}
			cfg.Options[a.Code][k] = v
		}
	}
	opts := editorOptions{
		suppressAction: s.CodeAction.DisableRuleComment.Enable == nil || *s.CodeAction.DisableRuleComment.Enable,
		docsAction:     s.ShowDocumentation.Enable == nil || *s.ShowDocumentation.Enable,
	}
	switch s.Run {
	case "", "onType":
	case "onSave":
		opts.onSave = true
	default:
		return nil, editorOptions{}, fmt.Errorf("rtlint settings: run: %q is neither \"onType\" nor \"onSave\"", s.Run)
	}
	switch s.DiagnosticMode {
	case "", "openFilesOnly":
	case "workspace":
		opts.workspaceMode = true
	default:
		return nil, editorOptions{}, fmt.Errorf("rtlint settings: diagnosticMode: %q is neither \"openFilesOnly\" nor \"workspace\"", s.DiagnosticMode)
	}
	if s.Configuration != "" {
		c, err := config.Load(s.Configuration)
		if err != nil {
			return nil, editorOptions{}, fmt.Errorf("rtlint settings: configuration: %v", err)
		}
		opts.explicit = c
	}
	return cfg, opts, nil
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

// configFor combines the project's configuration file for a document
// (SPEC §5: nearest rtlint.toml/.rtlint.toml/[tool.rtlint]) with the
// editor's settings, which win: their select replaces, their ignore adds.
func (s *Server) configFor(path string) *lint.Config {
	s.mu.Lock()
	editor, resolver, manifests := s.cfg, s.resolver, s.facts
	s.mu.Unlock()
	file, _, err := resolver.For(path)
	if err != nil {
		s.reportConfigError(err)
		file = &lint.Config{}
	}
	out := *file
	if len(editor.Select) > 0 {
		out.Select = editor.Select
	}
	out.Ignore = append(append([]string{}, file.Ignore...), editor.Ignore...)
	out.Severity = mergeMaps(file.Severity, editor.Severity)
	if editor.Transitive != nil {
		out.Transitive = editor.Transitive
	}
	out.ShowUnusedSuppressions = editor.ShowUnusedSuppressions
	out.Options = map[string]map[string]any{}
	for code, opts := range file.Options {
		out.Options[code] = mergeMaps(nil, opts)
	}
	for code, opts := range editor.Options {
		out.Options[code] = mergeMaps(out.Options[code], opts)
	}
	if manifests != nil {
		out.Project = manifests.For(path)
	}
	return &out
}

// newFactsReader reads the project's manifests (SPEC §2b); one that cannot
// be parsed is logged, and its facts are unknown.
func (s *Server) newFactsReader() *facts.Reader {
	return facts.NewReader(func(path string, err error) {
		s.log.Warn("project manifest unreadable; its facts are unknown", zap.String("path", path), zap.Error(err))
	})
}

func mergeMaps[V any](base, over map[string]V) map[string]V {
	out := make(map[string]V, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// reportConfigError shows a configuration file error once (not on every
// keystroke) until the configuration changes.
func (s *Server) reportConfigError(err error) {
	s.mu.Lock()
	seen := s.configErrors[err.Error()]
	s.configErrors[err.Error()] = true
	s.mu.Unlock()
	if !seen {
		s.showConfigError("rtlint: " + err.Error())
	}
}

// resolverFor returns the current configuration resolver.
func (s *Server) resolverFor() *config.Resolver {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resolver
}

// reloadConfig forgets cached configuration files and re-lints every open
// document (a config file changed on disk, or the editor's settings did).
func (s *Server) reloadConfig() {
	s.mu.Lock()
	s.resolver = &config.Resolver{Explicit: s.opts.explicit}
	s.facts = s.newFactsReader()
	s.ws.forgetUnits() // analysed under the old configuration
	s.configErrors = map[string]bool{}
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	s.mu.Unlock()
	for _, d := range docs {
		d.schedule()
	}
}

// didChangeWatchedFiles reloads configuration when a config file changes.
func (s *Server) didChangeWatchedFiles(ctx context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Changes []struct {
			URI  string `json:"uri"`
			Type int    `json:"type"` // 1 created, 2 changed, 3 deleted
		} `json:"changes"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	reload := false
	for _, c := range p.Changes {
		for _, name := range config.Names {
			if strings.HasSuffix(c.URI, "/"+name) {
				reload = true
			}
		}
		// A source file changed outside the editor: its summary changes
		// what reach finds in the open documents (an open document's own
		// text wins over the disk).
		if path := uriPath(protocol.DocumentURI(c.URI)); path != "" && s.doc(protocol.DocumentURI(c.URI)) == nil {
			s.ws.fileChanged(path, c.Type == 3)
		}
	}
	if reload {
		s.reloadConfig()
	}
	return nil, nil
}

// watchConfigFiles asks the client to report changes to config files,
// when it supports registering file watchers.
func (s *Server) watchConfigFiles() {
	s.mu.Lock()
	ok := s.canWatch
	s.mu.Unlock()
	if !ok {
		return
	}
	go func() {
		var watchers []map[string]any
		for _, n := range config.Names {
			watchers = append(watchers, map[string]any{"globPattern": "**/" + n})
		}
		// Source files, for reach across files (project.go).
		watchers = append(watchers, map[string]any{"globPattern": "**/*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx}"})
		params := map[string]any{"registrations": []any{map[string]any{
			"id": "rtlint-config-files", "method": "workspace/didChangeWatchedFiles",
			"registerOptions": map[string]any{"watchers": watchers},
		}}}
		var result any
		if _, err := s.conn.Call(context.Background(), "client/registerCapability", params, &result); err != nil {
			s.log.Warn("registering config file watchers failed", zap.Error(err))
		}
	}()
}
