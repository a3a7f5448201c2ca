// Package walk finds the files to lint under the paths a user gives,
// honouring .gitignore files and the default excludes (SPEC §5). A path
// that cannot be read is an error for that path only; the walk goes on.
package walk

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// DefaultExcludes are directory names never descended into: installed
// packages, build output, and vendored third-party code (SPEC §5).
var DefaultExcludes = []string{"node_modules", ".venv", "venv", "dist", "build", ".git", "__pycache__", "vendor", "third_party", ".rtlint_cache"}

// vendoredFiles are file name patterns of bundled or minified code: not
// the project's own, and a minified line is no place for a finding.
var vendoredFiles = []string{"*.min.js", "*.min.mjs", "*.min.cjs", "*.bundle.js", "*.bundle.mjs"}

// Error is a path that could not be walked or read.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return Display(e.Path) + ": " + Reason(e.Err) }

// Display renders a path for a terminal: as it is, or quoted with escapes
// when it holds control characters (a file named "a\x1b[2J.py" must not
// clear the screen of whoever reads the report).
func Display(path string) string {
	for _, r := range path {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return strconv.Quote(path)
		}
	}
	return path
}

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
	// Excluded, when set, also skips paths: it returns the reason (a
	// config file's `exclude` glob, relative to the config's directory),
	// or "" to keep the path.
	Excluded func(path string) string
	// ForceExclude applies the excludes (defaults, Exclude, Excluded) to
	// paths named explicitly too, as pre-commit passes every staged file
	// by name (SPEC §5, `--force-exclude`).
	ForceExclude bool
	// Skipped, when set, hears of every Python/JS/TS file or directory the
	// walk leaves out and why (`--show-files -v`).
	Skipped func(path, reason string)
}

// Files returns the lintable files under roots, sorted and de-duplicated,
// and one error per path that could not be walked or read. An explicitly
// named file is linted even when a .gitignore would skip it, and even when
// an exclude would unless ForceExclude is set.
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
		w := walker{opts: opts, root: root}
		if !info.IsDir() {
			if source.LanguageOf(root) == source.Unknown {
				errs = append(errs, &Error{root, errors.New("unsupported file type (expected .py, .pyi, .js, .mjs, .cjs, .jsx, .ts, .mts, .cts or .tsx)")})
				continue
			}
			if opts.ForceExclude {
				if why := w.namedExcluded(root); why != "" {
					w.skip(root, why)
					continue
				}
			}
			add(root)
			continue
		}
		w.start(&errs)
		w.walk(add, &errs)
	}
	sort.Strings(files)
	return files, errs
}

type walker struct {
	opts Options
	root string
	// base is the repository root (or the walk root outside a repository);
	// prefix is the walk root's path components below it.
	base   string
	prefix []string
	// ignores is the stack of ignore files in effect; the first fixed of
	// them (.git/info/exclude and .gitignore files above the walk root)
	// hold for the whole walk.
	ignores []ignoreScope
	fixed   int
}

// start loads the ignore rules that govern the walk root from above it:
// .git/info/exclude and the .gitignore files from the repository root
// down to the root's parent.
func (w *walker) start(errs *[]*Error) {
	abs, err := filepath.Abs(w.root)
	if err != nil {
		w.base = w.root
		return
	}
	w.base = abs
	if repo := repoRoot(abs); repo != "" {
		w.base = repo
		rel, _ := filepath.Rel(repo, abs)
		w.prefix = components(rel)
		w.load(filepath.Join(repo, ".git", "info", "exclude"), nil, "", errs)
		for i := 0; i < len(w.prefix); i++ {
			dir := filepath.Join(append([]string{repo}, w.prefix[:i]...)...)
			w.load(filepath.Join(dir, ".gitignore"), w.prefix[:i], "", errs)
		}
	}
	w.fixed = len(w.ignores)
}

// load pushes the rules of one ignore file; a file that exists but cannot
// be read is an error of its own.
func (w *walker) load(path string, domain []string, dir string, errs *[]*Error) {
	rules, err := readIgnoreFile(path)
	switch {
	case err == nil:
		if len(rules) > 0 {
			w.ignores = append(w.ignores, ignoreScope{dir, append([]string(nil), domain...), rules})
		}
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
	default:
		// When the directory itself cannot be read, WalkDir reports the
		// directory, once.
		if _, serr := os.Lstat(path); serr == nil {
			*errs = append(*errs, &Error{path, err})
		}
	}
}

// parts is p's path components below the repository root.
func (w *walker) parts(p string) []string {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return nil
	}
	return append(append([]string(nil), w.prefix...), components(rel)...)
}

func (w *walker) skip(p, why string) {
	if w.opts.Skipped != nil {
		w.opts.Skipped(p, why)
	}
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
		for len(w.ignores) > w.fixed && !within(p, w.ignores[len(w.ignores)-1].dir) {
			w.ignores = w.ignores[:len(w.ignores)-1]
		}
		if d.IsDir() {
			if p != w.root {
				if why := w.skipReason(p, d.Name(), true); why != "" {
					if d.Name() != ".git" && d.Name() != ".rtlint_cache" { // never project folders: not worth a line
						w.skip(p+string(filepath.Separator), why)
					}
					return fs.SkipDir
				}
			}
			w.load(filepath.Join(p, ".gitignore"), w.parts(p), p, errs)
			return nil
		}
		if source.LanguageOf(p) == source.Unknown {
			return nil
		}
		if why := w.skipReason(p, d.Name(), false); why != "" {
			w.skip(p, why)
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

// skipReason says why a walked path is left out, or "" to keep it.
func (w *walker) skipReason(p, name string, dir bool) string {
	if why := w.excluded(p, name); why != "" {
		return why
	}
	if r, ok := match(w.ignores, w.parts(p), dir); ok {
		rel, err := filepath.Rel(w.base, r.file)
		if err != nil {
			rel = r.file
		}
		return fmt.Sprintf("ignored by %s:%d (%s)", filepath.ToSlash(rel), r.line, r.text)
	}
	return ""
}

// namedExcluded applies the excludes to a file named on the command line
// and to each directory on its path.
func (w *walker) namedExcluded(p string) string {
	if why := w.excluded(p, filepath.Base(p)); why != "" {
		return why
	}
	for dir := filepath.Dir(p); dir != "." && dir != string(filepath.Separator) && dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if why := w.excluded(dir, filepath.Base(dir)); why != "" {
			return why
		}
	}
	return ""
}

// excluded says which exclude (default, option or config) skips a path,
// or "".
func (w *walker) excluded(p, name string) string {
	for _, x := range DefaultExcludes {
		if name == x {
			return "default exclude (" + x + ")"
		}
	}
	for _, g := range vendoredFiles {
		if ok, _ := path.Match(g, name); ok {
			return "vendored or minified (" + g + ")"
		}
	}
	if w.opts.Excluded != nil {
		if g := w.opts.Excluded(p); g != "" {
			return "excluded by the configuration (" + g + ")"
		}
	}
	slash := filepath.ToSlash(p)
	for _, g := range w.opts.Exclude {
		if ok, _ := path.Match(g, name); ok {
			return "excluded (" + g + ")"
		}
		if ok, _ := path.Match(g, slash); ok {
			return "excluded (" + g + ")"
		}
		if strings.HasSuffix(g, "/**") && (strings.HasPrefix(slash+"/", strings.TrimSuffix(g, "**")) || strings.Contains(slash+"/", "/"+strings.TrimSuffix(g, "**"))) {
			return "excluded (" + g + ")"
		}
	}
	return ""
}

// generatedLineLength is the average line length (bytes) above which a
// file is taken for generated. Measured on the machine's CPython library
// (site-packages included) and npm's own code: hand-written files average
// under 180 bytes a line; every file above 250 is generated (Unicode
// tables, schema validators) or minified; readable minified libraries
// such as diff-match-patch average about 350.
const generatedLineLength = 300

// hashedAsset matches the content-hashed chunk names bundlers (Vite,
// webpack, Rollup) give their output: `index.1cf73b05.js`,
// `echarts-l0sNRNKZ.js`.
var hashedAsset = lazyre.New(`^[\w.-]+[.-]([A-Za-z0-9_-]{8})\.(?:m?js|cjs)$`)

// Generated reports whether a source file's name or content shows it is
// generated or bundled (SPEC §5):
//   - a file over 1 KB whose lines average more than generatedLineLength;
//   - a JS/TS file ending with a `sourceMappingURL` comment;
//   - a webpack bundle (its `webpackBootstrap` prologue);
//   - a content-hashed chunk in an `assets` or `static` folder.
func Generated(path string, src []byte) bool {
	if len(src) > 1024 {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		if len(src)/lines > generatedLineLength {
			return true
		}
	}
	if source.LanguageOf(path) == source.Python {
		return false
	}
	head := src[:min(len(src), 1024)]
	if bytes.HasPrefix(head, []byte("/******/")) || bytes.Contains(head, []byte("webpackBootstrap")) {
		return true
	}
	if hashedChunk(path) {
		return true
	}
	tail := bytes.TrimRight(src[max(0, len(src)-512):], " \t\r\n")
	i := bytes.LastIndexByte(tail, '\n')
	return bytes.Contains(tail[i+1:], []byte("sourceMappingURL="))
}

// hashedChunk reports whether a path names a bundler's content-hashed
// output: the hash has a digit, and the file sits in an assets or static
// folder, where bundlers write.
func hashedChunk(p string) bool {
	sm := hashedAsset.FindStringSubmatch(filepath.Base(p))
	if sm == nil || !strings.ContainsAny(sm[1], "0123456789") {
		return false
	}
	for dir := filepath.Dir(p); dir != "." && dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		switch filepath.Base(dir) {
		case "assets", "static":
			return true
		}
	}
	return false
}
