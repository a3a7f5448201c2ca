// Package lint is the pure core of rtlint: from (path, source, config) to
// sorted diagnostics with fixes. It never prints, logs, reads the
// environment or touches the disk; the CLI and the server are shells around it.
package lint

import (
	"context"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Analyzers lists the analyzers the core runs: the registry. Tests replace
// it to inject a failing analyzer and check that the others still report.
var Analyzers = registry.All

// Finding is a diagnostic placed in its file: byte offsets plus 1-based
// lines and code-point columns (SPEC §6).
type Finding struct {
	Path               string
	Start, End         int
	Line, Column       int
	EndLine, EndColumn int
	Rule, Name         string
	Severity           analyzers.Severity
	Message            string
	Fixes              []analyzers.Fix
}

// Result is the outcome of linting one file.
type Result struct {
	File     *source.File
	Findings []Finding
	// Errors are rtlint's own failures (a panicking analyzer). The other
	// analyzers' findings are still in Findings.
	Errors []error
}

// Run parses src as the language of path and lints it. The error is
// non-nil only when the source cannot be linted at all (too large,
// binary, not UTF-8, unsupported extension).
func Run(ctx context.Context, path string, src []byte, cfg *Config) (*Result, error) {
	f, err := source.Parse(ctx, path, source.LanguageOf(path), src)
	if err != nil {
		return nil, err
	}
	return File(f, cfg)
}

// File lints an already parsed file (the server keeps its own trees).
func File(f *source.File, cfg *Config) (*Result, error) {
	return FileWithMatches(context.Background(), f, nil, cfg)
}

// FileWithMatches lints a parsed file whose query matches are already
// known (the server updates them incrementally); nil runs the query. A
// cancelled ctx stops it between analyzers with ctx's error (the server
// cancels the analysis of a text that a newer edit made stale).
func FileWithMatches(ctx context.Context, f *source.File, ms *semantic.Matches, cfg *Config) (*Result, error) {
	res := &Result{File: f}
	sup := parseSuppressions(f.Src)
	if sup.file {
		return res, nil
	}
	var model *semantic.Model
	var err error
	if ms != nil {
		model, err = semantic.BuildFrom(f, ms)
	} else {
		model, err = semantic.Build(f)
	}
	if err != nil {
		return nil, fmt.Errorf("semantic model: %w", err)
	}
	for _, a := range Analyzers() {
		if !a.AppliesTo(f.Language) || !cfg.Enabled(a.Code) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := runOne(a, f, model, cfg, sup, res); err != nil {
			res.Errors = append(res.Errors, err)
		}
	}
	if cfg != nil && cfg.ShowUnusedSuppressions {
		reportUnused(f, sup, cfg, res)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule < b.Rule
	})
	return res, nil
}

// runOne runs one analyzer, recovering a panic so that a bug in one rule
// never loses the others' findings.
func runOne(a *analyzers.Analyzer, f *source.File, m *semantic.Model, cfg *Config, sup suppressions, res *Result) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error in %s: %v\n%s", f.Path, a.Code, r, debug.Stack())
		}
	}()
	override, hasOverride := cfg.severityOverride(a)
	var extra []analyzers.CallSpec
	var allow []string
	if cfg != nil {
		extra, allow = cfg.ExtraCalls[a.Code], cfg.AllowCalls[a.Code]
	}
	pass := &analyzers.Pass{
		ExtraCalls: extra,
		AllowCalls: allow,
		Analyzer:   a,
		File:       f,
		Model:      m,
		Option:     func(name string) any { return cfg.option(a, name) },
		Report: func(d analyzers.Diagnostic) {
			start, end := f.Lines.Position(d.Start), f.Lines.Position(d.End)
			if sup.suppressed(start.Line, d.Code) {
				return
			}
			sev := d.Severity
			if hasOverride || sev == 0 {
				sev = override
			}
			res.Findings = append(res.Findings, Finding{
				Path: f.Path, Start: d.Start, End: d.End,
				Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
				Rule: d.Code, Name: a.Name, Severity: sev, Message: d.Message, Fixes: d.Fixes,
			})
		},
	}
	a.Run(pass)
	return nil
}

// UnusedSuppression is the pseudo-rule `--show-unused-suppressions` reports
// under, like ruff's RUF100: a suppression comment that suppresses nothing.
const (
	UnusedSuppression     = "RT000"
	UnusedSuppressionName = "unused-suppression"
)

func reportUnused(f *source.File, sup suppressions, cfg *Config, res *Result) {
	enabled := func(code string) bool {
		for _, a := range registry.All() {
			if strings.HasPrefix(a.Code, code) && cfg.Enabled(a.Code) {
				return true
			}
		}
		return false
	}
	for s, codes := range sup.unused(enabled) {
		msg := "suppression comment suppresses nothing"
		if codes[0] != "" {
			msg = "unused suppression of " + strings.Join(codes, ", ")
		}
		start, end := f.Lines.Position(s.start), f.Lines.Position(s.end)
		res.Findings = append(res.Findings, Finding{
			Path: f.Path, Start: s.start, End: s.end,
			Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: UnusedSuppression, Name: UnusedSuppressionName, Severity: analyzers.Warning, Message: msg,
		})
	}
}
