package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/internal/lsptest"
)

// TestWorkerFixNeverOverwrites: a worker module already on disk means the
// worker fix is not offered (it would prepend to or replace that file),
// and a method named by a string yields no file name at all (issue 14).
func TestWorkerFixNeverOverwrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	existing := filepath.Join(dir, "app.fib.worker.cjs")
	if err := os.WriteFile(existing, []byte("// someone's own file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{DocumentChanges: true, ResourceOperations: []string{"create"}})
	app := protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, "app.js")))
	e.Open(app, "javascript", fibJS)
	diags := e.Diagnostics(app, 1, 0)
	if len(diags) != 1 || diags[0].Code != "RT201" {
		t.Fatalf("diagnostics = %v, want one RT201", codes(diags))
	}
	for _, a := range e.CodeActions(app, diags[0].Range, diags) {
		if strings.Contains(a.Title, "worker") {
			t.Errorf("worker fix offered although %s exists: %q", existing, a.Title)
		}
	}

	const stringNamed = "const express = require('express');\nconst app = express();\n\nclass H {\n  '/../../../tmp/x'(n) {\n    return n < 2 ? n : this['/../../../tmp/x'](n - 1) + this['/../../../tmp/x'](n - 2);\n  }\n}\n\napp.get('/h', async (req, res) => {\n  let s = 0;\n  for (let i = 0; i < 100000000; i++) { s += i * i; }\n  res.send(String(s));\n});\n"
	other := protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, "other.js")))
	e.Open(other, "javascript", stringNamed)
	for _, d := range e.Diagnostics(other, 1, 0) {
		for _, a := range e.CodeActions(other, d.Range, []protocol.Diagnostic{d}) {
			if a.Edit == nil {
				continue
			}
			for _, dc := range a.Edit.DocumentChanges {
				if dc.Kind == "create" && (strings.Contains(string(dc.URI), "..") || !strings.HasPrefix(string(dc.URI), "file://"+filepath.ToSlash(dir)+"/")) {
					t.Errorf("a fix creates %s, outside %s", dc.URI, dir)
				}
			}
		}
	}
}
