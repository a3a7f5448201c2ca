package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/report"
)

// A baseline lets a legacy codebase adopt rtlint without fixing everything
// first: `--baseline FILE --write-baseline` records today's findings, and a
// run with `--baseline FILE` reports only findings that are not in it.
// Findings are matched by fingerprint (report.Fingerprints: file, rule,
// flagged text and occurrence, not line numbers), so they stay matched
// when code moves; paths are taken relative to the baseline's folder, so
// the same baseline works whichever folder the run starts from.

const baselineVersion = 1

type baselineFile struct {
	Tool     string          `json:"tool"`
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// baselineEntry keeps, next to the fingerprint, what a reviewer of the
// file wants to read; only the fingerprint is matched.
type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// baselineNames names files relative to the baseline's folder.
func baselineNames(baseline string) func(string) string {
	dir := filepath.Dir(project.Abs(baseline))
	return func(p string) string {
		if rel, err := filepath.Rel(dir, project.Abs(p)); err == nil {
			return filepath.ToSlash(rel)
		}
		return filepath.ToSlash(p)
	}
}

// writeBaseline records every finding of files in path.
func writeBaseline(path string, files []report.File) (int, error) {
	names := baselineNames(path)
	out := baselineFile{Tool: "rtlint", Version: baselineVersion, Findings: []baselineEntry{}}
	for _, fp := range report.Fingerprints(files, names) {
		out.Findings = append(out.Findings, baselineEntry{Fingerprint: fp.Fingerprint, Path: names(fp.Path), Rule: fp.Rule, Line: fp.Line, Message: fp.Message})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return 0, err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return 0, err
	}
	return len(out.Findings), os.Rename(tmp, path)
}

// applyBaseline drops the findings recorded in the baseline at path; it
// returns the files with what is new, and how many were dropped.
func applyBaseline(path string, files []report.File) ([]report.File, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("--baseline: %w (write one with --write-baseline)", err)
	}
	var b baselineFile
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, 0, fmt.Errorf("--baseline: %s: not an rtlint baseline: %v", path, err)
	}
	if b.Tool != "rtlint" || b.Version != baselineVersion {
		return nil, 0, fmt.Errorf("--baseline: %s: not an rtlint baseline of version %d (tool %q, version %d)", path, baselineVersion, b.Tool, b.Version)
	}
	known := map[string]bool{}
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	keep := map[string][]lint.Finding{}
	dropped := 0
	for _, fp := range report.Fingerprints(files, baselineNames(path)) {
		if known[fp.Fingerprint] {
			dropped++
			continue
		}
		keep[fp.Path] = append(keep[fp.Path], fp.Finding)
	}
	out := make([]report.File, len(files))
	for i, f := range files {
		f.Findings = keep[f.Path]
		out[i] = f
	}
	return out, dropped, nil
}
