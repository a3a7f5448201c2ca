package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/internal/walk"
)

// The workspace index (SPEC §2 "reach", §7): after `initialized`, the
// server summarises the workspace's files in the background (reporting
// $/progress when the client supports it) and builds the project index;
// until then diagnostics are same-file only. An edit that changes a
// document's calls, classes or exports, or a file changed on disk,
// rebuilds the index shortly after, and every open document is analysed
// again, so a helper file's edit shows in the handler file that reaches it.

// maxIndexFiles bounds the background index (a home folder opened as a
// workspace must not make the server read the disk for minutes).
const maxIndexFiles = 20000

// rebuildDelay coalesces the rebuilds a burst of edits asks for.
const rebuildDelay = 150 * time.Millisecond

type workspace struct {
	s    *Server
	disk *project.Disk

	mu       sync.Mutex
	index    *project.Index // finished and read-only; nil until built
	changed  map[string]*project.Summary
	removed  map[string]bool
	timer    *time.Timer
	building bool
	// ready is closed when the first index is in place (tests).
	ready chan struct{}

	// units keeps, in workspace mode, the analysis of each file read from
	// disk for the index, so that linting it (workspace_mode.go) resolves
	// it against the index instead of parsing it a second time. Quiet
	// units keep no text. Own lock: summarize runs under mu.
	unitsMu sync.Mutex
	units   map[string]*lint.Unit
}

func newWorkspace(s *Server) *workspace {
	w := &workspace{s: s, disk: project.NewDisk(), changed: map[string]*project.Summary{}, removed: map[string]bool{}, ready: make(chan struct{})}
	w.disk.Warn = func(err error) { s.showError("rtlint: " + err.Error()) }
	return w
}

// current returns the index analyses resolve reach against (nil: the
// document alone).
func (w *workspace) current() *project.Index {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.index
}

// start builds the first index from the workspace folders.
func (w *workspace) start(roots []string, progress bool) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				w.s.log.Error("indexing the workspace panicked", zap.Any("panic", r))
			}
		}()
		w.build(roots, progress)
	}()
}

func (w *workspace) build(roots []string, progress bool) {
	s := w.s
	var files []string
	for _, root := range roots {
		_, rootCfg, err := s.resolverFor().For(filepath.Join(root, "_"))
		if err != nil {
			s.reportConfigError(err)
		}
		fs, _ := walk.Files([]string{root}, walk.Options{Excluded: rootCfg.ExcludedBy})
		files = append(files, fs...)
	}
	if len(files) > maxIndexFiles {
		s.log.Warn("workspace too large to index whole", zap.Int("files", len(files)), zap.Int("indexed", maxIndexFiles))
		files = files[:maxIndexFiles]
	}
	p := s.startProgress(progress, "rtlint: indexing", len(files))
	ix := project.NewIndex()
	ix.Key = project.Abs
	ix.SiteFix = s.siteFixer().For(ix)
	for i, path := range files {
		if sum := w.summarize(path, nil); sum != nil {
			ix.Add(path, sum, w.disk.Facts(project.Abs(path)))
		}
		p.report(i + 1)
	}
	w.mu.Lock()
	fromEditor := map[string]bool{}
	for path, sum := range w.changed { // open documents' own texts win over the disk
		ix.Add(path, sum, w.disk.Facts(project.Abs(path)))
		fromEditor[path] = true
	}
	w.changed = map[string]*project.Summary{}
	ix.Finish()
	// Files decorating routes through routers bound elsewhere: summarise
	// them again now that the index knows (their handlers' calls become
	// entries for reach).
	if need := ix.NeedFacts(); len(need) > 0 {
		for _, path := range need {
			if fromEditor[path] {
				continue // an open document: its analysis follows (reanalyzeAll)
			}
			if sum := w.summarize(path, ix.Facts(path)); sum != nil {
				ix.Add(path, sum, w.disk.Facts(project.Abs(path)))
			}
		}
		ix.Finish()
	}
	w.index = ix
	w.mu.Unlock()
	close(w.ready)
	p.end(fmt.Sprintf("indexed %d files", ix.Len()))
	s.log.Info("workspace indexed", zap.Int("files", ix.Len()))
	s.reanalyzeAll()
	s.lintDisk(nil)
}

// summarize reads and summarises one file from disk (nil when it cannot
// be linted: the error shows when the file itself is opened or checked).
func (w *workspace) summarize(path string, facts *semantic.Facts) *project.Summary {
	src, err := os.ReadFile(path)
	if err != nil || walk.Generated(path, src) {
		return nil
	}
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), src)
	if err != nil {
		return nil
	}
	defer f.Tree.Close()
	u, err := lint.AnalyzeWith(context.Background(), f, nil, w.s.configFor(path), facts)
	if err != nil {
		return nil
	}
	sum := u.Summarize()
	if w.s.workspaceMode() {
		u.DropText()
		w.unitsMu.Lock()
		if w.units == nil {
			w.units = map[string]*lint.Unit{}
		}
		w.units[project.Abs(path)] = u
		w.unitsMu.Unlock()
	}
	return sum
}

// unit returns the kept analysis of a file read from disk (nil: none).
func (w *workspace) unit(path string) *lint.Unit {
	w.unitsMu.Lock()
	defer w.unitsMu.Unlock()
	return w.units[path]
}

// forgetUnit drops a file's kept analysis (the file is gone, or open in the
// editor, or the configuration changed: forgetUnits).
func (w *workspace) forgetUnit(path string) {
	w.unitsMu.Lock()
	delete(w.units, path)
	w.unitsMu.Unlock()
}

func (w *workspace) forgetUnits() {
	w.unitsMu.Lock()
	w.units = nil
	w.unitsMu.Unlock()
}

// update takes a document's fresh summary after its analysis: the index
// keeps it in place when the call graph stands, else a rebuild follows
// (which analyses the open documents again). It reports whether the
// index's copy of the file changed.
func (w *workspace) update(path string, sum *project.Summary) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.index != nil {
		if old := w.index.Summary(path); old != nil && old.Hash == sum.Hash {
			return false
		}
		if w.index.Replace(path, sum) {
			return true
		}
	}
	w.changed[path] = sum
	w.scheduleLocked()
	return true
}

// fileChanged re-reads a file changed on disk (not open in the editor).
func (w *workspace) fileChanged(path string, deleted bool) {
	if source.LanguageOf(path) == source.Unknown {
		return
	}
	var sum *project.Summary
	if !deleted {
		var facts *semantic.Facts
		if ix := w.current(); ix != nil {
			facts = ix.Facts(path)
		}
		sum = w.summarize(path, facts)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if sum == nil {
		w.forgetUnit(project.Abs(path))
		w.removed[path] = true
		delete(w.changed, path)
	} else {
		w.changed[path] = sum
		delete(w.removed, path)
	}
	w.scheduleLocked()
}

func (w *workspace) scheduleLocked() {
	if w.index == nil {
		return // the first build takes changed into account
	}
	if w.timer != nil {
		w.timer.Stop()
	}
	w.timer = time.AfterFunc(rebuildDelay, w.rebuild)
}

// rebuild folds the changed summaries into a new index and analyses the
// open documents again.
func (w *workspace) rebuild() {
	w.mu.Lock()
	if w.building || w.index == nil {
		w.mu.Unlock()
		return
	}
	w.building = true
	changed, removed := w.changed, w.removed
	w.changed, w.removed = map[string]*project.Summary{}, map[string]bool{}
	ix := w.index.Clone()
	w.mu.Unlock()
	for path := range removed {
		ix.Remove(path)
	}
	for path, sum := range changed {
		ix.Add(path, sum, w.disk.Facts(project.Abs(path)))
	}
	ix.Finish()
	w.mu.Lock()
	w.index = ix
	w.building = false
	again := len(w.changed) > 0 || len(w.removed) > 0
	w.mu.Unlock()
	if again {
		w.mu.Lock()
		w.scheduleLocked()
		w.mu.Unlock()
	}
	w.s.reanalyzeAll()
	// Workspace mode: the files changed on disk, and those whose findings
	// came through reach (the call graph changed), are linted again.
	lint := w.s.reachingDisk()
	for path := range changed {
		lint = append(lint, path)
	}
	for path := range removed {
		lint = append(lint, path)
	}
	w.s.lintDisk(lint)
}

// reanalyzeAll analyses again the open documents whose findings depend on
// reach (the project's call graph changed); their new results are pushed,
// or a pulling client is asked to pull again (publish).
func (s *Server) reanalyzeAll() {
	s.mu.Lock()
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	s.mu.Unlock()
	for _, d := range docs {
		d.mu.Lock()
		reaches, never := d.reaches, !d.indexed
		d.mu.Unlock()
		if reaches || never {
			d.schedule()
		}
	}
}

// refreshDiagnostics asks a pulling client to pull every document again
// (workspace/diagnostic/refresh), at most once per refreshDelay.
func (s *Server) refreshDiagnostics() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refreshTimer != nil {
		return // one is on its way
	}
	s.refreshTimer = time.AfterFunc(refreshDelay, func() {
		s.mu.Lock()
		s.refreshTimer = nil
		s.mu.Unlock()
		var result any
		if _, err := s.conn.Call(context.Background(), "workspace/diagnostic/refresh", nil, &result); err != nil {
			s.log.Warn("diagnostic refresh failed", zap.Error(err))
		}
	})
}

// refreshDelay coalesces the refreshes a burst of re-analyses asks for.
const refreshDelay = 50 * time.Millisecond

// progress reports work-done progress ($/progress) for one task, when the
// client supports it; otherwise its methods do nothing.
type progress struct {
	s     *Server
	token string
	total int
	last  time.Time
}

func (s *Server) startProgress(enabled bool, title string, total int) *progress {
	p := &progress{s: s, total: total}
	if !enabled {
		return p
	}
	token := fmt.Sprintf("rtlint-%d", time.Now().UnixNano())
	var result any
	if _, err := s.conn.Call(context.Background(), "window/workDoneProgress/create", map[string]any{"token": token}, &result); err != nil {
		s.log.Warn("creating progress failed", zap.Error(err))
		return p
	}
	p.token = token
	p.notify(map[string]any{"kind": "begin", "title": title, "percentage": 0, "cancellable": false})
	return p
}

func (p *progress) notify(value map[string]any) {
	if err := p.s.conn.Notify(context.Background(), "$/progress", map[string]any{"token": p.token, "value": value}); err != nil {
		p.s.log.Warn("progress notification failed", zap.Error(err))
	}
}

func (p *progress) report(done int) {
	if p.token == "" || time.Since(p.last) < 100*time.Millisecond && done != p.total {
		return
	}
	p.last = time.Now()
	pct := 100
	if p.total > 0 {
		pct = done * 100 / p.total
	}
	p.notify(map[string]any{"kind": "report", "message": fmt.Sprintf("%d/%d files", done, p.total), "percentage": pct})
}

func (p *progress) end(msg string) {
	if p.token != "" {
		p.notify(map[string]any{"kind": "end", "message": msg})
	}
}

// siteFixer makes reach's call-site fixes (lint.SiteFixer) from the text
// an open document has, else the file's on disk.
func (s *Server) siteFixer() *lint.SiteFixer {
	return &lint.SiteFixer{Read: s.currentText, Config: s.configFor}
}

// currentText is a file's text as the editor has it: an open document's,
// else the disk's.
func (s *Server) currentText(path string) ([]byte, error) {
	abs := project.Abs(path)
	s.mu.Lock()
	var open *document
	for _, d := range s.docs {
		if project.Abs(d.path) == abs {
			open = d
			break
		}
	}
	s.mu.Unlock()
	if open != nil {
		open.mu.Lock()
		f, err := open.file, open.err
		open.mu.Unlock()
		if f != nil {
			return f.Src, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return os.ReadFile(abs)
}
