// Package walk finds the files to lint under the paths a user gives,
// honouring .gitignore files and the default excludes (SPEC §5). A path
// that cannot be read is an error for that path only; the walk goes on.
package walk

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	gitignore "github.com/sabhiram/go-gitignore"

	"github.com/rtlint/rtlint/internal/source"
)

// DefaultExcludes are directory names never descended into: installed
// packages, build output, and vendored third-party code (SPEC §5).
var DefaultExcludes = []string{"node_modules", ".venv", "venv", "dist", "build", ".git", "__pycache__", "vendor", "third_party"}

// vendoredFiles are file name patterns of bundled or minified code: not
// the project's own, and a minified line is no place for a finding.
var vendoredFiles = []string{"*.min.js", "*.min.mjs", "*.min.cjs", "*.bundle.js", "*.bundle.mjs"}

// Error is a path that could not be walked or read.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + Reason(e.Err) }

// Reason renders an error's cause without repeating the path, e.g.
// "permission denied", "no such file or directory".
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Options tunes a walk.
type Options struct {
	// Exclude holds extra glob patterns (matched against the base name and
	// the slash path) that skip files and directories.
	Exclude []string
	// Excluded, when set, also skips paths (a config file's `exclude`,
	// whose globs are relative to the config's directory).
	Excluded func(path string) bool
}

// Files returns the lintable files under roots, sorted and de-duplicated,
// and one error per path that could not be walked. An explicitly named
// file is linted even when a .gitignore would skip it.
func Files(roots []string, opts Options) ([]string, []*Error) {
	var files []string
	var errs []*Error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &Error{root, err})
			continue
		}
		if !info.IsDir() {
			if source.LanguageOf(root) == source.Unknown {
				errs = append(errs, &Error{root, errors.New("unsupported file type (expected .py, .pyi, .js, .mjs, .cjs, .jsx, .ts, .mts, .cts or .tsx)")})
				continue
			}
			add(root)
			continue
		}
		w := walker{opts: opts, root: root}
		w.walk(add, &errs)
	}
	sort.Strings(files)
	return files, errs
}

type ignoreFile struct {
	dir     string
	matcher *gitignore.GitIgnore
}

type walker struct {
	opts    Options
	root    string
	ignores []ignoreFile // stack of .gitignore files from the root down
}

func (w *walker) walk(add func(string), errs *[]*Error) {
	_ = filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			*errs = append(*errs, &Error{p, err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// Leave .gitignore scopes the walk has moved out of.
		for len(w.ignores) > 0 && !within(p, w.ignores[len(w.ignores)-1].dir) {
			w.ignores = w.ignores[:len(w.ignores)-1]
		}
		if d.IsDir() {
			if p != w.root && (w.excluded(p, d.Name()) || w.ignored(p, true)) {
				return fs.SkipDir
			}
			gi := filepath.Join(p, ".gitignore")
			if m, err := gitignore.CompileIgnoreFile(gi); err == nil {
				w.ignores = append(w.ignores, ignoreFile{p, m})
			} else if _, serr := os.Lstat(gi); serr == nil && !errors.Is(err, fs.ErrNotExist) {
				// Only a .gitignore that exists but cannot be read is its
				// own error; when the directory itself cannot be read,
				// WalkDir reports the directory, once.
				*errs = append(*errs, &Error{gi, err})
			}
			return nil
		}
		if source.LanguageOf(p) == source.Unknown || w.excluded(p, d.Name()) || w.ignored(p, false) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Follow symlinks to files, never to directories (no loops).
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				return nil
			}
		}
		add(p)
		return nil
	})
}

func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) || dir == "."
}

func (w *walker) excluded(p, name string) bool {
	for _, x := range DefaultExcludes {
		if name == x {
			return true
		}
	}
	for _, g := range vendoredFiles {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	if w.opts.Excluded != nil && w.opts.Excluded(p) {
		return true
	}
	slash := filepath.ToSlash(p)
	for _, g := range w.opts.Exclude {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
		if ok, _ := path.Match(g, slash); ok {
			return true
		}
		if strings.HasSuffix(g, "/**") && (strings.HasPrefix(slash+"/", strings.TrimSuffix(g, "**")) || strings.Contains(slash+"/", "/"+strings.TrimSuffix(g, "**"))) {
			return true
		}
	}
	return false
}

func (w *walker) ignored(p string, dir bool) bool {
	for _, ig := range w.ignores {
		rel, err := filepath.Rel(ig.dir, p)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if ig.matcher.MatchesPath(rel) || (dir && ig.matcher.MatchesPath(rel+"/")) {
			return true
		}
	}
	return false
}

// generatedLineLength is the average line length (bytes) above which a
// file is taken for generated: hand-written Python and JavaScript average
// well under 100 (the CPython library and npm's own code peak near 260,
// in generated tables); minified bundles run to thousands.
const generatedLineLength = 500

// Generated reports whether a source file's content shows it is generated
// or bundled (SPEC §5): a JS/TS file ending with a `sourceMappingURL`
// comment, or any file over 2 KB whose lines average more than
// generatedLineLength bytes.
func Generated(path string, src []byte) bool {
	if len(src) > 2048 {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		if len(src)/lines > generatedLineLength {
			return true
		}
	}
	if source.LanguageOf(path) == source.Python {
		return false
	}
	tail := bytes.TrimRight(src[max(0, len(src)-512):], " \t\r\n")
	i := bytes.LastIndexByte(tail, '\n')
	return bytes.Contains(tail[i+1:], []byte("sourceMappingURL="))
}
