package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Each fact source, read with its ecosystem's rules.
func TestSources(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		check func(t *testing.T, p *Project)
	}{
		{"PEP 621", map[string]string{"pyproject.toml": `[project]
name = "x"
requires-python = ">=3.8"
dependencies = ["fastapi[all] >=0.100,<0.120 ; python_version > '3.7'", "pydantic (>=1.10,<2)", "requests"]
classifiers = ["Programming Language :: Python :: Free Threading :: 3 - Stable"]
`}, func(t *testing.T, p *Project) {
			if !p.PythonBelow("3.9") || p.PythonAtLeast("3.9") {
				t.Errorf("requires-python >=3.8: PythonBelow(3.9) = %v", p.PythonBelow("3.9"))
			}
			if p.PackageAtLeast("fastapi", "0.130") {
				t.Errorf("fastapi <0.120 may be >= 0.130")
			}
			if m := p.PackageMajor("pydantic"); m != 1 {
				t.Errorf("pydantic major = %d, want 1", m)
			}
			if !p.PackageAtLeast("requests", "2.0") || p.PackageMajor("requests") != 0 {
				t.Errorf("an unconstrained requirement admits every version")
			}
			if !p.FreeThreaded {
				t.Errorf("the trove classifier marks free threading")
			}
		}},
		{"Poetry", map[string]string{"pyproject.toml": `[tool.poetry.dependencies]
python = "^3.8"
fastapi = "^0.116.1"
pydantic = { version = "^2.5", extras = ["email"] }
mylib = { path = "../mylib" }
`}, func(t *testing.T, p *Project) {
			if !p.PythonBelow("3.9") || p.PythonBelow("3.8") {
				t.Errorf("python ^3.8: below 3.9 %v, below 3.8 %v", p.PythonBelow("3.9"), p.PythonBelow("3.8"))
			}
			if p.PackageAtLeast("fastapi", "0.130") {
				t.Errorf("^0.116.1 is <0.117")
			}
			if m := p.PackageMajor("pydantic"); m != 2 {
				t.Errorf("pydantic major = %d, want 2", m)
			}
		}},
		{"requirements and a uv lock", map[string]string{
			"pyproject.toml":   "[project]\nname = \"x\"\ndependencies = [\"fastapi\"]\n",
			"requirements.txt": "# pins\n-r base.txt\nfastapi==0.116.1  # old\n--hash=sha256:abc\ngit+https://x/y.git\n",
			"uv.lock":          "version = 1\n[[package]]\nname = \"Pydantic\"\nversion = \"1.10.13\"\n",
		}, func(t *testing.T, p *Project) {
			if p.PackageAtLeast("fastapi", "0.130") {
				t.Errorf("the requirements pin wins over the manifest")
			}
			if p.PackageMajor("pydantic") != 1 {
				t.Errorf("uv.lock pins pydantic 1.10.13")
			}
		}},
		{"poetry.lock and Pipfile.lock", map[string]string{
			"sub/poetry.lock":  "[[package]]\nname = \"fastapi\"\nversion = \"0.131.0\"\n",
			"sub/Pipfile.lock": `{"default": {"pydantic": {"version": "==2.7.1"}}, "develop": {}}`,
		}, func(t *testing.T, p *Project) {
			if !p.PackageAtLeast("fastapi", "0.130") || p.PackageMajor("pydantic") != 2 {
				t.Errorf("locks: fastapi %v pydantic %d", p.Packages["fastapi"].Text, p.PackageMajor("pydantic"))
			}
		}},
		{".python-version, free-threaded", map[string]string{".python-version": "3.14t\n"}, func(t *testing.T, p *Project) {
			if !p.FreeThreaded || !p.PythonAtLeast("3.14") || p.PythonBelow("3.14") {
				t.Errorf(".python-version 3.14t: free-threaded %v, at least 3.14 %v", p.FreeThreaded, p.PythonAtLeast("3.14"))
			}
		}},
		{"package.json and package-lock", map[string]string{
			"package.json":      `{"engines": {"node": ">=12"}, "dependencies": {"fastify": "^3.0.0", "local": "file:../x", "ws": "workspace:*"}}`,
			"package-lock.json": `{"lockfileVersion": 3, "packages": {"": {}, "node_modules/fastify": {"version": "3.29.5"}, "node_modules/a/node_modules/fastify": {"version": "4.0.0"}}}`,
		}, func(t *testing.T, p *Project) {
			if !p.NodeBelow("14") || p.NodeBelow("12") {
				t.Errorf("engines >=12: below 14 %v, below 12 %v", p.NodeBelow("14"), p.NodeBelow("12"))
			}
			if r := p.NodePackages["fastify"]; r.Major() != 3 || !strings.Contains(r.Text, "3.29.5") {
				t.Errorf("fastify = %q", r.Text)
			}
		}},
		{"pnpm-lock", map[string]string{"pnpm-lock.yaml": "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      fastify:\n        specifier: ^4.0.0\n        version: 4.26.2(pino@8.0.0)\n"}, func(t *testing.T, p *Project) {
			if p.NodePackages["fastify"].Major() != 4 {
				t.Errorf("pnpm fastify = %q", p.NodePackages["fastify"].Text)
			}
		}},
		{"yarn 1 and yarn 2", map[string]string{
			"a/yarn.lock": "# yarn lockfile v1\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.24.0\"\n  resolved \"x\"\n\nfastify@^3:\n  version \"3.29.5\"\n",
			"b/yarn.lock": "__metadata:\n  version: 6\n\n\"fastify@npm:^4.0.0\":\n  version: 4.26.2\n  resolution: \"fastify@npm:4.26.2\"\n",
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.files)
			var warnings []string
			r := NewReader(func(p string, err error) { warnings = append(warnings, p+": "+err.Error()) })
			if tc.check == nil {
				a, b := r.For(filepath.Join(dir, "a", "x.js")), r.For(filepath.Join(dir, "b", "x.js"))
				if a.NodePackages["fastify"].Major() != 3 || a.NodePackages["@babel/core"].Major() != 7 || b.NodePackages["fastify"].Major() != 4 {
					t.Errorf("yarn 1: %v; yarn 2: %v", a.NodePackages, b.NodePackages)
				}
			} else {
				where := filepath.Join(dir, "app.py")
				if _, err := os.Stat(filepath.Join(dir, "sub")); err == nil {
					where = filepath.Join(dir, "sub", "deep", "app.py")
				}
				p := r.For(where)
				if p == nil {
					t.Fatal("no facts")
				}
				tc.check(t, p)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings: %v", warnings)
			}
		})
	}
}

// A malformed manifest is a warning naming the file; its facts are
// unknown, and the other manifests still count.
func TestMalformed(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"pyproject.toml":    "[project\nname = ",
		"requirements.txt":  "fastapi==0.100.0\n",
		"package.json":      "{not json",
		".python-version":   "3.12\n",
		"pnpm-lock.yaml":    "importers: [\n",
		"package-lock.json": `{"packages": {"node_modules/x": {"version": "1.0.0"}}}`,
	})
	var warned []string
	r := NewReader(func(p string, err error) { warned = append(warned, filepath.Base(p)) })
	p := r.For(filepath.Join(dir, "app.py"))
	r.For(filepath.Join(dir, "other.py")) // the same folder: no second warning
	if strings.Join(warned, ",") != "pyproject.toml,package.json,pnpm-lock.yaml" {
		t.Errorf("warned about %v", warned)
	}
	if p == nil || p.PackageAtLeast("fastapi", "0.130") || !p.PythonAtLeast("3.12") || p.NodePackages["x"].Major() != 1 {
		t.Errorf("the readable manifests still count: %+v", p)
	}
}

// Unknown facts mean recent versions.
func TestUnknown(t *testing.T) {
	var p *Project
	if p.PythonBelow("3.9") || p.NodeBelow("14") || !p.PackageAtLeast("fastapi", "0.130") || p.PackageMajor("pydantic") != 0 || p.IsFreeThreaded() {
		t.Error("nil facts are recent versions")
	}
}

// Details real projects showed: uv's .python-version spelling, rtlint.toml's
// free-threading flag, npm names kept as npm spells them, and the Node
// version from which require() takes `node:` specifiers.
func TestDetails(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"uv/.python-version": "cpython-3.13.1+freethreaded\n",
		"ft/rtlint.toml":     "python-free-threaded = true\n",
		"ft/pyproject.toml":  "[project]\nname = \"x\"\nrequires-python = \">=3.12\"\n",
		"npm/yarn.lock":      "lodash.merge@^4.6.2:\n  version \"4.6.2\"\n\nobject-assign@^4.1.1:\n  version \"4.1.1\"\n\nobject.assign@^4.1.2:\n  version \"4.1.2\"\n",
		"npm/package.json":   `{"engines": {"node": ">=14"}, "dependencies": {"decimal.js": "^10.0.0"}}`,
	})
	r := NewReader(func(p string, err error) { t.Errorf("%s: %v", p, err) })
	if p := r.For(filepath.Join(dir, "uv", "a.py")); !p.IsFreeThreaded() || !p.PythonAtLeast("3.13") {
		t.Errorf("uv .python-version: %+v", p)
	}
	if p := r.For(filepath.Join(dir, "ft", "a.py")); !p.IsFreeThreaded() || !p.PythonAtLeast("3.12") {
		t.Errorf("rtlint.toml python-free-threaded: %+v", p)
	}
	p := r.For(filepath.Join(dir, "npm", "a.js"))
	for _, name := range []string{"lodash.merge", "object-assign", "object.assign", "decimal.js"} {
		if !p.NodePackages[name].Known() {
			t.Errorf("npm package %q not kept by its own name: %v", name, p.NodePackages)
		}
	}
	if !p.NodeBelow("14.18") || p.NodeBelow("14") {
		t.Errorf(">=14: below 14.18 %v (want true), below 14 %v (want false)", p.NodeBelow("14.18"), p.NodeBelow("14"))
	}
}

// Fields in shapes npm no longer uses are skipped, not errors.
func TestOldPackageJSON(t *testing.T) {
	dir := writeTree(t, map[string]string{"package.json": `{"engines": ["node >= 0.2.0"], "dependencies": {"a": "^1.0.0", "b": {"version": "1"}}}`})
	r := NewReader(func(p string, err error) { t.Errorf("%s: %v", p, err) })
	if p := r.For(filepath.Join(dir, "x.js")); p == nil || p.Node.Known() || !p.NodePackages["a"].Known() {
		t.Errorf("old package.json: %+v", p)
	}
}
