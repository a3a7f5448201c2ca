package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/rtlint/rtlint/internal/lint"
)

// Fingerprinted is a finding and its fingerprint.
type Fingerprinted struct {
	lint.Finding
	Fingerprint string
}

// Fingerprints names each finding (in path, line, column order) so that
// the name survives unrelated edits: a hash of the file's name (as name
// gives it), the rule, the flagged source text with its spacing folded,
// and which occurrence of that text it is — never line numbers. GitLab's
// report and baselines use it.
func Fingerprints(files []File, name func(path string) string) []Fingerprinted {
	text := map[string][]byte{}
	for _, f := range files {
		text[f.Path] = f.Src
	}
	seen := map[string]int{}
	var out []Fingerprinted
	for _, f := range sorted(files) {
		snippet := ""
		if src := text[f.Path]; f.Start >= 0 && f.End <= len(src) && f.Start <= f.End {
			snippet = strings.Join(strings.Fields(string(src[f.Start:f.End])), " ")
		}
		key := name(f.Path) + "\x00" + f.Rule + "\x00" + snippet
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, seen[key])))
		out = append(out, Fingerprinted{Finding: f, Fingerprint: hex.EncodeToString(sum[:16])})
	}
	return out
}
