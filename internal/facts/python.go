package facts

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/BurntSushi/toml"
)

// pyproject is the part of pyproject.toml the facts come from: PEP 621's
// [project] table and Poetry's [tool.poetry].
type pyproject struct {
	Project struct {
		RequiresPython       string              `toml:"requires-python"`
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		Classifiers          []string            `toml:"classifiers"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		Rtlint struct {
			FreeThreaded *bool `toml:"python-free-threaded"`
		} `toml:"rtlint"`
	} `toml:"tool"`
}

// freeThreadingClassifier marks a package built for free-threaded Python.
const freeThreadingClassifier = "Programming Language :: Python :: Free Threading"

// readPyproject adds pyproject.toml's facts to p.
func readPyproject(p *Project, path string, src []byte) error {
	var pp pyproject
	if _, err := toml.Decode(string(src), &pp); err != nil {
		return err
	}
	if rp := pp.Project.RequiresPython; rp != "" {
		r, err := PEP440(rp, path)
		if err != nil {
			return fmt.Errorf("requires-python: %v", err)
		}
		p.Python = r
	}
	for _, c := range pp.Project.Classifiers {
		if strings.HasPrefix(c, freeThreadingClassifier) {
			p.FreeThreaded = true
		}
	}
	if ft := pp.Tool.Rtlint.FreeThreaded; ft != nil {
		p.FreeThreaded = *ft
	}
	reqs := append([]string{}, pp.Project.Dependencies...)
	for _, group := range pp.Project.OptionalDependencies {
		reqs = append(reqs, group...)
	}
	for _, group := range pp.DependencyGroups {
		for _, x := range group {
			if s, ok := x.(string); ok { // {include-group = ...} tables name no package
				reqs = append(reqs, s)
			}
		}
	}
	for _, req := range reqs {
		if name, r, ok := parseRequirement(req, path); ok {
			p.setPy(name, r)
		}
	}
	poetry := []map[string]any{pp.Tool.Poetry.Dependencies, pp.Tool.Poetry.DevDependencies}
	for _, g := range pp.Tool.Poetry.Group {
		poetry = append(poetry, g.Dependencies)
	}
	for _, deps := range poetry {
		for name, v := range deps {
			spec := poetrySpec(v)
			r, err := PEP440(poetryToPEP440(spec), path)
			if err != nil {
				continue // a path, git or url dependency
			}
			r.Text = spec
			if strings.EqualFold(name, "python") {
				if !p.Python.Known() {
					p.Python = r
				}
				continue
			}
			p.setPy(name, r)
		}
	}
	return nil
}

// poetrySpec reads a Poetry dependency: "^1.2" or {version = "^1.2", …}.
func poetrySpec(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if s, ok := x["version"].(string); ok {
			return s
		}
	}
	return "\x00" // not a version: fails to parse, skipped
}

// poetryToPEP440 rewrites Poetry's caret and tilde ranges and bare
// versions into PEP 440 specifiers: ^1.2.3 → >=1.2.3,<2.0.0; ^0.2 →
// >=0.2,<0.3; ~1.2 → >=1.2,<1.3; 1.2.3 → ==1.2.3.
func poetryToPEP440(spec string) string {
	var out []string
	for _, alt := range strings.Split(spec, "||") {
		var parts []string
		for _, c := range strings.Split(alt, ",") {
			parts = append(parts, poetryClause(strings.TrimSpace(c)))
		}
		out = append(out, strings.Join(parts, ","))
	}
	return strings.Join(out, " || ")
}

func poetryClause(c string) string {
	switch {
	case c == "*" || c == "":
		return ""
	case strings.HasPrefix(c, "^"):
		v := strings.TrimSpace(c[1:])
		nums := versionNumbers(v)
		i := 0
		for i < len(nums)-1 && nums[i] == 0 {
			i++
		}
		return ">=" + v + ",<" + bump(nums, i)
	case strings.HasPrefix(c, "~") && !strings.HasPrefix(c, "~="):
		v := strings.TrimSpace(c[1:])
		nums := versionNumbers(v)
		i := 1
		if len(nums) == 1 {
			i = 0
		}
		return ">=" + v + ",<" + bump(nums, i)
	case c[0] >= '0' && c[0] <= '9':
		return "==" + c
	}
	return c
}

func versionNumbers(v string) []int {
	var nums []int
	for _, s := range strings.Split(v, ".") {
		n := 0
		if _, err := fmt.Sscanf(s, "%d", &n); err != nil {
			break
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		nums = []int{0}
	}
	return nums
}

// bump increments component i and drops the rest: ([1,2,3], 0) → "2.0".
func bump(nums []int, i int) string {
	if i >= len(nums) {
		i = len(nums) - 1
	}
	s := make([]string, 0, i+2)
	for j := 0; j < i; j++ {
		s = append(s, fmt.Sprint(nums[j]))
	}
	s = append(s, fmt.Sprint(nums[i]+1))
	if len(s) == 1 {
		s = append(s, "0")
	}
	return strings.Join(s, ".")
}

// requirement is PEP 508's name, extras, version specifier and markers:
// `fastapi[all] >=0.100,<1 ; python_version > "3.8"`.
var requirement = lazyre.New(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?\s*([^;()@]*?)\s*\)?\s*(?:;.*)?$`)

// parseRequirement reads one PEP 508 requirement; ok is false for URLs,
// paths and specifiers that do not parse.
func parseRequirement(line, source string) (string, Range, bool) {
	sm := requirement.FindStringSubmatch(line)
	if sm == nil {
		return "", Range{}, false
	}
	r, err := PEP440(sm[2], source)
	if err != nil {
		return "", Range{}, false
	}
	return sm[1], r, true
}

// readRtlintToml reads the project facts an rtlint.toml may declare
// (python-free-threaded, as pyproject's [tool.rtlint] does).
func readRtlintToml(p *Project, path string, src []byte) error {
	var cfg struct {
		FreeThreaded *bool `toml:"python-free-threaded"`
	}
	if _, err := toml.Decode(string(src), &cfg); err != nil {
		return err
	}
	if cfg.FreeThreaded != nil {
		p.FreeThreaded = *cfg.FreeThreaded
	}
	return nil
}

// readRequirements adds a requirements file's pins and ranges to p.
func readRequirements(p *Project, path string, src []byte) error {
	text := strings.ReplaceAll(string(src), "\\\n", " ")
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 4096), len(text)+1)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '-' || strings.Contains(line, "://") {
			continue // options (-r, -e, --hash), URLs
		}
		if name, r, ok := parseRequirement(line, path); ok {
			p.setPy(name, r)
		}
	}
	return sc.Err()
}

// readTOMLLock adds the versions of uv.lock or poetry.lock ([[package]]
// name and version) to p.
func readTOMLLock(p *Project, path string, src []byte) error {
	var lock struct {
		Package []struct {
			Name    string `toml:"name"`
			Version string `toml:"version"`
		} `toml:"package"`
	}
	if _, err := toml.Decode(string(src), &lock); err != nil {
		return err
	}
	locked := map[string]Range{}
	for _, pkg := range lock.Package {
		if r, err := Exact(pkg.Version, path, false); err == nil {
			addLocked(locked, pkg.Name, r)
		}
	}
	for n, r := range locked {
		p.setPy(n, r)
	}
	return nil
}

// readPipfileLock adds Pipfile.lock's versions ("version": "==1.2.3").
func readPipfileLock(p *Project, path string, src []byte) error {
	var lock map[string]json.RawMessage
	if err := json.Unmarshal(src, &lock); err != nil {
		return err
	}
	for _, section := range []string{"default", "develop"} {
		var pkgs map[string]struct {
			Version string `json:"version"`
		}
		if raw, ok := lock[section]; ok {
			if err := json.Unmarshal(raw, &pkgs); err != nil {
				return fmt.Errorf("%s: %v", section, err)
			}
		}
		for name, pkg := range pkgs {
			if r, err := PEP440(pkg.Version, path); err == nil && pkg.Version != "" {
				p.setPy(name, r)
			}
		}
	}
	return nil
}

// readPythonVersion reads .python-version: "3.12.1", "3.13t" (a
// free-threaded build), "pypy3.10" or "system".
func readPythonVersion(p *Project, path string, src []byte) error {
	for _, line := range strings.Split(string(bytes.TrimSpace(src)), "\n") {
		v := strings.TrimSpace(line)
		if v == "" || v[0] == '#' {
			continue
		}
		// uv writes "cpython-3.13.1+freethreaded"; pyenv "3.13t", "pypy3.10".
		v = strings.TrimPrefix(strings.TrimPrefix(v, "cpython-"), "pypy")
		if base, ok := strings.CutSuffix(v, "+freethreaded"); ok {
			p.FreeThreaded = true
			v = base
		}
		if v == "" || v[0] < '0' || v[0] > '9' {
			return nil // "system", a virtualenv name
		}
		if strings.HasSuffix(v, "t") {
			p.FreeThreaded = true
			v = strings.TrimSuffix(v, "t")
		}
		nums := versionNumbers(v)
		if len(nums) < 2 {
			return fmt.Errorf("version %q: want major.minor", line)
		}
		r, err := PEP440(fmt.Sprintf("==%d.%d.*", nums[0], nums[1]), path)
		if err != nil {
			return err
		}
		r.Text = strings.TrimSpace(line)
		p.Python = r
		return nil
	}
	return nil
}

func (p *Project) setPy(name string, r Range) {
	if p.Packages == nil {
		p.Packages = map[string]Range{}
	}
	p.Packages[normalize(name)] = r
}

// addLocked records a locked version, as a union when a lock holds two
// (names as the ecosystem spells them; the setters normalise).
func addLocked(m map[string]Range, name string, r Range) {
	if old, ok := m[name]; ok {
		r = union(old, r)
	}
	m[name] = r
}
