package walk

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The tree every generated case lays out: Python files at several depths,
// with names the patterns below single out.
var gitTree = []string{
	"top.py", "keep.py", "gen_x.py", "gen_keep.py", "test_top.py", "#weird.py",
	"a/one.py", "a/keep.py", "a/c.py", "a/b/two.py", "a/b/c/three.py", "a/b/c/keep.py",
	"plugins/x/p.py", "plugins/challenges/ch.py", "plugins/challenges/sub/deep.py", "plugins/y.py",
	"lib/l.py", "lib/keep.py", "lib/sub/l2.py", "docs/conf.py", "x/c/gen_y.py", "c/top_c.py",
}

// Pattern lines drawn for the root .gitignore and .git/info/exclude.
var rootPatterns = []string{
	"a/", "/a", "b", "b/", "a/**/c", "**/c", "plugins/*", "!plugins/challenges/",
	"!plugins/challenges", "gen_*.py", "!gen_keep.py", "/lib/*.py", "!lib/keep.py",
	"a/b/", "*", "!*/", "!*.py", "docs", "**/test_*.py", "x/**", "c/*.py",
	`\#weird.py`, "keep.py", "!keep.py", "/keep.py", "lib/**/*.py", "*.py", "!a/",
	"# a comment", "", "sub/", "!sub/deep.py", "plugins/**/deep.py", "c",
}

// Pattern lines drawn for the nested a/.gitignore and plugins/.gitignore.
var nestedPatterns = []string{
	"b/", "!b", "/c.py", "*.py", "!keep.py", "c/", "**/keep.py", "*", "!challenges/", "!*/", "x", "/b",
}

// TestGitignoreMatchesGit checks the walk against git itself on generated
// cases: the files it lints are exactly the untracked, not-ignored Python
// files `git ls-files --others --exclude-standard` lists (negations,
// anchoring, **, directory-only patterns, nested files, info/exclude).
func TestGitignoreMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
			t.Fatalf("git not found and RTLINT_REQUIRE_TOOLS is set: %v", err)
		}
		t.Skip("git not found")
	}
	rng := rand.New(rand.NewSource(9))
	pick := func(pool []string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = pool[rng.Intn(len(pool))]
		}
		return out
	}
	for trial := 0; trial < 150; trial++ {
		dir := t.TempDir()
		git(t, dir, "init", "-q")
		for _, p := range gitTree {
			write(t, filepath.Join(dir, p), "x = 1\n")
		}
		files := map[string][]string{
			".gitignore":         pick(rootPatterns, 1+rng.Intn(4)),
			"a/.gitignore":       pick(nestedPatterns, rng.Intn(3)),
			"plugins/.gitignore": pick(nestedPatterns, rng.Intn(2)),
			".git/info/exclude":  pick(rootPatterns, rng.Intn(2)),
		}
		for name, lines := range files {
			write(t, filepath.Join(dir, name), strings.Join(lines, "\n")+"\n")
		}
		want := gitUntracked(t, dir)
		// The walk runs from the repository root and from a folder inside
		// it, where the root's rules and info/exclude still hold.
		for _, sub := range []string{"", "plugins"} {
			root := filepath.Join(dir, sub)
			if _, err := os.Stat(root); err != nil {
				continue
			}
			got, errs := Files([]string{root}, Options{})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var rel []string
			for _, f := range got {
				r, _ := filepath.Rel(dir, f)
				rel = append(rel, filepath.ToSlash(r))
			}
			var wantSub []string
			for _, f := range want {
				if sub == "" || strings.HasPrefix(f, sub+"/") {
					wantSub = append(wantSub, f)
				}
			}
			if !reflect.DeepEqual(rel, wantSub) {
				t.Fatalf("case %d (walk from %q):\n.gitignore %q\na/.gitignore %q\nplugins/.gitignore %q\ninfo/exclude %q\nwalk: %v\ngit:  %v",
					trial, sub, files[".gitignore"], files["a/.gitignore"], files["plugins/.gitignore"], files[".git/info/exclude"], rel, wantSub)
			}
		}
	}
}

func gitUntracked(t *testing.T, dir string) []string {
	out := git(t, dir, "ls-files", "--others", "--exclude-standard", "-z")
	var files []string
	for _, f := range strings.Split(out, "\x00") {
		if strings.HasSuffix(f, ".py") {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return files
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	// No user or system configuration: no global excludes file.
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return string(out)
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
