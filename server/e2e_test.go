package server_test

// End-to-end tests of `rtlint server`: the real binary, driven over
// stdin/stdout pipes by the fake editor in internal/lsptest. They wait on
// conditions, never on sleeps, and assert no timings.
//
// TestMain builds the binary once. RTLINT_BIN=/path/to/rtlint skips the
// build; RTLINT_TEST_TIMEOUT (e.g. "2m") raises every wait's timeout.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/internal/lsptest"
	"github.com/rtlint/rtlint/internal/report"
)

var rtlintBin string

func TestMain(m *testing.M) {
	if prebuilt := os.Getenv("RTLINT_BIN"); prebuilt != "" {
		rtlintBin = prebuilt
		os.Exit(m.Run())
	}
	// A fresh directory per run: other test runs in the same checkout may
	// build at the same time, and nothing is left in the work tree.
	dir, err := os.MkdirTemp("", "rtlint-e2e-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(2)
	}
	rtlintBin = filepath.Join(dir, "tmp", "rtlint")
	build := exec.Command("go", "build", "-o", rtlintBin, "../cmd/rtlint")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build -o %s ../cmd/rtlint: %v\n", rtlintBin, err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var statSources sync.Once

// bin returns the path of the binary TestMain built. The first call also
// stats the module's Go sources: go test caches a passing result keyed on
// the test binary and the files the test touched, and the rtlint binary is
// built from more than this test links (cmd/rtlint, internal/report, ...).
func bin() string {
	statSources.Do(func() {
		_ = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".scm") || d.Name() == "go.mod") {
				_, _ = os.Stat(path)
			}
			return nil
		})
	})
	return rtlintBin
}

// startServer starts the server and initializes it as an editor that
// applies documentChanges and CreateFile operations.
func startServer(t testing.TB, args ...string) *lsptest.Editor {
	t.Helper()
	e := lsptest.Start(t, bin(), args...)
	e.Initialize(lsptest.InitOptions{DocumentChanges: true, ResourceOperations: []string{"create"}})
	return e
}

// docURI names a file in a per-test directory (the server never reads it
// from disk: the editor sends the text).
func docURI(t testing.TB, name string) protocol.DocumentURI {
	return protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(t.TempDir(), name)))
}

func mustRange(t testing.TB, text, needle string, n int) protocol.Range {
	t.Helper()
	r, ok := lsptest.RangeOf(text, needle, n)
	if !ok {
		t.Fatalf("%q (occurrence %d) not found in:\n%s", needle, n, text)
	}
	return r
}

func rangeString(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

func codes(diags []protocol.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%v@%s", d.Code, rangeString(d.Range)))
	}
	return out
}

func findAction(actions []lsptest.CodeAction, title string) *lsptest.CodeAction {
	for i := range actions {
		if actions[i].Title == title {
			return &actions[i]
		}
	}
	return nil
}

func titles(actions []lsptest.CodeAction) []string {
	out := []string{}
	for _, a := range actions {
		out = append(out, fmt.Sprintf("%q (%s)", a.Title, a.Kind))
	}
	return out
}

// assertServing checks that the server still answers requests normally.
func assertServing(t testing.TB, e *lsptest.Editor) {
	t.Helper()
	if !e.Alive() {
		t.Fatalf("the server process has exited (stderr:\n%s)", e.Stderr())
	}
	var raw json.RawMessage
	err := e.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///not/open.py"},
		"position":     protocol.Position{},
	}, &raw)
	if err != nil {
		t.Fatalf("the server no longer serves: hover on a closed document answered %v, want a null result", err)
	}
	if len(raw) != 0 && string(raw) != "null" { // jsonrpc2 leaves raw empty for null
		t.Fatalf("hover on a document that is not open answered %s, want null", raw)
	}
}

func assertNoPanic(t testing.TB, e *lsptest.Editor) {
	t.Helper()
	if s := e.Stderr(); strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") || strings.Contains(s, "handler panicked") {
		t.Fatalf("the server panicked; stderr:\n%s", s)
	}
}

const sleepPy = `import time


async def handler():
    time.sleep(1)
`

const twoSleepsPy = `import time


async def a():
    time.sleep(1)


async def b():
    time.sleep(2)
`

const fibJS = `const express = require('express');
const app = express();

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

app.get('/fib', (req, res) => {
  res.send(String(fib(40)));
});
`

// TestSession walks through one editing session from initialize to exit.
func TestSession(t *testing.T) {
	t.Parallel()
	e := lsptest.Start(t, bin())
	var init struct {
		Capabilities struct {
			TextDocumentSync struct {
				Change int `json:"change"`
			} `json:"textDocumentSync"`
			HoverProvider      bool `json:"hoverProvider"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
		} `json:"capabilities"`
		ServerInfo struct {
			Name string `json:"name"`
		} `json:"serverInfo"`
	}
	raw := e.Initialize(lsptest.InitOptions{DocumentChanges: true, ResourceOperations: []string{"create"}, WatchFiles: true})
	if err := json.Unmarshal(raw, &init); err != nil {
		t.Fatalf("initialize result %s: %v", raw, err)
	}
	if init.Capabilities.TextDocumentSync.Change != 2 || !init.Capabilities.HoverProvider || init.ServerInfo.Name != "rtlint" {
		t.Fatalf("initialize result %s: want incremental sync (2), hoverProvider and serverInfo.name rtlint", raw)
	}
	if kinds := strings.Join(init.Capabilities.CodeActionProvider.CodeActionKinds, ","); !strings.Contains(kinds, "quickfix") || !strings.Contains(kinds, "source.fixAll.rtlint") {
		t.Errorf("codeActionKinds = %s, want quickfix and source.fixAll.rtlint", kinds)
	}

	// didOpen → RT101 with code, source, codeDescription, range, version.
	a := docURI(t, "a.py")
	e.Open(a, "python", sleepPy)
	diags := e.Diagnostics(a, 1, 0)
	if len(diags) != 1 {
		t.Fatalf("diagnostics of a.py = %v, want one RT101", codes(diags))
	}
	d := diags[0]
	if d.Code != "RT101" || d.Source != "rtlint" || d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("diagnostic code %v, source %q, severity %v; want RT101, rtlint, error", d.Code, d.Source, d.Severity)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(string(d.CodeDescription.Href), "RT101.md") ||
		string(d.CodeDescription.Href) != report.DocsURL+"RT101.md" {
		t.Errorf("codeDescription = %+v, want href %sRT101.md", d.CodeDescription, report.DocsURL)
	}
	if want := mustRange(t, sleepPy, "time.sleep(1)", 0); d.Range != want {
		t.Errorf("RT101 range = %s, want %s", rangeString(d.Range), rangeString(want))
	}
	if p, _ := e.LastPublish(a); p.Version == nil || *p.Version != 1 {
		t.Errorf("publishDiagnostics version = %v, want 1", p.Version)
	}

	// Incremental change: non-ASCII text before the call on its line, and a
	// second change (relative to the first's result) after it.
	prefix := `s = "😀漢字"; `
	callStart := mustRange(t, sleepPy, "time.sleep(1)", 0).Start
	first := protocol.Range{Start: callStart, End: callStart}
	afterCall := protocol.Position{Line: callStart.Line, Character: callStart.Character + lsptest.UTF16Len(prefix) + lsptest.UTF16Len("time.sleep(1)")}
	second := protocol.Range{Start: afterCall, End: afterCall}
	e.Change(a, 2, lsptest.Change{Range: &first, Text: prefix}, lsptest.Change{Range: &second, Text: "  # 注释 🚀"})
	diags = e.Diagnostics(a, 2, 0)
	if len(diags) != 1 {
		t.Fatalf("after the edit, diagnostics = %v, want one RT101", codes(diags))
	}
	moved := protocol.Range{
		Start: protocol.Position{Line: callStart.Line, Character: callStart.Character + 12},
		End:   protocol.Position{Line: callStart.Line, Character: callStart.Character + 12 + 13},
	}
	if lsptest.UTF16Len(prefix) != 12 {
		t.Fatalf("test bug: prefix is %d UTF-16 units, want 12", lsptest.UTF16Len(prefix))
	}
	if diags[0].Range != moved {
		t.Fatalf("after inserting %q (12 UTF-16 units, 11 code points, 18 bytes) the RT101 range is %s, want %s",
			prefix, rangeString(diags[0].Range), rangeString(moved))
	}
	d = diags[0]

	// Hover on the flagged range (inside it, past the emoji).
	h := e.Hover(a, protocol.Position{Line: moved.Start.Line, Character: moved.Start.Character + 3})
	if h == nil || h.Contents.Kind != protocol.Markdown || !strings.Contains(h.Contents.Value, "What it does") {
		t.Fatalf("hover on the RT101 range = %+v, want Markdown containing \"What it does\"", h)
	}
	if h.Range != nil && *h.Range != moved {
		t.Errorf("hover range = %s, want %s", rangeString(*h.Range), rangeString(moved))
	}
	if h := e.Hover(a, protocol.Position{Line: 0, Character: 0}); h != nil {
		t.Errorf("hover outside any flagged range = %+v, want null", h)
	}

	// Code actions for the diagnostic.
	actions := e.CodeActions(a, d.Range, []protocol.Diagnostic{d})
	fix := findAction(actions, "Use await asyncio.sleep()")
	suppress := findAction(actions, "Suppress RT101 on this line")
	if fix == nil || suppress == nil {
		t.Fatalf("code actions = %v, want \"Use await asyncio.sleep()\" and \"Suppress RT101 on this line\"", titles(actions))
	}
	if fix.Kind != protocol.QuickFix || !fix.IsPreferred || suppress.Kind != protocol.QuickFix {
		t.Errorf("fix kind %q preferred %v, suppress kind %q; want quickfix, true, quickfix", fix.Kind, fix.IsPreferred, suppress.Kind)
	}
	if fix.Edit == nil || len(fix.Edit.DocumentChanges) == 0 {
		t.Fatalf("the quick fix has no documentChanges although the client supports them: %+v", fix.Edit)
	}

	// Apply the quick fix (a didChange) → no diagnostics.
	e.Apply(fix.Edit)
	v := e.Version(a)
	if diags := e.Diagnostics(a, v, 0); len(diags) != 0 {
		t.Fatalf("after the quick fix (version %d) diagnostics = %v, want none; text:\n%s", v, codes(diags), e.Text(a))
	}
	text := e.Text(a)
	if !strings.Contains(text, "import asyncio") || !strings.Contains(text, `    s = "😀漢字"; await asyncio.sleep(1)  # 注释 🚀`+"\n") {
		t.Fatalf("after the quick fix the text is:\n%s\nwant `import asyncio` and the call replaced in place", text)
	}

	// didChangeConfiguration re-lints every open document.
	b := docURI(t, "b.py")
	e.Open(b, "python", sleepPy)
	c := docURI(t, "c.py")
	e.Open(c, "python", twoSleepsPy)
	if got := e.Diagnostics(b, 1, 0); len(got) != 1 {
		t.Fatalf("b.py diagnostics = %v, want one RT101", codes(got))
	}
	if got := e.Diagnostics(c, 1, 0); len(got) != 2 {
		t.Fatalf("c.py diagnostics = %v, want two RT101", codes(got))
	}
	mark := e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"ignore": []string{"RT1"}}})
	empty := func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 }
	e.AwaitPublish(b, mark, "diagnostics are empty (RT1 ignored)", empty)
	e.AwaitPublish(c, mark, "diagnostics are empty (RT1 ignored)", empty)
	mark = e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{}})
	e.AwaitPublish(c, mark, "two diagnostics again (configuration reset)", func(p lsptest.Publish) bool { return len(p.Diagnostics) == 2 })

	// source.fixAll.rtlint: one action that fixes both.
	whole := protocol.Range{End: lsptest.Position(twoSleepsPy, len(twoSleepsPy))}
	actions = e.CodeActions(c, whole, nil, "source.fixAll.rtlint")
	if len(actions) != 1 || actions[0].Kind != "source.fixAll.rtlint" {
		t.Fatalf("source.fixAll.rtlint actions = %v, want exactly one of kind source.fixAll.rtlint", titles(actions))
	}
	e.Apply(actions[0].Edit)
	if diags := e.Diagnostics(c, e.Version(c), 0); len(diags) != 0 {
		t.Fatalf("after fix-all diagnostics = %v, want none; text:\n%s", codes(diags), e.Text(c))
	}
	text = e.Text(c)
	if strings.Contains(text, "time.sleep(") || !strings.Contains(text, "await asyncio.sleep(1)") ||
		!strings.Contains(text, "await asyncio.sleep(2)") || strings.Count(text, "import asyncio") != 1 {
		t.Fatalf("after fix-all the text is:\n%s\nwant both calls fixed and one `import asyncio`", text)
	}

	// RT201 in an Express handler: an unsafe fix that creates a worker file.
	js := docURI(t, "app.js")
	e.Open(js, "javascript", fibJS)
	diags = e.Diagnostics(js, 1, 0)
	if len(diags) != 1 || diags[0].Code != "RT201" {
		t.Fatalf("app.js diagnostics = %v, want one RT201", codes(diags))
	}
	if want := mustRange(t, fibJS, "fib(40)", 0); diags[0].Range != want {
		t.Errorf("RT201 range = %s, want %s (fib(40))", rangeString(diags[0].Range), rangeString(want))
	}
	actions = e.CodeActions(js, diags[0].Range, diags)
	var worker *lsptest.CodeAction
	for i := range actions {
		if strings.Contains(actions[i].Title, "worker") {
			worker = &actions[i]
		}
	}
	if worker == nil {
		t.Fatalf("app.js code actions = %v, want a worker_threads fix", titles(actions))
	}
	if worker.Kind != protocol.QuickFix || worker.IsPreferred || !strings.Contains(worker.Title, "unsafe") {
		t.Errorf("worker fix %q: kind %q, preferred %v; want an unsafe, non-preferred quickfix", worker.Title, worker.Kind, worker.IsPreferred)
	}
	var created protocol.DocumentURI
	for _, dc := range worker.Edit.DocumentChanges {
		if dc.Kind == "create" {
			created = dc.URI
		}
	}
	if !strings.HasSuffix(string(created), ".worker.cjs") {
		t.Fatalf("worker fix documentChanges %+v: want a CreateFile for a .worker.cjs file", worker.Edit.DocumentChanges)
	}
	if dir := string(js[:strings.LastIndex(string(js), "/")+1]); !strings.HasPrefix(string(created), dir) || strings.Contains(string(created)[len(dir):], "/") {
		t.Errorf("worker file %s is not next to %s", created, js)
	}
	e.Apply(worker.Edit)
	if src, ok := e.File(created); !ok || !strings.Contains(src, "parentPort.postMessage(fib(") {
		t.Fatalf("worker file %s after applying the fix: %q (created %v)", created, src, ok)
	}
	if diags := e.Diagnostics(js, e.Version(js), 0); len(diags) != 0 {
		t.Errorf("after the worker fix app.js diagnostics = %v, want none; text:\n%s", codes(diags), e.Text(js))
	}
	if text := e.Text(js); !strings.Contains(text, "runInWorker(") || !strings.Contains(text, filepath.Base(string(created))) {
		t.Errorf("after the worker fix app.js is:\n%s\nwant a call of the worker file", text)
	}

	// didClose clears the document's diagnostics.
	mark = e.Mark()
	e.Close(b)
	e.AwaitPublish(b, mark, "diagnostics are empty after didClose", empty)

	if err := e.Shutdown(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if code := e.Exit(); code != 0 {
		t.Fatalf("exit after shutdown: exit code %d, want 0", code)
	}
	if err := e.FramingError(); err != nil {
		t.Errorf("stdout: %v", err)
	}
	assertNoPanic(t, e)
	t.Logf("requests from the server (answered with null): %v", e.ServerRequests())
}

func TestRequestBeforeInitialize(t *testing.T) {
	t.Parallel()
	e := lsptest.Start(t, bin())
	err := e.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///x.py"}, "position": protocol.Position{},
	}, nil)
	if code, ok := lsptest.ErrorCode(err); !ok || code != -32002 {
		t.Fatalf("hover before initialize answered %v, want error -32002 (ServerNotInitialized)", err)
	}
	e.Initialize(lsptest.InitOptions{})
	assertServing(t, e)
}

func TestUnknownRequestMethod(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	err := e.Call("rtlint/noSuchMethod", map[string]any{"x": 1}, nil)
	if code, ok := lsptest.ErrorCode(err); !ok || code != -32601 {
		t.Fatalf("unknown method answered %v, want error -32601 (MethodNotFound)", err)
	}
	assertServing(t, e)
}

func TestInvalidParams(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	for _, method := range []string{"textDocument/hover", "textDocument/codeAction"} {
		err := e.Call(method, "not an object", nil)
		if code, ok := lsptest.ErrorCode(err); !ok || code != -32602 {
			t.Errorf("%s with a string as params answered %v, want error -32602 (InvalidParams)", method, err)
		}
	}
	assertServing(t, e)
}

func TestUnknownNotificationIgnored(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	mark := e.Mark()
	for _, m := range []string{"rtlint/noSuchNotification", "$/noSuchNotification"} {
		if err := e.Notify(m, map[string]any{"x": 1}); err != nil {
			t.Fatalf("sending %s: %v", m, err)
		}
	}
	uri := docURI(t, "a.py")
	e.Open(uri, "python", sleepPy)
	if diags := e.Diagnostics(uri, 1, 0); len(diags) != 1 {
		t.Fatalf("diagnostics after unknown notifications = %v, want one RT101", codes(diags))
	}
	assertServing(t, e)
	for _, l := range e.Logs() {
		if l.Seq > mark && l.Type == protocol.MessageTypeError {
			t.Errorf("an unknown notification caused an error message: %q", l.Message)
		}
	}
	if errs := e.NullIDErrors(); len(errs) != 0 {
		t.Errorf("an unknown notification was answered: %s", errs[0].Body)
	}
}

func TestMalformedJSON(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	for _, tt := range []struct {
		name string
		body string
		code int64
	}{
		{"truncated", `{"jsonrpc":"2.0","id":1,"method":`, -32700},
		{"garbage", `this is not JSON`, -32700},
		{"control and invalid bytes", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\x01\xff\x7f", -32700},
		{"not a request object", `{"jsonrpc":"2.0","params":{}}`, -32600},
		{"array", `[1,2,3]`, -32600},
		{"object id", `{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover"}`, -32600},
	} {
		mark := e.Mark()
		if err := e.RawFrame([]byte(tt.body)); err != nil {
			t.Fatalf("%s: writing: %v", tt.name, err)
		}
		resp := e.AwaitNullIDError(mark)
		if resp.Error == nil || resp.Error.Code != tt.code {
			t.Fatalf("%s body %q answered %s, want an error %d with a null id", tt.name, tt.body, resp.Body, tt.code)
		}
		assertServing(t, e)
	}
	if err := e.FramingError(); err != nil {
		t.Fatalf("the error responses are not valid JSON-RPC frames: %v", err)
	}
}

func TestInvalidContentLengthEndsSession(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, header string }{
		{"not-a-number", "Content-Length: abc\r\n\r\n{}"},
		{"negative", "Content-Length: -5\r\n\r\n{}"},
		{"too-large", "Content-Length: 99999999999999\r\n\r\n{}"},
		{"no-colon", "no colon here\r\n\r\n{}"},
		{"no-content-length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"},
	} {
		header := tt.header
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := startServer(t)
			if err := e.Raw([]byte(header)); err != nil {
				t.Fatalf("writing %q: %v", header, err)
			}
			// stdin stays open: the server must end by itself.
			code := e.Wait()
			if code < 0 {
				t.Fatalf("after header %q the server was killed by a signal", header)
			}
			if code != 1 {
				t.Errorf("after header %q the server exited with %d, want 1 (no shutdown)", header, code)
			}
			assertNoPanic(t, e)
			if !strings.Contains(e.Stderr(), "header") && !strings.Contains(e.Stderr(), "Content-Length") {
				t.Errorf("stderr does not say why the session ended:\n%s", e.Stderr())
			}
		})
	}
}

func TestOutOfRangeEdit(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "range.py")
	e.Open(uri, "python", sleepPy)
	e.Diagnostics(uri, 1, 0)
	mark := e.Mark()
	bad := protocol.Range{Start: protocol.Position{Line: 99, Character: 0}, End: protocol.Position{Line: 99, Character: 5}}
	if err := e.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []lsptest.Change{{Range: &bad, Text: "x"}},
	}); err != nil {
		t.Fatal(err)
	}
	e.AwaitLog(mark, "an error naming range.py", func(l lsptest.LogMessage) bool {
		return l.Type == protocol.MessageTypeError && strings.Contains(l.Message, "range.py")
	})
	assertServing(t, e)
	// A full-text change brings the document back in sync.
	e.Change(uri, 3, lsptest.Change{Text: twoSleepsPy})
	if diags := e.Diagnostics(uri, 3, 0); len(diags) != 2 {
		t.Fatalf("after a full resync diagnostics = %v, want two RT101", codes(diags))
	}
	assertNoPanic(t, e)
}

func TestChangeUnknownDocument(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "never-opened.py")
	mark := e.Mark()
	r := protocol.Range{}
	if err := e.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []lsptest.Change{{Range: &r, Text: "x"}},
	}); err != nil {
		t.Fatal(err)
	}
	e.AwaitLog(mark, "an error naming never-opened.py", func(l lsptest.LogMessage) bool {
		return l.Type == protocol.MessageTypeError && strings.Contains(l.Message, "never-opened.py")
	})
	assertServing(t, e)
}

func TestStaleVersionIgnored(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "stale.py")
	const clean = "import time\n\n\nasync def handler():\n    pass\n"
	e.Open(uri, "python", clean)
	comment := lsptest.Position(clean, len(clean))
	e.Change(uri, 5, lsptest.Change{Range: &protocol.Range{Start: comment, End: comment}, Text: "# v5\n"})
	if diags := e.Diagnostics(uri, 5, 0); len(diags) != 0 {
		t.Fatalf("diagnostics = %v, want none", codes(diags))
	}
	// Stale changes (version ≤ 5) that would add a blocking call.
	at := mustRange(t, clean, "    pass", 0).Start
	for _, v := range []int32{5, 3} {
		if err := e.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []lsptest.Change{{Range: &protocol.Range{Start: at, End: at}, Text: "    time.sleep(9)\n"}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	// A current change: one blocking call, at the place the editor expects.
	e.Change(uri, 6, lsptest.Change{Range: &protocol.Range{Start: at, End: at}, Text: "    time.sleep(1)\n"})
	diags := e.Diagnostics(uri, 6, 0)
	want := mustRange(t, e.Text(uri), "time.sleep(1)", 0)
	if len(diags) != 1 || diags[0].Range != want {
		t.Fatalf("after stale changes and version 6, diagnostics = %v, want one RT101 at %s (stale changes applied?)", codes(diags), rangeString(want))
	}
	assertServing(t, e)
}

func TestHugeDocument(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	var sb strings.Builder
	line := "value = compute(1, 2, 3)  # padding padding padding padding\n"
	for sb.Len() < 20<<20 {
		sb.WriteString(line)
	}
	big := docURI(t, "huge.py")
	mark := e.Mark()
	e.Open(big, "python", sb.String())
	msg := e.AwaitLog(mark, "an error naming huge.py", func(l lsptest.LogMessage) bool {
		return l.Type == protocol.MessageTypeError && strings.Contains(l.Message, "huge.py")
	})
	if !strings.Contains(msg.Message, "too large") {
		t.Errorf("error for the 20 MB document: %q, want it to say the file is too large", msg.Message)
	}
	if diags := e.Diagnostics(big, 1, 0); len(diags) != 0 {
		t.Errorf("diagnostics of the rejected document = %v, want none", codes(diags))
	}
	if h := e.Hover(big, protocol.Position{}); h != nil {
		t.Errorf("hover on the rejected document = %+v, want null", h)
	}

	// Growing a small document past the limit by an edit.
	small := docURI(t, "grows.py")
	e.Open(small, "python", sleepPy)
	e.Diagnostics(small, 1, 0)
	mark = e.Mark()
	end := lsptest.Position(sleepPy, len(sleepPy))
	e.Change(small, 2, lsptest.Change{Range: &protocol.Range{Start: end, End: end}, Text: sb.String()})
	e.AwaitLog(mark, "an error naming grows.py", func(l lsptest.LogMessage) bool {
		return l.Type == protocol.MessageTypeError && strings.Contains(l.Message, "grows.py")
	})
	assertServing(t, e)
	assertNoPanic(t, e)
}

func TestInvalidUTF8InJSONString(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "utf8.py")
	body := []byte(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + string(uri) +
		`","languageId":"python","version":1,"text":"import time\n\n\nasync def f():\n    time.sleep(1)  # ` + "\xff\xfe\xc3(" + `\n"}}}`)
	mark := e.Mark()
	if err := e.RawFrame(body); err != nil {
		t.Fatal(err)
	}
	// Either the text is decoded (invalid bytes become U+FFFD) and linted,
	// or it is refused with a message; both are fine, a crash is not.
	e.AwaitPublish(uri, mark, "diagnostics or an error for the document", nil)
	// A request whose string parameter holds invalid UTF-8.
	// (Built by hand: json.Marshal would replace the invalid bytes.)
	if err := e.RawFrame([]byte(`{"jsonrpc":"2.0","id":"raw-utf8","method":"textDocument/hover","params":{"textDocument":{"uri":"` +
		string(uri) + "\xff\xc0" + `"},"position":{"line":0,"character":0}}}`)); err != nil {
		t.Fatal(err)
	}
	if r := e.AwaitRawResponse("raw-utf8"); r.Error != nil {
		t.Errorf("hover with invalid UTF-8 in the uri answered %v, want a result", r.Error)
	}
	assertServing(t, e)
	assertNoPanic(t, e)
}

func TestCancelRequest(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "big.py")
	src := generatePython(1000)
	e.Open(uri, "python", src)
	if diags := e.Diagnostics(uri, 1, 0); len(diags) == 0 {
		t.Fatalf("the generated file has no diagnostics; the cancel test needs slow fix-all requests")
	}
	whole := protocol.Range{End: lsptest.Position(src, len(src))}
	fixAll := map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": whole,
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll.rtlint"}},
	}
	// The first request is probably running when its cancel arrives; the
	// ones behind it are queued.
	running := e.RawCall("textDocument/codeAction", fixAll)
	if err := e.Notify("$/cancelRequest", map[string]any{"id": running}); err != nil {
		t.Fatal(err)
	}
	var ahead []string
	for i := 0; i < 3; i++ {
		ahead = append(ahead, e.RawCall("textDocument/codeAction", fixAll))
	}
	target := e.RawCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": protocol.Position{}})
	if err := e.Notify("$/cancelRequest", map[string]any{"id": target}); err != nil {
		t.Fatal(err)
	}
	// Cancelling an unknown request is a no-op.
	if err := e.Notify("$/cancelRequest", map[string]any{"id": 424242}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ahead {
		if r := e.AwaitRawResponse(id); r.Error != nil {
			t.Errorf("fix-all request %s answered %v, want a result", id, r.Error)
		}
	}
	for _, id := range []string{running, target} {
		r := e.AwaitRawResponse(id)
		switch {
		case r.Error != nil && r.Error.Code == -32800:
			t.Logf("cancelled request %s answered -32800 (RequestCancelled)", id)
		case r.Error == nil:
			t.Logf("cancelled request %s had already run; it answered its result (%d bytes)", id, len(r.Result))
		default:
			t.Errorf("cancelled request %s answered %v, want -32800 or its normal result", id, r.Error)
		}
	}
	assertServing(t, e)
}

// TestCancelledRequestLeavesParsingIntact cancels fix-all requests while
// they run (they parse the document repeatedly), then checks that later
// documents still parse and lint correctly. A tree-sitter parse cancelled
// mid-way resumes on the parser's next use unless the parser is reset: the
// next document got the cancelled document's tree and the server crashed.
func TestCancelledRequestLeavesParsingIntact(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "big.py")
	src := generatePython(300)
	e.Open(uri, "python", src)
	e.Diagnostics(uri, 1, 0)
	fixAll := map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": protocol.Range{End: lsptest.Position(src, len(src))},
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll.rtlint"}},
	}
	for i := 0; i < 20; i++ {
		id := e.RawCall("textDocument/codeAction", fixAll)
		if err := e.Notify("$/cancelRequest", map[string]any{"id": id}); err != nil {
			t.Fatal(err)
		}
		if r := e.AwaitRawResponse(id); r.Error != nil && r.Error.Code != -32800 {
			t.Fatalf("cancelled fix-all answered %v, want -32800 or its result", r.Error)
		}
	}
	for i := 0; i < 20; i++ {
		small := docURI(t, fmt.Sprintf("small%d.py", i))
		e.Open(small, "python", twoSleepsPy)
		diags := e.Diagnostics(small, 1, 0)
		want := []string{"RT101@" + rangeString(mustRange(t, twoSleepsPy, "time.sleep(1)", 0)), "RT101@" + rangeString(mustRange(t, twoSleepsPy, "time.sleep(2)", 0))}
		if got := codes(diags); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("document %d opened after cancelled requests: diagnostics %v, want %v", i, got, want)
		}
	}
	for _, l := range e.Logs() {
		if l.Type == protocol.MessageTypeError {
			t.Errorf("error message after cancelled requests: %s", l.Message)
		}
	}
	assertServing(t, e)
	assertNoPanic(t, e)
}

func TestRequestAfterShutdown(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	if err := e.Shutdown(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	err := e.Call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///x.py"}, "position": protocol.Position{}}, nil)
	if code, ok := lsptest.ErrorCode(err); !ok || code != -32600 {
		t.Errorf("hover after shutdown answered %v, want error -32600 (InvalidRequest)", err)
	}
	if code := e.Exit(); code != 0 {
		t.Fatalf("exit after shutdown: exit code %d, want 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	if code := e.Exit(); code != 1 {
		t.Fatalf("exit without shutdown: exit code %d, want 1", code)
	}
	assertNoPanic(t, e)
}

func TestClosedStdinEndsServer(t *testing.T) {
	t.Parallel()
	e := startServer(t)
	uri := docURI(t, "a.py")
	e.Open(uri, "python", sleepPy)
	e.Diagnostics(uri, 1, 0)
	e.CloseStdin()
	code := e.Wait()
	if code < 0 {
		t.Fatalf("the server was killed by a signal after stdin closed")
	}
	if code != 1 {
		t.Errorf("after stdin closed without shutdown the exit code is %d, want 1", code)
	}
	assertNoPanic(t, e)
}

// TestStdoutCarriesOnlyFrames runs a session that makes the server log at
// every level and checks the raw stdout bytes: Content-Length frames of
// JSON-RPC 2.0 messages and nothing else. Logs go to stderr.
func TestStdoutCarriesOnlyFrames(t *testing.T) {
	t.Parallel()
	e := lsptest.Start(t, bin(), "--log-level", "debug")
	e.Initialize(lsptest.InitOptions{DocumentChanges: true, ResourceOperations: []string{"create"}})
	uri := docURI(t, "a.py")
	e.Open(uri, "python", sleepPy)
	diags := e.Diagnostics(uri, 1, 0)
	e.CodeActions(uri, diags[0].Range, diags)
	e.Hover(uri, diags[0].Range.Start)
	_ = e.Call("rtlint/noSuchMethod", nil, nil)
	mark := e.Mark()
	_ = e.RawFrame([]byte("{not json"))
	e.AwaitNullIDError(mark)
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"ignore": []string{"NOPE"}}})
	e.AwaitLog(mark, "a settings error", func(l lsptest.LogMessage) bool { return strings.Contains(l.Message, "NOPE") })
	if err := e.Shutdown(); err != nil {
		t.Fatal(err)
	}
	if code := e.Exit(); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	if err := e.FramingError(); err != nil {
		t.Fatalf("stdout carries something other than Content-Length frames of JSON-RPC messages: %v", err)
	}
	frames := e.Frames()
	var sum int64
	for _, f := range frames {
		sum += int64(len(fmt.Sprintf("Content-Length: %d\r\n\r\n", len(f))) + len(f))
	}
	if sum != e.StdoutBytes() || len(frames) < 6 {
		t.Fatalf("stdout: %d bytes, %d frames totalling %d bytes; want only frames (at least 6)", e.StdoutBytes(), len(frames), sum)
	}
	if !strings.Contains(e.Stderr(), "rtlint server starting") {
		t.Errorf("the server's logs are not on stderr:\n%s", e.Stderr())
	}
}

// An analyzer panic is tested in-process (panic_test.go): the real binary
// has no hook to inject one.

// Configuration the user wrote that cannot be used (editor settings, a
// broken rtlint.toml) is shown with window/showMessage, not only logged;
// a broken file is shown once, not on every analysis.
func TestConfigErrorsAreShown(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "rtlint.toml"), []byte("select = [\"RT1\"\nignore = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{RootURI: protocol.DocumentURI("file://" + filepath.ToSlash(dir))})
	uri := protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, "a.py")))
	mark := e.Mark()
	e.Open(uri, "python", sleepPy)
	shown := func(l lsptest.LogMessage) bool { return l.Method == "window/showMessage" }
	msg := e.AwaitLog(mark, "a shown rtlint.toml error", func(l lsptest.LogMessage) bool {
		return shown(l) && strings.Contains(l.Message, "rtlint.toml")
	})
	if msg.Type != protocol.MessageTypeError {
		t.Errorf("message type %v, want an error", msg.Type)
	}
	e.Insert(uri, protocol.Position{Line: 0, Character: 0}, "# edit\n")
	e.Insert(uri, protocol.Position{Line: 0, Character: 0}, "# edit\n")
	mark = e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"ignore": []string{"NOPE"}}})
	e.AwaitLog(mark, "a shown settings error", func(l lsptest.LogMessage) bool {
		return shown(l) && strings.Contains(l.Message, "NOPE")
	})
	n := 0
	for _, l := range e.Logs() {
		if shown(l) && strings.Contains(l.Message, "rtlint.toml") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the rtlint.toml error was shown %d times, want once", n)
	}
}

// A suppression comment that suppresses nothing shows as RT000, tagged
// Unnecessary (editors fade it), unless showUnusedSuppressions is false.
func TestUnusedSuppressionIsUnnecessary(t *testing.T) {
	t.Parallel()
	const text = "import time\n\nasync def handler():\n    time.sleep(1)  # rtlint: ignore[RT101]\n    x = 1  # rtlint: ignore[RT401]\n    return x\n"
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{})
	uri := docURI(t, "unused.py")
	e.Open(uri, "python", text)
	diags := e.Diagnostics(uri, 1, 0)
	if len(diags) != 1 || diags[0].Code != "RT000" || diags[0].Range.Start.Line != 4 {
		t.Fatalf("diagnostics = %v, want one RT000 on line 5", messages(diags))
	}
	if !slices.Equal(diags[0].Tags, []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}) {
		t.Errorf("RT000 tags = %v, want [Unnecessary]", diags[0].Tags)
	}
	mark := e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"showUnusedSuppressions": false}})
	e.AwaitPublish(uri, mark, "no diagnostics", func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 })
}

// Editor settings that shape the server: run = "onSave" lints on open and
// save only; codeAction.disableRuleComment and showDocumentation turn
// their actions off; "Show documentation" opens the rule's page through
// the client (window/showDocument), or shows its address.
func TestEditorBehaviourSettings(t *testing.T) {
	t.Parallel()
	for _, canShow := range []bool{true, false} {
		e := lsptest.Start(t, bin())
		e.Initialize(lsptest.InitOptions{ShowDocument: canShow})
		uri := docURI(t, "settings.py")
		e.Open(uri, "python", sleepPy)
		diags := e.Diagnostics(uri, 1, 0)
		actions := e.CodeActions(uri, diags[0].Range, diags)
		var docs *lsptest.CodeAction
		for i, a := range actions {
			if a.Title == "Show documentation for RT101" {
				docs = &actions[i]
			}
		}
		if docs == nil || docs.Command == nil || docs.Command.Command != "rtlint.showDocumentation" {
			t.Fatalf("actions = %+v, want a Show documentation command", actions)
		}
		mark := e.Mark()
		if err := e.Call("workspace/executeCommand", map[string]any{"command": docs.Command.Command, "arguments": docs.Command.Arguments}, nil); err != nil {
			t.Fatalf("executeCommand: %v", err)
		}
		if canShow {
			e.AwaitServerRequest(mark, "window/showDocument")
		}
		// The test client answers showDocument with null (not a success):
		// the address is shown either way.
		e.AwaitLog(mark, "the documentation address", func(l lsptest.LogMessage) bool {
			return l.Method == "window/showMessage" && strings.Contains(l.Message, "docs/rules/RT101.md")
		})
		if err := e.Call("workspace/executeCommand", map[string]any{"command": "rtlint.showDocumentation", "arguments": []any{"file:///etc/passwd"}}, nil); err == nil {
			t.Error("showDocumentation opened a non-https address")
		}
	}

	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{InitializationOptions: map[string]any{
		"run": "onSave", "codeAction": map[string]any{"disableRuleComment": map[string]any{"enable": false}},
		"showDocumentation": map[string]any{"enable": false},
	}})
	uri := docURI(t, "onsave.py")
	e.Open(uri, "python", sleepPy)
	diags := e.Diagnostics(uri, 1, 0)
	for _, a := range e.CodeActions(uri, diags[0].Range, diags) {
		if strings.HasPrefix(a.Title, "Suppress") || strings.HasPrefix(a.Title, "Show documentation") {
			t.Errorf("action %q offered with its setting off", a.Title)
		}
	}
	at := mustRange(t, sleepPy, "time.sleep(1)", 0)
	mark := e.Mark()
	e.Change(uri, 2, lsptest.Change{Range: &at, Text: "await asyncio.sleep(1)"})
	time.Sleep(500 * time.Millisecond)
	if n := e.PublishCount(uri); n != 1 {
		t.Errorf("%d publishes after an edit with run = onSave, want only the one on open", n)
	}
	if err := e.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}}); err != nil {
		t.Fatal(err)
	}
	e.AwaitPublish(uri, mark, "version 2 after save", func(p lsptest.Publish) bool { return p.Version != nil && *p.Version == 2 })

	mark = e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"run": "sometimes"}})
	e.AwaitLog(mark, "a run setting error", func(l lsptest.LogMessage) bool {
		return l.Method == "window/showMessage" && strings.Contains(l.Message, "run")
	})
}

// The configuration setting names a config file used for every document,
// as `rtlint check --config` does; a bad one is shown.
func TestConfigurationSetting(t *testing.T) {
	t.Parallel()
	cfgFile := filepath.Join(t.TempDir(), "team.toml")
	if err := os.WriteFile(cfgFile, []byte("ignore = [\"RT101\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{})
	uri := docURI(t, "configured.py")
	e.Open(uri, "python", sleepPy)
	if diags := e.Diagnostics(uri, 1, 0); len(diags) != 1 {
		t.Fatalf("diagnostics = %v, want RT101", messages(diags))
	}
	mark := e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"configuration": cfgFile}})
	e.AwaitPublish(uri, mark, "no diagnostics under team.toml", func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 })
	mark = e.Mark()
	e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"configuration": cfgFile + ".missing"}})
	e.AwaitLog(mark, "an error naming the missing file", func(l lsptest.LogMessage) bool {
		return l.Method == "window/showMessage" && strings.Contains(l.Message, "team.toml.missing")
	})
}

// Workspace mode (diagnosticMode = "workspace"): files that are not open
// are linted from disk in the background with progress; a pushing client
// gets their diagnostics pushed, a pulling one answers workspace/diagnostic
// (unchanged when it holds the result); a file changed on disk is linted
// again; turning the mode off clears them.
func TestWorkspaceMode(t *testing.T) {
	t.Parallel()
	for _, pull := range []bool{false, true} {
		dir := t.TempDir()
		write := func(name, text string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("pyproject.toml", "[project]\nname = \"x\"\n")
		write("slow.py", sleepPy)
		write("fine.py", "def f():\n    return 1\n")
		uri := func(name string) protocol.DocumentURI {
			return protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, name)))
		}
		e := lsptest.Start(t, bin())
		e.Initialize(lsptest.InitOptions{RootURI: uri(""), WorkDoneProgress: true, PullDiagnostics: pull, WatchFiles: true,
			InitializationOptions: map[string]any{"diagnosticMode": "workspace"}})
		type report struct {
			Kind     string                `json:"kind"`
			URI      protocol.DocumentURI  `json:"uri"`
			ResultID string                `json:"resultId"`
			Items    []protocol.Diagnostic `json:"items"`
		}
		pullAll := func(previous map[protocol.DocumentURI]string) map[protocol.DocumentURI]report {
			var ids []map[string]any
			for u, v := range previous {
				ids = append(ids, map[string]any{"uri": u, "value": v})
			}
			var res struct {
				Items []report `json:"items"`
			}
			if err := e.Call("workspace/diagnostic", map[string]any{"previousResultIds": ids}, &res); err != nil {
				t.Fatalf("workspace/diagnostic: %v", err)
			}
			out := map[protocol.DocumentURI]report{}
			for _, r := range res.Items {
				out[r.URI] = r
			}
			return out
		}
		var first map[protocol.DocumentURI]report
		if pull {
			deadline := time.Now().Add(20 * time.Second)
			for first = pullAll(nil); len(first[uri("slow.py")].Items) == 0 && time.Now().Before(deadline); first = pullAll(nil) {
				time.Sleep(50 * time.Millisecond)
			}
			if r := first[uri("slow.py")]; r.Kind != "full" || len(r.Items) != 1 || r.Items[0].Code != "RT101" {
				t.Fatalf("workspace/diagnostic slow.py = %+v, want one RT101", r)
			}
			if r, ok := first[uri("fine.py")]; !ok || len(r.Items) != 0 {
				t.Errorf("workspace/diagnostic fine.py = %+v, %v; want an empty full report", r, ok)
			}
			again := pullAll(map[protocol.DocumentURI]string{uri("slow.py"): first[uri("slow.py")].ResultID})
			if r := again[uri("slow.py")]; r.Kind != "unchanged" || r.ResultID != first[uri("slow.py")].ResultID {
				t.Errorf("second workspace/diagnostic slow.py = %+v, want unchanged", r)
			}
			if e.PublishCount(uri("slow.py")) != 0 {
				t.Error("pushed to a pulling client")
			}
		} else {
			e.AwaitPublish(uri("slow.py"), 0, "RT101 in a file never opened", func(p lsptest.Publish) bool {
				return len(p.Diagnostics) == 1 && p.Diagnostics[0].Code == "RT101"
			})
		}
		linted := func() bool {
			return slices.ContainsFunc(e.Progress(), func(p string) bool { return strings.HasPrefix(p, "end: linted 2 files") })
		}
		for deadline := time.Now().Add(20 * time.Second); !linted() && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		if !linted() {
			t.Errorf("progress = %v, want the workspace linting's", e.Progress())
		}

		// Fixed on disk: linted again.
		mark := e.Mark()
		write("slow.py", "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n")
		if err := e.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": uri("slow.py"), "type": 2}}}); err != nil {
			t.Fatal(err)
		}
		if pull {
			e.AwaitServerRequest(mark, "workspace/diagnostic/refresh")
			r := pullAll(nil)[uri("slow.py")]
			for deadline := time.Now().Add(10 * time.Second); len(r.Items) != 0 && time.Now().Before(deadline); r = pullAll(nil)[uri("slow.py")] {
				time.Sleep(20 * time.Millisecond)
			}
			if len(r.Items) != 0 {
				t.Errorf("after the fix on disk, slow.py = %+v", r)
			}
		} else {
			e.AwaitPublish(uri("slow.py"), mark, "no diagnostics after the fix on disk", func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 })
		}

		// Off: nothing from files that are not open.
		write("slow.py", sleepPy)
		e.ChangeConfiguration(map[string]any{"rtlint": map[string]any{"diagnosticMode": "openFilesOnly"}})
		deadline := time.Now().Add(10 * time.Second)
		for pull && len(pullAll(nil)) != 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if pull && len(pullAll(nil)) != 0 {
			t.Errorf("workspace/diagnostic outside workspace mode = %v", pullAll(nil))
		}
	}
}
