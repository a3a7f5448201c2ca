package lint

import (
	"bytes"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"
)

// Suppression comments (SPEC §5):
//   - same line: `# rtlint: ignore[RT101, RT2]`, `// rtlint: ignore`, and
//     ruff's habit `# noqa: RT101` (explicit RT codes only; a bare noqa and
//     other tools' codes are not ours);
//   - next line: `# rtlint: ignore-next-line[RT101]` and ESLint's habit
//     `// rtlint-disable-next-line RT101`;
//   - the whole file: `rtlint: ignore-file`, in a comment anywhere.
//
// A suppression on any line of a multi-line finding covers it.
var (
	sameLine = lazyre.New(`(?:#|//|/\*)\s*rtlint:\s*ignore(?:\[([^\]]*)\])?(?:[^-\w]|$)`)
	nextLine = lazyre.New(`(?:#|//|/\*)\s*rtlint(?::\s*ignore-next-line(?:\[([^\]]*)\])?|-disable-next-line\b([^\n*]*))`)
	noqa     = lazyre.New(`#\s*noqa\s*:\s*([A-Za-z]+[0-9]+(?:\s*,\s*[A-Za-z]+[0-9]+)*)`)
	fileWide = lazyre.New(`(?:#|//|/\*|\*)\s*rtlint:\s*ignore-file\b`)
	ruleCode = lazyre.New(`^RT[0-9]{0,3}$`)
)

// suppression is one comment.
type suppression struct {
	start, end int      // the comment's byte range
	codes      []string // empty: every code
	used       map[string]bool
}

// suppressions holds a file's suppression comments by the line they cover.
type suppressions struct {
	file  bool
	lines map[int][]*suppression
}

// parseSuppressions scans the source for suppression comments. The cheap
// Contains checks keep files without any comment of ours at no cost.
func parseSuppressions(src []byte) suppressions {
	s := suppressions{}
	if !bytes.Contains(src, []byte("rtlint")) && !bytes.Contains(src, []byte("noqa")) {
		return s
	}
	add := func(line, start, end int, codes []string) {
		if s.lines == nil {
			s.lines = map[int][]*suppression{}
		}
		s.lines[line] = append(s.lines[line], &suppression{start: start, end: end, codes: codes, used: map[string]bool{}})
	}
	line, offset := 1, 0
	for _, text := range bytes.Split(src, []byte("\n")) {
		if bytes.Contains(text, []byte("rtlint")) {
			if fileWide.Match(text) {
				s.file = true
			}
			for _, m := range nextLine.FindAllSubmatchIndex(text, -1) {
				list := ""
				switch {
				case m[2] >= 0:
					list = string(text[m[2]:m[3]])
				case m[4] >= 0:
					list = string(text[m[4]:m[5]])
				}
				add(line+1, offset+m[0], offset+m[1], splitCodes(list, false))
			}
			for _, m := range sameLine.FindAllSubmatchIndex(text, -1) {
				list := ""
				if m[2] >= 0 {
					list = string(text[m[2]:m[3]])
				}
				add(line, offset+m[0], offset+m[1], splitCodes(list, false))
			}
		}
		if bytes.Contains(text, []byte("noqa")) {
			for _, m := range noqa.FindAllSubmatchIndex(text, -1) {
				if codes := splitCodes(string(text[m[2]:m[3]]), true); len(codes) > 0 {
					add(line, offset+m[0], offset+m[1], codes)
				}
			}
		}
		line++
		offset += len(text) + 1
	}
	return s
}

// splitCodes reads a list of codes separated by commas or spaces; ours
// keeps only RT codes (for noqa, whose other codes are other tools').
func splitCodes(list string, ours bool) []string {
	var out []string
	for _, c := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" || c == "--" {
			continue
		}
		if ours && !strings.HasPrefix(c, "RT") {
			continue
		}
		out = append(out, c)
	}
	return out
}

// suppressed reports whether a finding of code spanning lines first..last
// is suppressed, and records which comment entry did it.
func (s suppressions) suppressed(first, last int, code string) bool {
	if s.file {
		return true
	}
	for line := first; line <= last && line <= first+200; line++ {
		for _, sup := range s.lines[line] {
			if len(sup.codes) == 0 {
				sup.used[""] = true
				return true
			}
			for _, c := range sup.codes {
				if strings.HasPrefix(code, c) {
					sup.used[c] = true
					return true
				}
			}
		}
	}
	return false
}

// unused lists, per comment, the entries that suppressed nothing: "" for a
// bare `rtlint: ignore`, else the codes. Codes of rules that did not run
// (not selected) are not reported; codes that name no rule are, marked
// unknown.
func (s suppressions) unused(enabled func(code string) bool, known func(code string) bool) map[*suppression][]string {
	out := map[*suppression][]string{}
	for _, sups := range s.lines {
		for _, sup := range sups {
			if len(sup.codes) == 0 {
				if !sup.used[""] {
					out[sup] = []string{""}
				}
				continue
			}
			for _, c := range sup.codes {
				switch {
				case !ruleCode.MatchString(c) || !known(c):
					out[sup] = append(out[sup], c+" (unknown)")
				case !sup.used[c] && enabled(c):
					out[sup] = append(out[sup], c)
				}
			}
		}
	}
	return out
}
