// Package lint is the pure core of rtlint: from (path, source, config) to
// sorted diagnostics with fixes. It never prints, logs, reads the
// environment or touches the disk; the CLI and the server are shells around it.
package lint

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/eventloop"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/project"
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
	// Related are the hops of a finding reached through other functions
	// (SPEC §2 "reach"), from the entry to the blocking call.
	Related []Related
	// Where the code runs (SPEC §2 "where it runs"): "request", "startup",
	// "test" or "script". Outside request code a finding is info unless the
	// configuration sets the rule's severity.
	Where string
}

// demote makes a finding outside request code info, unless the
// configuration sets its rule's severity.
func demote(sev analyzers.Severity, where string, override bool) analyzers.Severity {
	if where != project.Request && !override {
		return analyzers.Info
	}
	return sev
}

// crlf makes a fix's new lines in a CRLF file end as the file's do: fixes
// write "\n", and an `import asyncio` ending in LF in a CRLF file is a
// mixed-line-ending diff every editor and linter complains about.
func crlf(src []byte, fixes []analyzers.Fix) {
	i := bytes.IndexByte(src, '\n')
	if i <= 0 || src[i-1] != '\r' {
		return
	}
	for fi := range fixes {
		for ei := range fixes[fi].Edits {
			e := &fixes[fi].Edits[ei]
			if e.Create || !strings.Contains(e.NewText, "\n") {
				continue
			}
			e.NewText = strings.ReplaceAll(strings.ReplaceAll(e.NewText, "\r\n", "\n"), "\n", "\r\n")
		}
	}
}

// whereIn says where the code at a byte offset of a file runs: the file's
// role (test, script), else startup inside a function that runs once,
// else request.
func whereIn(m *semantic.Model, path string, off int) string {
	if role := project.FileRole(path); role != "" {
		return role
	}
	if m.RunsOnceAt(off) != "" {
		return project.Startup
	}
	return project.Request
}

// Related is one hop of a reach path, placed in its file.
type Related struct {
	Path         string // as the shell names the file
	Line, Column int
	Message      string
}

// Result is the outcome of linting one file.
type Result struct {
	File     *source.File
	Findings []Finding
	// Errors are rtlint's own failures (a panicking analyzer). The other
	// analyzers' findings are still in Findings.
	Errors []error
	// Warnings are things the user wrote that do nothing, said on stderr:
	// a suppression naming no rule ("a.py:3: ..."). With
	// --show-unused-suppressions they are RT000 findings instead.
	Warnings []string
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
// cancels the analysis of a text that a newer edit made stale). Reach
// stays inside the file; Analyze and Resolve follow calls across files.
func FileWithMatches(ctx context.Context, f *source.File, ms *semantic.Matches, cfg *Config) (*Result, error) {
	u, err := Analyze(ctx, f, ms, cfg)
	if err != nil {
		return nil, err
	}
	return u.Resolve(nil), nil
}

// Unit is one file analysed on its own: the findings that hold whatever
// the rest of the project does, the file's summary for the project index,
// and the findings that hold only if reach finds their function called
// from an entry point. Resolve decides those against the index.
type Unit struct {
	File *source.File
	// Summary is the file's summary for the project index, once Summarize
	// has made it (the server makes it after publishing, off the keystroke).
	Summary  *project.Summary
	hash     uint64          // of the source, once asked
	model    *semantic.Model // until summarised
	prepared bool
	blocks   []blockCall // RT1xx calls, for the summary
	direct   *Result
	pending  []pending
	sup      suppressions
	cfg      *Config
	offload  []semantic.Span // offload calls' arguments, computed on first use
	// routerImports: the file decorates routes through imported objects.
	routerImports bool
}

// offloaded reports whether function fi is written inside the arguments
// of an offload call (SPEC §2), which runs it elsewhere.
func (u *Unit) offloaded(m *semantic.Model, fi int) bool {
	if u.offload == nil {
		u.offload = append(m.OffloadSpans(u.cfg.offloadCalls()), semantic.Span{})
	}
	if fi == semantic.None {
		return false
	}
	// Inside an offload call's arguments at any depth means inside its span.
	for _, sp := range u.offload {
		if !sp.IsZero() && sp.Contains(m.Funcs[fi].Span) {
			return true
		}
	}
	return false
}

// blockCall is a blocking call a rule found, for the summary's Blocks.
type blockCall struct {
	fn, call int
	rule     string
}

// Summarize returns the unit's summary, making it on first use.
func (u *Unit) Summarize() *project.Summary {
	if u.Summary != nil {
		return u.Summary
	}
	u.prepare()
	m, cfg := u.model, u.cfg
	u.offloaded(m, semantic.None) // computes u.offload
	u.Summary = project.Summarize(m, project.Options{Offload: cfg.offloadCalls(), OffloadSpans: u.offload,
		SiteFix: eventloop.MoveOffLoopFix, Empty: !cfg.Reach()})
	for _, b := range u.blocks {
		u.Summary.AddBlock(m, b.fn, b.rule, &m.Calls[b.call])
	}
	u.Summary.Compact()
	u.model, u.blocks = nil, nil
	return u.Summary
}

// pending is a finding that needs reach. Placing it (positions,
// suppressions) waits until reach confirms it: most never are.
type pending struct {
	d        analyzers.Diagnostic
	name     string
	severity analyzers.Severity
	override bool   // the configuration sets the rule's severity
	fn       string // the function's key, once prepared
	drop     bool   // written in an offloaded function
	kind     project.Kind
	via      *analyzers.Via
}

// Reaches reports whether some finding of the unit depends on the rest of
// the project: a blocking call in a function that is not itself on the
// loop (reach), or a route decorated through an imported object the index
// may know to be a router. Only such a file's findings can change when the
// project does.
func (u *Unit) Reaches() bool { return len(u.pending) > 0 || u.routerImports }

// prepare names each pending finding's function while the model is there.
func (u *Unit) prepare() {
	if u.prepared || u.model == nil {
		return
	}
	u.prepared = true
	m := u.model
	for i := range u.pending {
		p := &u.pending[i]
		if u.offloaded(m, p.via.Func) {
			p.drop = true // run elsewhere: neither direct nor reached
			continue
		}
		p.fn = m.FuncKey(m.ReachFunc(p.via.Func))
	}
}

// Analyze runs every rule over one file (ms may be nil: the query runs).
// The file's summary is made on demand (Summarize), after the model.
func Analyze(ctx context.Context, f *source.File, ms *semantic.Matches, cfg *Config) (*Unit, error) {
	return AnalyzeWith(ctx, f, ms, cfg, nil)
}

// AnalyzeWith is Analyze with what the project index knows of the names
// the file imports (Index.Facts): a route decorated through a router
// imported from another file makes a handler.
func AnalyzeWith(ctx context.Context, f *source.File, ms *semantic.Matches, cfg *Config, facts *semantic.Facts) (*Unit, error) {
	u := &Unit{File: f, direct: &Result{File: f}, cfg: cfg}
	u.sup = parseSuppressions(f.Src)
	if !cfg.ShowsUnusedSuppressions() {
		u.direct.Warnings = unknownCodes(f, u.sup)
	}
	model, err := buildModel(f, ms, cfg, facts)
	if err != nil {
		return nil, err
	}
	u.model = model
	u.routerImports = len(model.RouterImports) > 0
	if u.sup.file {
		return u, nil
	}
	for _, a := range Analyzers() {
		if !a.AppliesTo(f.Language) || !cfg.Enabled(a.Code) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := runOne(a, f, model, cfg, u); err != nil {
			u.direct.Errors = append(u.direct.Errors, err)
		}
	}
	return u, nil
}

// buildModel is the semantic model of f, with the project's facts from
// the configuration and the index.
func buildModel(f *source.File, ms *semantic.Matches, cfg *Config, facts *semantic.Facts) (*semantic.Model, error) {
	if cfg != nil && cfg.Project != nil {
		withProject := semantic.Facts{Project: cfg.Project}
		if facts != nil {
			withProject.Routers = facts.Routers
		}
		facts = &withProject
	}
	model, err := semantic.BuildWith(f, ms, facts)
	if err != nil {
		return nil, fmt.Errorf("semantic model: %w", err)
	}
	return model, nil
}

// Resolve completes the unit's findings with those reach confirms in the
// project index ix (nil: an index of this file alone), sorted.
func (u *Unit) Resolve(ix *project.Index) *Result {
	res := &Result{File: u.File, Findings: append([]Finding{}, u.direct.Findings...), Errors: u.direct.Errors, Warnings: u.direct.Warnings}
	if len(u.pending) > 0 && ix == nil {
		ix = project.NewIndex()
		own := &SiteFixer{Read: func(string) ([]byte, error) { return u.File.Src, nil }, Config: func(string) *Config { return u.cfg }}
		ix.SiteFix = own.For(ix)
		ix.Add(u.File.Path, u.Summarize(), project.Facts{})
		ix.Finish()
	}
	u.prepare()
	f := u.File
	for _, p := range u.pending {
		if p.drop || !u.cfg.transitive(p.d.Code) {
			continue
		}
		path := ix.Reach(f.Path, p.fn, p.kind, u.cfg.maxDepth(p.d.Code))
		if path == nil {
			continue
		}
		start, end := f.Lines.Position(p.d.Start), f.Lines.Position(p.d.End)
		if u.sup.suppressed(start.Line, end.Line, p.d.Code) {
			continue
		}
		fd := Finding{
			Path: f.Path, Start: p.d.Start, End: p.d.End,
			Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: p.d.Code, Name: p.name, Severity: demote(p.severity, path.Where, p.override), Where: path.Where,
		}
		fd.Message = p.via.Head + ": " + path.Describe(u.File.Path) + p.via.Tail
		for _, h := range path.Hops {
			fd.Related = append(fd.Related, Related{Path: h.Path, Line: h.Line, Column: h.Col, Message: h.Message})
		}
		if p.kind == project.OnLoop && path.First.Fixable {
			if fx := u.siteFix(ix, path); fx != nil {
				fd.Fixes = []analyzers.Fix{elsewhere(*fx, u.File.Path, path.EntryPath)}
			}
		}
		res.Findings = append(res.Findings, fd)
	}
	if u.cfg != nil && u.cfg.ShowUnusedSuppressions {
		reportUnused(u.File, u.sup, u.cfg, res)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule < b.Rule
	})
	return res
}

// siteFix makes the fix at the first call of a reach path: from the
// unit's own model when the call is in its file and the model is still
// there, else through the index's SiteFix from the entry file's text.
func (u *Unit) siteFix(ix *project.Index, path *project.Path) *analyzers.Fix {
	if path.EntryPath == u.File.Path {
		if !fresh(ix, u) {
			return nil // the index's sites are from another text of this file
		}
		if u.model != nil {
			return fixAt(u.model, path.First)
		}
	}
	if ix.SiteFix == nil {
		return nil
	}
	return ix.SiteFix(path.EntryPath, path.EntryHash, path.First)
}

// fixAt is the fix that moves a site's call off the loop, its edits
// placed in the model's file.
func fixAt(m *semantic.Model, site *project.Site) *analyzers.Fix {
	ci, ok := m.CallAt(semantic.Span{Start: uint32(site.Start), End: uint32(site.End)})
	if !ok {
		return nil
	}
	fx := eventloop.MoveOffLoopFix(m, ci)
	if fx != nil {
		project.PlaceEdits(fx, m.File.Lines)
	}
	return fx
}

// fresh reports whether the index holds the unit's own summary, so that
// fixes computed from it fit the unit's text (not so while --fix edits it).
func fresh(ix *project.Index, u *Unit) bool {
	s := ix.Summary(u.File.Path)
	if u.hash == 0 {
		u.hash = project.Hash(u.File.Src)
	}
	return s != nil && s.Hash == u.hash
}

// elsewhere re-targets a fix computed in another file (the entry's call
// site) so its edits name that file relative to the finding's folder.
func elsewhere(fx analyzers.Fix, from, to string) analyzers.Fix {
	if from == to {
		return fx
	}
	rel, err := filepath.Rel(filepath.Dir(from), to)
	if err != nil {
		rel = to
	}
	out := fx
	out.Edits = make([]analyzers.Edit, len(fx.Edits))
	for i, e := range fx.Edits {
		e.Path = filepath.ToSlash(rel)
		out.Edits[i] = e
	}
	return out
}

// runOne runs one analyzer, recovering a panic so that a bug in one rule
// never loses the others' findings.
func runOne(a *analyzers.Analyzer, f *source.File, m *semantic.Model, cfg *Config, u *Unit) (err error) {
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
			if v := d.Via; v != nil && v.Kind == analyzers.ReachLoop {
				u.blocks = append(u.blocks, blockCall{v.Func, v.Call, d.Code})
			}
			sev := d.Severity
			if hasOverride || sev == 0 {
				sev = override
			}
			if v := d.Via; v != nil && !v.Direct {
				kind := project.OnLoop
				if v.Kind == analyzers.ReachHot {
					kind = project.Hot
				}
				u.pending = append(u.pending, pending{d: d, name: a.Name, severity: sev, override: hasOverride, kind: kind, via: v})
				return
			}
			start, end := f.Lines.Position(d.Start), f.Lines.Position(d.End)
			if u.sup.suppressed(start.Line, end.Line, d.Code) {
				return
			}
			crlf(f.Src, d.Fixes)
			where := whereIn(m, f.Path, d.Start)
			fd := Finding{
				Path: f.Path, Start: d.Start, End: d.End,
				Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
				Rule: d.Code, Name: a.Name, Severity: demote(sev, where, hasOverride), Message: d.Message, Fixes: d.Fixes,
				Where: where,
			}
			u.direct.Findings = append(u.direct.Findings, fd)
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

// unknownCodes words a warning per suppressed code that names no rule
// (a typo: `RT1O1`), in source order.
func unknownCodes(f *source.File, sup suppressions) []string {
	type at struct {
		off  int
		text string
	}
	var found []at
	for _, sups := range sup.lines {
		for _, s := range sups {
			for _, c := range s.codes {
				if ruleCode.MatchString(c) && knownCode(c) {
					continue
				}
				pos := f.Lines.Position(s.start)
				found = append(found, at{s.start, fmt.Sprintf("%s:%d:%d: suppression names %s, which is no rule code", f.Path, pos.Line, pos.Column, c)})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].off < found[j].off })
	var out []string
	for i, w := range found {
		if i == 0 || w.text != found[i-1].text { // a comment covering several lines is listed under each
			out = append(out, w.text)
		}
	}
	return out
}

// knownCode reports whether code is a rule code or prefix of one.
func knownCode(code string) bool {
	for _, a := range registry.All() {
		if strings.HasPrefix(a.Code, code) {
			return true
		}
	}
	return false
}

func reportUnused(f *source.File, sup suppressions, cfg *Config, res *Result) {
	enabled := func(code string) bool {
		for _, a := range registry.All() {
			if strings.HasPrefix(a.Code, code) && cfg.Enabled(a.Code) {
				return true
			}
		}
		return false
	}
	where := project.FileRole(f.Path)
	if where == "" {
		where = project.Request
	}
	for s, codes := range sup.unused(enabled, knownCode) {
		msg := "suppression comment suppresses nothing"
		if codes[0] != "" {
			msg = "unused suppression of " + strings.Join(codes, ", ")
		}
		start, end := f.Lines.Position(s.start), f.Lines.Position(s.end)
		res.Findings = append(res.Findings, Finding{
			Path: f.Path, Start: s.start, End: s.end,
			Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: UnusedSuppression, Name: UnusedSuppressionName, Severity: analyzers.Info, Message: msg,
			Where: where,
		})
	}
}
