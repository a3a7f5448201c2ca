package facts

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"

	"go.yaml.in/yaml/v3"
)

// readPackageJSON adds package.json's engines.node and dependency ranges.
// Old packages write fields in shapes npm no longer uses (`"engines":
// ["node >= 0.2"]`): a field that is not the usual shape is skipped, only
// a file that is not JSON is an error.
func readPackageJSON(p *Project, path string, src []byte) error {
	var pkg map[string]json.RawMessage
	if err := json.Unmarshal(src, &pkg); err != nil {
		return err
	}
	var engines map[string]any
	json.Unmarshal(pkg["engines"], &engines)
	if n, ok := engines["node"].(string); ok && !p.Node.Known() {
		if r, err := Semver(n, path); err == nil {
			p.Node = r
		}
	}
	for _, field := range []string{"devDependencies", "optionalDependencies", "dependencies"} {
		var deps map[string]any
		json.Unmarshal(pkg[field], &deps)
		for name, v := range deps {
			spec, ok := v.(string)
			if !ok {
				continue
			}
			if r, err := Semver(spec, path); err == nil { // not "workspace:*", "file:", git URLs
				p.setNode(name, r)
			}
		}
	}
	return nil
}

// readPackageLock adds package-lock.json's (or npm-shrinkwrap.json's)
// top-level versions: lockfileVersion 2 and 3 ("packages") and 1
// ("dependencies").
func readPackageLock(p *Project, path string, src []byte) error {
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
		Dependencies map[string]struct {
			Version string `json:"version"`
		} `json:"dependencies"`
	}
	if err := json.Unmarshal(src, &lock); err != nil {
		return err
	}
	for key, pkg := range lock.Packages {
		name, ok := strings.CutPrefix(key, "node_modules/")
		if !ok || strings.Contains(name, "/node_modules/") {
			continue // the root, or a nested copy
		}
		if r, err := Exact(pkg.Version, path, true); err == nil {
			p.setNode(name, r)
		}
	}
	if len(lock.Packages) == 0 {
		for name, pkg := range lock.Dependencies {
			if r, err := Exact(pkg.Version, path, true); err == nil {
				p.setNode(name, r)
			}
		}
	}
	return nil
}

// readPnpmLock adds pnpm-lock.yaml's versions of the root importer
// (lockfile 6 and 9: importers['.'], lockfile 5: top-level dependencies).
func readPnpmLock(p *Project, path string, src []byte) error {
	var lock struct {
		Importers       map[string]map[string]map[string]any `yaml:"importers"`
		Dependencies    map[string]any                       `yaml:"dependencies"`
		DevDependencies map[string]any                       `yaml:"devDependencies"`
	}
	if err := yaml.Unmarshal(src, &lock); err != nil {
		return err
	}
	sections := []map[string]any{lock.Dependencies, lock.DevDependencies}
	if root, ok := lock.Importers["."]; ok {
		sections = append(sections, root["dependencies"], root["devDependencies"])
	}
	for _, deps := range sections {
		for name, v := range deps {
			version := ""
			switch x := v.(type) {
			case string:
				version = x
			case map[string]any:
				version, _ = x["version"].(string)
			}
			// "1.2.3(react@18.2.0)" carries its peers; "link:../x" is local.
			version, _, _ = strings.Cut(version, "(")
			version, _, _ = strings.Cut(version, "_") // lockfile 5's peer suffix
			if r, err := Exact(version, path, true); err == nil {
				p.setNode(name, r)
			}
		}
	}
	return nil
}

// readYarnLock adds yarn.lock's versions: Yarn 1's own format, or YAML
// for Yarn 2+ (which starts with __metadata).
func readYarnLock(p *Project, path string, src []byte) error {
	locked := map[string]Range{}
	if bytes.Contains(src, []byte("__metadata:")) {
		var lock map[string]struct {
			Version string `yaml:"version"`
		}
		if err := yaml.Unmarshal(src, &lock); err != nil {
			return err
		}
		for key, e := range lock {
			if name := yarnName(key); name != "" {
				if r, err := Exact(e.Version, path, true); err == nil {
					addLocked(locked, name, r)
				}
			}
		}
	} else {
		// Yarn 1: an unindented header `"a@^1", a@^1.1:` and an indented
		// `version "1.2.3"` line.
		name := ""
		sc := bufio.NewScanner(bytes.NewReader(src))
		sc.Buffer(make([]byte, 0, 4096), len(src)+1)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" || line[0] == '#':
			case line[0] != ' ':
				name = yarnName(strings.TrimSuffix(line, ":"))
			case name != "" && strings.HasPrefix(strings.TrimSpace(line), "version "):
				v := strings.Trim(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "version ")), `"`)
				if r, err := Exact(v, path, true); err == nil {
					addLocked(locked, name, r)
				}
				name = ""
			}
		}
		if err := sc.Err(); err != nil {
			return err
		}
	}
	for n, r := range locked {
		p.setNode(n, r)
	}
	return nil
}

// yarnName takes the package name from a lock entry's key:
// `"@babel/core@^7.0.0", "@babel/core@^7.1.0"` → "@babel/core",
// `lodash@npm:^4.17.21` → "lodash".
func yarnName(key string) string {
	first, _, _ := strings.Cut(key, ",")
	first = strings.Trim(strings.TrimSpace(first), `"`)
	at := strings.LastIndexByte(first, '@')
	if at <= 0 {
		return ""
	}
	return first[:at]
}

func (p *Project) setNode(name string, r Range) {
	if p.NodePackages == nil {
		p.NodePackages = map[string]Range{}
	}
	p.NodePackages[strings.ToLower(name)] = r
}
