package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindNearestWins(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "rtlint.toml"), "ignore = [\"RT1\"]\n")
	write(t, filepath.Join(root, "a", "pyproject.toml"), "[project]\nname = \"x\"\n") // no [tool.rtlint]: skipped
	write(t, filepath.Join(root, "a", "b", "pyproject.toml"), "[tool.rtlint]\nselect = [\"RT2\"]\n")
	write(t, filepath.Join(root, "c", ".rtlint.toml"), "select = [\"RT3\"]\n")
	for dir, want := range map[string]string{
		"a":   filepath.Join(root, "rtlint.toml"),
		"a/b": filepath.Join(root, "a", "b", "pyproject.toml"),
		"c":   filepath.Join(root, "c", ".rtlint.toml"),
	} {
		got, err := Find(filepath.Join(root, dir))
		if err != nil || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	c, err := Load(filepath.Join(root, "a", "b", "pyproject.toml"))
	if err != nil || len(c.Select) != 1 || c.Select[0] != "RT2" {
		t.Errorf("pyproject [tool.rtlint] = %+v, %v", c, err)
	}
}

// The Resolver keeps each folder's answer and each file's load: asked in
// any order, deep folders first or their parents first, every folder gets
// its nearest configuration, and folders sharing a file share one Config.
func TestResolverNearestInAnyOrder(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "rtlint.toml"), "ignore = [\"RT1\"]\n")
	write(t, filepath.Join(root, "a", "b", "pyproject.toml"), "[tool.rtlint]\nselect = [\"RT2\"]\n")
	want := map[string]string{
		"a/b/c/d": filepath.Join(root, "a", "b", "pyproject.toml"),
		"a/b":     filepath.Join(root, "a", "b", "pyproject.toml"),
		"a":       filepath.Join(root, "rtlint.toml"),
		"a/x/y":   filepath.Join(root, "rtlint.toml"),
		".":       filepath.Join(root, "rtlint.toml"),
	}
	for _, order := range [][]string{{"a/b/c/d", "a/x/y", "a/b", "a", "."}, {".", "a", "a/b", "a/x/y", "a/b/c/d"}} {
		r := &Resolver{}
		byFile := map[string]*Config{}
		for _, dir := range order {
			_, c, err := r.For(filepath.Join(root, dir, "f.py"))
			if err != nil || c == nil || c.Path != want[dir] {
				t.Fatalf("order %v: %s got %+v, %v; want %s", order, dir, c, err, want[dir])
			}
			if prev, ok := byFile[c.Path]; ok && prev != c {
				t.Errorf("%s: loaded %s again", dir, c.Path)
			}
			byFile[c.Path] = c
		}
	}
}

func TestLoadAll(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rtlint.toml")
	write(t, p, `select = ["RT1", "RT4"]
ignore = ["RT105"]
exclude = ["migrations/**", "*_pb2.py"]

[per-file-ignores]
"tests/**" = ["RT1"]
"scripts/*.py" = ["RT301"]

[severity]
RT102 = "warning"

[rules.RT201]
min-iterations = 50000

[rules.RT103]
include-stat-calls = true

[rules.RT106]
extra-calls = ["legacy_db.query", { call = "legacy-db.query", use = "legacyDb.queryAsync" }]
allow-calls = ["sqlite3.connect"]
`)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Options["RT201"]["min-iterations"] != int64(50000) || c.Options["RT103"]["include-stat-calls"] != true {
		t.Errorf("options = %v", c.Options)
	}
	if got := c.ExtraCalls["RT106"]; len(got) != 2 || got[1].Use != "legacyDb.queryAsync" {
		t.Errorf("extra-calls = %v", got)
	}
	lc := c.Lint(filepath.Join(c.Dir, "tests", "unit", "test_x.py"))
	if !strings.Contains(strings.Join(lc.Ignore, ","), "RT1") {
		t.Errorf("per-file-ignores did not apply to tests/unit/test_x.py: %v", lc.Ignore)
	}
	if lc := c.Lint(filepath.Join(c.Dir, "app.py")); len(lc.Ignore) != 1 {
		t.Errorf("per-file-ignores applied to app.py: %v", lc.Ignore)
	}
	if !c.Excluded(filepath.Join(c.Dir, "migrations", "0001.py")) || !c.Excluded(filepath.Join(c.Dir, "x", "a_pb2.py")) || c.Excluded(filepath.Join(c.Dir, "app.py")) {
		t.Error("exclude globs do not match as expected")
	}
}

func TestErrorsNameFileLineKey(t *testing.T) {
	for _, tc := range []struct {
		text, want string
	}{
		{"select = [\"RT1\"]\nverbose = true\n", ":2: verbose: unknown key"},
		{"select = [\"RT9\"]\n", ":1: select: unknown rule code or prefix \"RT9\""},
		{"\n[severity]\nRT101 = \"loud\"\n", ":3: severity.RT101: want \"error\", \"warning\" or \"info\""},
		{"[rules.RT201]\nmin-iterations = \"many\"\n", ":2: rules.RT201.min-iterations: want a positive integer"},
		{"[rules.RT201]\nextra-calls = [\"x\"]\n", ":2: rules.RT201.extra-calls: RT201 matches no API list"},
		{"[rules.RT103]\ninclude-stat-calls = 1\n", ":2: rules.RT103.include-stat-calls: want true or false"},
		{"[rules.RT103]\nnope = 1\n", ":2: rules.RT103.nope: unknown option"},
		{"[rules.RT999]\nx = 1\n", ":1: rules.RT999: unknown rule"},
		{"select = [\n", ":"}, // a syntax error still names the file
	} {
		p := filepath.Join(t.TempDir(), "rtlint.toml")
		write(t, p, tc.text)
		_, err := Load(p)
		if err == nil || !strings.HasPrefix(err.Error(), p) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q) error = %v; want %q after the path", tc.text, err, tc.want)
		}
	}
	p := filepath.Join(t.TempDir(), "pyproject.toml")
	write(t, p, "[project]\nname = \"x\"\n\n[tool.rtlint]\nignore = [\"RT1\"]\nbogus = 1\n")
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), ":6: tool.rtlint.bogus: unknown key") {
		t.Errorf("pyproject error = %v", err)
	}
}

// TestExtraCalls: a team's own blocking helper becomes an RT106 finding
// with its suggested replacement, in Python and in JS alike; allow-calls
// silences a listed API.
func TestExtraCalls(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "rtlint.toml"), `[rules.RT106]
extra-calls = [{ call = "legacy_db.query", use = "legacy_db.aquery" }, { call = "legacy-db.query", use = "legacyDb.queryAsync()" }]
allow-calls = ["sqlite3.connect"]
`)
	c, err := Load(filepath.Join(dir, "rtlint.toml"))
	if err != nil {
		t.Fatal(err)
	}
	py := "import legacy_db\nimport sqlite3\n\nasync def h():\n    legacy_db.query('x')\n    sqlite3.connect('a')\n"
	js := "const db = require('legacy-db');\n\nasync function h() {\n  db.query('x');\n}\n"
	for name, src := range map[string]string{"a.py": py, "b.js": js} {
		res, err := lint.Run(context.Background(), filepath.Join(dir, name), []byte(src), c.Lint(filepath.Join(dir, name)))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Rule != "RT106" {
			t.Fatalf("%s: findings = %+v, want one RT106", name, res.Findings)
		}
		if msg := res.Findings[0].Message; !strings.Contains(msg, "use legacy") {
			t.Errorf("%s: message %q lacks the configured replacement", name, msg)
		}
	}
}

// Reach settings (SPEC §2): global transitive, max-depth and offload-calls;
// per-rule transitive and max-depth on the rules that follow calls; bad
// values name the file, line and key.
func TestLoadReachSettings(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rtlint.toml")
	write(t, p, `transitive = false
max-depth = 3
offload-calls = ["pool.run", "*.run_sync"]

[rules.RT103]
transitive = true
max-depth = 2
`)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	lc := c.Lint(filepath.Join(filepath.Dir(p), "a.py"))
	if lc.Transitive == nil || *lc.Transitive || lc.MaxDepth != 3 || strings.Join(lc.OffloadCalls, ",") != "pool.run,*.run_sync" {
		t.Errorf("global reach settings = %v %d %v", lc.Transitive, lc.MaxDepth, lc.OffloadCalls)
	}
	if lc.Options["RT103"]["transitive"] != true || lc.Options["RT103"]["max-depth"] != int64(2) || !lc.Reach() {
		t.Errorf("[rules.RT103] = %v, want transitive and max-depth 2 (reach on for it)", lc.Options["RT103"])
	}
	for _, tc := range []struct{ text, want string }{
		{"transitive = 1\n", "rtlint.toml:1: transitive: want true or false"},
		{"max-depth = 0\n", "rtlint.toml:1: max-depth: want an integer from 1 to 100"},
		{"offload-calls = \"x\"\n", "rtlint.toml:1: offload-calls: want an array of strings"},
		{"[rules.RT201]\ntransitive = false\n", "RT201 does not follow calls"},
		{"[rules.RT102]\nmax-depth = \"deep\"\n", "max-depth: want an integer from 1 to 100"},
	} {
		write(t, p, tc.text)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.text, err, tc.want)
		}
	}
}
