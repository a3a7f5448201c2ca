package report

import (
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// jsonFinding is SPEC §6's JSON object, field for field.
type jsonFinding struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Rule      string `json:"rule"`
	Name      string `json:"name"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	// Where the code runs (SPEC §2): request, startup, test or script.
	Where string   `json:"where"`
	Fix   *jsonFix `json:"fix"`
	// Related are the hops of a reach path (SPEC §6); absent otherwise.
	Related []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonFix struct {
	Applicability string     `json:"applicability"`
	Message       string     `json:"message"`
	Edits         []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`
}

// where defaults to request code for findings made without a place.
func where(w string) string {
	if w == "" {
		return "request"
	}
	return w
}

// JSON writes a JSON array sorted by path, line and column (SPEC §6).
func JSON(w io.Writer, files []File, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonFindings(files))
}

// JSONLines writes the same objects as JSON, one per line, for tools that
// stream (jq -c, log shippers).
func JSONLines(w io.Writer, files []File, _ Options) error {
	enc := json.NewEncoder(w)
	for _, f := range jsonFindings(files) {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
}

func jsonFindings(files []File) []jsonFinding {
	lines := lineIndexes(files)
	out := []jsonFinding{}
	for _, f := range sorted(files) {
		out = append(out, jsonFinding{
			Path: f.Path, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Rule: f.Rule, Name: f.Name, Severity: f.Severity.String(), Message: f.Message, Where: where(f.Where),
			Fix: toJSONFix(f, lines[f.Path]), Related: toJSONRelated(f.Related),
		})
	}
	return out
}

// toJSONFix renders a finding's first fix; `null` when it has none.
func toJSONFix(f lint.Finding, idx *source.LineIndex) *jsonFix {
	if len(f.Fixes) == 0 {
		return nil
	}
	fix := f.Fixes[0]
	jf := &jsonFix{Applicability: fix.Applicability.String(), Message: fix.Message, Edits: []jsonEdit{}}
	for _, e := range fix.Edits {
		jf.Edits = append(jf.Edits, toJSONEdit(f.Path, e, idx))
	}
	return jf
}

func toJSONEdit(path string, e analyzers.Edit, idx *source.LineIndex) jsonEdit {
	if e.Path != "" && e.Path != path {
		// Another file: a new worker module, or the call site in the entry
		// file that reach's fix edits.
		p := filepath.Join(filepath.Dir(path), e.Path)
		if a := e.At; a != nil {
			return jsonEdit{Path: p, Line: a.Line, Column: a.Column, EndLine: a.EndLine, EndColumn: a.EndColumn, NewText: e.NewText}
		}
		return jsonEdit{Path: p, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, NewText: e.NewText}
	}
	s, en := idx.Position(e.Start), idx.Position(e.End)
	return jsonEdit{Path: path, Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column, NewText: e.NewText}
}

func toJSONRelated(rs []lint.Related) []jsonRelated {
	var out []jsonRelated
	for _, r := range rs {
		out = append(out, jsonRelated{Path: r.Path, Line: r.Line, Column: r.Column, Message: r.Message})
	}
	return out
}
