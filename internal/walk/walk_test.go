package walk

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Vendored and minified code is skipped by default (SPEC §5); a file named
// on the command line is still linted.
func TestVendoredSkipped(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"app.js", "static/app.min.js", "static/lib.bundle.js", "vendor/x.js", "third_party/y.py", "src/ok.py"} {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, errs := Files([]string{root}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{filepath.Join(root, "app.js"), filepath.Join(root, "src", "ok.py")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("Files = %v, want %v", files, want)
	}
	named := filepath.Join(root, "static", "app.min.js")
	if files, _ := Files([]string{named}, Options{}); len(files) != 1 || files[0] != named {
		t.Errorf("Files(%s) = %v, want the named file", named, files)
	}
}

func TestGenerated(t *testing.T) {
	long := "var a=" + strings.Repeat("1+", 3000) + "1;\n"
	for _, tc := range []struct {
		path, src string
		want      bool
	}{
		{"app.js", "const x = 1;\nmodule.exports = x;\n", false},
		{"app.js", "const x = 1;\n//# sourceMappingURL=app.js.map\n", true},
		{"app.py", "x = 1\n# sourceMappingURL=whatever\n", false},
		{"bundle.js", long, true},
		{"data.py", "TABLE = [" + strings.Repeat("1, ", 2000) + "]\n", true},
		{"normal.py", strings.Repeat("def f():\n    return 1\n", 200), false},
		// Readable minified code (diff-match-patch averages ~350 a line), and
		// a small single-line custom build.
		{"libs/dmp.js", strings.Repeat(strings.Repeat("var a=function(b,c){return b+c};", 14)+"\n", 5), true},
		{"libs/modernizr.js", "/*! modernizr */\n!function(e,n){" + strings.Repeat("e[n]=1;", 200) + "}();\n", true},
		{"static/js/pages/main.dev.js", "/******/ (function(modules) { // webpackBootstrap\n/******/ })([]);\n", true},
		{"theme/static/assets/index.1cf73b05.js", "import{a}from'./x.js';a();\n", true},
		{"theme/static/assets/pages/teams-_vTPzDx0.js", "import{a}from'./x.js';a();\n", true},
		{"src/assets/settings.js", "export const a = 1;\n", false},
		{"src/components/user-profile.js", "export const a = 1;\n", false},
		{"src/assets/useLocalStorage.js", "export const a = 1;\n", false},
	} {
		if got := Generated(tc.path, []byte(tc.src)); got != tc.want {
			t.Errorf("Generated(%s, %.30q…) = %v, want %v", tc.path, tc.src, got, tc.want)
		}
	}
}
