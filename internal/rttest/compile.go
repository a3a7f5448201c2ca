package rttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rtlint/rtlint/internal/source"
)

// compiles checks fixed code with the language's own compiler (issue 11:
// every fix must produce code that compiles): Python's compile(), and
// `node --check` for JavaScript. TypeScript is parsed only (no compiler
// here). A missing interpreter skips the check, unless RTLINT_REQUIRE_TOOLS
// is set (CI), where it fails.
func compiles(t *testing.T, path string, src []byte) {
	t.Helper()
	var cmd []string
	switch lang, ext := source.LanguageOf(path), filepath.Ext(path); {
	case lang == source.Python:
		cmd = []string{"python3", "-c", "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')"}
	case ext == ".js" || ext == ".cjs" || ext == ".mjs":
		cmd = []string{"node", "--check"}
	default:
		return
	}
	if _, err := exec.LookPath(cmd[0]); err != nil {
		if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found and RTLINT_REQUIRE_TOOLS is set", cmd[0])
		}
		return
	}
	tmp := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(cmd[0], append(cmd[1:], tmp)...).CombinedOutput()
	if err != nil {
		t.Errorf("fixed %s does not compile (%s): %v\n%s\n--- source:\n%s", path, cmd[0], err, out, src)
	}
}
