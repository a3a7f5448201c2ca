// Package nvim_test runs rtlint's language server inside headless Neovim:
// the shipped lsp/rtlint.lua configuration, diagnostics, a quick fix and
// re-linting after the edit. See test/test.lua.
package nvim_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const fixture = `import time


async def handler():
    time.sleep(1)
    return 1
`

// nvimPath finds nvim, skipping the test when it is missing unless
// RTLINT_REQUIRE_TOOLS is set (CI), where a missing tool is a failure.
func nvimPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
			t.Fatalf("nvim not found and RTLINT_REQUIRE_TOOLS is set: %v", err)
		}
		t.Skipf("nvim not found: %v", err)
	}
	return p
}

func TestNeovimEndToEnd(t *testing.T) {
	nvim := nvimPath(t)
	if out, err := exec.Command(nvim, "--version").Output(); err == nil {
		t.Logf("%s", bytes.SplitN(out, []byte("\n"), 2)[0])
	}

	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "rtlint")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/rtlint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// project/.git marks the root; the fixture sits one level below it.
	project := filepath.Join(tmp, "project")
	pkg := filepath.Join(project, "pkg")
	for _, d := range []string{filepath.Join(project, ".git"), pkg} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(pkg, "fixture.py")
	if err := os.WriteFile(file, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	script := filepath.Join(here, "test", "test.lua")
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-c", "luafile "+script, file)
	cmd.Dir = pkg
	xdg := filepath.Join(tmp, "xdg")
	cmd.Env = append(os.Environ(),
		"RTLINT_BIN="+bin,
		"RTLINT_NVIM_DIR="+here,
		"RTLINT_EXPECT_ROOT="+project,
		// Keep Neovim's state, shada and lsp.log out of the user's home.
		"XDG_CONFIG_HOME="+filepath.Join(xdg, "config"),
		"XDG_DATA_HOME="+filepath.Join(xdg, "data"),
		"XDG_STATE_HOME="+filepath.Join(xdg, "state"),
		"XDG_CACHE_HOME="+filepath.Join(xdg, "cache"),
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("nvim stdout:\n%s", stdout.String())
	if stderr.Len() > 0 {
		t.Logf("nvim stderr:\n%s", stderr.String())
	}
	if ctx.Err() != nil {
		t.Fatalf("nvim timed out")
	}
	if err != nil {
		t.Fatalf("nvim: %v (want exit status 0)", err)
	}
	if !strings.Contains(stdout.String(), "RTLINT_NVIM_E2E_OK") {
		t.Fatalf("nvim exited 0 without the success line RTLINT_NVIM_E2E_OK")
	}
	// The fix was applied to the buffer only; the file on disk is unchanged.
	if got, _ := os.ReadFile(file); string(got) != fixture {
		t.Errorf("fixture file changed on disk:\n%s", got)
	}
}
