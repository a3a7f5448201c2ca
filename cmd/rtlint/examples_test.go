package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/analyzers/registry"
)

// TestExamples checks the README's first command: the bundled examples show
// every rule, RT1xx across .py, .js and .ts files, and exit 1.
func TestExamples(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--format", "json", filepath.Join("..", "..", "testdata", "examples")}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d; stderr: %s", code, exitFindings, stderr.String())
	}
	var findings []struct {
		Path string `json:"path"`
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{} // rule → extensions
	for _, f := range findings {
		if seen[f.Rule] == nil {
			seen[f.Rule] = map[string]bool{}
		}
		seen[f.Rule][filepath.Ext(f.Path)] = true
	}
	exts := map[string]bool{}
	for _, a := range registry.All() {
		if len(seen[a.Code]) == 0 {
			t.Errorf("examples show no %s finding", a.Code)
		}
		if strings.HasPrefix(a.Code, "RT1") {
			for e := range seen[a.Code] {
				exts[e] = true
			}
		}
	}
	for _, e := range []string{".py", ".js", ".ts"} {
		if !exts[e] {
			t.Errorf("no RT1xx finding in a %s example", e)
		}
	}
	if t.Failed() {
		t.Log(strings.TrimSpace(stdout.String()))
	}
}
