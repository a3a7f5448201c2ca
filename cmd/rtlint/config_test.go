package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const blockingPy = "import time\n\nasync def h():\n    time.sleep(1)\n"

func check(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, nil, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestBadConfigExit2(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "rtlint.toml"), "select = [\"RT1\"]\n\n[rules.RT201]\nmin-iterations = -5\n")
	writeFile(t, filepath.Join(dir, "app.py"), blockingPy)
	code, stdout, stderr := check(t, dir)
	want := filepath.Join(dir, "rtlint.toml") + ":4: rules.RT201.min-iterations: want a positive integer"
	if code != exitError || !strings.Contains(stderr, want) || stdout != "" {
		t.Errorf("exit %d, stderr %q, stdout %q; want 2 and %q", code, stderr, stdout, want)
	}
	code, _, stderr = check(t, "--config", filepath.Join(dir, "missing.toml"), dir)
	if code != exitError || !strings.Contains(stderr, "missing.toml") {
		t.Errorf("--config missing file: exit %d, stderr %q", code, stderr)
	}
}

func TestConfigApplies(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pyproject.toml"), "[tool.rtlint]\nexclude = [\"gen/**\"]\n\n[tool.rtlint.severity]\nRT101 = \"info\"\n\n[tool.rtlint.per-file-ignores]\n\"tests/**\" = [\"RT101\"]\n")
	writeFile(t, filepath.Join(dir, "app.py"), blockingPy)
	writeFile(t, filepath.Join(dir, "tests", "test_app.py"), blockingPy)
	writeFile(t, filepath.Join(dir, "gen", "x.py"), blockingPy)
	code, stdout, _ := check(t, "--quiet", dir)
	if code != exitOK || strings.Count(stdout, "RT101") != 1 || !strings.Contains(stdout, "[info]") || !strings.Contains(stdout, "app.py") {
		t.Errorf("exit %d (info is below the default --fail-on), stdout:\n%s", code, stdout)
	}
	// --config overrides discovery; --select on the command line wins.
	writeFile(t, filepath.Join(dir, "other.toml"), "ignore = [\"RT1\"]\n")
	if code, stdout, _ := check(t, "--config", filepath.Join(dir, "other.toml"), "--quiet", dir); code != exitOK || stdout != "" {
		t.Errorf("--config other.toml: exit %d, stdout %q", code, stdout)
	}
}

func TestSuppressions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.py"), "import time\n\nasync def h():\n    time.sleep(1)  # rtlint: ignore[RT101]\n    time.sleep(2)  # rtlint: ignore\n    time.sleep(3)  # rtlint: ignore[RT102]\n    x = 1  # rtlint: ignore[RT101]\n")
	writeFile(t, filepath.Join(dir, "b.js"), "// rtlint: ignore-file\nasync function f() { fs.readFileSync('x'); }\n")
	writeFile(t, filepath.Join(dir, "c.js"), "const fs = require('fs');\nasync function f() {\n  fs.readFileSync('x'); // rtlint: ignore[RT103]\n  fs.readFileSync('y');\n}\n")
	_, stdout, _ := check(t, "--quiet", dir)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "a.py:6:") || !strings.Contains(lines[1], "c.js:4:") {
		t.Errorf("findings:\n%s\nwant a.py:6 (ignore[RT102] does not cover RT101) and c.js:4 only", stdout)
	}
	_, stdout, _ = check(t, "--quiet", "--show-unused-suppressions", dir)
	for _, want := range []string{"a.py:6:20: RT000 [info] unused suppression of RT102", "a.py:7:12: RT000 [info] unused suppression of RT101"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--show-unused-suppressions output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "a.py:4:20: RT000") {
		t.Errorf("a used suppression is reported as unused:\n%s", stdout)
	}
}
