package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/internal/walk"
)

// Workspace mode (setting diagnosticMode = "workspace", SPEC §7): the
// project's files that are not open are linted too, from disk, in the
// background once the index is built (with $/progress), and kept current:
// a file changed on disk or closed in the editor is linted again, and so is
// every file whose findings came through reach when the call graph
// changes. A pushing client gets publishDiagnostics for them; a pulling
// one asks workspace/diagnostic, and is told to pull again when they
// change. Open documents are reported by their own analysis, not here.

// diskResult is the latest analysis of a file that is not open.
type diskResult struct {
	items   []protocol.Diagnostic
	id      string // resultId: a hash of the findings
	reaches bool   // its findings depend on other files (reach)
}

// diskDiagnostics holds workspace mode's results, by absolute path.
type diskDiagnostics struct {
	mu      sync.Mutex
	results map[string]diskResult
	pending map[string]bool // paths to lint again
	all     bool            // every indexed file is to be linted again
	running bool
}

func (s *Server) workspaceMode() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.workspaceMode
}

// lintDisk queues paths (nil: every indexed file) for workspace mode's
// background linting; one pass runs at a time, and what is queued while
// it runs is linted by the next.
func (s *Server) lintDisk(paths []string) {
	if !s.workspaceMode() || s.ws.current() == nil {
		return
	}
	dd := &s.disk
	dd.mu.Lock()
	if paths == nil {
		dd.all = true
	}
	if dd.pending == nil {
		dd.pending = map[string]bool{}
	}
	for _, p := range paths {
		dd.pending[p] = true
	}
	if dd.running {
		dd.mu.Unlock()
		return
	}
	dd.running = true
	dd.mu.Unlock()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("workspace linting panicked", zap.Any("panic", r))
			}
		}()
		for s.lintDiskPass() {
		}
	}()
}

// lintDiskPass lints what is queued; it reports whether more was queued
// meanwhile.
func (s *Server) lintDiskPass() bool {
	dd := &s.disk
	dd.mu.Lock()
	all, pending := dd.all, dd.pending
	dd.all, dd.pending = false, nil
	if !all && len(pending) == 0 {
		dd.running = false
		dd.mu.Unlock()
		return false
	}
	dd.mu.Unlock()
	ix := s.ws.current()
	var paths []string
	if all {
		paths = ix.Paths()
	} else {
		for p := range pending {
			paths = append(paths, p)
		}
		sort.Strings(paths)
	}
	s.mu.Lock()
	progressOK, pulls := s.progress, s.pulls
	s.mu.Unlock()
	var p *progress
	if all {
		p = s.startProgress(progressOK, "rtlint: linting the workspace", len(paths))
	}
	changed := 0
	for i, path := range paths {
		if !s.workspaceMode() {
			break
		}
		r, ok := s.lintFromDisk(path)
		if s.setDiskResult(path, r, ok) {
			changed++
		}
		if p != nil {
			p.report(i + 1)
		}
	}
	if p != nil {
		p.end(fmt.Sprintf("linted %d files", len(paths)))
	}
	if changed > 0 && pulls {
		s.mu.Lock()
		refresh := s.canRefresh
		s.mu.Unlock()
		if refresh {
			s.refreshDiagnostics()
		}
	}
	return true
}

// lintFromDisk analyses a file that is not open; ok is false when it is
// open, gone, or not lintable (then it has no workspace result).
func (s *Server) lintFromDisk(path string) (r diskResult, ok bool) {
	if s.doc(fileURI(path)) != nil {
		s.ws.forgetUnit(path) // the editor's text is what counts now
		return diskResult{}, false
	}
	if u := s.ws.unit(path); u != nil {
		// Analysed when the index read it: resolve reach, no second parse.
		return diskResultOf(u.File, u.Resolve(s.ws.current()), u.Reaches()), true
	}
	src, err := os.ReadFile(path)
	if err != nil || source.Check(src) != nil || walk.Generated(path, src) {
		return diskResult{}, false
	}
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), src)
	if err != nil {
		return diskResult{}, false
	}
	defer f.Tree.Close()
	res, u, err := s.analyze(context.Background(), f, nil)
	if err != nil {
		return diskResult{}, false
	}
	return diskResultOf(f, res, u.Reaches()), true
}

// diskResultOf turns a file's lint result into its workspace report.
func diskResultOf(f *source.File, res *lint.Result, reaches bool) diskResult {
	r := diskResult{items: make([]protocol.Diagnostic, 0, len(res.Findings)), reaches: reaches}
	for i, fd := range res.Findings {
		r.items = append(r.items, toDiagnostic(f, fd, 0, i))
	}
	r.id = resultID(0, res.Findings)
	return r
}

// setDiskResult stores a file's result (ok false: it has none) and pushes
// it to a client that does not pull; it reports whether it changed.
func (s *Server) setDiskResult(path string, r diskResult, ok bool) bool {
	dd := &s.disk
	dd.mu.Lock()
	old, had := dd.results[path]
	if ok {
		if dd.results == nil {
			dd.results = map[string]diskResult{}
		}
		dd.results[path] = r
	} else {
		delete(dd.results, path)
	}
	dd.mu.Unlock()
	if had == ok && (!ok || old.id == r.id) {
		return false
	}
	s.mu.Lock()
	pulls := s.pulls
	s.mu.Unlock()
	if !pulls && (ok || had && s.doc(fileURI(path)) == nil) {
		items := r.items
		if items == nil {
			items = []protocol.Diagnostic{}
		}
		if err := s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: fileURI(path), Diagnostics: items}); err != nil {
			s.log.Warn("publishing diagnostics failed", zap.Error(err))
		}
	}
	return true
}

// clearDisk forgets every workspace result (workspace mode turned off).
func (s *Server) clearDisk() {
	dd := &s.disk
	dd.mu.Lock()
	paths := make([]string, 0, len(dd.results))
	for p := range dd.results {
		paths = append(paths, p)
	}
	dd.mu.Unlock()
	for _, p := range paths {
		s.setDiskResult(p, diskResult{}, false)
	}
	s.mu.Lock()
	pulls, refresh := s.pulls, s.canRefresh
	s.mu.Unlock()
	if pulls && refresh && len(paths) > 0 {
		s.refreshDiagnostics()
	}
}

// reachingDisk lists the files whose workspace findings came through reach.
func (s *Server) reachingDisk() []string {
	dd := &s.disk
	dd.mu.Lock()
	defer dd.mu.Unlock()
	var out []string
	for p, r := range dd.results {
		if r.reaches {
			out = append(out, p)
		}
	}
	return out
}

// workspaceDiagnosticParams is LSP 3.17's workspace/diagnostic request.
type workspaceDiagnosticParams struct {
	PreviousResultIDs []struct {
		URI   protocol.DocumentURI `json:"uri"`
		Value string               `json:"value"`
	} `json:"previousResultIds"`
}

// workspaceDiagnostics answers workspace/diagnostic with the workspace
// results of files that are not open: full reports, or unchanged ones
// for results the client already holds. Outside workspace mode it is
// empty.
func (s *Server) workspaceDiagnostics(ctx context.Context, raw json.RawMessage) (any, error) {
	var p workspaceDiagnosticParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	previous := map[protocol.DocumentURI]string{}
	for _, r := range p.PreviousResultIDs {
		previous[r.URI] = r.Value
	}
	dd := &s.disk
	dd.mu.Lock()
	paths := make([]string, 0, len(dd.results))
	for path := range dd.results {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	results := make([]diskResult, len(paths))
	for i, path := range paths {
		results[i] = dd.results[path]
	}
	dd.mu.Unlock()
	items := []any{}
	for i, path := range paths {
		uri := fileURI(path)
		if s.doc(uri) != nil {
			continue // open: its own pulls report it
		}
		r := results[i]
		if previous[uri] == r.id {
			items = append(items, map[string]any{"kind": "unchanged", "uri": uri, "resultId": r.id, "version": nil})
			continue
		}
		items = append(items, map[string]any{"kind": "full", "uri": uri, "resultId": r.id, "version": nil, "items": r.items})
	}
	return map[string]any{"items": items}, nil
}

// forgetDisk drops a file's workspace result without publishing: a closed
// document's diagnostics were just cleared, so its next result is news.
func (s *Server) forgetDisk(path string) {
	s.disk.mu.Lock()
	delete(s.disk.results, path)
	s.disk.mu.Unlock()
}
