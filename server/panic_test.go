package server

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// TestAnalyzerPanicRecovered runs the server in-process with one analyzer
// that panics: the panic is logged and shown to the user, the other rules'
// diagnostics are still published, and the server keeps serving.
func TestAnalyzerPanicRecovered(t *testing.T) {
	boom := &analyzers.Analyzer{Code: "RT999", Name: "boom", Severity: analyzers.Error,
		Languages: []source.Language{source.Python}, Run: func(*analyzers.Pass) { panic("boom") }}
	lint.Analyzers = func() []*analyzers.Analyzer { return append([]*analyzers.Analyzer{boom}, registry.All()...) }
	defer func() { lint.Analyzers = registry.All }()

	clientIn, serverOut := io.Pipe()
	serverIn, clientOut := io.Pipe()
	done := make(chan int, 1)
	go func() { done <- Run(context.Background(), serverIn, serverOut, serverIn, zap.NewNop()) }()

	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(struct {
		io.Reader
		io.Writer
		io.Closer
	}{clientIn, clientOut, clientOut}))
	notes := make(chan jsonrpc2.Request, 16)
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		notes <- req
		return reply(ctx, nil, nil)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var init map[string]any
	if _, err := conn.Call(ctx, "initialize", map[string]any{"capabilities": map[string]any{}}, &init); err != nil {
		t.Fatal(err)
	}
	_ = conn.Notify(ctx, "initialized", map[string]any{})
	_ = conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": "file:///tmp/p.py", "languageId": "python", "version": 1,
		"text": "import time\n\nasync def h():\n    time.sleep(1)\n",
	}})
	sawLog, sawDiag := false, false
	for !(sawLog && sawDiag) {
		select {
		case req := <-notes:
			switch req.Method() {
			case "window/logMessage":
				if strings.Contains(string(req.Params()), "internal error in RT999") {
					sawLog = true
				}
			case "textDocument/publishDiagnostics":
				var p struct {
					Diagnostics []struct{ Code string } `json:"diagnostics"`
				}
				_ = json.Unmarshal(req.Params(), &p)
				if len(p.Diagnostics) == 1 && p.Diagnostics[0].Code == "RT101" {
					sawDiag = true
				}
			}
		case <-ctx.Done():
			t.Fatalf("log message seen: %v, RT101 diagnostic seen: %v", sawLog, sawDiag)
		}
	}
	// Still serving.
	var hover any
	if _, err := conn.Call(ctx, "textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///tmp/p.py"}, "position": map[string]any{"line": 3, "character": 6},
	}, &hover); err != nil || hover == nil {
		t.Fatalf("hover after the panic: %v, %v", hover, err)
	}
	var null any
	if _, err := conn.Call(ctx, "shutdown", nil, &null); err != nil {
		t.Fatal(err)
	}
	_ = conn.Notify(ctx, "exit", nil)
	if code := <-done; code != 0 {
		t.Fatalf("exit code %d", code)
	}
}
