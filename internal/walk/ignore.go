package walk

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// ignoreRule is one pattern line of a .gitignore or .git/info/exclude in
// git's semantics (gitignore(5)), turned into a doublestar glob over the
// path below the file's directory, and kept with where it came from so a
// skipped path can say why.
type ignoreRule struct {
	glob    string
	negate  bool
	dirOnly bool
	// inside is set for a trailing "/**": it matches what is inside a
	// directory, not the directory itself.
	inside bool
	file   string
	line   int
	text   string
}

// ignoreScope is the rules of one ignore file: domain is its directory's
// path components below the repository root, dir the directory as the
// walk names it (the walk pops the scope when it leaves that directory).
type ignoreScope struct {
	dir    string
	domain []string
	rules  []ignoreRule
}

// parseIgnoreLine turns one line into a rule; blank lines and comments
// give none.
func parseIgnoreLine(line string) (ignoreRule, bool) {
	line = strings.TrimSuffix(line, "\r")
	// Trailing spaces are ignored unless escaped with a backslash.
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
		line = line[:len(line)-1]
	}
	if line == "" || line[0] == '#' {
		return ignoreRule{}, false
	}
	var r ignoreRule
	if line[0] == '!' {
		r.negate = true
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		r.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return ignoreRule{}, false
	}
	// A pattern with a slash (other than a trailing one) is relative to the
	// file's directory; one without matches a name at any depth.
	if strings.Contains(line, "/") {
		line = strings.TrimPrefix(line, "/")
	} else {
		line = "**/" + line
	}
	r.inside = strings.HasSuffix(line, "/**")
	// Braces are literal in git; doublestar would read alternatives.
	r.glob = strings.NewReplacer("{", `\{`, "}", `\}`).Replace(line)
	return r, true
}

// readIgnoreFile parses a .gitignore-format file. A missing file yields
// no rules and an error the caller can tell apart (fs.ErrNotExist).
func readIgnoreFile(path string) ([]ignoreRule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rules []ignoreRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		if r, ok := parseIgnoreLine(sc.Text()); ok {
			r.file, r.line, r.text = path, n, strings.TrimSpace(sc.Text())
			rules = append(rules, r)
		}
	}
	return rules, nil
}

// matches reports whether the rule matches rel, a path below its file's
// directory. Ancestors are not consulted: the walk never enters an
// ignored directory, which is how git makes "a parent is excluded" final.
func (r *ignoreRule) matches(rel string, dir bool) bool {
	if r.dirOnly && !dir {
		return false
	}
	if !doublestar.MatchUnvalidated(r.glob, rel) {
		return false
	}
	// "foo/**" matches inside foo, never foo itself.
	return !r.inside || !doublestar.MatchUnvalidated(strings.TrimSuffix(r.glob, "/**"), rel)
}

// repoRoot returns the nearest directory at or above dir (absolute) that
// holds a .git entry, or "" outside a repository.
func repoRoot(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// components splits a relative path; "." is the empty path.
func components(rel string) []string {
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == "" {
		return nil
	}
	return strings.Split(rel, "/")
}

// match applies git's precedence: the last matching pattern wins, deeper
// files over shallower ones. It returns the deciding rule when the path
// (its components below the repository root) is ignored.
func match(scopes []ignoreScope, parts []string, dir bool) (*ignoreRule, bool) {
	for s := len(scopes) - 1; s >= 0; s-- {
		sc := &scopes[s]
		if len(parts) <= len(sc.domain) {
			continue
		}
		rel := strings.Join(parts[len(sc.domain):], "/")
		for i := len(sc.rules) - 1; i >= 0; i-- {
			if sc.rules[i].matches(rel, dir) {
				if sc.rules[i].negate {
					return nil, false
				}
				return &sc.rules[i], true
			}
		}
	}
	return nil, false
}
