package lint

import (
	"bytes"
	"regexp"
	"strings"
)

// suppressionComment matches `# rtlint: ignore[RT101, RT2]`, `// rtlint: ignore`
// and `rtlint: ignore-file` (SPEC §5).
var suppressionComment = regexp.MustCompile(`(?:#|//|/\*)\s*rtlint:\s*ignore(-file)?(?:\[([^\]]*)\])?`)

// suppressions holds a file's suppression comments.
type suppressions struct {
	file  bool
	lines map[int][]string // line → codes; an empty list ignores every code
}

// parseSuppressions scans the source for suppression comments. The cheap
// Contains check keeps files without any comment of ours at no cost.
func parseSuppressions(src []byte) suppressions {
	s := suppressions{}
	if !bytes.Contains(src, []byte("rtlint:")) {
		return s
	}
	line := 1
	firstBlock := true
	for _, text := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimSpace(text)
		isComment := bytes.HasPrefix(trimmed, []byte("#")) || bytes.HasPrefix(trimmed, []byte("//")) || bytes.HasPrefix(trimmed, []byte("/*")) || bytes.HasPrefix(trimmed, []byte("*"))
		if len(trimmed) > 0 && !isComment {
			firstBlock = false
		}
		if bytes.Contains(text, []byte("rtlint:")) {
			for _, m := range suppressionComment.FindAllSubmatch(text, -1) {
				if len(m[1]) > 0 {
					if firstBlock && isComment {
						s.file = true
					}
					continue
				}
				if s.lines == nil {
					s.lines = map[int][]string{}
				}
				var codes []string
				for _, c := range strings.Split(string(m[2]), ",") {
					if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
						codes = append(codes, c)
					}
				}
				if codes == nil {
					codes = []string{}
				}
				s.lines[line] = append(s.lines[line], codes...)
				if len(codes) == 0 {
					s.lines[line] = []string{}
				}
			}
		}
		line++
	}
	return s
}

// suppressed reports whether a finding of code on line is suppressed.
func (s suppressions) suppressed(line int, code string) bool {
	if s.file {
		return true
	}
	codes, ok := s.lines[line]
	if !ok {
		return false
	}
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		if strings.HasPrefix(code, c) {
			return true
		}
	}
	return false
}
