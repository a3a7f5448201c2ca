package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/rttest"
)

// TestReachProjects lints each fixture project under testdata/reach as a
// whole (SPEC §2 "reach"): every blocking call a helper makes is expected
// exactly where its `want` comment says, with the path in its message.
func TestReachProjects(t *testing.T) { rttest.RunProjects(t, "../../testdata/reach", nil) }

func lintProject(t *testing.T, inputs []batch.Input, cfg *lint.Config) map[string][]lint.Finding {
	t.Helper()
	outs := batch.RunFix(context.Background(), inputs, 2, func(string) *lint.Config { return cfg }, nil)
	got := map[string][]lint.Finding{}
	for _, o := range outs {
		if o.Err != nil {
			t.Fatalf("%s: %v", o.Path, o.Err)
		}
		got[filepath.Base(o.Path)] = o.Result.Findings
	}
	return got
}

func projectInputs(t *testing.T, dir string) []batch.Input {
	t.Helper()
	var inputs []batch.Input
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			inputs = append(inputs, batch.Input{Path: p})
		}
		return err
	})
	return inputs
}

// rules lists the codes and lines of findings, for comparisons.
func rules(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d", f.Rule, f.Line))
	}
	return out
}

// TestReachOptions: transitive = false (globally and per rule), max-depth
// and offload-calls change what reach follows.
func TestReachOptions(t *testing.T) {
	dir := "../../testdata/reach/python-pkg"
	all := lintProject(t, projectInputs(t, dir), nil)
	if len(all["utils.py"]) != 3 || len(all["store.py"]) != 3 {
		t.Fatalf("baseline: utils %v, store %v", rules(all["utils.py"]), rules(all["store.py"]))
	}
	off := false
	none := lintProject(t, projectInputs(t, dir), &lint.Config{Transitive: &off})
	for name, fs := range none {
		for _, f := range fs {
			if len(f.Related) > 0 {
				t.Errorf("transitive = false: %s still reports %s: %s", name, f.Rule, f.Message)
			}
		}
	}
	perRule := lintProject(t, projectInputs(t, dir), &lint.Config{Options: map[string]map[string]any{"RT103": {"transitive": false}}})
	if n := len(perRule["utils.py"]); n != 0 {
		t.Errorf("[rules.RT103] transitive = false: utils.py has %v", rules(perRule["utils.py"]))
	}
	if got := rules(perRule["store.py"]); len(got) != 2 {
		t.Errorf("[rules.RT103] transitive = false must keep RT101/RT102 in store.py, got %v", got)
	}
	shallow := lintProject(t, projectInputs(t, dir), &lint.Config{MaxDepth: 1})
	if got := fmt.Sprint(rules(shallow["utils.py"])); got != "[RT103:35 RT103:40]" {
		t.Errorf("max-depth = 1: parse() is two calls from its entry, run_later() and read_all() one; got %v", got)
	}
	offload := lintProject(t, projectInputs(t, dir), &lint.Config{OffloadCalls: []string{"*.run"}})
	if got := fmt.Sprint(rules(offload["utils.py"])); got != "[RT103:7 RT103:40]" {
		t.Errorf("offload-calls = [\"*.run\"]: utils.py has %v, want run_later()'s lambda gone", got)
	}
}

// TestReachSingleFile: `rtlint check pkg/app.py` reports on app.py only,
// and what it reports there is what the whole-project run reports there.
func TestReachSingleFile(t *testing.T) {
	dir := "../../testdata/reach/python-pkg"
	whole := lintProject(t, projectInputs(t, dir), nil)
	single := lintProject(t, []batch.Input{{Path: filepath.Join(dir, "pkg", "app.py")}}, nil)
	if len(single) != 1 {
		t.Fatalf("single-file run reported on %d files", len(single))
	}
	if a, b := fmt.Sprint(rules(single["app.py"])), fmt.Sprint(rules(whole["app.py"])); a != b {
		t.Errorf("app.py alone: %s, in the project: %s", a, b)
	}
}

// TestReachFixComesOutClean: applying the call-site fix (the helper then
// runs through asyncio.to_thread, passed by reference) leaves no finding
// reached through that call.
func TestReachFixComesOutClean(t *testing.T) {
	dir := t.TempDir()
	src := "import time\n\n\ndef load():\n    time.sleep(1)\n\n\nasync def handler():\n    load()\n"
	path := filepath.Join(dir, "app.py")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	before := lintProject(t, []batch.Input{{Path: path}}, nil)["app.py"]
	if len(before) != 1 || len(before[0].Fixes) != 1 {
		t.Fatalf("findings = %v, want one RT101 with the call-site fix", rules(before))
	}
	fx := before[0].Fixes[0]
	if fx.Applicability.String() != "unsafe" {
		t.Errorf("call-site fix is %s, want unsafe", fx.Applicability)
	}
	fixed, err := fix.Apply([]byte(src), fx.Edits)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), "await asyncio.to_thread(load)") || !strings.Contains(string(fixed), "import asyncio") {
		t.Fatalf("fixed source:\n%s", fixed)
	}
	if err := os.WriteFile(path, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	if after := lintProject(t, []batch.Input{{Path: path}}, nil)["app.py"]; len(after) != 0 {
		t.Errorf("after the fix: %v", rules(after))
	}
}

// A discovered file whose content shows it is generated is skipped; named
// by the user, it is linted.
func TestGeneratedSkippedWhenDiscovered(t *testing.T) {
	src := []byte("const fs = require('fs');\nasync function f() { return fs.readFileSync('x'); }\n//# sourceMappingURL=app.js.map\n")
	cfg := func(string) *lint.Config { return nil }
	outs := batch.RunFix(context.Background(), []batch.Input{{Path: "gen.js", Src: src, Discovered: true}}, 1, cfg, nil)
	if outs[0].Skipped == "" || outs[0].Result != nil || outs[0].Err != nil {
		t.Errorf("discovered generated file: %+v, want skipped", outs[0])
	}
	outs = batch.RunFix(context.Background(), []batch.Input{{Path: "gen.js", Src: src}}, 1, cfg, nil)
	if outs[0].Skipped != "" || outs[0].Result == nil || len(outs[0].Result.Findings) != 1 {
		t.Errorf("named generated file: %+v, want linted with one finding", outs[0])
	}
}
