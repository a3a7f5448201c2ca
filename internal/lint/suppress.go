package lint

import (
	"bytes"
	"regexp"
	"strings"
)

// suppressionComment matches `# rtlint: ignore[RT101, RT2]`, `// rtlint: ignore`
// and `rtlint: ignore-file` (SPEC §5).
var suppressionComment = regexp.MustCompile(`(?:#|//|/\*)\s*rtlint:\s*ignore(-file)?(?:\[([^\]]*)\])?`)

// suppression is one same-line comment.
type suppression struct {
	start, end int      // the comment's byte range
	codes      []string // empty: every code
	used       map[string]bool
}

// suppressions holds a file's suppression comments.
type suppressions struct {
	file  bool
	lines map[int]*suppression
}

// parseSuppressions scans the source for suppression comments. The cheap
// Contains check keeps files without any comment of ours at no cost.
func parseSuppressions(src []byte) suppressions {
	s := suppressions{}
	if !bytes.Contains(src, []byte("rtlint:")) {
		return s
	}
	line, offset := 1, 0
	firstBlock := true
	for _, text := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimSpace(text)
		isComment := bytes.HasPrefix(trimmed, []byte("#")) || bytes.HasPrefix(trimmed, []byte("//")) || bytes.HasPrefix(trimmed, []byte("/*")) || bytes.HasPrefix(trimmed, []byte("*"))
		if len(trimmed) > 0 && !isComment {
			firstBlock = false
		}
		if bytes.Contains(text, []byte("rtlint:")) {
			for _, m := range suppressionComment.FindAllSubmatchIndex(text, -1) {
				if m[2] >= 0 { // ignore-file
					if firstBlock && isComment {
						s.file = true
					}
					continue
				}
				if s.lines == nil {
					s.lines = map[int]*suppression{}
				}
				sup := s.lines[line]
				if sup == nil {
					sup = &suppression{start: offset + m[0], end: offset + m[1], used: map[string]bool{}}
					s.lines[line] = sup
				}
				if m[4] >= 0 {
					for _, c := range strings.Split(string(text[m[4]:m[5]]), ",") {
						if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
							sup.codes = append(sup.codes, c)
						}
					}
				}
			}
		}
		line++
		offset += len(text) + 1
	}
	return s
}

// suppressed reports whether a finding of code on line is suppressed, and
// records which entry of the comment did it.
func (s suppressions) suppressed(line int, code string) bool {
	if s.file {
		return true
	}
	sup, ok := s.lines[line]
	if !ok {
		return false
	}
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
	return false
}

// unused lists, per comment, the entries that suppressed nothing: "" for a
// bare `rtlint: ignore`, else the codes. Codes of rules that did not run
// (not selected) are not reported.
func (s suppressions) unused(enabled func(code string) bool) map[*suppression][]string {
	out := map[*suppression][]string{}
	for _, sup := range s.lines {
		if len(sup.codes) == 0 {
			if !sup.used[""] {
				out[sup] = []string{""}
			}
			continue
		}
		for _, c := range sup.codes {
			if !sup.used[c] && enabled(c) {
				out[sup] = append(out[sup], c)
			}
		}
	}
	return out
}
