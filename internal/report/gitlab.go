package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
)

var gitlabSeverity = map[analyzers.Severity]string{analyzers.Error: "major", analyzers.Warning: "minor", analyzers.Info: "info"}

// GitLab writes a GitLab Code Quality report. Fingerprints are stable
// across runs and unrelated edits: they hash the path, the rule, the
// flagged source text and its occurrence count — not line numbers.
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
	text := map[string]func(int, int) string{}
	for _, f := range files {
		src := f.Src
		text[f.Path] = func(s, e int) string {
			if s < 0 || e > len(src) || s > e {
				return ""
			}
			return string(src[s:e])
		}
	}
	seen := map[string]int{}
	out := []issue{}
	for _, f := range sorted(files) {
		snippet := ""
		if get := text[f.Path]; get != nil {
			snippet = strings.Join(strings.Fields(get(f.Start, f.End)), " ")
		}
		key := filepath.ToSlash(f.Path) + "\x00" + f.Rule + "\x00" + snippet
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, seen[key])))
		out = append(out, issue{
			Description: f.Rule + " " + f.Message,
			CheckName:   f.Rule + " " + f.Name,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity[f.Severity],
			Location:    location{Path: filepath.ToSlash(f.Path), Lines: lines{f.Line, f.EndLine}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
