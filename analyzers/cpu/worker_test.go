package cpu_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
)

// TestWorkerFixRuns executes a program with node before and after the
// worker_threads fix and checks that it prints the same value.
func TestWorkerFixRuns(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
			t.Fatal("node is required (RTLINT_REQUIRE_TOOLS is set) but not on PATH")
		}
		t.Skip("node not installed")
	}
	for name, want := range map[string]string{"worker.js": "75025", "loop.js": ""} {
		t.Run(name, func(t *testing.T) { runWorkerFix(t, node, name, want) })
	}
}

// runWorkerFix fixes testdata/fix/<name> (the golden-file fixtures), runs the original and the fixed
// program with node and compares what they print (and want, when set).
func runWorkerFix(t *testing.T, node, name, want string) {
	src, err := os.ReadFile(filepath.Join("testdata", "fix", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func() string {
		out, err := exec.Command(node, path).CombinedOutput()
		if err != nil {
			t.Fatalf("node %s: %v\n%s", path, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	before := run()

	out, err := fix.File(context.Background(), path, src, &lint.Config{Select: []string{"RT201"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if out.Fixed != 1 || len(out.Created) != 1 {
		t.Fatalf("fixed %d, created %v; want one fix creating one worker module", out.Fixed, out.Created)
	}
	for p, text := range out.Created {
		if filepath.Dir(p) != dir || !strings.HasSuffix(p, ".worker.cjs") {
			t.Errorf("worker module %s is not a .worker.cjs next to %s", p, name)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, out.Src, 0o644); err != nil {
		t.Fatal(err)
	}
	if after := run(); after != before || want != "" && before != want {
		t.Errorf("fixed program printed %q, original %q (want %q from both)\n%s", after, before, want, out.Src)
	}
	if !strings.Contains(string(out.Src), "runInWorker(") {
		t.Errorf("fixed source does not run a worker:\n%s", out.Src)
	}
	for _, f := range out.Remaining.Findings {
		if f.Rule == "RT201" {
			t.Errorf("RT201 still reported after the fix: %s", f.Message)
		}
	}
}
