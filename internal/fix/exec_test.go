package fix_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
)

// TestFixedProgramsRun applies the safe fixes to real programs and runs
// them before and after (issue 11: fixes must really fix): the output
// must be the same, on each supported runtime's variant of the fixes
// (asyncio.to_thread, and run_in_executor for a project on Python 3.6;
// fs.promises and promisify, and plain module names for Node 12).
func TestFixedProgramsRun(t *testing.T) {
	for _, tc := range []struct {
		name, file, interp, manifest, manifestText, want string
	}{
		{"python", "run_blocking.py", "python3", "", "", "asyncio.to_thread"},
		{"python 3.6", "run_blocking.py", "python3", "pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.6\"\n", "get_event_loop().run_in_executor"},
		{"node", "run_blocking.cjs", "node", "", "", "node:util"},
		{"node 12", "run_blocking.cjs", "node", "package.json", `{"engines": {"node": ">=12"}}`, "require('util')"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := exec.LookPath(tc.interp); err != nil {
				if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
					t.Fatalf("%s not found and RTLINT_REQUIRE_TOOLS is set", tc.interp)
				}
				t.Skipf("%s not found", tc.interp)
			}
			dir := t.TempDir()
			src, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			prog := filepath.Join(dir, tc.file)
			if err := os.WriteFile(prog, src, 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.manifest != "" {
				os.WriteFile(filepath.Join(dir, tc.manifest), []byte(tc.manifestText), 0o644)
			}
			data := filepath.Join(dir, "data")
			os.MkdirAll(filepath.Join(data, "sub"), 0o755)
			os.WriteFile(filepath.Join(data, "a.txt"), []byte("hello"), 0o644)
			run := func(code []byte) string {
				if err := os.WriteFile(prog, code, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(tc.interp, prog, data).CombinedOutput()
				if err != nil {
					t.Fatalf("%s %s: %v\n%s\n--- program:\n%s", tc.interp, tc.file, err, out, code)
				}
				return string(out)
			}
			before := run(src)
			cfg := &lint.Config{Project: facts.NewReader(nil).For(prog)}
			outcome, err := fix.File(context.Background(), prog, src, cfg, false)
			if err != nil {
				t.Fatal(err)
			}
			if outcome.Fixed < 4 || !strings.Contains(string(outcome.Src), tc.want) {
				t.Fatalf("%d fixes, want at least 4 using %s:\n%s", outcome.Fixed, tc.want, outcome.Src)
			}
			if after := run(outcome.Src); after != before {
				t.Errorf("output changed by the fixes:\nbefore %s\nafter  %s\n--- fixed:\n%s", before, after, outcome.Src)
			}
		})
	}
}

// Fixes keep a CRLF file's line endings, and a byte-order mark stays first
// (issue 14): no bare LF is added, no insertion lands between CR and LF.
func TestFixesKeepLineEndings(t *testing.T) {
	for name, src := range map[string]string{
		"crlf.py":     "import time\r\n\r\n\r\nasync def h():\r\n    time.sleep(1)\r\n",
		"bom_crlf.py": "\ufeffimport os\r\nimport time\r\n\r\nasync def h():\r\n    time.sleep(1)\r\n    return os.sep\r\n",
		"crlf.js":     "const fs = require('fs');\r\n\r\nasync function h(p) {\r\n  return fs.readFileSync(p, 'utf8');\r\n}\r\nmodule.exports = h;\r\n",
	} {
		out, err := fix.File(context.Background(), name, []byte(src), nil, false)
		if err != nil {
			t.Fatal(err)
		}
		got := string(out.Src)
		if out.Fixed == 0 {
			t.Errorf("%s: no fix applied", name)
		}
		if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
			t.Errorf("%s: a fix added a bare LF:\n%q", name, got)
		}
		if strings.HasPrefix(src, "\ufeff") && !strings.HasPrefix(got, "\ufeff") {
			t.Errorf("%s: the byte-order mark moved:\n%q", name, got)
		}
	}
}
