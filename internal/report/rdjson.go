package report

import (
	"encoding/json"
	"io"

	"github.com/rtlint/rtlint/analyzers"
)

// RDJSON writes reviewdog's Diagnostic Format (rdjson), which reviewdog
// turns into pull-request comments; a safe fix in the finding's own file
// becomes a suggestion.
func RDJSON(w io.Writer, files []File, _ Options) error {
	type position struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	type rng struct {
		Start position `json:"start"`
		End   position `json:"end"`
	}
	type location struct {
		Path  string `json:"path"`
		Range rng    `json:"range"`
	}
	type code struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	}
	type suggestion struct {
		Range rng    `json:"range"`
		Text  string `json:"text"`
	}
	type diagnostic struct {
		Message     string       `json:"message"`
		Location    location     `json:"location"`
		Severity    string       `json:"severity"`
		Code        code         `json:"code"`
		Suggestions []suggestion `json:"suggestions,omitempty"`
	}
	type source struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	type result struct {
		Source      source       `json:"source"`
		Diagnostics []diagnostic `json:"diagnostics"`
	}
	severity := map[analyzers.Severity]string{analyzers.Error: "ERROR", analyzers.Warning: "WARNING", analyzers.Info: "INFO"}
	lines := lineIndexes(files)
	out := result{Source: source{Name: "rtlint", URL: "https://github.com/rtlint/rtlint"}, Diagnostics: []diagnostic{}}
	for _, f := range sorted(files) {
		d := diagnostic{
			Message: f.Message, Severity: severity[f.Severity], Code: code{Value: f.Rule, URL: DocsURL + f.Rule + ".md"},
			Location: location{Path: f.Path, Range: rng{position{f.Line, f.Column}, position{f.EndLine, f.EndColumn}}},
		}
		if len(f.Fixes) > 0 && f.Fixes[0].Applicability == analyzers.Safe && lines[f.Path] != nil {
			for _, e := range f.Fixes[0].Edits {
				if e.Path != "" && e.Path != f.Path {
					continue
				}
				je := toJSONEdit(f.Path, e, lines[f.Path])
				d.Suggestions = append(d.Suggestions, suggestion{Range: rng{position{je.Line, je.Column}, position{je.EndLine, je.EndColumn}}, Text: e.NewText})
			}
		}
		out.Diagnostics = append(out.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
