package report

import (
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/rtlint/rtlint/analyzers"
)

var gitlabSeverity = map[analyzers.Severity]string{analyzers.Error: "major", analyzers.Warning: "minor", analyzers.Info: "info"}

// GitLab writes a GitLab Code Quality report. Fingerprints are stable
// across runs and unrelated edits: they hash the path, the rule, the
// flagged source text and its occurrence count — not line numbers
// (Fingerprints).
func GitLab(w io.Writer, files []File, _ Options) error {
	type lines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	}
	type location struct {
		Path  string `json:"path"`
		Lines lines  `json:"lines"`
	}
	type issue struct {
		Description string   `json:"description"`
		CheckName   string   `json:"check_name"`
		Fingerprint string   `json:"fingerprint"`
		Severity    string   `json:"severity"`
		Location    location `json:"location"`
	}
	out := []issue{}
	for _, fp := range Fingerprints(files, filepath.ToSlash) {
		f := fp.Finding
		out = append(out, issue{
			Description: f.Rule + " " + f.Message,
			CheckName:   f.Rule + " " + f.Name,
			Fingerprint: fp.Fingerprint,
			Severity:    gitlabSeverity[f.Severity],
			Location:    location{Path: filepath.ToSlash(f.Path), Lines: lines{f.Line, f.EndLine}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
