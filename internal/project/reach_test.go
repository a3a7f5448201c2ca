package project

import (
	"context"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// summarize builds a file's summary, recording as blocking every call of
// a function named "block".
func summarize(t *testing.T, path, src string) *Summary {
	t.Helper()
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := semantic.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(m, Options{})
	for i := range m.Calls {
		if c := &m.Calls[i]; c.Path == "block" && c.Func != semantic.None {
			s.AddBlock(m, c.Func, "RT103", c)
		}
	}
	return s
}

func index(t *testing.T, files map[string]string) *Index {
	t.Helper()
	ix := NewIndex()
	for path, src := range files {
		ix.Add(path, summarize(t, path, src), Facts{PythonRoots: []string{"/p"}})
	}
	ix.Finish()
	return ix
}

// Mutual recursion ends, and the blocking call is reached once.
func TestReachCycles(t *testing.T) {
	ix := index(t, map[string]string{"/p/a.py": `
def ping(n):
    block()
    pong(n - 1)

def pong(n):
    ping(n - 1)

async def main():
    pong(3)
`})
	p := ix.Reach("/p/a.py", "ping", OnLoop, 0)
	if p == nil || p.Entry != "async def main()" || strings.Join(p.Through, " → ") != "pong() → ping()" {
		t.Fatalf("Reach(ping) = %+v, want async def main() through pong() → ping()", p)
	}
	got := ix.Blocking("/p/a.py", "pong", 0)
	if len(got) != 1 || strings.Join(got[0].Via, " → ") != "pong() → ping()" {
		t.Errorf("Blocking(pong) = %+v, want one block via pong() → ping()", got)
	}
}

// max-depth bounds the path; a sync caller at module level is startup.
func TestReachDepthAndStartup(t *testing.T) {
	ix := index(t, map[string]string{"/p/a.py": `
def d():
    block()

def c():
    d()

def b():
    c()

async def entry():
    b()

c()
`})
	if p := ix.Reach("/p/a.py", "d", OnLoop, 3); p == nil || len(p.Hops) != 3 {
		t.Errorf("Reach(d, depth 3) = %+v, want 3 hops", p)
	}
	if p := ix.Reach("/p/a.py", "d", OnLoop, 2); p != nil {
		t.Errorf("Reach(d, depth 2) = %+v, want nil: entry() is 3 calls away", p)
	}
	if p := ix.Reach("/p/a.py", "d", Hot, 0); p != nil {
		t.Errorf("Reach(d, Hot) = %+v, want nil: nothing hot calls it", p)
	}
}

// Replace keeps the graph for a same-shaped summary and refuses another.
func TestReplace(t *testing.T) {
	src := "def h():\n    block()\n\nasync def e():\n    h()\n"
	ix := index(t, map[string]string{"/p/a.py": src})
	moved := summarize(t, "/p/a.py", "\n\n"+src)
	if !ix.Replace("/p/a.py", moved) {
		t.Fatal("Replace refused a summary that only moved")
	}
	if p := ix.Reach("/p/a.py", "h", OnLoop, 0); p == nil || p.EntryLine != 7 {
		t.Errorf("after Replace, Reach(h) = %+v, want the entry's call on line 7", p)
	}
	if ix.Replace("/p/a.py", summarize(t, "/p/a.py", src+"\ndef other():\n    pass\n")) {
		t.Error("Replace took a summary with a new function")
	}
}

// Cross-file: a package re-export and a relative import.
func TestReachAcrossPackages(t *testing.T) {
	ix := index(t, map[string]string{
		"/p/pkg/__init__.py": "from .core import load\n",
		"/p/pkg/core.py":     "def load():\n    block()\n",
		"/p/app.py":          "from pkg import load\n\nasync def h():\n    load()\n",
	})
	p := ix.Reach("/p/pkg/core.py", "load", OnLoop, 0)
	if p == nil || p.EntryPath != "/p/app.py" {
		t.Fatalf("Reach(load) = %+v, want the entry in /p/app.py", p)
	}
}

// A test that calls the helper directly does not hide the request handler
// two calls away: application code is named first.
func TestReachPrefersApplicationEntries(t *testing.T) {
	ix := index(t, map[string]string{
		"/p/store.py":            "def save():\n    block()\n\ndef put():\n    save()\n",
		"/p/api.py":              "from store import put\n\nasync def handler():\n    put()\n",
		"/p/tests/test_store.py": "from store import save\n\nasync def test_save():\n    save()\n",
	})
	p := ix.Reach("/p/store.py", "save", OnLoop, 0)
	if p == nil || p.Entry != "async def handler()" || p.Others != 1 {
		t.Fatalf("Reach(save) = %+v, want async def handler() and 1 other entry", p)
	}
	for _, path := range []string{"tests/x.py", "pkg/test_x.py", "x_test.py", "conftest.py", "a.test.ts", "b.spec.js", "src/__tests__/c.js", "scripts/seed.py"} {
		if !TestOrScript(path) {
			t.Errorf("TestOrScript(%q) = false", path)
		}
	}
	for _, path := range []string{"app/latest.py", "contest.py", "src/testing_utils.ts"} {
		if TestOrScript(path) {
			t.Errorf("TestOrScript(%q) = true", path)
		}
	}
}

// FileRole tells tests, scripts, migrations and build configuration from
// application code (SPEC §2 "where it runs").
func TestFileRole(t *testing.T) {
	for path, want := range map[string]string{
		"tests/x.py": Test, "pkg/test_x.py": Test, "a.test.ts": Test, "src/__tests__/c.js": Test, "conftest.py": Test,
		"scripts/seed.py": Script, "dev/scripts/load_test.py": Script, "bin/cli.js": Script,
		"app/migrations/0001_init.py": Script, "alembic/versions/abc.py": Script,
		"vite.config.ts": Script, "web/webpack.config.js": Script, "gulpfile.js": Script, "plugins/withSplash.js": Script,
		"app/main.py": "", "src/server.ts": "", "src/config.ts": "", "src/testing_utils.ts": "",
	} {
		if got := FileRole(path); got != want {
			t.Errorf("FileRole(%q) = %q, want %q", path, got, want)
		}
	}
}
