//go:build unix

package main

// End-to-end tests: TestMain builds the real rtlint binary once and every
// test runs it as a subprocess, checking exit codes, stdout and stderr as a
// user or a script would see them (SPEC §6).

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rtlint/rtlint/internal/lazyre"
)

// rtlintBin is the binary TestMain built.
var rtlintBin string

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "rtlint-cli-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "cli_test:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// Other users (nobody, in the permission tests run as root) must be
	// able to reach and execute the binary.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "cli_test:", err)
		return 1
	}
	bin := filepath.Join(dir, "rtlint")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "cli_test: go build: %v\n%s", err, out)
		return 1
	}
	if err := os.Chmod(bin, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "cli_test:", err)
		return 1
	}
	rtlintBin = bin
	return m.Run()
}

// ---- helpers ----

type result struct {
	stdout, stderr string
	code           int
}

type runOpts struct {
	dir      string   // working directory
	stdin    string   // standard input
	env      []string // extra environment
	asNobody bool     // run as uid/gid 65534 (used when the tests run as root)
}

// baseEnv is the test's environment without variables that change
// rtlint's output.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NO_COLOR=") {
			env = append(env, kv)
		}
	}
	return env
}

func command(o runOpts, args ...string) *exec.Cmd {
	cmd := exec.Command(rtlintBin, args...)
	cmd.Dir = o.dir
	cmd.Env = append(baseEnv(), o.env...)
	cmd.Stdin = strings.NewReader(o.stdin)
	if o.asNobody {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	return cmd
}

func rtlint(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	cmd := command(o, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := result{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.code = exitErr.ExitCode()
	default:
		t.Fatalf("running rtlint %q: %v", args, err)
	}
	return res
}

// inDir runs rtlint in dir.
func inDir(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return rtlint(t, runOpts{dir: dir}, args...)
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code = %d, want %d\n%s", r.code, code, r)
	}
}

// newDir makes a temporary directory others can read and enter (t.TempDir
// is 0700, which user nobody cannot enter), removed at the end of the
// test even when a test left unreadable entries in it.
func newDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "rtlint-cli-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = os.Chmod(p, 0o755) // before WalkDir reads it
			}
			return nil
		})
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return dir
}

// write creates dir/rel (and its parents) readable by everyone.
func write(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	// The umask may have removed bits others need.
	for d := filepath.Dir(p); len(d) > len(dir); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// nonEmptyLines splits output into lines, dropping the final newline.
func nonEmptyLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Python fixtures.
const (
	// goodPy has one RT101 finding at 4:5.
	goodPy = "import time\n\nasync def handler():\n    time.sleep(1)\n"
	// goodFinding is the start of goodPy's finding line in text output.
	goodFinding = "good.py:4:5: RT101 [error] time.sleep() blocks the event loop in async def handler(); use await asyncio.sleep()\n"

	// mixedPy has an RT101 (6:5) and an RT102 (7:12) finding.
	mixedPy = "import time\nimport requests\n\n\nasync def handler():\n    time.sleep(1)\n    return requests.get(\"https://example.com\")\n"

	// warnPy has only a warning: RT105 at 5:12.
	warnPy = "import hashlib\n\n\nasync def derive(pw):\n    return hashlib.pbkdf2_hmac(\"sha256\", pw, b\"salt\", 100000)\n"

	cleanPy = "import time\n\n\ndef handler():\n    time.sleep(1)\n    return 1\n"
)

// ---- 1. bad input ----

// canRead reports whether this process can read the file or list the
// directory at p.
func canRead(p string) bool {
	if _, err := os.ReadDir(p); err == nil {
		return true
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Read(make([]byte, 1))
	return err == nil || err == io.EOF
}

// TestBadInput checks SPEC §6: a file or directory that cannot be read or
// decoded is one stderr line naming it with the reason, the other files'
// findings are still printed, and the exit code is 2.
func TestBadInput(t *testing.T) {
	asNobody := os.Geteuid() == 0

	tests := []struct {
		name string
		// setup creates the bad entry in dir and returns its path as
		// named on the command line and in messages.
		setup func(t *testing.T, dir string) string
		// reason is the exact text after "rtlint: PATH: ", or its prefix
		// when prefix is set.
		reason string
		prefix bool
		// needsPerm: the case relies on file permissions, so as root the
		// binary runs as nobody.
		needsPerm bool
		// walkToo: the bad entry is also found by walking the directory
		// (a missing path cannot be).
		walkToo bool
	}{
		{
			name:   "missing path",
			setup:  func(t *testing.T, dir string) string { return "missing.py" },
			reason: "no such file or directory",
		},
		{
			name: "unreadable file",
			setup: func(t *testing.T, dir string) string {
				p := write(t, dir, "secret.py", "x = 1\n")
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				return "secret.py"
			},
			reason:    "permission denied",
			needsPerm: true,
			walkToo:   true,
		},
		{
			name: "invalid UTF-8",
			setup: func(t *testing.T, dir string) string {
				write(t, dir, "latin1.py", "x = 'caf\xe9'\n")
				return "latin1.py"
			},
			reason:  "invalid UTF-8 at byte offset 8",
			walkToo: true,
		},
		{
			name: "binary file",
			setup: func(t *testing.T, dir string) string {
				write(t, dir, "x.py", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")
				return "x.py"
			},
			reason:  "binary file (NUL byte at offset 7)",
			walkToo: true,
		},
		{
			name: "file too large",
			setup: func(t *testing.T, dir string) string {
				line := "x = 1  # padding padding padding padding padding padding padding\n"
				write(t, dir, "huge.py", strings.Repeat(line, 20<<20/len(line)+1))
				return "huge.py"
			},
			reason:  "file too large",
			prefix:  true,
			walkToo: true,
		},
		{
			name: "symlink loop",
			setup: func(t *testing.T, dir string) string {
				if err := os.Symlink("loop.py", filepath.Join(dir, "loop.py")); err != nil {
					t.Fatal(err)
				}
				return "loop.py"
			},
			reason:  "too many levels of symbolic links",
			walkToo: true,
		},
		{
			name: "unreadable directory",
			setup: func(t *testing.T, dir string) string {
				write(t, dir, "locked/inner.py", goodPy)
				if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
					t.Fatal(err)
				}
				return "locked"
			},
			reason:    "permission denied",
			needsPerm: true,
			walkToo:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newDir(t)
			write(t, dir, "good.py", goodPy)
			bad := tt.setup(t, dir)
			opts := runOpts{dir: dir}
			if tt.needsPerm {
				if asNobody {
					opts.asNobody = true
				} else if canRead(filepath.Join(dir, bad)) {
					t.Fatalf("chmod 000 does not stop this process (uid %d) from reading %s", os.Geteuid(), bad)
				}
			}
			variants := [][]string{{"good.py", bad}}
			if tt.walkToo {
				variants = append(variants, []string{"."})
			}
			for _, args := range variants {
				r := rtlint(t, opts, args...)
				if r.code != 2 {
					t.Errorf("rtlint %s: exit code = %d, want 2\n%s", strings.Join(args, " "), r.code, r)
				}
				errLines := nonEmptyLines(r.stderr)
				wantPrefix := "rtlint: " + bad + ": "
				if len(errLines) != 1 {
					t.Errorf("rtlint %s: want exactly one stderr line naming %s, got %d\n%s", strings.Join(args, " "), bad, len(errLines), r)
				} else if line := errLines[0]; !strings.HasPrefix(line, wantPrefix) ||
					(tt.prefix && !strings.HasPrefix(line, wantPrefix+tt.reason)) ||
					(!tt.prefix && line != wantPrefix+tt.reason) {
					t.Errorf("rtlint %s: stderr line = %q, want %q%s", strings.Join(args, " "), line, wantPrefix+tt.reason, map[bool]string{true: "...", false: ""}[tt.prefix])
				}
				if !strings.HasPrefix(r.stdout, goodFinding) {
					t.Errorf("rtlint %s: stdout does not start with good.py's finding %q\n%s", strings.Join(args, " "), goodFinding, r)
				}
				if !strings.Contains(r.stdout, "Found 1 problem ") {
					t.Errorf("rtlint %s: stdout lacks the summary for good.py's one finding\n%s", strings.Join(args, " "), r)
				}
			}
		})
	}
}

// TestFileTooLargeMessage pins the size in the message of a 20 MB file.
func TestFileTooLargeMessage(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "big.py", strings.Repeat("#", 20<<20)+"\n")
	r := inDir(t, dir, "big.py")
	wantCode(t, r, 2)
	if want := "rtlint: big.py: file too large (20.0 MB; the limit is 10 MB)\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing: not every file was checked, so no \"All checks passed!\"", r.stdout)
	}
}

// A folder with nothing to lint says so on stderr and exits 0; a missing
// path prints only its error.
func TestNothingToLint(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "README.md"), "# x\n")
	r := inDir(t, dir, "check", ".")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no Python, JavaScript or TypeScript files found under .") {
		t.Errorf("empty project: %s", r)
	}
	r = inDir(t, dir, "check", "missing")
	if r.code != 2 || r.stdout != "" || r.stderr != "rtlint: missing: no such file or directory\n" {
		t.Errorf("missing path: %s", r)
	}
}

// TestUnsupportedFile: an explicitly named file of unknown type is an error
// for that path only.
func TestUnsupportedFile(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "good.py", goodPy)
	write(t, dir, "notes.txt", "hello\n")
	r := inDir(t, dir, "good.py", "notes.txt")
	wantCode(t, r, 2)
	if lines := nonEmptyLines(r.stderr); len(lines) != 1 || !strings.HasPrefix(lines[0], "rtlint: notes.txt: unsupported file type") {
		t.Errorf("stderr = %q, want one unsupported-file-type line for notes.txt", r.stderr)
	}
	if !strings.HasPrefix(r.stdout, goodFinding) {
		t.Errorf("good.py's finding missing\n%s", r)
	}
}

// ---- 2. JSON output ----

var jsonKeys = []string{"path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message", "where", "fix"}

// objectKeys returns the keys of each object of a JSON array, in the order
// they appear in the text.
func objectKeys(t *testing.T, data string) [][]string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	tok := func() json.Token {
		tk, err := dec.Token()
		if err != nil {
			t.Fatalf("reading JSON: %v\n%s", err, data)
		}
		return tk
	}
	if d, ok := tok().(json.Delim); !ok || d != '[' {
		t.Fatalf("output is not a JSON array:\n%s", data)
	}
	var all [][]string
	for dec.More() {
		if d, ok := tok().(json.Delim); !ok || d != '{' {
			t.Fatalf("array element is not an object:\n%s", data)
		}
		var keys []string
		for dec.More() {
			keys = append(keys, tok().(string))
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
		}
		tok() // '}'
		all = append(all, keys)
	}
	tok() // ']'
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("trailing data after the JSON array:\n%s", data)
	}
	return all
}

type jsonDiag struct {
	Path      string          `json:"path"`
	Line      int             `json:"line"`
	Column    int             `json:"column"`
	EndLine   int             `json:"end_line"`
	EndColumn int             `json:"end_column"`
	Rule      string          `json:"rule"`
	Name      string          `json:"name"`
	Severity  string          `json:"severity"`
	Message   string          `json:"message"`
	Where     string          `json:"where"`
	Fix       json.RawMessage `json:"fix"`
}

func decodeDiags(t *testing.T, data string) []jsonDiag {
	t.Helper()
	var diags []jsonDiag
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&diags); err != nil {
		t.Fatalf("decoding JSON output: %v\n%s", err, data)
	}
	return diags
}

func TestJSONOutput(t *testing.T) {
	dir := newDir(t)
	// "é" is one code point but two bytes: time.sleep starts at code
	// point column 14 (byte column 15).
	write(t, dir, "a_unicode.py", "import time\n\n\nasync def handler():\n    x = \"é\"; time.sleep(1)\n")
	write(t, dir, "b_mixed.py", mixedPy)
	write(t, dir, "c_same_line.py", "import time\n\n\nasync def handler():\n    time.sleep(1); time.sleep(2)\n    time.sleep(3)\n")
	write(t, dir, "sub/d_warn.py", warnPy)
	write(t, dir, "e.ts", "import { readFileSync } from \"fs\";\n\nexport async function load(p: string): Promise<string> {\n  return readFileSync(p, \"utf8\");\n}\n")
	write(t, dir, "clean.py", cleanPy)

	r := inDir(t, dir, "--format", "json", ".")
	wantCode(t, r, 1)
	if r.stderr != "" {
		t.Errorf("stderr = %q, want empty", r.stderr)
	}
	keys := objectKeys(t, r.stdout)
	for i, k := range keys {
		if !reflect.DeepEqual(k, jsonKeys) {
			t.Errorf("object %d has keys %q, want exactly %q", i, k, jsonKeys)
		}
	}
	diags := decodeDiags(t, r.stdout)

	type pos struct {
		path         string
		line, column int
		rule         string
	}
	var got []pos
	for _, d := range diags {
		got = append(got, pos{d.Path, d.Line, d.Column, d.Rule})
	}
	want := []pos{
		{"a_unicode.py", 5, 14, "RT101"},
		{"b_mixed.py", 6, 5, "RT101"},
		{"b_mixed.py", 7, 12, "RT102"},
		{"c_same_line.py", 5, 5, "RT101"},
		{"c_same_line.py", 5, 20, "RT101"},
		{"c_same_line.py", 6, 5, "RT101"},
		{"e.ts", 4, 10, "RT103"},
		{"sub/d_warn.py", 5, 12, "RT105"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings (path, line, column, rule) in output order:\n got %v\nwant %v", got, want)
	}

	wantFirst := jsonDiag{
		Path: "a_unicode.py", Line: 5, Column: 14, EndLine: 5, EndColumn: 27,
		Rule: "RT101", Name: "blocking-sleep", Severity: "error",
		Message: "time.sleep() blocks the event loop in async def handler(); use await asyncio.sleep()",
		Where:   "request",
	}
	if len(diags) == 0 {
		t.Fatal("no findings")
	}
	first := diags[0]
	fixJSON := first.Fix
	first.Fix = nil
	if !reflect.DeepEqual(first, wantFirst) {
		t.Errorf("first finding:\n got %+v\nwant %+v", first, wantFirst)
	}
	// SPEC §6: the fix object, with 1-based code-point positions per edit.
	type edit struct {
		Path      string `json:"path"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
		NewText   string `json:"new_text"`
	}
	var fx struct {
		Applicability string `json:"applicability"`
		Message       string `json:"message"`
		Edits         []edit `json:"edits"`
	}
	if err := json.Unmarshal(fixJSON, &fx); err != nil {
		t.Fatalf("fix %s: %v", fixJSON, err)
	}
	wantEdits := []edit{
		{"a_unicode.py", 1, 12, 1, 12, "\nimport asyncio"},
		{"a_unicode.py", 5, 14, 5, 27, "await asyncio.sleep(1)"},
	}
	if fx.Applicability != "safe" || fx.Message != "Use await asyncio.sleep()" || !reflect.DeepEqual(fx.Edits, wantEdits) {
		t.Errorf("first finding's fix = %s, want safe, \"Use await asyncio.sleep()\", %v", fixJSON, wantEdits)
	}
	if len(diags) == len(want) && diags[len(diags)-1].Severity != "warning" {
		t.Errorf("RT105 severity = %q, want warning", diags[len(diags)-1].Severity)
	}
}

// TestJSONFixNull: a finding without a fix carries a literal "fix": null.
func TestJSONFixNull(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "spin.js", "app.get('/x', (req, res) => {\n  const end = Date.now() + 5;\n  while (Date.now() < end) {}\n});\n")
	r := inDir(t, dir, "--format", "json", "spin.js")
	if !strings.Contains(r.stdout, `"fix": null`) {
		t.Errorf("output has no literal \"fix\": null:\n%s", r.stdout)
	}
}

func TestJSONEmpty(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "clean.py", cleanPy)
	for _, args := range [][]string{
		{"--format", "json", "clean.py"},
		{"--format", "json", "."},
		{"--format", "json", "--ignore", "RT1", "."},
	} {
		r := inDir(t, dir, args...)
		wantCode(t, r, 0)
		if strings.TrimSpace(r.stdout) != "[]" {
			t.Errorf("rtlint %s: stdout = %q, want []", strings.Join(args, " "), r.stdout)
		}
		if r.stderr != "" {
			t.Errorf("rtlint %s: stderr = %q, want empty", strings.Join(args, " "), r.stderr)
		}
	}
}

// ---- 3. flags ----

func TestSelectIgnore(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "mixed.py", mixedPy)

	r := inDir(t, dir, "mixed.py")
	wantCode(t, r, 1)
	if !strings.Contains(r.stdout, "mixed.py:6:5: RT101 ") || !strings.Contains(r.stdout, "mixed.py:7:12: RT102 ") {
		t.Fatalf("fixture should have RT101 and RT102 findings without flags\n%s", r)
	}

	r = inDir(t, dir, "--select", "RT102", "mixed.py")
	wantCode(t, r, 1)
	if strings.Contains(r.stdout, "RT101") {
		t.Errorf("--select RT102 still shows RT101\n%s", r)
	}
	if !strings.Contains(r.stdout, "mixed.py:7:12: RT102 ") || !strings.Contains(r.stdout, "Found 1 problem ") {
		t.Errorf("--select RT102 lost the RT102 finding\n%s", r)
	}

	r = inDir(t, dir, "--ignore", "RT1", "mixed.py")
	wantCode(t, r, 0)
	if strings.Contains(r.stdout, "RT10") || !strings.Contains(r.stdout, "All checks passed!") {
		t.Errorf("--ignore RT1 should hide every finding\n%s", r)
	}

	r = inDir(t, dir, "--select", "RT9", "mixed.py")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, `unknown rule code or prefix "RT9"`) {
		t.Errorf("--select RT9: stderr = %q, want an unknown-rule message", r.stderr)
	}
}

func TestFailOn(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "warn.py", warnPy)
	const finding = "warn.py:5:12: RT105 [warning] hashlib.pbkdf2_hmac() blocks the event loop"

	r := inDir(t, dir, "warn.py")
	wantCode(t, r, 1) // default --fail-on warning
	if !strings.HasPrefix(r.stdout, finding) {
		t.Fatalf("fixture should have one RT105 warning\n%s", r)
	}

	r = inDir(t, dir, "--fail-on", "error", "warn.py")
	wantCode(t, r, 0)
	if !strings.HasPrefix(r.stdout, finding) || !strings.Contains(r.stdout, "Found 1 problem (0 errors, 1 warning, 0 info).") {
		t.Errorf("--fail-on error must still print the warning\n%s", r)
	}

	r = inDir(t, dir, "--fail-on", "info", "warn.py")
	wantCode(t, r, 1)

	r = inDir(t, dir, "--fail-on", "fatal", "warn.py")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "--fail-on") {
		t.Errorf("bad --fail-on: stderr = %q, want it named", r.stderr)
	}
}

func TestUnknownFormat(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "good.py", goodPy)
	r := inDir(t, dir, "--format", "xml", "good.py")
	wantCode(t, r, 2)
	if want := "rtlint: unknown --format \"xml\" (want github, gitlab, json, json-lines, junit, pylint, rdjson, sarif, text)\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want empty", r.stdout)
	}
}

func TestUnknownFlag(t *testing.T) {
	dir := newDir(t)
	r := inDir(t, dir, "--no-such-flag")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "no-such-flag") {
		t.Errorf("stderr = %q, want the bad flag named", r.stderr)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "src/good.py", goodPy)
	write(t, dir, "other/warn.py", warnPy)
	r := inDir(t, dir, "src", "--format", "json")
	wantCode(t, r, 1)
	diags := decodeDiags(t, r.stdout)
	if len(diags) != 1 || diags[0].Path != "src/good.py" || diags[0].Rule != "RT101" || diags[0].Line != 4 || diags[0].Column != 5 {
		t.Errorf("rtlint src --format json = %+v, want the one RT101 of src/good.py", diags)
	}

	// Flags between paths; -- ends flags.
	r = inDir(t, dir, "src", "--select", "RT105", "other", "--format", "json", "--", "src/good.py")
	wantCode(t, r, 1)
	diags = decodeDiags(t, r.stdout)
	if len(diags) != 1 || diags[0].Path != "other/warn.py" || diags[0].Rule != "RT105" {
		t.Errorf("interspersed flags: got %+v, want only other/warn.py's RT105", diags)
	}

	// The explicit check subcommand takes the same flags.
	r = inDir(t, dir, "check", "src", "--format", "json")
	wantCode(t, r, 1)
	if d := decodeDiags(t, r.stdout); len(d) != 1 || d[0].Path != "src/good.py" {
		t.Errorf("rtlint check src --format json = %+v", d)
	}
}

func TestStdin(t *testing.T) {
	dir := newDir(t)
	const ts = "import { readFileSync } from \"fs\";\n\ninterface Cfg { path: string }\n\nexport async function load(c: Cfg): Promise<string> {\n  const s: string = readFileSync(c.path, \"utf8\");\n  return s;\n}\n"
	r := rtlint(t, runOpts{dir: dir, stdin: ts}, "-", "--stdin-filename", "app.ts")
	wantCode(t, r, 1)
	if !strings.HasPrefix(r.stdout, "app.ts:6:21: RT103 [error] readFileSync() (fs.readFileSync) blocks the event loop in async function load()") {
		t.Errorf("stdin finding not reported as app.ts:6:21\n%s", r)
	}
	if !strings.Contains(r.stdout, "6 |   const s: string = readFileSync(c.path, \"utf8\");\n") {
		t.Errorf("excerpt of stdin source missing\n%s", r)
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q, want empty", r.stderr)
	}
	// The name need not exist on disk, and JSON carries it as the path.
	r = rtlint(t, runOpts{dir: dir, stdin: ts}, "--stdin-filename", "web/app.ts", "--format", "json", "-")
	wantCode(t, r, 1)
	if d := decodeDiags(t, r.stdout); len(d) != 1 || d[0].Path != "web/app.ts" || d[0].Rule != "RT103" {
		t.Errorf("stdin as JSON = %+v, want one RT103 in web/app.ts", d)
	}

	// Clean source on stdin.
	r = rtlint(t, runOpts{dir: dir, stdin: "export const x: number = 1;\n"}, "-", "--stdin-filename", "app.ts")
	wantCode(t, r, 0)
	if r.stdout != "All checks passed!\n" {
		t.Errorf("clean stdin: stdout = %q", r.stdout)
	}

	r = rtlint(t, runOpts{dir: dir, stdin: ts}, "-")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "--stdin-filename") {
		t.Errorf("- without --stdin-filename: stderr = %q, want the flag named", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("- without --stdin-filename: stdout = %q, want empty", r.stdout)
	}
}

// ---- 4. text output ----

func TestTextOutput(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "good.py", goodPy)
	write(t, dir, "mixed.py", mixedPy)

	r := rtlint(t, runOpts{dir: dir, env: []string{"NO_COLOR=1"}}, "good.py")
	wantCode(t, r, 1)
	want := goodFinding +
		"  |\n" +
		"4 |     time.sleep(1)\n" +
		"  |     ^^^^^^^^^^^^^\n" +
		"Found 1 problem (1 error, 0 warnings, 0 info).\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q, want empty", r.stderr)
	}

	r = rtlint(t, runOpts{dir: dir, env: []string{"NO_COLOR=1"}}, ".")
	wantCode(t, r, 1)
	if !strings.Contains(r.stdout, "Found 3 problems (3 errors, 0 warnings, 0 info).\n") {
		t.Errorf("summary for three findings missing\n%s", r)
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Errorf("NO_COLOR=1 output contains ANSI escapes: %q", r.stdout)
	}
	// The caret spans requests.get(...) under its own column.
	if !strings.Contains(r.stdout, "7 |     return requests.get(\"https://example.com\")\n  |            "+strings.Repeat("^", 35)+"\n") {
		t.Errorf("RT102 excerpt or caret wrong\n%s", r.stdout)
	}

	r = inDir(t, dir, "--quiet", ".")
	wantCode(t, r, 1)
	if lines := nonEmptyLines(r.stdout); len(lines) != 3 || strings.Contains(r.stdout, "|") || strings.Contains(r.stdout, "Found") {
		t.Errorf("--quiet should print only the 3 finding lines\n%s", r)
	}

	clean := newDir(t)
	write(t, clean, "clean.py", cleanPy)
	r = inDir(t, clean, "clean.py")
	wantCode(t, r, 0)
	if r.stdout != "All checks passed!\n" || r.stderr != "" {
		t.Errorf("clean file:\n%s", r)
	}
	// Default path is ".".
	r = inDir(t, clean)
	wantCode(t, r, 0)
	if r.stdout != "All checks passed!\n" {
		t.Errorf("rtlint with no path in a clean dir:\n%s", r)
	}
}

// TestColorOnTerminal runs rtlint with stdout on a pseudo-terminal, where
// it colours its output unless NO_COLOR is set. (Through a pipe it never
// colours, so NO_COLOR can only be tested meaningfully on a terminal.)
func TestColorOnTerminal(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "good.py", goodPy)

	colored := runOnPTY(t, runOpts{dir: dir}, "good.py")
	if !strings.Contains(colored, "\x1b[") {
		t.Errorf("on a terminal without NO_COLOR, want ANSI colour, got %q", colored)
	}
	plain := runOnPTY(t, runOpts{dir: dir, env: []string{"NO_COLOR=1"}}, "good.py")
	if strings.Contains(plain, "\x1b") {
		t.Errorf("NO_COLOR=1 on a terminal: output contains ANSI escapes: %q", plain)
	}
	if !strings.Contains(plain, "good.py:4:5: RT101 [error]") || !strings.Contains(plain, "Found 1 problem") {
		t.Errorf("NO_COLOR=1 on a terminal: finding missing: %q", plain)
	}
}

// runOnPTY runs rtlint with stdout on a new pseudo-terminal and returns
// what it wrote there. Linux only (the ioctls below); skipped elsewhere.
func runOnPTY(t *testing.T, o runOpts, args ...string) string {
	t.Helper()
	// Generic Linux ioctl numbers (asm-generic/ioctls.h).
	const (
		tiocgptn   = 0x80045430
		tiocsptlck = 0x40045431
	)
	switch runtime.GOARCH {
	case "amd64", "arm64", "386", "arm", "riscv64":
	default:
		skipOrFail(t, "pseudo-terminal test not supported on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	if runtime.GOOS != "linux" {
		skipOrFail(t, "pseudo-terminal test not supported on %s", runtime.GOOS)
	}
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		skipOrFail(t, "no pseudo-terminals: %v", err)
	}
	defer master.Close()
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), tiocsptlck, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatalf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), tiocgptn, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatalf("ptsname: %v", e)
	}
	slave, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening pty slave: %v", err)
	}

	cmd := command(o, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = slave, &stderr
	if err := cmd.Start(); err != nil {
		slave.Close()
		t.Fatal(err)
	}
	slave.Close() // the child holds its own copy
	out := make(chan []byte)
	go func() {
		// Reading the master ends with EIO once the child has exited.
		b, _ := io.ReadAll(master)
		out <- b
	}()
	err = cmd.Wait()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatal(err)
	}
	b := <-out
	if stderr.Len() > 0 {
		t.Errorf("stderr = %q, want empty", stderr.String())
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// ---- 5. directory walking ----

var findingLine = regexp.MustCompile(`^(\S+):(\d+):(\d+): (RT\d{3}) `)

type findingPos struct {
	path         string
	line, column int
	rule         string
}

// findingPositions extracts the finding lines of text output.
func findingPositions(stdout string) []findingPos {
	var ps []findingPos
	for _, l := range strings.Split(stdout, "\n") {
		if m := findingLine.FindStringSubmatch(l); m != nil {
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			ps = append(ps, findingPos{m[1], line, col, m[4]})
		}
	}
	return ps
}

func findingPaths(stdout string) map[string]bool {
	paths := map[string]bool{}
	for _, p := range findingPositions(stdout) {
		paths[p.path] = true
	}
	return paths
}

func TestWalkExcludes(t *testing.T) {
	dir := newDir(t)
	write(t, dir, "app.py", goodPy)
	write(t, dir, "pkg/mod.py", goodPy)
	write(t, dir, "node_modules/lib/index.py", goodPy)
	write(t, dir, "node_modules/lib/index.js", "const fs = require(\"fs\");\nasync function f() { return fs.readFileSync(\"x\"); }\n")
	write(t, dir, "pkg/node_modules/deep.py", goodPy)
	write(t, dir, ".venv/lib/site.py", goodPy)
	write(t, dir, "build/gen.py", goodPy)
	write(t, dir, ".gitignore", "generated/\n*_pb2.py\n")
	write(t, dir, "generated/api.py", goodPy)
	write(t, dir, "pkg/msg_pb2.py", goodPy)
	write(t, dir, "pkg/.gitignore", "local.py\n")
	write(t, dir, "pkg/local.py", goodPy)
	write(t, dir, "other/local.py", goodPy) // pkg/.gitignore does not reach here
	write(t, dir, "notes.txt", "time.sleep(1)\n")

	r := inDir(t, dir, ".")
	wantCode(t, r, 1)
	if r.stderr != "" {
		t.Errorf("stderr = %q, want empty", r.stderr)
	}
	got := findingPaths(r.stdout)
	want := map[string]bool{"app.py": true, "pkg/mod.py": true, "other/local.py": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("linted files with findings = %v, want %v\n%s", got, want, r)
	}

	// Walking a subdirectory directly still honours its own .gitignore
	// and the default excludes.
	r = inDir(t, dir, "pkg")
	wantCode(t, r, 1)
	if got := findingPaths(r.stdout); !reflect.DeepEqual(got, map[string]bool{"pkg/mod.py": true, "pkg/msg_pb2.py": true}) {
		// pkg/msg_pb2.py is ignored only by the parent's .gitignore,
		// which a walk rooted at pkg does not read.
		t.Errorf("rtlint pkg: files with findings = %v\n%s", got, r)
	}

	// A file named explicitly is linted even when ignored.
	r = inDir(t, dir, "generated/api.py")
	wantCode(t, r, 1)
	if !strings.HasPrefix(r.stdout, "generated/api.py:4:5: RT101 ") {
		t.Errorf("explicitly named ignored file not linted\n%s", r)
	}
}

func TestDeterministicOutput(t *testing.T) {
	dir := newDir(t)
	names := []string{"z.py", "a.py", "m/b.py", "m/a.py", "m/n/c.py", "B.py", "_x.py", "k.ts", "j.js"}
	for _, n := range names {
		switch filepath.Ext(n) {
		case ".py":
			write(t, dir, n, mixedPy)
		default:
			write(t, dir, n, "import { readFileSync, writeFileSync } from \"fs\";\n\nexport async function f(p) {\n  writeFileSync(p, readFileSync(p));\n}\n")
		}
	}
	first := inDir(t, dir, "--jobs", "2", ".")
	wantCode(t, first, 1)
	second := inDir(t, dir, "--jobs", "2", ".")
	if first != second {
		t.Errorf("two runs with --jobs 2 differ:\n%s\n---\n%s", first, second)
	}
	serial := inDir(t, dir, "--jobs", "1", ".")
	if serial != first {
		t.Errorf("--jobs 1 and --jobs 2 differ:\n%s\n---\n%s", serial, first)
	}
	jsonA := inDir(t, dir, "--jobs", "2", "--format", "json", ".")
	jsonB := inDir(t, dir, "--jobs", "2", "--format", "json", ".")
	if jsonA != jsonB {
		t.Errorf("two JSON runs with --jobs 2 differ")
	}

	ps := findingPositions(first.stdout)
	if len(ps) < 2*len(names) {
		t.Fatalf("got %d findings, want at least %d\n%s", len(ps), 2*len(names), first)
	}
	seen := map[string]bool{}
	for i, p := range ps {
		seen[p.path] = true
		if i == 0 {
			continue
		}
		q := ps[i-1]
		if q.path > p.path || q.path == p.path && (q.line > p.line || q.line == p.line && q.column > p.column) {
			t.Errorf("findings out of order: %v before %v", q, p)
		}
	}
	for _, n := range names {
		if !seen[n] {
			t.Errorf("no finding for %s", n)
		}
	}
}

// ---- 6. subcommands ----

func TestRulesCommand(t *testing.T) {
	dir := newDir(t)
	r := inDir(t, dir, "rules")
	wantCode(t, r, 0)
	lines := nonEmptyLines(r.stdout)
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "CODE") {
		t.Fatalf("rules output has no header\n%s", r)
	}
	var codes []string
	for _, l := range lines[1:] {
		codes = append(codes, strings.Fields(l)[0])
	}
	for i := 1; i <= 7; i++ {
		code := fmt.Sprintf("RT10%d", i)
		found := false
		for _, c := range codes {
			found = found || c == code
		}
		if !found {
			t.Errorf("rtlint rules does not list %s\n%s", code, r.stdout)
		}
	}
	rows := map[string][]string{}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		rows[f[0]] = f
	}
	if f := rows["RT101"]; len(f) < 3 || f[1] != "blocking-sleep" || f[2] != "error" {
		t.Errorf("RT101 row = %q, want blocking-sleep error\n%s", f, r.stdout)
	}
	if f := rows["RT105"]; len(f) < 3 || f[1] != "blocking-crypto-compress" || f[2] != "warning" {
		t.Errorf("RT105 row = %q, want blocking-crypto-compress warning\n%s", f, r.stdout)
	}
}

func TestRuleCommand(t *testing.T) {
	dir := newDir(t)
	r := inDir(t, dir, "rule", "RT101")
	wantCode(t, r, 0)
	for _, s := range []string{"RT101", "blocking-sleep", "What it does", "time.sleep()"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("rtlint rule RT101 lacks %q\n%s", s, r.stdout)
		}
	}
	r = inDir(t, dir, "rule", "RT999")
	wantCode(t, r, 2)
	if want := "rtlint: unknown rule \"RT999\"; 'rtlint rules' lists them\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want empty", r.stdout)
	}
	r = inDir(t, dir, "rule")
	wantCode(t, r, 2)
}

func TestVersionCommand(t *testing.T) {
	dir := newDir(t)
	r := inDir(t, dir, "version")
	wantCode(t, r, 0)
	if !regexp.MustCompile(`^rtlint \S+\n$`).MatchString(r.stdout) {
		t.Errorf("version output = %q", r.stdout)
	}
	r = inDir(t, dir, "--help")
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "Usage:") {
		t.Errorf("--help output = %q", r.stdout)
	}
}

// skipOrFail skips a test whose tool or facility is missing, unless
// RTLINT_REQUIRE_TOOLS is set (CI), where the missing piece is a failure.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
		t.Fatalf("RTLINT_REQUIRE_TOOLS is set: "+format, args...)
	}
	t.Skipf(format, args...)
}

// --show-files lists what would be linted: vendored, bundled and generated
// files are left out, and nothing is linted.
func TestShowFiles(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"app.py":               "import time\n\nasync def h():\n    time.sleep(1)\n",
		"static/app.min.js":    "x()\n",
		"vendor/lib.js":        "x()\n",
		"gen/out.js":           "x();\n//# sourceMappingURL=out.js.map\n",
		"src/handlers/user.ts": "export const x = 1;\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := inDir(t, dir, "check", "--show-files", ".")
	want := "app.py\n" + filepath.Join("src", "handlers", "user.ts") + "\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("rtlint check --show-files . = %s\nwant stdout %q", r, want)
	}
}

// With -v, --show-files also says on stderr which paths were left out and
// why; .gitignore negations re-include what they name.
func TestShowFilesVerbose(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		".gitignore":                "plugins/*\n!plugins/challenges/\n",
		"pyproject.toml":            "[tool.rtlint]\nexclude = [\"migrations/**\"]\n",
		"app.py":                    "x = 1\n",
		"plugins/a/x.py":            "x = 1\n",
		"plugins/challenges/c.py":   "x = 1\n",
		"migrations/0001.py":        "x = 1\n",
		"static/app.min.js":         "x()\n",
		"gen/out.js":                "x();\n//# sourceMappingURL=out.js.map\n",
		"node_modules/pkg/index.js": "x()\n",
	} {
		writeFile(t, filepath.Join(dir, name), text)
	}
	r := inDir(t, dir, "check", "--show-files", "-v", ".")
	want := "app.py\n" + filepath.Join("plugins", "challenges", "c.py") + "\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("rtlint check --show-files -v . = %s\nwant stdout %q", r, want)
	}
	for _, line := range []string{
		"rtlint: skipped gen/out.js: generated or bundled",
		"rtlint: skipped migrations/: excluded by the configuration (migrations/**)",
		"rtlint: skipped node_modules/: default exclude (node_modules)",
		"rtlint: skipped plugins/a/: ignored by .gitignore:1 (plugins/*)",
		"rtlint: skipped static/app.min.js: vendored or minified (*.min.js)",
	} {
		if !strings.Contains(r.stderr, filepath.FromSlash(line)) {
			t.Errorf("stderr lacks %q:\n%s", line, r.stderr)
		}
	}
	if r := inDir(t, dir, "check", "--show-files", "."); r.stderr != "" {
		t.Errorf("without -v, stderr should be empty: %s", r)
	}
}

// --force-exclude applies the config's exclude and the defaults to files
// named on the command line, as pre-commit names every staged file.
func TestForceExclude(t *testing.T) {
	dir := t.TempDir()
	bad := "import time\n\nasync def h():\n    time.sleep(1)\n"
	writeFile(t, filepath.Join(dir, "pyproject.toml"), "[tool.rtlint]\nexclude = [\"migrations/**\"]\n")
	writeFile(t, filepath.Join(dir, "migrations", "0001.py"), bad)
	writeFile(t, filepath.Join(dir, "vendor", "lib.py"), bad)
	writeFile(t, filepath.Join(dir, "app.py"), bad)
	named := []string{filepath.Join("migrations", "0001.py"), filepath.Join("vendor", "lib.py"), "app.py"}
	r := inDir(t, dir, append([]string{"check", "--format", "json"}, named...)...)
	if got := strings.Count(r.stdout, `"RT101"`); got != 3 {
		t.Errorf("named files without --force-exclude: %d findings, want 3: %s", got, r)
	}
	r = inDir(t, dir, append([]string{"check", "--format", "json", "--force-exclude"}, named...)...)
	if got := strings.Count(r.stdout, `"RT101"`); got != 1 || !strings.Contains(r.stdout, `"app.py"`) {
		t.Errorf("with --force-exclude: %d findings, want only app.py's: %s", got, r)
	}
}

// --show-settings prints the resolved configuration and the project facts
// for a file, and lints nothing (SPEC §2b, §6).
func TestShowSettings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pyproject.toml"), "[project]\nname = \"x\"\nrequires-python = \">=3.8\"\ndependencies = [\"fastapi==0.116.1\"]\n\n[tool.rtlint]\nignore = [\"RT203\"]\n")
	writeFile(t, filepath.Join(dir, "uv.lock"), "[[package]]\nname = \"pydantic\"\nversion = \"1.10.13\"\n")
	writeFile(t, filepath.Join(dir, "app.py"), "import time\n\nasync def h():\n    time.sleep(1)\n")
	r := inDir(t, dir, "check", "--show-settings", "app.py")
	for _, want := range []string{"configuration: " + filepath.Join(dir, "pyproject.toml"), "ignore: RT203", "python                 >=3.8", "fastapi                ==0.116.1", "pydantic               ==1.10.13"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--show-settings lacks %q:\n%s", want, r)
		}
	}
	if r.code != 0 || strings.Contains(r.stdout, "RT101 [") {
		t.Errorf("--show-settings should exit 0 and lint nothing: %s", r)
	}
}

// A manifest that cannot be parsed is a warning naming it; its facts are
// unknown (recent versions) and every file is still linted.
func TestMalformedManifest(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "package.json"), "{\"engines\": {\"node\": \">=12\"},")
	writeFile(t, filepath.Join(dir, "app.js"), "const fs = require('fs');\nasync function h() { return fs.readFileSync('x'); }\nmodule.exports = h;\n")
	r := inDir(t, dir, "check", "--format", "json", ".")
	if !strings.Contains(r.stderr, "rtlint: warning: "+filepath.Join(dir, "package.json")+": ") || !strings.Contains(r.stderr, "project facts are unknown") {
		t.Errorf("stderr should warn about package.json: %s", r)
	}
	if r.code != 1 || !strings.Contains(r.stdout, `"RT103"`) {
		t.Errorf("app.js should still be linted (exit 1 with RT103): %s", r)
	}
}

// JSON findings say where their code runs; outside request code they are
// info (SPEC §2 "where it runs").
func TestJSONWhere(t *testing.T) {
	dir := t.TempDir()
	bad := "import time\n\nasync def h():\n    time.sleep(1)\n"
	writeFile(t, filepath.Join(dir, "app.py"), bad)
	writeFile(t, filepath.Join(dir, "tests", "test_app.py"), bad)
	writeFile(t, filepath.Join(dir, "scripts", "seed.py"), bad)
	r := inDir(t, dir, "check", "--format", "json", ".")
	got := map[string]string{}
	for _, d := range decodeDiags(t, r.stdout) {
		got[filepath.ToSlash(d.Path)] = d.Where + " " + d.Severity
	}
	want := map[string]string{"app.py": "request error", "tests/test_app.py": "test info", "scripts/seed.py": "script info"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("where and severity = %v, want %v", got, want)
	}
}

// The results cache (issue 12): a second run reports exactly what the
// first did; a changed helper changes its dependent's reach finding (reach
// is resolved afresh); --no-cache neither reads nor writes it; --fix never
// trusts it; `rtlint clean` removes it.
func TestResultsCache(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pyproject.toml"), "[project]\nname = \"x\"\n")
	writeFile(t, filepath.Join(dir, "app.py"), "import helpers\nimport time\n\n\nasync def handler():\n    time.sleep(1)\n    return helpers.load()\n")
	writeFile(t, filepath.Join(dir, "helpers.py"), "def load():\n    return 1\n")
	writeFile(t, filepath.Join(dir, "quiet.py"), "x = 1\n")

	if r := inDir(t, dir, "check", "--no-cache", "."); r.code != 1 {
		t.Fatalf("first run: %s", r)
	}
	if _, err := os.Stat(filepath.Join(dir, ".rtlint_cache")); !os.IsNotExist(err) {
		t.Fatalf("--no-cache wrote the cache: %v", err)
	}
	cold := inDir(t, dir, "check", "--format", "json", ".")
	if _, err := os.Stat(filepath.Join(dir, ".rtlint_cache", ".gitignore")); err != nil {
		t.Fatalf("no cache after a run: %v", err)
	}
	warm := inDir(t, dir, "check", "--format", "json", ".")
	if warm.stdout != cold.stdout || warm.code != cold.code {
		t.Errorf("warm run differs:\ncold %s\nwarm %s", cold, warm)
	}
	// The helper now blocks: app.py is unchanged (cached), yet the reach
	// finding in helpers.py names it as the entry.
	writeFile(t, filepath.Join(dir, "helpers.py"), "def load():\n    with open(\"x\") as f:\n        return f.read()\n")
	r := inDir(t, dir, "check", "--format", "json", ".")
	if !strings.Contains(r.stdout, `"path": "helpers.py"`) || !strings.Contains(r.stdout, "reached from async def handler()") {
		t.Errorf("a changed helper should show through the cached caller: %s", r)
	}
	// --fix rewrites app.py from its own analysis; a run after it sees the
	// fixed text, not the cached findings.
	if r := inDir(t, dir, "check", "--fix", "--select", "RT101", "app.py"); !strings.Contains(r.stdout+r.stderr, "Fixed 1") {
		t.Errorf("--fix: %s", r)
	}
	if r := inDir(t, dir, "check", "--select", "RT101", "--format", "json", "app.py"); strings.Contains(r.stdout, "RT101") {
		t.Errorf("after --fix the cached finding came back: %s", r)
	}
	if r := inDir(t, dir, "clean"); r.code != 0 {
		t.Errorf("clean: %s", r)
	}
	if _, err := os.Stat(filepath.Join(dir, ".rtlint_cache")); !os.IsNotExist(err) {
		t.Errorf("clean left the cache: %v", err)
	}
	// RTLINT_CACHE_DIR moves it.
	elsewhere := filepath.Join(t.TempDir(), "c")
	rtlint(t, runOpts{dir: dir, env: []string{"RTLINT_CACHE_DIR=" + elsewhere}}, "check", ".")
	if _, err := os.Stat(filepath.Join(elsewhere, "entries")); err != nil {
		t.Errorf("RTLINT_CACHE_DIR not used: %v", err)
	}
}

// Two runs at once share the cache without corrupting it.
func TestResultsCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("m%02d.py", i)), "import time\n\nasync def h():\n    time.sleep(1)\n")
	}
	want := inDir(t, dir, "check", "--no-cache", "--format", "json", ".").stdout
	done := make(chan result, 4)
	for i := 0; i < 4; i++ {
		go func() { done <- rtlint(t, runOpts{dir: dir}, "check", "--format", "json", ".") }()
	}
	for i := 0; i < 4; i++ {
		if r := <-done; r.stdout != want {
			t.Errorf("a concurrent run differs: %s", r)
		}
	}
	if r := inDir(t, dir, "check", "--format", "json", "."); r.stdout != want {
		t.Errorf("the run after them differs: %s", r)
	}
}

// The orjson fix is not offered to a project that declares its
// dependencies without orjson: the import would fail (the advice stays).
func TestOrjsonFixNeedsTheDependency(t *testing.T) {
	dir := t.TempDir()
	src := "import json\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get(\"/\")\ndef index(raw: str):\n    return json.loads(raw)\n"
	writeFile(t, filepath.Join(dir, "app.py"), src)
	writeFile(t, filepath.Join(dir, "requirements.txt"), "fastapi==0.131.0\n")
	r := inDir(t, dir, "check", "--format", "json", "app.py")
	if !strings.Contains(r.stdout, `"RT301"`) || !strings.Contains(r.stdout, `"fix": null`) {
		t.Errorf("without orjson in requirements.txt: want RT301 with no fix: %s", r)
	}
	writeFile(t, filepath.Join(dir, "requirements.txt"), "fastapi==0.131.0\norjson>=3.9\n")
	r = inDir(t, dir, "check", "--no-cache", "--format", "json", "app.py")
	if !strings.Contains(r.stdout, "orjson.loads") {
		t.Errorf("with orjson declared: want the fix: %s", r)
	}
}

// cache-dir in the configuration moves the results cache.
func TestCacheDirConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "rtlint.toml"), "cache-dir = \"build-cache/rtlint\"\n")
	writeFile(t, filepath.Join(dir, "app.py"), "x = 1\n")
	if r := inDir(t, dir, "check", "."); r.code != 0 {
		t.Fatalf("check: %s", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "build-cache", "rtlint", "entries")); err != nil {
		t.Errorf("cache-dir not used: %v", err)
	}
	if r := inDir(t, dir, "clean"); r.code != 0 || !strings.Contains(r.stdout, filepath.Join("build-cache", "rtlint")) {
		t.Errorf("clean should remove the configured cache: %s", r)
	}
}

// Only regular files are read: a FIFO or a device named like source is an
// error naming it (no hang), and the other files are still linted.
func TestNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.py"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "package.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.py")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "app.py"), "import time\n\nasync def h():\n    time.sleep(1)\n")
	done := make(chan result, 1)
	go func() { done <- inDir(t, dir, "check", "--format", "json", ".") }()
	select {
	case r := <-done:
		if r.code != 2 || !strings.Contains(r.stderr, "pipe.py: not a regular file (a named pipe)") ||
			!strings.Contains(r.stderr, "zero.py: not a regular file (a device)") || !strings.Contains(r.stdout, `"RT101"`) {
			t.Errorf("want errors for pipe.py and zero.py and app.py's finding: %s", r)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("rtlint hung on a FIFO")
	}
}

// Control characters in file names are escaped in text output and errors.
func TestControlCharactersInPaths(t *testing.T) {
	dir := t.TempDir()
	name := "a\x1b[2J.py"
	writeFile(t, filepath.Join(dir, name), "import time\n\nasync def h():\n    time.sleep(1)\n")
	r := inDir(t, dir, "check", "--quiet", ".")
	if strings.Contains(r.stdout, "\x1b") || !strings.Contains(r.stdout, `"a\x1b[2J.py"`) {
		t.Errorf("want the name quoted with its escape: %q", r.stdout)
	}
}

// `rtlint version` and `rtlint --version` print the build's version.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := inDir(t, t.TempDir(), args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "rtlint ") || strings.TrimSpace(strings.TrimPrefix(r.stdout, "rtlint ")) == "" {
			t.Errorf("rtlint %v: %s", args, r)
		}
	}
}

// `rtlint server --stdio` starts the server: vscode-languageclient (with
// TransportKind.stdio) and other clients add the flag. Its input ending
// before shutdown is exit status 1, a bad flag 2.
func TestServerAcceptsStdio(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"server", "--stdio"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("server --stdio with no input: exit %d, want 1; stderr: %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"server", "--no-such-flag"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("server --no-such-flag: exit %d, want 2", code)
	}
}

// Asked for help, check and server print their usage on stdout and exit 0
// (a bad flag still goes to stderr with exit 2).
func TestHelpGoesToStdout(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"check", "--help"}, {"check", "-h"}, {"server", "--help"}} {
		r := inDir(t, dir, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage of rtlint") || r.stderr != "" {
			t.Errorf("%v: %s; want usage on stdout, exit 0", args, r)
		}
	}
	if r := inDir(t, dir, "check", "--bogus"); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "bogus") {
		t.Errorf("check --bogus: %s", r)
	}
}

// A suppression naming no rule (a typo) is a warning on stderr naming the
// place, without changing the exit status, also when the file's result
// comes from the cache; with --show-unused-suppressions it is RT000.
func TestUnknownSuppressionCodeWarns(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.py"), "import time\n\n\ndef f():\n    time.sleep(1)  # rtlint: ignore[RT1O1]\n")
	want := "rtlint: warning: a.py:5:20: suppression names RT1O1, which is no rule code\n"
	for _, run := range []string{"cold", "cached"} {
		r := inDir(t, dir, "check", "a.py")
		if r.code != 0 || r.stderr != want {
			t.Errorf("%s run: %s\nwant stderr %q", run, r, want)
		}
	}
	r := inDir(t, dir, "check", "--show-unused-suppressions", "--no-cache", "a.py")
	if r.code != 0 || strings.Contains(r.stderr, "warning") || !strings.Contains(r.stdout, "RT000 [info]") || !strings.Contains(r.stdout, "RT1O1 (unknown)") {
		t.Errorf("--show-unused-suppressions: %s", r)
	}
}

// Every --format the help names runs on the examples through the binary's
// code path and produces its kind of output.
func TestEveryFormat(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "testdata", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]func(string) bool{
		"json-lines": func(out string) bool {
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var v map[string]any
				if json.Unmarshal([]byte(l), &v) != nil || v["rule"] == nil {
					return false
				}
			}
			return true
		},
		"junit": func(out string) bool {
			return xml.Unmarshal([]byte(out), new(struct{})) == nil && strings.Contains(out, "<failure")
		},
		"rdjson": func(out string) bool {
			var v map[string]any
			return json.Unmarshal([]byte(out), &v) == nil && v["diagnostics"] != nil
		},
		"pylint": func(out string) bool {
			return regexp.MustCompile(`(?m)^\S+\.(py|js|ts):\d+: \[RT\d{3}\] .+$`).MatchString(out)
		},
	}
	for format, ok := range checks {
		r := inDir(t, t.TempDir(), "check", "--no-cache", "--format", format, examples)
		if r.code != 1 || !ok(r.stdout) {
			t.Errorf("--format %s: %.900s", format, r)
		}
	}
}

// A baseline records today's findings; later runs report only new ones,
// matched by fingerprint when lines move, from any working directory.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.py"), "import time\n\nasync def f():\n    time.sleep(1)\n")
	r := inDir(t, dir, "check", "--baseline", "base.json", "--write-baseline", ".")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "recorded 1 findings in base.json") {
		t.Fatalf("--write-baseline: %s", r)
	}
	if r := inDir(t, dir, "check", "--baseline", "base.json", "--no-cache", "."); r.code != 0 || strings.Contains(r.stdout, "RT101") {
		t.Errorf("an unchanged tree against its baseline: %s", r)
	}
	// The old finding moves down two lines; a new one appears.
	writeFile(t, filepath.Join(dir, "a.py"), "# moved\n\nimport time\n\nasync def f():\n    time.sleep(1)\n\nasync def g():\n    time.sleep(2)\n")
	r = inDir(t, dir, "check", "--baseline", "base.json", "--no-cache", "--format", "pylint", ".")
	if r.code != 1 || r.stdout != "a.py:9: [RT101] time.sleep() blocks the event loop in async def g(); use await asyncio.sleep()\n" ||
		!strings.Contains(r.stderr, "1 findings recorded in the baseline were not reported") {
		t.Errorf("with a moved and a new finding: %s", r)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := inDir(t, sub, "check", "--baseline", "../base.json", "--no-cache", "--format", "pylint", ".."); r.code != 1 || strings.Count(r.stdout, "RT101") != 1 {
		t.Errorf("from a subfolder: %s", r)
	}
	// Bad baselines are errors naming the file; a bad combination is a usage error.
	writeFile(t, filepath.Join(dir, "bad.json"), "{not json")
	for _, args := range [][]string{
		{"check", "--baseline", "missing.json", "."},
		{"check", "--baseline", "bad.json", "."},
		{"check", "--write-baseline", "."},
		{"check", "--baseline", "base.json", "--fix", "."},
	} {
		r := inDir(t, dir, args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("%v: %s", args, r)
		}
		if (args[2] == "missing.json" || args[2] == "bad.json") && !strings.Contains(r.stderr, args[2]) {
			t.Errorf("%v: the error should name %s: %s", args, args[2], r)
		}
	}
}

// Package regular expressions compile on first use (internal/lazyre); this
// compiles every one linked into the binary, so a bad one fails here and
// not in a user's run.
func TestLazyRegexpsCompile(t *testing.T) {
	n, err := lazyre.CheckAll()
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d lazy expressions registered; the packages' variables should all be", n)
	}
}
