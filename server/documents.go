package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// document is one open document. Its state changes only on the read loop
// (didOpen/didChange/didClose); analysis runs on its own goroutine over an
// immutable snapshot and publishes only if the snapshot is still current.
type document struct {
	s    *Server
	uri  protocol.DocumentURI
	path string
	lang source.Language

	mu      sync.Mutex
	version int32
	// gen counts text changes (not tree evictions): analysis results are
	// current when gen has not moved.
	gen  uint64
	file *source.File // nil when the text cannot be linted (err says why); Tree may be dropped
	// matches are file's query matches, updated incrementally with it (nil
	// when its tree was dropped).
	matches *semantic.Matches
	err     error
	closed  bool
	// The last published analysis: the snapshot it ran on and its findings.
	pubVersion  int32
	pubGen      uint64
	pubFindings []lint.Finding

	cancel context.CancelFunc // cancels the running analysis (its text is stale)
	// reaches: the last analysis had findings that depend on reach, so a
	// change of the project's call graph can change them.
	reaches bool
	// indexed: the document's summary went to the workspace index once.
	indexed bool
	// summaryTimer makes the summary for the workspace index once the
	// document is quiet (diagnostics.go updateIndex).
	summaryTimer *time.Timer

	wake chan struct{} // capacity 1: "there is a newer snapshot"
	done chan struct{}
}

// snapshot is what analysis and requests read.
type snapshot struct {
	version  int32
	file     *source.File
	findings []lint.Finding // published for this version, else nil
}

// uriPath turns a file URI into a path ("" for other schemes).
func uriPath(uri protocol.DocumentURI) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

// langFor picks the language from the path, else from the languageId.
func langFor(path, languageID string) source.Language {
	if l := source.LanguageOf(path); l != source.Unknown {
		return l
	}
	switch languageID {
	case "python":
		return source.Python
	case "javascript", "javascriptreact":
		return source.JavaScript
	case "typescript":
		return source.TypeScript
	case "typescriptreact":
		return source.TSX
	}
	return source.Unknown
}

func (s *Server) didOpen(ctx context.Context, raw json.RawMessage) (any, error) {
	var p protocol.DidOpenTextDocumentParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	path := uriPath(p.TextDocument.URI)
	if path == "" {
		path = string(p.TextDocument.URI)
	}
	lang := langFor(path, string(p.TextDocument.LanguageID))
	if lang == source.Unknown {
		return nil, nil // not a language rtlint lints
	}
	if source.LanguageOf(path) == source.Unknown {
		path += map[source.Language]string{source.Python: ".py", source.JavaScript: ".js", source.TypeScript: ".ts", source.TSX: ".tsx"}[lang]
	}
	d := &document{s: s, uri: p.TextDocument.URI, path: path, lang: lang, version: p.TextDocument.Version,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	d.setText(ctx, []byte(p.TextDocument.Text))
	s.mu.Lock()
	if old := s.docs[d.uri]; old != nil {
		old.close()
	}
	s.docs[d.uri] = d
	s.mu.Unlock()
	go d.analyzeLoop()
	d.schedule()
	return nil, nil
}

// setText parses a whole new text (didOpen, full-text didChange).
func (d *document) setText(ctx context.Context, text []byte) {
	f, err := source.Parse(ctx, d.path, d.lang, text)
	var ms *semantic.Matches
	if err == nil {
		ms, err = semantic.Collect(f)
	}
	d.mu.Lock()
	d.file, d.err, d.matches = f, err, ms
	d.gen++
	d.mu.Unlock()
	if err != nil {
		d.s.showError(fmt.Sprintf("rtlint: %s: %v", d.path, err))
		return
	}
	d.s.touchTree(d)
}

func (s *Server) doc(uri protocol.DocumentURI) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[uri]
}

func (s *Server) didChange(ctx context.Context, raw json.RawMessage) (any, error) {
	var p didChangeParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		s.showError(fmt.Sprintf("rtlint: didChange for %s, which is not open; change ignored", p.TextDocument.URI))
		return nil, nil
	}
	d.mu.Lock()
	stale := p.TextDocument.Version <= d.version
	d.mu.Unlock()
	if stale {
		s.log.Warn("stale didChange ignored", zap.String("uri", string(d.uri)), zap.Int32("version", p.TextDocument.Version))
		return nil, nil
	}
	for i, ch := range p.ContentChanges {
		if err := d.apply(ctx, ch); err != nil {
			s.showError(fmt.Sprintf("rtlint: %s: change %d of version %d: %v; the document may be out of sync until it is reopened", d.path, i+1, p.TextDocument.Version, err))
			break
		}
	}
	d.mu.Lock()
	d.version = p.TextDocument.Version
	d.mu.Unlock()
	s.mu.Lock()
	onSave := s.opts.onSave
	s.mu.Unlock()
	if !onSave {
		d.schedule()
	}
	return nil, nil
}

// didSave lints a saved document when the user asked to lint on save
// (setting run = "onSave"); on type, the last change already did.
func (s *Server) didSave(ctx context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	s.mu.Lock()
	onSave := s.opts.onSave
	s.mu.Unlock()
	if d := s.doc(p.TextDocument.URI); d != nil && onSave {
		d.schedule()
	}
	return nil, nil
}

// apply applies one content change: converts its UTF-16 range to bytes,
// edits the text and re-parses incrementally from the old tree.
func (d *document) apply(ctx context.Context, ch contentChange) error {
	if ch.Range == nil {
		d.setText(ctx, []byte(ch.Text))
		return nil
	}
	d.mu.Lock()
	old, oldMatches := d.file, d.matches
	d.mu.Unlock()
	if old == nil {
		return fmt.Errorf("the document's text could not be parsed before; send the full text")
	}
	start, ok1 := old.Lines.OffsetUTF16(int(ch.Range.Start.Line), int(ch.Range.Start.Character))
	end, ok2 := old.Lines.OffsetUTF16(int(ch.Range.End.Line), int(ch.Range.End.Character))
	if !ok1 || !ok2 || end < start {
		return fmt.Errorf("edit range %d:%d-%d:%d is outside the document (%d lines)",
			ch.Range.Start.Line, ch.Range.Start.Character, ch.Range.End.Line, ch.Range.End.Character, old.Lines.LineCount())
	}
	f, err := source.Reparse(ctx, old, start, end, []byte(ch.Text))
	if err != nil {
		return err
	}
	var ms *semantic.Matches
	if oldMatches != nil && old.Tree != nil {
		ms, err = semantic.Update(oldMatches, f, start, end, start+len(ch.Text))
	} else {
		ms, err = semantic.Collect(f)
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.file, d.matches = f, ms
	d.gen++
	d.mu.Unlock()
	d.s.touchTree(d)
	return nil
}

func (s *Server) didClose(ctx context.Context, raw json.RawMessage) (any, error) {
	var p protocol.DidCloseTextDocumentParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	if d != nil {
		d.close()
		s.forgetTree(d)
		// Clear the closed document's pushed diagnostics.
		s.mu.Lock()
		pulls := s.pulls
		s.mu.Unlock()
		if !pulls {
			_ = s.conn.Notify(ctx, "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
		}
		if filepath.IsAbs(d.path) {
			// The index now follows the file on disk, not the closed buffer
			// (and in workspace mode, so do its diagnostics).
			s.forgetDisk(project.Abs(d.path))
			go s.ws.fileChanged(d.path, false)
		}
	}
	return nil, nil
}

func (d *document) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.closed {
		d.closed = true
		close(d.done)
		if d.summaryTimer != nil {
			d.summaryTimer.Stop()
		}
	}
}

// schedule asks for an analysis of the latest text. Requests coalesce:
// while one analysis runs, any number of changes leave one wake-up, and the
// next analysis reads the newest snapshot (latest wins).
func (d *document) schedule() {
	d.mu.Lock()
	if d.cancel != nil {
		d.cancel() // the running analysis reads a stale text: stop it
	}
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *document) current() snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	sn := snapshot{version: d.version, file: d.file}
	if d.pubVersion == d.version && d.pubGen == d.gen {
		sn.findings = d.pubFindings
	}
	return sn
}

// maxTrees is how many documents keep their syntax tree between edits.
// The most recently edited ones keep it for incremental re-parsing; the
// others keep only their text (a tree costs ~40 bytes per source byte) and
// are parsed afresh when edited again.
const maxTrees = 8

// idleTrees is how many trees stay once the server is idle: the document
// last edited keeps its tree, so the next keystroke there still re-parses
// incrementally; the others' trees were most of an idle server's memory
// (200 open documents: 97 MB with eight trees, 78 MB with one).
const idleTrees = 1

// touchTree records that d has a fresh tree and drops the trees of the
// documents edited least recently beyond maxTrees. It runs on the read
// loop, the only place document text changes, so no edit races with it;
// an analysis still using a dropped tree keeps it alive until it is done.
func (s *Server) touchTree(d *document) {
	s.mu.Lock()
	s.trees = slices.DeleteFunc(s.trees, func(x *document) bool { return x == d })
	s.trees = append(s.trees, d)
	s.mu.Unlock()
	s.dropTrees(maxTrees)
}

// dropTrees keeps the trees of the keep documents edited last and drops
// the others'.
func (s *Server) dropTrees(keep int) {
	s.mu.Lock()
	var evict []*document
	for len(s.trees) > keep {
		evict = append(evict, s.trees[0])
		s.trees = s.trees[1:]
	}
	s.evictions += len(evict)
	collect := s.evictions >= maxTrees/2
	if collect {
		s.evictions = 0
	}
	s.mu.Unlock()
	for _, e := range evict {
		e.mu.Lock()
		if e.file != nil && e.file.Tree != nil {
			e.file, e.matches = e.file.WithoutTree(), nil
		}
		e.mu.Unlock()
	}
	if collect {
		// Trees are C memory the Go collector does not see: collect now
		// so their finalizers free them, instead of when the Go heap grows.
		go runtime.GC()
	}
}

func (s *Server) forgetTree(d *document) {
	s.mu.Lock()
	s.trees = slices.DeleteFunc(s.trees, func(x *document) bool { return x == d })
	s.mu.Unlock()
}
