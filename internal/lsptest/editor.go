// Package lsptest is a fake editor for end-to-end tests of `rtlint server`.
// It starts the real binary with stdin/stdout pipes, speaks LSP to it
// through go.lsp.dev/jsonrpc2, keeps its own copy of every open document,
// and records what the server sends: publishDiagnostics, window/logMessage,
// the raw stdout bytes (to check that stdout carries only Content-Length
// frames) and stderr.
//
// Tests wait on conditions ("diagnostics for version 3 arrived", "a log
// message names the file"), never on sleeps. Every wait gives up after
// DefaultTimeout, which the environment variable RTLINT_TEST_TIMEOUT
// overrides (a Go duration such as "2m", or seconds).
//
// Responses the jsonrpc2 connection cannot take — answers to requests
// written with RawCall (string ids "raw-N") and error responses with a null
// id (what a server answers to a message it cannot parse) — are kept aside
// by the reader and read with AwaitRawResponse and AwaitNullIDError.
package lsptest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// TimeoutEnv names the environment variable that overrides DefaultTimeout.
const TimeoutEnv = "RTLINT_TEST_TIMEOUT"

// DefaultTimeout is how long a wait or a request may take before the test
// fails: 30s, or RTLINT_TEST_TIMEOUT.
func DefaultTimeout() time.Duration {
	v := strings.TrimSpace(os.Getenv(TimeoutEnv))
	if v == "" {
		return 30 * time.Second
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return d
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	return 30 * time.Second
}

// Publish is one textDocument/publishDiagnostics notification.
type Publish struct {
	URI         protocol.DocumentURI  `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
	Seq         int                   `json:"-"` // position in the event order (see Mark)
}

// LogMessage is one window/logMessage (or window/showMessage) notification.
type LogMessage struct {
	Type    protocol.MessageType `json:"type"`
	Message string               `json:"message"`
	Method  string               `json:"-"`
	Seq     int                  `json:"-"`
}

// Doc is the editor's copy of an open document.
type Doc struct {
	LanguageID string
	Version    int32
	Text       string
}

type nullIDError struct {
	resp RawResponse
	seq  int
}

// Editor is a fake LSP client connected to one server process.
type Editor struct {
	t       testing.TB
	timeout time.Duration
	cmd     *exec.Cmd
	conn    jsonrpc2.Conn
	stderr  syncBuffer
	rawSeq  atomic.Int64

	wmu         sync.Mutex // one writer at a time on the server's stdin
	stdin       *os.File
	stdinClosed bool

	exited   chan struct{} // closed when the process has ended
	exitCode int           // valid once exited is closed
	waitErr  error

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every event
	seq        int
	published  map[protocol.DocumentURI]Publish
	publishN   map[protocol.DocumentURI]int
	logs       []LogMessage
	requests   []string // methods of the server's requests, in order
	requestSeq []int    // the event number of each request (see Mark)
	raw        map[string]RawResponse
	nullIDs    []nullIDError
	keepFrames bool
	frames     [][]byte
	stdoutN    int64
	framingErr error
	stdoutEOF  bool
	docs       map[protocol.DocumentURI]*Doc
	progress   []string // $/progress values, as "kind: message"
	files      map[protocol.DocumentURI]string
}

// Start runs `bin server args...` and connects to it. The process is ended
// when the test ends (stdin closed, then killed if it does not exit).
func Start(t testing.TB, bin string, args ...string) *Editor {
	t.Helper()
	e := &Editor{
		t: t, timeout: DefaultTimeout(), exited: make(chan struct{}), changed: make(chan struct{}),
		published: map[protocol.DocumentURI]Publish{}, publishN: map[protocol.DocumentURI]int{},
		raw: map[string]RawResponse{}, keepFrames: true,
		docs: map[protocol.DocumentURI]*Doc{}, files: map[protocol.DocumentURI]string{},
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatalf("lsptest: stdin pipe: %v", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatalf("lsptest: stdout pipe: %v", err)
	}
	e.cmd = exec.Command(bin, append([]string{"server"}, args...)...)
	e.cmd.Stdin, e.cmd.Stdout, e.cmd.Stderr = inR, outW, &e.stderr
	if err := e.cmd.Start(); err != nil {
		t.Fatalf("lsptest: starting %s server: %v", bin, err)
	}
	inR.Close()
	outW.Close()
	e.stdin = inW
	go func() {
		e.waitErr = e.cmd.Wait()
		e.exitCode = e.cmd.ProcessState.ExitCode()
		close(e.exited)
		e.event()
	}()
	pr, pw := io.Pipe()
	go e.readLoop(outR, pw)
	e.conn = jsonrpc2.NewConn(lockedStream{Stream: jsonrpc2.NewStream(&clientRWC{r: pr, e: e}), mu: &e.wmu})
	e.conn.Go(context.Background(), e.handle)
	t.Cleanup(e.cleanup)
	return e
}

func (e *Editor) cleanup() {
	if e.Alive() {
		e.CloseStdin()
		select {
		case <-e.exited:
		case <-time.After(e.timeout):
			_ = e.cmd.Process.Kill()
			<-e.exited
		}
	}
	e.conn.Close()
	if e.t.Failed() {
		e.t.Logf("server stderr (last 4 KB):\n%s", tail(e.Stderr(), 4096))
	}
}

// SetTimeout changes how long waits and requests may take.
func (e *Editor) SetTimeout(d time.Duration) { e.timeout = d }

// KeepFrames turns recording of stdout frames (Frames) on or off; long
// benchmarks turn it off.
func (e *Editor) KeepFrames(on bool) {
	e.mu.Lock()
	e.keepFrames = on
	e.mu.Unlock()
}

// Pid is the server's process id.
func (e *Editor) Pid() int { return e.cmd.Process.Pid }

// Alive reports whether the server process is still running.
func (e *Editor) Alive() bool {
	select {
	case <-e.exited:
		return false
	default:
		return true
	}
}

// Stderr returns what the server wrote to stderr so far.
func (e *Editor) Stderr() string { return e.stderr.String() }

// event records that something happened and wakes every waiter.
func (e *Editor) event() {
	e.mu.Lock()
	e.eventLocked()
	e.mu.Unlock()
}

// eventLocked is event with e.mu held; it returns the event's number.
func (e *Editor) eventLocked() int {
	e.seq++
	close(e.changed)
	e.changed = make(chan struct{})
	return e.seq
}

// Mark returns a point in the event order; the Await* methods that take a
// mark only look at events after it.
func (e *Editor) Mark() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.seq
}

// await waits until cond (called with e.mu held) holds. It returns false
// on timeout, or when the server has exited and its stdout is drained and
// cond still does not hold.
func (e *Editor) await(timeout time.Duration, cond func() bool) bool {
	if timeout <= 0 {
		timeout = e.timeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		e.mu.Lock()
		ok := cond()
		ch, gone := e.changed, e.stdoutEOF && !e.Alive()
		e.mu.Unlock()
		if ok {
			return true
		}
		if gone {
			return false
		}
		select {
		case <-ch:
		case <-timer.C:
			return false
		}
	}
}

// fatalf fails the test with the server's recent log messages and stderr.
func (e *Editor) fatalf(format string, args ...any) {
	e.t.Helper()
	msg := fmt.Sprintf(format, args...)
	e.mu.Lock()
	var logs []string
	for _, l := range e.logs[max(0, len(e.logs)-5):] {
		logs = append(logs, fmt.Sprintf("  [%v] %s", l.Type, l.Message))
	}
	e.mu.Unlock()
	if !e.Alive() {
		msg += fmt.Sprintf("\n(server exited with code %d)", e.exitCode)
	}
	if len(logs) > 0 {
		msg += "\nlast log messages:\n" + strings.Join(logs, "\n")
	}
	e.t.Fatalf("%s", msg)
}

// handle records the server's notifications and answers its requests with
// null.
func (e *Editor) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p Publish
		if err := json.Unmarshal(req.Params(), &p); err == nil {
			e.mu.Lock()
			p.Seq = e.eventLocked()
			e.published[p.URI] = p
			e.publishN[p.URI]++
			e.mu.Unlock()
		}
	case "$/progress":
		var p struct {
			Value struct {
				Kind    string `json:"kind"`
				Message string `json:"message"`
			} `json:"value"`
		}
		if err := json.Unmarshal(req.Params(), &p); err == nil {
			e.mu.Lock()
			e.eventLocked()
			e.progress = append(e.progress, p.Value.Kind+": "+p.Value.Message)
			e.mu.Unlock()
		}
	case "window/logMessage", "window/showMessage":
		var l LogMessage
		if err := json.Unmarshal(req.Params(), &l); err == nil {
			e.mu.Lock()
			l.Method, l.Seq = req.Method(), e.eventLocked()
			e.logs = append(e.logs, l)
			e.mu.Unlock()
		}
	}
	if _, isCall := req.(*jsonrpc2.Call); isCall {
		e.mu.Lock()
		e.requests = append(e.requests, req.Method())
		e.requestSeq = append(e.requestSeq, e.eventLocked())
		e.mu.Unlock()
		return reply(ctx, nil, nil)
	}
	return nil
}

// Progress returns the $/progress notifications received, as "kind:
// message" ("begin: ", "report: 3/5 files", "end: indexed 5 files").
func (e *Editor) Progress() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.progress...)
}

// AwaitProgressEnd waits until a $/progress "end" has arrived.
func (e *Editor) AwaitProgressEnd() {
	e.t.Helper()
	ok := e.await(e.timeout, func() bool {
		for _, p := range e.progress {
			if strings.HasPrefix(p, "end:") {
				return true
			}
		}
		return false
	})
	if !ok {
		e.fatalf("no $/progress end; got %v", e.Progress())
	}
}

// Pull asks for a document's diagnostics (textDocument/diagnostic) and
// returns the full report's items.
func (e *Editor) Pull(uri protocol.DocumentURI) []protocol.Diagnostic {
	e.t.Helper()
	return e.PullReport(uri, "").Items
}

// PullReport is one textDocument/diagnostic answer.
type PullReport struct {
	Kind     string                `json:"kind"` // "full" or "unchanged"
	ResultID string                `json:"resultId"`
	Items    []protocol.Diagnostic `json:"items"`
}

// PullReport pulls a document's diagnostics as a client that holds the
// result previous (none: "").
func (e *Editor) PullReport(uri protocol.DocumentURI, previous string) PullReport {
	e.t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	var report PullReport
	if err := e.Call("textDocument/diagnostic", params, &report); err != nil {
		e.fatalf("textDocument/diagnostic: %v", err)
	}
	return report
}

// AwaitServerRequest waits until the server has sent a request with this
// method after mark (see Mark).
func (e *Editor) AwaitServerRequest(mark int, method string) {
	e.t.Helper()
	ok := e.await(e.timeout, func() bool {
		for i := len(e.requests) - 1; i >= 0; i-- {
			if e.requests[i] == method && e.requestSeq[i] > mark {
				return true
			}
		}
		return false
	})
	if !ok {
		e.fatalf("no %s request from the server; got %v", method, e.ServerRequests())
	}
}

// ServerRequests returns the methods of the requests the server sent (each
// answered with null), in order.
func (e *Editor) ServerRequests() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.requests...)
}

// readLoop reads the server's stdout frame by frame, strictly. It keeps
// raw-channel responses and forwards everything else to the jsonrpc2 conn.
func (e *Editor) readLoop(out *os.File, pw *io.PipeWriter) {
	defer func() {
		e.mu.Lock()
		e.stdoutEOF = true
		e.mu.Unlock()
		pw.Close()
		out.Close()
		e.event()
	}()
	br := bufio.NewReaderSize(out, 64<<10)
	forward := true
	for {
		body, n, err := readFrame(br)
		if err == io.EOF {
			return
		}
		e.mu.Lock()
		e.stdoutN += int64(n)
		e.mu.Unlock()
		if err != nil {
			rest, _ := io.Copy(io.Discard, br)
			e.mu.Lock()
			e.stdoutN += rest
			e.framingErr = fmt.Errorf("stdout byte %d: %w", e.stdoutN-rest-int64(n), err)
			e.mu.Unlock()
			return
		}
		var env envelope
		jerr := json.Unmarshal(body, &env)
		e.mu.Lock()
		if e.keepFrames {
			e.frames = append(e.frames, body)
		}
		if jerr != nil || env.JSONRPC != "2.0" {
			if e.framingErr == nil {
				e.framingErr = fmt.Errorf("frame is not a JSON-RPC 2.0 message (%v): %s", jerr, tail(string(body), 200))
			}
			e.mu.Unlock()
			continue
		}
		if env.Method == "" {
			if id, ok := rawID(env.ID); ok {
				r := RawResponse{ID: id, Result: env.Result, Error: env.Error, Body: body}
				if id == "" {
					e.nullIDs = append(e.nullIDs, nullIDError{r, e.eventLocked()})
				} else {
					e.raw[id] = r
					e.eventLocked()
				}
				e.mu.Unlock()
				continue
			}
		}
		e.mu.Unlock()
		if forward {
			if _, err := pw.Write(frame(body)); err != nil {
				forward = false // the conn is closed; keep draining stdout
			}
		}
	}
}

// Frames returns the bodies of all frames read from stdout so far.
func (e *Editor) Frames() [][]byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([][]byte(nil), e.frames...)
}

// StdoutBytes is the number of bytes read from the server's stdout.
func (e *Editor) StdoutBytes() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stdoutN
}

// FramingError is the first violation of the stdout protocol: bytes that
// are not a Content-Length frame, or a frame that is not JSON-RPC 2.0.
func (e *Editor) FramingError() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.framingErr
}

// Raw writes bytes to the server's stdin as they are.
func (e *Editor) Raw(b []byte) error {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.stdinClosed {
		return errors.New("lsptest: stdin is closed")
	}
	_, err := e.stdin.Write(b)
	return err
}

// RawFrame writes body in a Content-Length frame.
func (e *Editor) RawFrame(body []byte) error { return e.Raw(frame(body)) }

// RawCall writes a request with a fresh string id outside the jsonrpc2
// conn and returns the id; AwaitRawResponse reads the answer.
func (e *Editor) RawCall(method string, params any) string {
	e.t.Helper()
	id := fmt.Sprintf("%s%d", rawPrefix, e.rawSeq.Add(1))
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	if err != nil {
		e.t.Fatalf("lsptest: marshaling %s: %v", method, err)
	}
	if err := e.RawFrame(body); err != nil {
		e.fatalf("lsptest: writing %s: %v", method, err)
	}
	return id
}

// AwaitRawResponse waits for the answer to a RawCall.
func (e *Editor) AwaitRawResponse(id string) RawResponse {
	e.t.Helper()
	var r RawResponse
	if !e.await(0, func() bool {
		var ok bool
		r, ok = e.raw[id]
		return ok
	}) {
		e.fatalf("no response to raw request %s within %v", id, e.timeout)
	}
	return r
}

// AwaitNullIDError waits for an error response with a null id after mark.
func (e *Editor) AwaitNullIDError(mark int) RawResponse {
	e.t.Helper()
	var r RawResponse
	if !e.await(0, func() bool {
		for _, n := range e.nullIDs {
			if n.seq > mark {
				r = n.resp
				return true
			}
		}
		return false
	}) {
		e.fatalf("no error response with a null id within %v", e.timeout)
	}
	return r
}

// NullIDErrors returns every null-id error response received.
func (e *Editor) NullIDErrors() []RawResponse {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []RawResponse
	for _, n := range e.nullIDs {
		out = append(out, n.resp)
	}
	return out
}

// Call sends a request through the jsonrpc2 conn and decodes the result
// into result (if not nil). A JSON-RPC error is returned (see ErrorCode);
// no answer within the timeout fails the test.
func (e *Editor) Call(method string, params, result any) error {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), e.timeout)
	defer cancel()
	_, err := e.conn.Call(ctx, method, params, result)
	if err != nil && ctx.Err() != nil {
		e.fatalf("%s: no answer within %v", method, e.timeout)
	}
	return err
}

// Notify sends a notification as given (the editor's document copies are
// not touched).
func (e *Editor) Notify(method string, params any) error {
	return e.conn.Notify(context.Background(), method, params)
}

func (e *Editor) mustNotify(method string, params any) {
	e.t.Helper()
	if err := e.Notify(method, params); err != nil {
		e.fatalf("sending %s: %v", method, err)
	}
}

// ErrorCode returns the JSON-RPC error code of err, if it is a JSON-RPC error.
func ErrorCode(err error) (int64, bool) {
	var je *jsonrpc2.Error
	if errors.As(err, &je) {
		return int64(je.Code), true
	}
	var re *RPCError
	if errors.As(err, &re) {
		return re.Code, true
	}
	return 0, false
}

// InitOptions are the client capabilities and settings Initialize sends.
type InitOptions struct {
	RootURI            protocol.DocumentURI
	DocumentChanges    bool     // workspace.workspaceEdit.documentChanges
	ResourceOperations []string // workspace.workspaceEdit.resourceOperations
	WatchFiles         bool     // workspace.didChangeWatchedFiles.dynamicRegistration
	WorkDoneProgress   bool     // window.workDoneProgress
	// PullDiagnostics declares textDocument.diagnostic (pull, as VS Code
	// and Neovim ≥ 0.10 do) and workspace.diagnostics.refreshSupport.
	PullDiagnostics       bool
	ShowDocument          bool // window.showDocument.support
	InitializationOptions any
}

// Initialize sends initialize and then initialized, and returns the
// initialize result.
func (e *Editor) Initialize(opts InitOptions) json.RawMessage {
	e.t.Helper()
	params := map[string]any{
		"processId": os.Getpid(),
		"rootUri":   opts.RootURI,
		"clientInfo": map[string]any{
			"name": "lsptest",
		},
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"workspaceEdit": map[string]any{
					"documentChanges":    opts.DocumentChanges,
					"resourceOperations": nonNil(opts.ResourceOperations),
				},
				"didChangeConfiguration": map[string]any{"dynamicRegistration": false},
				"didChangeWatchedFiles":  map[string]any{"dynamicRegistration": opts.WatchFiles},
			},
			"textDocument": map[string]any{
				"synchronization":    map[string]any{"didSave": true},
				"publishDiagnostics": map[string]any{"versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true},
				"codeAction": map[string]any{
					"codeActionLiteralSupport": map[string]any{
						"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "source", "source.fixAll"}},
					},
					"dataSupport": true,
				},
				"hover": map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			},
			"general": map[string]any{"positionEncodings": []string{"utf-16"}},
			"window":  map[string]any{"workDoneProgress": opts.WorkDoneProgress, "showDocument": map[string]any{"support": opts.ShowDocument}},
		},
		"initializationOptions": opts.InitializationOptions,
	}
	if opts.PullDiagnostics {
		caps := params["capabilities"].(map[string]any)
		caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{"dynamicRegistration": false, "relatedDocumentSupport": false}
		caps["workspace"].(map[string]any)["diagnostics"] = map[string]any{"refreshSupport": true}
	}
	var result json.RawMessage
	if err := e.Call("initialize", params, &result); err != nil {
		e.fatalf("initialize: %v", err)
	}
	e.mustNotify("initialized", map[string]any{})
	return result
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Open sends didOpen (version 1) and keeps a copy of the text.
func (e *Editor) Open(uri protocol.DocumentURI, languageID, text string) {
	e.t.Helper()
	e.mu.Lock()
	e.docs[uri] = &Doc{LanguageID: languageID, Version: 1, Text: text}
	e.mu.Unlock()
	e.mustNotify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": languageID, "version": 1, "text": text},
	})
}

// Change applies incremental (or full, with a nil Range) changes to the
// editor's copy, then sends them in a didChange with the given version.
func (e *Editor) Change(uri protocol.DocumentURI, version int32, changes ...Change) {
	e.t.Helper()
	e.mu.Lock()
	d := e.docs[uri]
	if d == nil {
		e.mu.Unlock()
		e.t.Fatalf("lsptest: Change: %s is not open", uri)
	}
	text, err := ApplyChanges(d.Text, changes)
	if err != nil {
		e.mu.Unlock()
		e.t.Fatalf("lsptest: Change %s: %v", uri, err)
	}
	d.Text, d.Version = text, version
	e.mu.Unlock()
	e.mustNotify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

// Insert inserts text at pos as the next version and returns that version.
func (e *Editor) Insert(uri protocol.DocumentURI, pos protocol.Position, text string) int32 {
	e.t.Helper()
	v := e.Version(uri) + 1
	e.Change(uri, v, Change{Range: &protocol.Range{Start: pos, End: pos}, Text: text})
	return v
}

// Close sends didClose.
func (e *Editor) Close(uri protocol.DocumentURI) {
	e.t.Helper()
	e.mu.Lock()
	delete(e.docs, uri)
	e.mu.Unlock()
	e.mustNotify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// Text is the editor's copy of an open document.
func (e *Editor) Text(uri protocol.DocumentURI) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if d := e.docs[uri]; d != nil {
		return d.Text
	}
	return ""
}

// Version is the open document's current version (0 if not open).
func (e *Editor) Version(uri protocol.DocumentURI) int32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if d := e.docs[uri]; d != nil {
		return d.Version
	}
	return 0
}

// File returns a file that an applied WorkspaceEdit created (and edited).
func (e *Editor) File(uri protocol.DocumentURI) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.files[uri]
	return s, ok
}

// Diagnostics waits until diagnostics for version (or a later one) of uri
// are published and returns them. timeout 0 means the default.
func (e *Editor) Diagnostics(uri protocol.DocumentURI, version int32, timeout time.Duration) []protocol.Diagnostic {
	e.t.Helper()
	var p Publish
	if !e.await(timeout, func() bool {
		var ok bool
		p, ok = e.published[uri]
		return ok && p.Version != nil && *p.Version >= version
	}) {
		e.fatalf("no diagnostics for version %d of %s within %v (last published: %s)", version, uri, orDefault(timeout, e.timeout), describe(p))
	}
	return p.Diagnostics
}

// AwaitPublish waits until the latest publishDiagnostics for uri came
// after mark and satisfies cond (nil: any). desc names the condition in
// the failure message.
func (e *Editor) AwaitPublish(uri protocol.DocumentURI, mark int, desc string, cond func(Publish) bool) Publish {
	e.t.Helper()
	var p Publish
	if !e.await(0, func() bool {
		var ok bool
		p, ok = e.published[uri]
		return ok && p.Seq > mark && (cond == nil || cond(p))
	}) {
		e.fatalf("no publishDiagnostics for %s where %s within %v (last published: %s)", uri, desc, e.timeout, describe(p))
	}
	return p
}

// LastPublish returns the latest publishDiagnostics for uri.
func (e *Editor) LastPublish(uri protocol.DocumentURI) (Publish, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p, ok := e.published[uri]
	return p, ok
}

// PublishCount is how many publishDiagnostics arrived for uri.
func (e *Editor) PublishCount(uri protocol.DocumentURI) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.publishN[uri]
}

func describe(p Publish) string {
	if p.URI == "" {
		return "none"
	}
	v := "none"
	if p.Version != nil {
		v = strconv.Itoa(int(*p.Version))
	}
	var codes []string
	for _, d := range p.Diagnostics {
		codes = append(codes, fmt.Sprintf("%v@%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character))
	}
	return fmt.Sprintf("version %s, %d diagnostics %v", v, len(p.Diagnostics), codes)
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// AwaitLog waits for a log message after mark that satisfies cond.
func (e *Editor) AwaitLog(mark int, desc string, cond func(LogMessage) bool) LogMessage {
	e.t.Helper()
	var found LogMessage
	if !e.await(0, func() bool {
		for _, l := range e.logs {
			if l.Seq > mark && cond(l) {
				found = l
				return true
			}
		}
		return false
	}) {
		e.fatalf("no window/logMessage where %s within %v", desc, e.timeout)
	}
	return found
}

// Logs returns every log message received.
func (e *Editor) Logs() []LogMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]LogMessage(nil), e.logs...)
}

// CodeAction is a code action as the server sends it.
type CodeAction struct {
	Title       string                  `json:"title"`
	Kind        protocol.CodeActionKind `json:"kind,omitempty"`
	Diagnostics []protocol.Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool                    `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit          `json:"edit,omitempty"`
	Command     *protocol.Command       `json:"command,omitempty"`
}

// WorkspaceEdit is a workspace edit with documentChanges that may mix text
// edits and resource operations.
type WorkspaceEdit struct {
	Changes         map[protocol.DocumentURI][]protocol.TextEdit `json:"changes,omitempty"`
	DocumentChanges []DocumentChange                             `json:"documentChanges,omitempty"`
}

// DocumentChange is one entry of documentChanges: a TextDocumentEdit
// (Kind "") or a create/rename/delete operation.
type DocumentChange struct {
	Kind         string                      `json:"kind,omitempty"`
	URI          protocol.DocumentURI        `json:"uri,omitempty"`
	Options      *protocol.CreateFileOptions `json:"options,omitempty"`
	TextDocument *struct {
		URI     protocol.DocumentURI `json:"uri"`
		Version *int32               `json:"version"`
	} `json:"textDocument,omitempty"`
	Edits []protocol.TextEdit `json:"edits,omitempty"`
}

// CodeActions requests code actions for rng with the given diagnostics in
// the context (invoked trigger kind) and optional kinds.
func (e *Editor) CodeActions(uri protocol.DocumentURI, rng protocol.Range, diags []protocol.Diagnostic, only ...protocol.CodeActionKind) []CodeAction {
	e.t.Helper()
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	ctx := map[string]any{"diagnostics": diags, "triggerKind": 1}
	if len(only) > 0 {
		ctx["only"] = only
	}
	var actions []CodeAction
	if err := e.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng, "context": ctx,
	}, &actions); err != nil {
		e.fatalf("textDocument/codeAction for %s: %v", uri, err)
	}
	return actions
}

// Hover requests a hover; nil means the server answered null.
func (e *Editor) Hover(uri protocol.DocumentURI, pos protocol.Position) *protocol.Hover {
	e.t.Helper()
	var raw json.RawMessage
	if err := e.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": pos,
	}, &raw); err != nil {
		e.fatalf("textDocument/hover for %s: %v", uri, err)
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var h protocol.Hover
	if err := json.Unmarshal(raw, &h); err != nil {
		e.fatalf("textDocument/hover: decoding %s: %v", raw, err)
	}
	return &h
}

// ChangeConfiguration sends workspace/didChangeConfiguration.
func (e *Editor) ChangeConfiguration(settings any) {
	e.t.Helper()
	e.mustNotify("workspace/didChangeConfiguration", map[string]any{"settings": settings})
}

// Apply applies a WorkspaceEdit as an editor does: text edits to an open
// document go to the editor's copy and to the server as one didChange (the
// next version); CreateFile and edits to other files change the editor's
// in-memory file set (File).
func (e *Editor) Apply(edit *WorkspaceEdit) {
	e.t.Helper()
	if edit == nil {
		e.t.Fatalf("lsptest: Apply: the code action has no edit")
	}
	if len(edit.DocumentChanges) > 0 {
		for i, dc := range edit.DocumentChanges {
			switch dc.Kind {
			case "create":
				e.mu.Lock()
				_, exists := e.files[dc.URI]
				if _, open := e.docs[dc.URI]; open {
					exists = true
				}
				if exists && (dc.Options == nil || (!dc.Options.IgnoreIfExists && !dc.Options.Overwrite)) {
					e.mu.Unlock()
					e.t.Fatalf("lsptest: Apply: documentChanges[%d] creates %s, which exists", i, dc.URI)
				}
				if !exists || dc.Options.Overwrite {
					e.files[dc.URI] = ""
				}
				e.mu.Unlock()
			case "":
				if dc.TextDocument == nil {
					e.t.Fatalf("lsptest: Apply: documentChanges[%d] has neither kind nor textDocument", i)
				}
				e.applyEdits(dc.TextDocument.URI, dc.TextDocument.Version, dc.Edits)
			default:
				e.t.Fatalf("lsptest: Apply: documentChanges[%d]: %q operations are not supported", i, dc.Kind)
			}
		}
		return
	}
	uris := make([]string, 0, len(edit.Changes))
	for u := range edit.Changes {
		uris = append(uris, string(u))
	}
	sort.Strings(uris)
	for _, u := range uris {
		e.applyEdits(protocol.DocumentURI(u), nil, edit.Changes[protocol.DocumentURI(u)])
	}
}

func (e *Editor) applyEdits(uri protocol.DocumentURI, version *int32, edits []protocol.TextEdit) {
	e.t.Helper()
	changes := EditsToChanges(edits)
	e.mu.Lock()
	d := e.docs[uri]
	if d != nil {
		cur := d.Version
		e.mu.Unlock()
		if version != nil && *version != cur {
			e.t.Fatalf("lsptest: Apply: edit is for version %d of %s, the editor has version %d", *version, uri, cur)
		}
		e.Change(uri, cur+1, changes...)
		return
	}
	text, ok := e.files[uri]
	if !ok {
		e.mu.Unlock()
		e.t.Fatalf("lsptest: Apply: edit for %s, which is neither open nor created", uri)
	}
	text, err := ApplyChanges(text, changes)
	if err == nil {
		e.files[uri] = text
	}
	e.mu.Unlock()
	if err != nil {
		e.t.Fatalf("lsptest: Apply: %s: %v", uri, err)
	}
}

// Shutdown sends the shutdown request.
func (e *Editor) Shutdown() error {
	e.t.Helper()
	return e.Call("shutdown", nil, nil)
}

// Exit sends the exit notification and returns the process exit code.
func (e *Editor) Exit() int {
	e.t.Helper()
	e.mustNotify("exit", nil)
	return e.Wait()
}

// Wait waits for the process to end and returns its exit code (-1 when a
// signal ended it). It fails the test if the process does not end.
func (e *Editor) Wait() int {
	e.t.Helper()
	select {
	case <-e.exited:
	case <-time.After(e.timeout):
		e.fatalf("server process %d did not exit within %v", e.Pid(), e.timeout)
	}
	// Let the reader drain stdout so that Frames and FramingError are final.
	e.await(0, func() bool { return e.stdoutEOF })
	return e.exitCode
}

// CloseStdin closes the server's stdin (the client going away).
func (e *Editor) CloseStdin() {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if !e.stdinClosed {
		e.stdinClosed = true
		e.stdin.Close()
	}
}

// Memory is the server process's resident memory in kB, from
// /proc/<pid>/status: VmRSS (now) and VmHWM (peak).
func (e *Editor) Memory() (rssKB, peakKB int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", e.Pid()))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		switch name {
		case "VmRSS":
			rssKB = n
		case "VmHWM":
			peakKB = n
		}
	}
	if rssKB == 0 {
		return 0, 0, fmt.Errorf("no VmRSS in /proc/%d/status", e.Pid())
	}
	return rssKB, peakKB, nil
}

// clientRWC is the jsonrpc2 stream's connection: it reads the frames the
// reader forwards and writes to the server's stdin.
type clientRWC struct {
	r    *io.PipeReader
	e    *Editor
	once sync.Once
}

func (c *clientRWC) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *clientRWC) Write(p []byte) (int, error) {
	// lockedStream holds e.wmu around the whole frame.
	if c.e.stdinClosed {
		return 0, errors.New("lsptest: stdin is closed")
	}
	return c.e.stdin.Write(p)
}

func (c *clientRWC) Close() error {
	c.once.Do(func() { c.r.Close() })
	return nil
}

// lockedStream writes each message (header and body) under the editor's
// write lock, so that Raw never splits a frame.
type lockedStream struct {
	jsonrpc2.Stream
	mu *sync.Mutex
}

func (s lockedStream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Stream.Write(ctx, msg)
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
