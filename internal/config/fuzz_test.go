package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad loads arbitrary bytes as each kind of configuration file
// (issue 14): never a panic; an error is either a configuration Error
// that names the file, or a read error.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"select = [\"RT1\"]\nignore = [\"RT104\"]\n",
		"[tool.rtlint]\nexclude = [\"migrations/**\"]\n[tool.rtlint.rules.RT201]\nmin-iterations = 1000\n",
		"[rules.RT101]\nextra-calls = [\"mylib.*\", { call = \"a.b\", use = \"c\" }]\n",
		"severity = { RT301 = \"error\" }\nper-file-ignores = { \"tests/**\" = [\"RT1\"] }\n",
		"transitive = false\nmax-depth = 3\noffload-calls = [\"pool.run\"]\ncache-dir = \"x\"\npython-free-threaded = true\n",
		"[rules.RT999]\nx = 1\n", "select = 3\n", "[tool.rtlint\n", "\x00\xff",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, pyproject bool) {
		name := "rtlint.toml"
		if pyproject {
			name = "pyproject.toml"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p)
		if err == nil {
			if c == nil {
				t.Fatal("Load returned neither a config nor an error")
			}
			c.Lint(filepath.Join(filepath.Dir(p), "a.py"))
			return
		}
		var ce *Error
		if errors.As(err, &ce) && !strings.Contains(err.Error(), name) {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
