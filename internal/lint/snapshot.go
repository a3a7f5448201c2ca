package lint

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/source"
)

// Snapshot is a unit as plain data: what a later run needs to resolve the
// file against the project without parsing it again (the results cache,
// issue 12). Reach is decided afresh at every Resolve, so a snapshot stays
// right when other files change; it depends only on the file's text, the
// configuration and the project facts.
type Snapshot struct {
	Summary       *project.Summary
	Findings      []Finding
	Pending       []PendingSnapshot
	RouterImports bool
	Warnings      []string
}

// Quiet reports whether the file had nothing to report and nothing for
// reach to decide: then a later run needs only its summary, not its text.
func (s *Snapshot) Quiet() bool {
	return len(s.Findings) == 0 && len(s.Pending) == 0 && len(s.Warnings) == 0
}

// Quiet reports whether the unit has nothing to report and nothing for
// reach to decide (and no suppression comments to check): resolving it
// needs only its summary, not its text.
func (u *Unit) Quiet() bool {
	return len(u.direct.Findings) == 0 && len(u.direct.Errors) == 0 && len(u.pending) == 0 && !u.cfg.ShowsUnusedSuppressions()
}

// DropText forgets the text and line index of a quiet unit's file, which
// nothing will read again: a project's sources need not all stay in
// memory until the report.
func (u *Unit) DropText() {
	if u.Quiet() {
		u.File = &source.File{Path: u.File.Path, Language: u.File.Language}
		u.direct.File = u.File
	}
}

// PendingSnapshot is a reach candidate as plain data.
type PendingSnapshot struct {
	D        analyzers.Diagnostic
	Name     string
	Severity analyzers.Severity
	Override bool
	Fn       string
	Drop     bool
	Kind     project.Kind
	Via      *analyzers.Via
}

// Snapshot returns the unit as plain data, or nil when it cannot be
// reused: an analyzer failed (the failure must show again), or the unit
// has no summary yet.
func (u *Unit) Snapshot() *Snapshot {
	if len(u.direct.Errors) > 0 || u.Summary == nil {
		return nil
	}
	u.prepare()
	s := &Snapshot{Summary: u.Summary, Findings: u.direct.Findings, RouterImports: u.routerImports, Warnings: u.direct.Warnings}
	for _, p := range u.pending {
		s.Pending = append(s.Pending, PendingSnapshot{D: p.d, Name: p.name, Severity: p.severity, Override: p.override,
			Fn: p.fn, Drop: p.drop, Kind: p.kind, Via: p.via})
	}
	return s
}

// FromSnapshot rebuilds a unit of file f (which needs no tree) from a
// snapshot taken with the same text and configuration.
func FromSnapshot(f *source.File, cfg *Config, s *Snapshot) *Unit {
	u := &Unit{File: f, cfg: cfg, Summary: s.Summary, prepared: true, routerImports: s.RouterImports}
	u.direct = &Result{File: f, Findings: s.Findings, Warnings: s.Warnings}
	u.sup = parseSuppressions(f.Src)
	for _, p := range s.Pending {
		u.pending = append(u.pending, pending{d: p.D, name: p.Name, severity: p.Severity, override: p.Override,
			fn: p.Fn, drop: p.Drop, kind: p.Kind, via: p.Via})
	}
	return u
}
