package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyExamples copies testdata/examples into a fresh directory.
func copyExamples(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "examples")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == ".rtlint_cache" {
			return filepath.SkipDir // rtlint's own results cache, not the project's files
		}
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files[p] = string(data)
		}
		return nil
	})
	return files
}

// TestDiffExamples: --diff prints a unified diff of the safe fixes, writes
// nothing, and exits 1.
func TestDiffExamples(t *testing.T) {
	dir := copyExamples(t)
	before := snapshot(t, dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"--diff", dir}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"--- a", "+++ b", "@@ ", "+    await asyncio.sleep(0.1)", "+import asyncio"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("--diff wrote files")
	} else {
		for p, text := range before {
			if after[p] != text {
				t.Errorf("--diff changed %s", p)
			}
		}
	}
}

// TestFixExamples: --fix on a copy of the examples leaves only findings
// without a safe fix, the fixed files parse, and a second --fix changes
// nothing.
func TestFixExamples(t *testing.T) {
	dir := copyExamples(t)
	var stdout, stderr bytes.Buffer
	code := run([]string{"--fix", dir}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1 (findings without a safe fix remain); stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Fixed ") {
		t.Errorf("no fix summary:\n%s", stdout.String())
	}
	once := snapshot(t, dir)

	stdout.Reset()
	stderr.Reset()
	run([]string{"--format", "json", dir}, nil, &stdout, &stderr)
	var findings []struct {
		Path string `json:"path"`
		Line int    `json:"line"`
		Rule string `json:"rule"`
		Fix  *struct {
			Applicability string `json:"applicability"`
		} `json:"fix"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if len(findings) == 0 {
		t.Fatal("no findings left; the examples have findings without safe fixes")
	}
	for _, f := range findings {
		if f.Fix != nil && f.Fix.Applicability == "safe" {
			t.Errorf("%s:%d %s still has a safe fix after --fix", f.Path, f.Line, f.Rule)
		}
	}

	run([]string{"--fix", dir}, nil, &bytes.Buffer{}, &bytes.Buffer{})
	for p, text := range snapshot(t, dir) {
		if once[p] != text {
			t.Errorf("a second --fix changed %s", p)
		}
	}
	if node, err := exec.LookPath("node"); err == nil {
		for p := range once {
			if strings.HasSuffix(p, ".js") {
				if out, err := exec.Command(node, "--check", p).CombinedOutput(); err != nil {
					t.Errorf("node --check %s: %v\n%s", p, err, out)
				}
			}
		}
	}
	if python, err := exec.LookPath("python3"); err == nil {
		for p := range once {
			if strings.HasSuffix(p, ".py") {
				if out, err := exec.Command(python, "-m", "py_compile", p).CombinedOutput(); err != nil {
					t.Errorf("py_compile %s: %v\n%s", p, err, out)
				}
			}
		}
	}
}

// TestUnsafeFixesExamples: --unsafe-fixes applies the unsafe ones too and
// creates the worker module next to the file.
func TestUnsafeFixesExamples(t *testing.T) {
	dir := copyExamples(t)
	var stdout, stderr bytes.Buffer
	run([]string{"--fix", "--unsafe-fixes", dir}, nil, &stdout, &stderr)
	api, _ := os.ReadFile(filepath.Join(dir, "python", "api.py"))
	for _, want := range []string{"orjson", "model_dump_json()", "engine = create_engine"} {
		if !strings.Contains(string(api), want) {
			t.Errorf("api.py after unsafe fixes lacks %q:\n%s", want, api)
		}
	}
	if strings.Contains(stderr.String(), "rtlint:") {
		t.Errorf("errors while fixing: %s", stderr.String())
	}
}

// TestWriteAtomicKeepsConcurrentEdit: a file changed on disk between read
// and write is not clobbered, and the mode of a rewritten file is kept.
func TestWriteAtomicKeepsConcurrentEdit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.py")
	if err := os.WriteFile(p, []byte("edited elsewhere\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(p, []byte("original\n"), []byte("fixed\n"))
	if err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Fatalf("err = %v, want a changed-on-disk error", err)
	}
	if data, _ := os.ReadFile(p); string(data) != "edited elsewhere\n" {
		t.Errorf("file clobbered: %q", data)
	}
	if err := writeAtomic(p, []byte("edited elsewhere\n"), []byte("fixed\n")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if data, _ := os.ReadFile(p); string(data) != "fixed\n" || info.Mode().Perm() != 0o640 {
		t.Errorf("after write: %q mode %v, want \"fixed\\n\" 0640", data, info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// --fix and the file system (issue 14): a symlink's target is fixed and
// the link stays a link; a link out of the project is not followed; a
// read-only file is refused (exit 2); setuid and hard links are kept; a
// refused write leaves no worker file behind.
func TestFixFileSystem(t *testing.T) {
	bad := "import time\n\n\nasync def h():\n    time.sleep(1)\n"
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pyproject.toml"), "[project]\nname = \"x\"\n")
	writeFile(t, filepath.Join(dir, "real.py"), bad)
	if err := os.Symlink("real.py", filepath.Join(dir, "link.py")); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.py")
	writeFile(t, outside, bad)
	if err := os.Symlink(outside, filepath.Join(dir, "out.py")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "ro.py"), bad)
	os.Chmod(filepath.Join(dir, "ro.py"), 0o444)
	writeFile(t, filepath.Join(dir, "suid.py"), bad)
	os.Chmod(filepath.Join(dir, "suid.py"), 0o755|os.ModeSetuid)
	writeFile(t, filepath.Join(dir, "hard.py"), bad)
	if err := os.Link(filepath.Join(dir, "hard.py"), filepath.Join(dir, "hard2.txt")); err != nil {
		t.Fatal(err)
	}

	r := inDir(t, dir, "check", "--fix", "--no-cache", "link.py", "out.py", "ro.py", "suid.py", "hard.py")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 (ro.py and out.py refused): %s", r.code, r)
	}
	if !strings.Contains(r.stderr, "ro.py: read-only") || !strings.Contains(r.stderr, "out.py: a symbolic link to") {
		t.Errorf("stderr should explain the refusals: %s", r.stderr)
	}
	fixed := func(p string) bool {
		b, _ := os.ReadFile(p)
		return strings.Contains(string(b), "asyncio.sleep")
	}
	if info, err := os.Lstat(filepath.Join(dir, "link.py")); err != nil || info.Mode()&os.ModeSymlink == 0 || !fixed(filepath.Join(dir, "real.py")) {
		t.Errorf("link.py: the link should stay a link and its target be fixed (%v)", err)
	}
	if fixed(outside) || fixed(filepath.Join(dir, "ro.py")) {
		t.Error("a refused file was written")
	}
	if info, _ := os.Stat(filepath.Join(dir, "suid.py")); !fixed(filepath.Join(dir, "suid.py")) || info.Mode()&os.ModeSetuid == 0 || info.Mode().Perm() != 0o755 {
		t.Errorf("suid.py: fixed %v, mode %v; want fixed with setuid kept", fixed(filepath.Join(dir, "suid.py")), info.Mode())
	}
	if !fixed(filepath.Join(dir, "hard2.txt")) {
		t.Error("hard.py's other link does not see the fix: the link was cut")
	}
}

// Fixing stdin prints only the fixed text on stdout (editors write it into
// the buffer) and applies no fix that would create a file (a worker module
// it could never write); that and the report go to stderr.
func TestFixStdinCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	js := "const express = require('express');\nconst app = express();\n\nfunction fib(n) {\n  return n < 2 ? n : fib(n - 1) + fib(n - 2);\n}\n\napp.get('/fib', (req, res) => {\n  res.send(String(fib(40)));\n});\n"
	r := rtlint(t, runOpts{dir: dir, stdin: js}, "check", "--fix", "--unsafe-fixes", "--stdin-filename", "app.js", "-")
	if r.stdout != js {
		t.Errorf("stdout should be the source alone (the fix creates a file):\n%s", r.stdout)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "1 fix creates a new file (a worker module) and cannot be applied to stdin") ||
		!strings.Contains(r.stderr, "app.js:9:19: RT201") {
		t.Errorf("the unapplied fix and the remaining finding belong on stderr: %s", r)
	}
	// A fix that applies: stdout is the fixed text, every status line is on stderr.
	r = rtlint(t, runOpts{dir: dir, stdin: "import time\nasync def f():\n    time.sleep(1)\n"}, "check", "--fix", "--stdin-filename", "a.py", "-")
	if r.code != 0 || r.stdout != "import asyncio\nasync def f():\n    await asyncio.sleep(1)\n" || !strings.Contains(r.stderr, "Fixed 1 problem") {
		t.Errorf("stdin fix: %s", r)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "worker") {
			t.Errorf("stdin fix created %s", e.Name())
		}
	}
}

// The --diff of every example applies cleanly with git apply (issue 15):
// no spurious context line at the end of a file.
func TestDiffAppliesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		skipOrFail(t, "git not found: %v", err)
	}
	dir := copyExamples(t)
	// Files without a newline at the end: the fix on the last line, and
	// the last line as a hunk's context.
	writeFile(t, filepath.Join(dir, "nonl_last.py"), "import time\n\n\nasync def f():\n    time.sleep(1)")
	writeFile(t, filepath.Join(dir, "nonl_context.py"), "import time\n\n\nasync def f():\n    time.sleep(1)\n    return 1")
	fixed := filepath.Join(t.TempDir(), "fixed")
	if err := os.CopyFS(fixed, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	rtlint(t, runOpts{dir: fixed}, "check", "--fix", "--no-cache", "nonl_last.py", "nonl_context.py")
	r := rtlint(t, runOpts{dir: dir}, "check", "--diff", "--unsafe-fixes", "--no-cache", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "@@ ") {
		t.Fatalf("--diff: %s", r)
	}
	// The diff's paths are relative to dir; the worker files a fix would
	// create are new files in it.
	patch := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patch, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "apply", "--check", "--unsafe-paths", "-p1", patch)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git apply --check: %v\n%s\n--- patch:\n%s", err, out, r.stdout)
	}
	// Applied, the patch gives what --fix writes, byte for byte.
	r = rtlint(t, runOpts{dir: dir}, "check", "--diff", "--no-cache", "nonl_last.py", "nonl_context.py")
	if err := os.WriteFile(patch, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("git", "apply", "--unsafe-paths", "-p1", patch)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\n--- patch:\n%s", err, out, r.stdout)
	}
	for _, name := range []string{"nonl_last.py", "nonl_context.py"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, _ := os.ReadFile(filepath.Join(fixed, name))
		if string(got) != string(want) || strings.HasSuffix(string(got), "\n") {
			t.Errorf("%s: the applied diff gives %q, --fix %q (neither ending in a newline)", name, got, want)
		}
	}
}

// --add-suppressions silences every finding of the examples with comments
// (a second check is clean) and is idempotent; it refuses to combine with
// --fix.
func TestAddSuppressionsCLI(t *testing.T) {
	dir := copyExamples(t)
	r := rtlint(t, runOpts{dir: dir}, "check", "--add-suppressions", "--no-cache", ".")
	if r.code != 0 || !strings.Contains(r.stderr, "Added ") {
		t.Fatalf("--add-suppressions: %s", r)
	}
	if strings.Contains(r.stderr, "cannot take a comment") {
		t.Fatalf("some findings were not suppressed: %s", r)
	}
	if r := rtlint(t, runOpts{dir: dir}, "check", "--no-cache", "."); r.code != 0 {
		t.Errorf("check after --add-suppressions: %s", r)
	}
	if r := rtlint(t, runOpts{dir: dir}, "check", "--add-suppressions", "--no-cache", "."); r.code != 0 || !strings.Contains(r.stderr, "Added 0 suppression comments in 0 files.") {
		t.Errorf("a second --add-suppressions: %s", r)
	}
	if r := rtlint(t, runOpts{dir: dir}, "check", "--add-suppressions", "--fix", "."); r.code != 2 {
		t.Errorf("--add-suppressions --fix: %s", r)
	}
}

// Every golden fix fixture's --diff (unsafe fixes included) applies with
// git apply and gives what --fix --unsafe-fixes writes (issue 15).
func TestGoldenFixDiffsApply(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		skipOrFail(t, "git not found: %v", err)
	}
	goldens, _ := filepath.Glob(filepath.Join("..", "..", "analyzers", "*", "testdata", "fix*", "*.golden"))
	if len(goldens) < 10 {
		t.Fatalf("found %d golden fixtures", len(goldens))
	}
	for _, golden := range goldens {
		folder := filepath.Dir(golden)
		name := strings.TrimSuffix(filepath.Base(golden), ".golden")
		diffDir, fixDir := t.TempDir(), t.TempDir()
		for _, d := range []string{diffDir, fixDir} {
			if err := os.CopyFS(d, os.DirFS(folder)); err != nil {
				t.Fatal(err)
			}
		}
		r := rtlint(t, runOpts{dir: diffDir}, "check", "--diff", "--unsafe-fixes", "--no-cache", name)
		if r.code == 2 {
			t.Errorf("%s: --diff: %s", golden, r)
			continue
		}
		rtlint(t, runOpts{dir: fixDir}, "check", "--fix", "--unsafe-fixes", "--no-cache", name)
		if r.stdout == "" {
			continue
		}
		patch := filepath.Join(t.TempDir(), "fix.patch")
		if err := os.WriteFile(patch, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "apply", "--unsafe-paths", "-p1", patch)
		cmd.Dir = diffDir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: git apply: %v\n%s\n--- patch:\n%s", golden, err, out, r.stdout)
			continue
		}
		got, _ := os.ReadFile(filepath.Join(diffDir, name))
		want, _ := os.ReadFile(filepath.Join(fixDir, name))
		if string(got) != string(want) {
			t.Errorf("%s: the applied diff differs from --fix:\n%s\n--- --fix:\n%s", golden, got, want)
		}
	}
}
