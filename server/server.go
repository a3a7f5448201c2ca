// Package server is rtlint's language server: a thin LSP shell over the
// analysis core (internal/lint) and the fix engine (internal/fix). It keeps
// each open document's text and tree-sitter tree, re-parses incrementally
// on every change, publishes diagnostics, and answers code actions and
// hovers from the findings it published.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/rtlint/rtlint/internal/config"
	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/lint"
)

// LSP's own error codes.
const (
	codeServerNotInitialized jsonrpc2.Code = -32002
	codeRequestCancelled     jsonrpc2.Code = -32800
)

type lifecycle int

const (
	uninitialized lifecycle = iota
	running
	shutDown
)

// Server is one LSP session.
type Server struct {
	log  *zap.Logger
	conn jsonrpc2.Conn

	mu       sync.Mutex
	state    lifecycle
	exitCode int
	exited   bool
	docs     map[protocol.DocumentURI]*document
	cfg      *lint.Config
	opts     editorOptions
	disk     diskDiagnostics // workspace mode's results (workspace_mode.go)
	// showDocument: the client opens URIs on request (window/showDocument).
	showDocument bool
	canCreate    bool // the client applies CreateFile in documentChanges
	docChanges   bool // the client takes documentChanges
	canWatch     bool // the client registers file watchers dynamically
	canRefresh   bool // the client takes workspace/diagnostic/refresh
	// pulls: the client pulls diagnostics (textDocument/diagnostic); the
	// server then never pushes them, or the client would show each twice.
	pulls        bool
	refreshTimer *time.Timer // a pending workspace/diagnostic/refresh
	idleTimer    *time.Timer // gives memory back once the server is idle (idle.go)
	ended        bool        // serve returned: no more timers
	progress     bool        // the client shows work-done progress
	roots        []string
	// ws is the workspace's project index for reach (project.go).
	ws *workspace
	// resolver finds each document's configuration file; configErrors
	// remembers the errors already shown.
	resolver     *config.Resolver
	facts        *facts.Reader // the project's manifests (SPEC §2b), reset with the config
	configErrors map[string]bool

	exitCh chan struct{} // closed by the exit notification

	// trees lists the documents that keep a syntax tree, least recently
	// edited first (see touchTree); evictions counts drops since the last GC.
	trees     []*document
	evictions int

	// published is signalled after every publishDiagnostics (tests, benchmarks).
	published func(uri protocol.DocumentURI, version int32)
}

// Run serves one LSP session over in/out until the client sends exit or
// closes its end. It returns the process exit code: 0 after shutdown and
// exit, 1 otherwise.
func Run(ctx context.Context, in io.Reader, out io.Writer, closer io.Closer, log *zap.Logger) int {
	s := &Server{log: log, docs: map[protocol.DocumentURI]*document{}, exitCode: 1, exitCh: make(chan struct{}),
		resolver: &config.Resolver{}, configErrors: map[string]bool{}}
	s.cfg, s.opts = editorDefaults()
	s.facts = s.newFactsReader()
	return s.serve(ctx, in, out, closer)
}

func (s *Server) serve(ctx context.Context, in io.Reader, out io.Writer, closer io.Closer) int {
	if s.ws == nil {
		s.ws = newWorkspace(s)
		startFollowingLiveHeap()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.conn = jsonrpc2.NewConn(newStream(in, out, closer, s.log))

	// Notifications (document changes) are applied in arrival order on the
	// read loop. Requests go to one worker, in order, so that the read loop
	// keeps reading and a $/cancelRequest can reach a request still queued.
	type job struct {
		ctx   context.Context
		reply jsonrpc2.Replier
		req   jsonrpc2.Request
	}
	calls := make(chan job, 4096)
	var pendingMu sync.Mutex
	pending := map[jsonrpc2.ID]context.CancelFunc{}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-calls:
				if j.ctx.Err() != nil {
					_ = j.reply(ctx, nil, jsonrpc2.NewError(codeRequestCancelled, "request cancelled"))
					continue
				}
				_ = s.handle(j.ctx, j.reply, j.req)
			}
		}
	}()
	s.conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "$/cancelRequest" {
			var p struct {
				ID jsonrpc2.ID `json:"id"`
			}
			if json.Unmarshal(req.Params(), &p) == nil {
				pendingMu.Lock()
				if cancel, ok := pending[p.ID]; ok {
					cancel()
				}
				pendingMu.Unlock()
			}
			return nil
		}
		call, isCall := req.(*jsonrpc2.Call)
		if !isCall {
			return s.handle(ctx, reply, req)
		}
		cctx, cancel := context.WithCancel(ctx)
		pendingMu.Lock()
		pending[call.ID()] = cancel
		pendingMu.Unlock()
		done := func(c context.Context, result any, err error) error {
			pendingMu.Lock()
			delete(pending, call.ID())
			pendingMu.Unlock()
			cancel()
			return reply(c, result, err)
		}
		select {
		case calls <- job{cctx, done, req}:
		default:
			_ = done(ctx, nil, jsonrpc2.NewError(jsonrpc2.InternalError, "server overloaded: too many queued requests"))
		}
		return nil
	})
	select {
	case <-s.conn.Done():
	case <-s.exitCh:
		// The read loop may still be blocked on the client's stdin; the
		// session is over either way.
	}
	if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !s.hasExited() {
		s.log.Error("connection closed", zap.Error(err))
	}
	s.closeAll()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended = true
	if s.idleTimer != nil {
		s.idleTimer.Stop() // the session is over: nothing to give back for it
	}
	return s.exitCode
}

func (s *Server) hasExited() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exited
}

// handle dispatches one message. It never returns an error (that would
// end the session): failures become JSON-RPC errors or log lines.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	log := s.log.With(zap.String("method", req.Method()))
	_, isCall := req.(*jsonrpc2.Call)
	defer func() {
		if r := recover(); r != nil {
			log.Error("handler panicked", zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			s.showError(fmt.Sprintf("rtlint: internal error in %s: %v", req.Method(), r))
			if isCall {
				err = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error: %v", r))
			}
		}
	}()
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()

	switch {
	case req.Method() == "exit":
		s.exit()
		return nil
	case state == uninitialized && req.Method() != "initialize":
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(codeServerNotInitialized, "server not initialized"))
		}
		return nil // notifications before initialize are dropped
	case state == shutDown && isCall:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shutting down"))
	}

	h, ok := handlers[req.Method()]
	if !ok {
		if isCall {
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", req.Method()))
		}
		return nil // unknown notifications are ignored
	}
	result, herr := h(s, ctx, req.Params())
	if herr != nil && ctx.Err() != nil {
		// Cancelled while running ($/cancelRequest): LSP wants RequestCancelled,
		// not the handler's "context canceled".
		herr = jsonrpc2.NewError(codeRequestCancelled, "request cancelled")
	}
	if herr != nil {
		log.Warn("request failed", zap.Error(herr))
	}
	if !isCall {
		return nil
	}
	return reply(ctx, result, herr)
}

// handlers maps LSP methods to their implementations.
var handlers = map[string]func(*Server, context.Context, json.RawMessage) (any, error){
	"initialize": (*Server).initialize,
	"initialized": func(s *Server, _ context.Context, _ json.RawMessage) (any, error) {
		s.watchConfigFiles()
		s.mu.Lock()
		roots, progress := s.roots, s.progress
		s.mu.Unlock()
		s.ws.start(roots, progress)
		return nil, nil
	},
	"shutdown":                         (*Server).shutdown,
	"textDocument/didOpen":             (*Server).didOpen,
	"textDocument/didChange":           (*Server).didChange,
	"textDocument/didSave":             (*Server).didSave,
	"workspace/executeCommand":         (*Server).executeCommand,
	"workspace/diagnostic":             (*Server).workspaceDiagnostics,
	"textDocument/didClose":            (*Server).didClose,
	"textDocument/codeAction":          (*Server).codeAction,
	"textDocument/hover":               (*Server).hover,
	"textDocument/diagnostic":          (*Server).pullDiagnostics,
	"workspace/didChangeConfiguration": (*Server).didChangeConfiguration,
	"workspace/didChangeWatchedFiles":  (*Server).didChangeWatchedFiles,
	"$/setTrace":                       func(*Server, context.Context, json.RawMessage) (any, error) { return nil, nil },
}

// invalidParams wraps a decoding error as an LSP InvalidParams error.
func invalidParams(err error) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
}

func (s *Server) initialize(ctx context.Context, raw json.RawMessage) (any, error) {
	var p initializeParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	cfg, opts, err := parseSettings(p.InitializationOptions)
	if err != nil {
		s.showConfigError(err.Error())
		cfg, opts = editorDefaults()
	}
	s.mu.Lock()
	s.state = running
	s.cfg, s.opts = cfg, opts
	s.resolver = &config.Resolver{Explicit: opts.explicit}
	s.docChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	s.canWatch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.canRefresh = p.Capabilities.Workspace.Diagnostics.RefreshSupport
	s.pulls = p.Capabilities.TextDocument.Diagnostic != nil
	s.progress = p.Capabilities.Window.WorkDoneProgress
	s.showDocument = p.Capabilities.Window.ShowDocument.Support
	s.roots = nil
	for _, f := range p.WorkspaceFolders {
		if path := uriPath(f.URI); path != "" {
			s.roots = append(s.roots, path)
		}
	}
	if len(s.roots) == 0 {
		if path := uriPath(p.RootURI); path != "" {
			s.roots = append(s.roots, path)
		}
	}
	for _, op := range p.Capabilities.Workspace.WorkspaceEdit.ResourceOperations {
		if op == "create" {
			s.canCreate = true
		}
	}
	s.mu.Unlock()
	return map[string]any{
		"capabilities": map[string]any{
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    protocol.TextDocumentSyncKindIncremental,
				"save":      map[string]any{"includeText": false},
			},
			"codeActionProvider": map[string]any{
				"codeActionKinds": []protocol.CodeActionKind{protocol.QuickFix, fixAllKind, protocol.Source},
			},
			"hoverProvider": true,
			"executeCommandProvider": map[string]any{
				"commands": []string{showDocumentationCommand},
			},
			"diagnosticProvider": map[string]any{
				"interFileDependencies": true, // reach: a helper file's findings depend on its callers
				"workspaceDiagnostics":  true, // in workspace mode (setting diagnosticMode)
			},
		},
		"serverInfo": map[string]any{"name": "rtlint", "version": Version},
	}, nil
}

// Version is reported in serverInfo; the command sets it.
var Version = "dev"

func (s *Server) shutdown(ctx context.Context, _ json.RawMessage) (any, error) {
	s.mu.Lock()
	s.state = shutDown
	s.mu.Unlock()
	return nil, nil
}

// exit ends the session: exit code 0 after shutdown, 1 without.
func (s *Server) exit() {
	s.mu.Lock()
	if s.state == shutDown {
		s.exitCode = 0
	}
	already := s.exited
	s.exited = true
	s.mu.Unlock()
	if !already {
		close(s.exitCh)
	}
	s.conn.Close()
}

func (s *Server) didChangeConfiguration(ctx context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	if len(p.Settings) == 0 || string(p.Settings) == "null" {
		// vscode-languageclient sends this at start to clients of the
		// pull model; the settings came with initialize: keep them.
		return nil, nil
	}
	cfg, opts, err := parseSettings(p.Settings)
	if err != nil {
		s.showConfigError(err.Error())
		return nil, nil
	}
	s.mu.Lock()
	wasWorkspace := s.opts.workspaceMode
	s.cfg, s.opts = cfg, opts
	s.mu.Unlock()
	s.reloadConfig()
	switch {
	case opts.workspaceMode:
		s.lintDisk(nil) // the configuration may change every file's findings
	case wasWorkspace:
		s.clearDisk()
	}
	return nil, nil
}

// showConfigError tells the user about a configuration they wrote that
// cannot be used (editor settings, rtlint.toml): logged, and shown as a
// message, since until it is fixed rtlint is not configured as they think.
func (s *Server) showConfigError(msg string) {
	s.showError(msg)
	if s.conn != nil {
		_ = s.conn.Notify(context.Background(), "window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: msg})
	}
}

// showError logs an error and shows it to the user (window/logMessage).
func (s *Server) showError(msg string) {
	s.log.Error(msg)
	if s.conn != nil {
		_ = s.conn.Notify(context.Background(), "window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeError, Message: msg})
	}
}

func (s *Server) closeAll() {
	s.mu.Lock()
	docs := s.docs
	s.docs = map[protocol.DocumentURI]*document{}
	s.mu.Unlock()
	for _, d := range docs {
		d.close()
	}
}
