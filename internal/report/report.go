// Package report renders findings for people (text) and machines (json).
// Formats only present; they never filter or reorder what the core found,
// except for the one sort by path, line and column every format shares.
package report

import (
	"io"
	"sort"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// File is one linted file's findings with what formats need to show them.
type File struct {
	Path     string
	Lines    *source.LineIndex
	Src      []byte
	Findings []lint.Finding
}

// Options are presentation choices the CLI makes.
type Options struct {
	Color bool
	Quiet bool // no source excerpts and no summary
	// Fixing is set under --fix; Fixed counts the fixes applied.
	Fixing bool
	Fixed  int
	// Failed: some file could not be linted (its error goes to stderr), so
	// the text report does not claim that all checks passed.
	Failed bool
	// Root is the folder relative paths are relative to (the working
	// directory); SARIF names it as %SRCROOT%.
	Root string
}

// Formatter writes every finding of a run.
type Formatter func(w io.Writer, files []File, opts Options) error

// Formats maps --format names to formatters.
var Formats = map[string]Formatter{
	"text":       Text,
	"json":       JSON,
	"json-lines": JSONLines,
	"sarif":      SARIF,
	"github":     GitHub,
	"gitlab":     GitLab,
	"junit":      JUnit,
	"rdjson":     RDJSON,
	"pylint":     Pylint,
}

// lineIndexes maps each file's path to its line index.
func lineIndexes(files []File) map[string]*source.LineIndex {
	m := make(map[string]*source.LineIndex, len(files))
	for _, f := range files {
		m[f.Path] = f.Lines
	}
	return m
}

// sorted returns all findings ordered by path, line, column, rule.
func sorted(files []File) []lint.Finding {
	var all []lint.Finding
	for _, f := range files {
		all = append(all, f.Findings...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	return all
}
