// Package config finds and validates rtlint configuration (SPEC §5):
// rtlint.toml or .rtlint.toml, else [tool.rtlint] in pyproject.toml, the
// nearest one walking up from a file. Unknown keys and bad values are
// errors naming the file, the line and the key — never silently ignored.
package config

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/BurntSushi/toml"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/lint"
)

// Names are the configuration files, in the order one directory is searched.
var Names = []string{"rtlint.toml", ".rtlint.toml", "pyproject.toml"}

// Config is one validated configuration file.
type Config struct {
	Path string // the file it was read from
	Dir  string // the directory its globs are relative to

	Select, Ignore []string
	Exclude        []string
	PerFileIgnores []PerFileIgnore
	Severity       map[string]analyzers.Severity
	Options        map[string]map[string]any
	ExtraCalls     map[string][]analyzers.CallSpec
	AllowCalls     map[string][]string
	// Reach (SPEC §2): transitive = false turns following calls off;
	// max-depth bounds paths; offload-calls adds offload points.
	Transitive   *bool
	MaxDepth     int
	OffloadCalls []string
	// CacheDir moves the results cache (relative to Dir); "" keeps it at
	// the project root.
	CacheDir string
}

// PerFileIgnore ignores codes in files matching a glob.
type PerFileIgnore struct {
	Glob  string
	Codes []string
}

// Error is a configuration error with its place.
type Error struct {
	Path string
	Line int // 0 when unknown
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	return b.String() + ": " + e.Msg
}

// Find returns the nearest configuration file at or above dir, or "".
// A pyproject.toml counts only when it has a [tool.rtlint] table.
func Find(dir string) (string, error) {
	return findAbove(dir, nil)
}

// findAbove is Find with the answers for folders kept in memo (nil: none
// kept): a run asks for every folder it walks, and siblings share their
// parents' answer.
func findAbove(dir string, memo map[string]string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var asked []string
	found := ""
	for {
		if p, ok := memo[dir]; ok {
			found = p
			break
		}
		asked = append(asked, dir)
		p, err := findIn(dir)
		if err != nil {
			return "", err
		}
		if p != "" {
			found = p
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if memo != nil {
		for _, d := range asked {
			memo[d] = found
		}
	}
	return found, nil
}

// findIn returns the configuration file in dir itself, or "".
func findIn(dir string) (string, error) {
	for _, n := range Names {
		p := filepath.Join(dir, n)
		// A candidate that cannot even be stat'ed (missing, in an
		// unreadable or looping directory) is not there.
		if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		if n == "pyproject.toml" && !pyprojectTable.Match(data) {
			continue
		}
		return p, nil
	}
	return "", nil
}

var pyprojectTable = lazyre.New(`(?m)^\s*\[\s*tool\s*\.\s*rtlint\s*[\].]`)

// Load reads and validates one configuration file.
func Load(p string) (*Config, error) {
	// A FIFO named pyproject.toml would block the read forever.
	if info, err := os.Stat(p); err == nil && !info.Mode().IsRegular() {
		return nil, &Error{Path: p, Msg: "not a regular file"}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: p, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	_ = md
	var prefix []string
	if filepath.Base(p) == "pyproject.toml" {
		tool, _ := raw["tool"].(map[string]any)
		raw, _ = tool["rtlint"].(map[string]any)
		prefix = []string{"tool", "rtlint"}
	}
	abs, _ := filepath.Abs(p)
	c := &Config{Path: p, Dir: filepath.Dir(abs)}
	v := validator{path: p, lines: strings.Split(string(data), "\n"), prefix: prefix}
	if err := v.fill(c, raw); err != nil {
		return nil, err
	}
	return c, nil
}

// validator checks a decoded table against the schema and fills Config.
type validator struct {
	path   string
	lines  []string
	prefix []string
}

func (v *validator) errorf(key []string, format string, args ...any) error {
	full := append(append([]string{}, v.prefix...), key...)
	return &Error{Path: v.path, Line: v.lineOf(full), Key: strings.Join(full, "."), Msg: fmt.Sprintf(format, args...)}
}

// lineOf finds the line of a key: `name =` after its table header, or the
// header `[a.b]` of a table key.
func (v *validator) lineOf(key []string) int {
	if len(key) == 0 {
		return 0
	}
	table, name := key[:len(key)-1], key[len(key)-1]
	start := 0
	if len(table) > 0 {
		header := regexp.MustCompile(`^\s*\[\s*` + strings.Join(quoteAll(table), `\s*\.\s*`) + `\s*\]`)
		for i, l := range v.lines {
			if header.MatchString(l) {
				start = i
				break
			}
		}
	}
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	tableRe := regexp.MustCompile(`^\s*\[\s*(?:[\w."-]+\.)?"?` + regexp.QuoteMeta(name) + `"?\s*\]`)
	for i := start; i < len(v.lines); i++ {
		if keyRe.MatchString(v.lines[i]) || tableRe.MatchString(v.lines[i]) {
			return i + 1
		}
	}
	for i, l := range v.lines { // dotted keys such as `rules.RT201.x = 1`
		if strings.Contains(l, name) {
			return i + 1
		}
	}
	return 0
}

func quoteAll(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = `"?` + regexp.QuoteMeta(p) + `"?`
	}
	return out
}

func (v *validator) fill(c *Config, raw map[string]any) error {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val := raw[k]
		var err error
		switch k {
		case "select":
			c.Select, err = v.codes([]string{k}, val)
		case "ignore":
			c.Ignore, err = v.codes([]string{k}, val)
		case "exclude":
			c.Exclude, err = v.strings([]string{k}, val)
		case "per-file-ignores":
			err = v.perFileIgnores(c, val)
		case "severity":
			err = v.severity(c, val)
		case "rules":
			err = v.rules(c, val)
		case "transitive":
			b, ok := val.(bool)
			if !ok {
				err = v.errorf([]string{k}, "want true or false, got %v", val)
			}
			c.Transitive = &b
		case "max-depth":
			n, ok := val.(int64)
			if !ok || n < 1 || n > 100 {
				err = v.errorf([]string{k}, "want an integer from 1 to 100, got %v", val)
			}
			c.MaxDepth = int(n)
		case "offload-calls":
			c.OffloadCalls, err = v.strings([]string{k}, val)
		case "cache-dir":
			d, ok := val.(string)
			if !ok || d == "" {
				err = v.errorf([]string{k}, "want a folder name, got %v", val)
			}
			c.CacheDir = d
		case "python-free-threaded":
			// A project fact (SPEC §2b), read with the manifests.
			if _, ok := val.(bool); !ok {
				err = v.errorf([]string{k}, "want true or false, got %v", val)
			}
		default:
			err = v.errorf([]string{k}, "unknown key (want select, ignore, exclude, per-file-ignores, severity, rules, transitive, max-depth, offload-calls, cache-dir or python-free-threaded)")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) strings(key []string, val any) ([]string, error) {
	list, ok := val.([]any)
	if !ok {
		return nil, v.errorf(key, "want an array of strings, got %s", tomlType(val))
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, v.errorf(key, "want an array of strings, found %s %v", tomlType(x), x)
		}
		out = append(out, s)
	}
	return out, nil
}

// codes validates rule codes or prefixes ("RT1", "RT101", "ALL").
func (v *validator) codes(key []string, val any) ([]string, error) {
	list, err := v.strings(key, val)
	if err != nil {
		return nil, err
	}
	for i, s := range list {
		list[i] = strings.ToUpper(strings.TrimSpace(s))
		if !KnownSelector(list[i]) {
			return nil, v.errorf(key, "unknown rule code or prefix %q", s)
		}
	}
	return list, nil
}

// KnownSelector accepts "ALL" and any prefix of an existing rule code.
func KnownSelector(sel string) bool {
	if sel == "ALL" {
		return true
	}
	if !strings.HasPrefix(sel, "RT") {
		return false
	}
	for _, a := range registry.All() {
		if strings.HasPrefix(a.Code, sel) {
			return true
		}
	}
	return false
}

func (v *validator) perFileIgnores(c *Config, val any) error {
	table, ok := val.(map[string]any)
	if !ok {
		return v.errorf([]string{"per-file-ignores"}, "want a table of glob = [codes], got %s", tomlType(val))
	}
	globs := make([]string, 0, len(table))
	for g := range table {
		globs = append(globs, g)
	}
	sort.Strings(globs)
	for _, g := range globs {
		if _, err := path.Match(g, ""); err != nil {
			return v.errorf([]string{"per-file-ignores", g}, "bad glob: %v", err)
		}
		codes, err := v.codes([]string{"per-file-ignores", g}, table[g])
		if err != nil {
			return err
		}
		c.PerFileIgnores = append(c.PerFileIgnores, PerFileIgnore{Glob: g, Codes: codes})
	}
	return nil
}

func (v *validator) severity(c *Config, val any) error {
	table, ok := val.(map[string]any)
	if !ok {
		return v.errorf([]string{"severity"}, "want a table of code = \"error\"|\"warning\"|\"info\", got %s", tomlType(val))
	}
	c.Severity = map[string]analyzers.Severity{}
	for code, x := range table {
		key := []string{"severity", code}
		if registry.ByCode(strings.ToUpper(code)) == nil {
			return v.errorf(key, "unknown rule %q", code)
		}
		s, _ := x.(string)
		sev, err := analyzers.ParseSeverity(s)
		if err != nil {
			return v.errorf(key, "want \"error\", \"warning\" or \"info\", got %v", x)
		}
		c.Severity[strings.ToUpper(code)] = sev
	}
	return nil
}

func (v *validator) rules(c *Config, val any) error {
	table, ok := val.(map[string]any)
	if !ok {
		return v.errorf([]string{"rules"}, "want tables like [rules.RT201], got %s", tomlType(val))
	}
	codes := make([]string, 0, len(table))
	for code := range table {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		a := registry.ByCode(strings.ToUpper(code))
		if a == nil {
			return v.errorf([]string{"rules", code}, "unknown rule")
		}
		opts, ok := table[code].(map[string]any)
		if !ok {
			return v.errorf([]string{"rules", code}, "want a table of options, got %s", tomlType(table[code]))
		}
		names := make([]string, 0, len(opts))
		for n := range opts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			if err := v.ruleOption(c, a, code, name, opts[name]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (v *validator) ruleOption(c *Config, a *analyzers.Analyzer, code, name string, val any) error {
	key := []string{"rules", code, name}
	switch name {
	case "transitive", "max-depth":
		if !a.APIList {
			return v.errorf(key, "%s does not follow calls; transitive and max-depth apply to RT1xx and RT4xx rules", a.Code)
		}
		if b, ok := val.(bool); name == "transitive" && !ok {
			return v.errorf(key, "want true or false, got %v", val)
		} else if name == "transitive" {
			val = b
		}
		if n, ok := val.(int64); name == "max-depth" && (!ok || n < 1 || n > 100) {
			return v.errorf(key, "want an integer from 1 to 100, got %v", val)
		}
		c.setOption(a.Code, name, val)
		return nil
	case "extra-calls", "allow-calls":
		if !a.APIList {
			return v.errorf(key, "%s matches no API list; extra-calls and allow-calls apply to RT1xx and RT4xx rules", a.Code)
		}
		list, ok := val.([]any)
		if !ok {
			return v.errorf(key, "want an array, got %s", tomlType(val))
		}
		for _, x := range list {
			spec, err := v.callSpec(key, name, x)
			if err != nil {
				return err
			}
			if name == "allow-calls" {
				if c.AllowCalls == nil {
					c.AllowCalls = map[string][]string{}
				}
				c.AllowCalls[a.Code] = append(c.AllowCalls[a.Code], spec.Pattern)
			} else {
				if c.ExtraCalls == nil {
					c.ExtraCalls = map[string][]analyzers.CallSpec{}
				}
				c.ExtraCalls[a.Code] = append(c.ExtraCalls[a.Code], spec)
			}
		}
		return nil
	}
	def, ok := a.Options[name]
	if !ok {
		known := make([]string, 0, len(a.Options)+2)
		for n := range a.Options {
			known = append(known, n)
		}
		if a.APIList {
			known = append(known, "extra-calls", "allow-calls", "transitive", "max-depth")
		}
		sort.Strings(known)
		if len(known) == 0 {
			return v.errorf(key, "unknown option (%s has none)", a.Code)
		}
		return v.errorf(key, "unknown option (want %s)", strings.Join(known, ", "))
	}
	switch def.(type) {
	case bool:
		if _, ok := val.(bool); !ok {
			return v.errorf(key, "want true or false, got %v", val)
		}
	case int, int64:
		n, ok := val.(int64)
		if !ok || n < 1 {
			return v.errorf(key, "want a positive integer, got %v", val)
		}
		val = n
	}
	c.setOption(a.Code, name, val)
	return nil
}

func (c *Config) setOption(code, name string, val any) {
	if c.Options == nil {
		c.Options = map[string]map[string]any{}
	}
	if c.Options[code] == nil {
		c.Options[code] = map[string]any{}
	}
	c.Options[code][name] = val
}

// callSpec reads "mylib.fetch" or { call = "mylib.fetch", use = "mylib.afetch" }.
func (v *validator) callSpec(key []string, kind string, x any) (analyzers.CallSpec, error) {
	switch t := x.(type) {
	case string:
		if strings.TrimSpace(t) == "" {
			return analyzers.CallSpec{}, v.errorf(key, "empty call name")
		}
		return analyzers.CallSpec{Pattern: t}, nil
	case map[string]any:
		var spec analyzers.CallSpec
		for k, val := range t {
			s, ok := val.(string)
			switch {
			case k == "call" && ok:
				spec.Pattern = s
			case k == "use" && ok && kind == "extra-calls":
				spec.Use = s
			default:
				return spec, v.errorf(key, "entries are strings or { call = \"...\", use = \"...\" }; found key %q", k)
			}
		}
		if spec.Pattern == "" {
			return spec, v.errorf(key, "entry lacks call = \"...\"")
		}
		return spec, nil
	}
	return analyzers.CallSpec{}, v.errorf(key, "entries are strings or { call = \"...\", use = \"...\" }, got %s", tomlType(x))
}

func tomlType(x any) string {
	switch x.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", x)
}

// Lint returns the lint configuration for one file under this config:
// per-file-ignores whose glob matches the file's path (relative to the
// config's directory, or its base name) are added to ignore.
func (c *Config) Lint(file string) *lint.Config {
	if c == nil {
		return &lint.Config{}
	}
	lc := &lint.Config{
		Select: c.Select, Ignore: append([]string{}, c.Ignore...), Severity: c.Severity,
		Options: c.Options, ExtraCalls: c.ExtraCalls, AllowCalls: c.AllowCalls,
		Transitive: c.Transitive, MaxDepth: c.MaxDepth, OffloadCalls: c.OffloadCalls,
	}
	abs, _ := filepath.Abs(file)
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		rel = file
	}
	rel = filepath.ToSlash(rel)
	for _, p := range c.PerFileIgnores {
		if globMatch(p.Glob, rel) {
			lc.Ignore = append(lc.Ignore, p.Codes...)
		}
	}
	return lc
}

// globMatch matches a slash path against a glob where `**` spans
// directories; a pattern without a slash matches the base name.
func globMatch(glob, rel string) bool {
	if !strings.Contains(glob, "/") {
		ok, _ := path.Match(glob, path.Base(rel))
		return ok
	}
	re := "^" + regexp.QuoteMeta(glob) + "$"
	re = strings.ReplaceAll(re, `\*\*/`, `(?:.*/)?`)
	re = strings.ReplaceAll(re, `\*\*`, `.*`)
	re = strings.ReplaceAll(re, `\*`, `[^/]*`)
	re = strings.ReplaceAll(re, `\?`, `[^/]`)
	ok, _ := regexp.MatchString(re, rel)
	return ok
}

// Resolver finds and caches the configuration of each directory.
type Resolver struct {
	// Explicit, when set (--config), applies to every file.
	Explicit *Config
	// Override is applied on top (--select/--ignore from the command line).
	Override func(*lint.Config) *lint.Config

	mu    sync.Mutex
	byDir map[string]*Config
	errs  map[string]error
	found map[string]string // folder → its nearest config file (findAbove)
	files map[string]loaded // config file → what Load made of it
}

type loaded struct {
	c   *Config
	err error
}

// For returns the lint configuration of a file and the config it came
// from (nil when there is none).
func (r *Resolver) For(file string) (*lint.Config, *Config, error) {
	c := r.Explicit
	if c == nil {
		var err error
		if c, err = r.dirConfig(filepath.Dir(file)); err != nil {
			return nil, nil, err
		}
	}
	var lc *lint.Config
	if c != nil {
		lc = c.Lint(file)
	} else {
		lc = &lint.Config{}
	}
	if r.Override != nil {
		lc = r.Override(lc)
	}
	return lc, c, nil
}

func (r *Resolver) dirConfig(dir string) (*Config, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byDir == nil {
		r.byDir, r.errs = map[string]*Config{}, map[string]error{}
		r.found, r.files = map[string]string{}, map[string]loaded{}
	}
	if c, ok := r.byDir[dir]; ok {
		return c, r.errs[dir]
	}
	p, err := findAbove(dir, r.found)
	var c *Config
	if err == nil && p != "" {
		l, ok := r.files[p]
		if !ok {
			l.c, l.err = Load(p)
			r.files[p] = l
		}
		c, err = l.c, l.err
	}
	r.byDir[dir], r.errs[dir] = c, err
	return c, err
}

// Excluded reports whether a path matches the config's exclude globs
// (relative to the config's directory, or by base name).
func (c *Config) Excluded(p string) bool { return c.ExcludedBy(p) != "" }

// ExcludedBy returns the `exclude` glob that skips p, or "" when none
// does.
func (c *Config) ExcludedBy(p string) string {
	if c == nil || len(c.Exclude) == 0 {
		return ""
	}
	abs, _ := filepath.Abs(p)
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	rel = filepath.ToSlash(rel)
	for _, g := range c.Exclude {
		t := strings.TrimSuffix(g, "/")
		if globMatch(t, rel) || strings.HasSuffix(t, "/**") && strings.HasPrefix(rel+"/", strings.TrimSuffix(t, "**")) {
			return g
		}
	}
	return ""
}
