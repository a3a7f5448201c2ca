package server

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// analyzeLoop analyses the document whenever it is woken, until closed.
func (d *document) analyzeLoop() {
	for {
		select {
		case <-d.done:
			return
		case <-d.wake:
		}
		ctx, cancel := context.WithCancel(context.Background())
		d.mu.Lock()
		version, gen, file, matches, ferr := d.version, d.gen, d.file, d.matches, d.err
		d.cancel = cancel
		d.mu.Unlock()
		var findings []lint.Finding
		var unit *lint.Unit
		if file != nil {
			res, u, err := d.lint(ctx, file, matches)
			unit = u
			if ctx.Err() != nil {
				cancel()
				continue // a newer edit made this text stale; its analysis follows
			}
			if err != nil {
				// Publish an empty list for this version all the same, so
				// the client is not left waiting on stale diagnostics.
				d.s.showError(fmt.Sprintf("rtlint: %s: %v", d.path, err))
			} else {
				for _, e := range res.Errors {
					d.s.showError(fmt.Sprintf("rtlint: %v", e)) // one rule failed; the others' findings still go out
				}
				findings = res.Findings
			}
		} else if ferr == nil {
			continue
		}
		cancel()
		d.mu.Lock()
		current := d.version == version && d.gen == gen && !d.closed
		first := !d.indexed
		again := d.pubVersion == version && d.pubGen == gen // the same text analysed again
		if current {
			d.indexed = true
			d.pubVersion, d.pubGen, d.pubFindings = version, gen, findings
			d.reaches = unit != nil && unit.Reaches()
		}
		d.mu.Unlock()
		if !current {
			continue // a newer change is pending; its analysis will publish
		}
		d.s.publish(d, version, file, findings, again)
		if first && unit != nil && filepath.IsAbs(d.path) {
			d.summarized(unit) // a document just opened: no keystrokes to wait for
		} else {
			d.updateIndex(unit)
		}
	}
}

// summaryDelay is how long a document must stay unedited before its
// summary is made for the workspace index: summarising costs a few
// milliseconds on a large file, which a burst of keystrokes should not pay.
const summaryDelay = 250 * time.Millisecond

// updateIndex gives the workspace index the document's summary once the
// document has been quiet for summaryDelay (never on the keystroke's path).
func (d *document) updateIndex(u *lint.Unit) {
	if u == nil || !filepath.IsAbs(d.path) {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.summaryTimer != nil {
		d.summaryTimer.Stop()
	}
	gen := d.gen
	var t *time.Timer
	t = time.AfterFunc(summaryDelay, func() {
		d.mu.Lock()
		stale := d.gen != gen || d.closed
		// A fired timer keeps its function, and so the unit: its model
		// and syntax tree would stay for as long as the document is open.
		if d.summaryTimer == t {
			d.summaryTimer = nil
		}
		d.mu.Unlock()
		if !stale {
			d.summarized(u)
		}
	})
	d.summaryTimer = t
}

// summarized hands the summary to the index. When the index's copy
// changed, the open documents whose published findings pass through this
// file (this one included) hold paths, lines and fixes computed from the
// older copy: analyse them again (their next summaries change nothing).
// A change of the call graph itself rebuilds the index, which re-analyses
// every document whose findings depend on reach.
func (d *document) summarized(u *lint.Unit) {
	if !d.s.ws.update(d.path, u.Summarize()) {
		return
	}
	d.s.mu.Lock()
	docs := make([]*document, 0, len(d.s.docs))
	for _, o := range d.s.docs {
		docs = append(docs, o)
	}
	d.s.mu.Unlock()
	for _, o := range docs {
		o.mu.Lock()
		published := o.pubFindings
		o.mu.Unlock()
		if passesThrough(published, d.path) {
			o.schedule()
		}
	}
}

// passesThrough reports whether a finding's reach path has a hop in path.
func passesThrough(findings []lint.Finding, path string) bool {
	for _, f := range findings {
		for _, r := range f.Related {
			if r.Path == path {
				return true
			}
		}
	}
	return false
}

// lint analyses one snapshot. A panic outside the analyzers' own recovery
// (in the semantic model, say) becomes an error: it must not end the session.
func (d *document) lint(ctx context.Context, file *source.File, matches *semantic.Matches) (res *lint.Result, u *lint.Unit, err error) {
	defer func() {
		if r := recover(); r != nil {
			d.s.log.Error("analysis panicked", zap.String("path", d.path), zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			res, u, err = nil, nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	if file.Tree == nil || matches == nil {
		return d.s.lintFileUnit(file)
	}
	return d.s.analyze(ctx, file, matches)
}

// analyze lints a document's snapshot within the project: reach is
// resolved against the workspace index; the unit can then be summarised
// for the index.
func (s *Server) analyze(ctx context.Context, file *source.File, matches *semantic.Matches) (*lint.Result, *lint.Unit, error) {
	ix := s.ws.current()
	var facts *semantic.Facts
	if ix != nil {
		facts = ix.Facts(file.Path)
	}
	u, err := lint.AnalyzeWith(ctx, file, matches, s.configFor(file.Path), facts)
	if err != nil {
		return nil, nil, err
	}
	return u.Resolve(ix), u, nil
}

// lintFile lints a snapshot. A document whose tree was dropped (see
// touchTree) is parsed afresh, and that tree is freed right after.
func (s *Server) lintFile(file *source.File) (*lint.Result, error) {
	res, _, err := s.lintFileUnit(file)
	return res, err
}

func (s *Server) lintFileUnit(file *source.File) (*lint.Result, *lint.Unit, error) {
	if file.Tree == nil {
		parsed, err := source.Parse(context.Background(), file.Path, file.Language, file.Src)
		if err != nil {
			return nil, nil, err
		}
		defer parsed.Tree.Close()
		file = parsed
	}
	res, u, err := s.analyze(context.Background(), file, nil)
	if u != nil {
		u.Summarize() // before the tree is closed
	}
	return res, u, err
}

// publish pushes a document's diagnostics, to a client that does not
// pull them. A pulling client is asked to pull again when the same text
// was analysed again (the project changed around it); after an edit it
// pulls by itself.
func (s *Server) publish(d *document, version int32, file *source.File, findings []lint.Finding, again bool) {
	s.busy()
	s.mu.Lock()
	pulls, refresh := s.pulls, s.canRefresh
	s.mu.Unlock()
	if pulls {
		if again && refresh {
			s.refreshDiagnostics()
		}
		if s.published != nil {
			s.published(d.uri, version)
		}
		return
	}
	diags := make([]protocol.Diagnostic, 0, len(findings))
	for i, f := range findings {
		diags = append(diags, toDiagnostic(file, f, version, i))
	}
	err := s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
		URI: d.uri, Version: uint32(version), Diagnostics: diags,
	})
	if err != nil {
		s.log.Warn("publishing diagnostics failed", zap.Error(err))
	}
	if s.published != nil {
		s.published(d.uri, version)
	}
}

// lspRange converts byte offsets to an LSP (UTF-16) range.
func lspRange(f *source.File, start, end int) protocol.Range {
	sl, sc := f.Lines.UTF16(start)
	el, ec := f.Lines.UTF16(end)
	return protocol.Range{
		Start: protocol.Position{Line: uint32(sl), Character: uint32(sc)},
		End:   protocol.Position{Line: uint32(el), Character: uint32(ec)},
	}
}

var lspSeverity = map[analyzers.Severity]protocol.DiagnosticSeverity{
	analyzers.Error: protocol.DiagnosticSeverityError, analyzers.Warning: protocol.DiagnosticSeverityWarning,
	analyzers.Info: protocol.DiagnosticSeverityInformation,
}

func toDiagnostic(f *source.File, fd lint.Finding, version int32, index int) protocol.Diagnostic {
	href := protocol.URI(report.DocsURL + fd.Rule + ".md")
	var tags []protocol.DiagnosticTag
	if fd.Rule == lint.UnusedSuppression {
		tags = []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary} // editors fade the comment
	}
	return protocol.Diagnostic{
		Tags:               tags,
		Range:              lspRange(f, fd.Start, fd.End),
		Severity:           lspSeverity[fd.Severity],
		Code:               fd.Rule,
		CodeDescription:    &protocol.CodeDescription{Href: href},
		Source:             "rtlint",
		Message:            fd.Message,
		Data:               diagnosticData{Version: version, Index: index},
		RelatedInformation: relatedInformation(f, fd),
	}
}

// relatedInformation places a reach path's hops (SPEC §7). Hops in other
// files are placed by code-point column, which is the UTF-16 column for
// the ASCII names these lines start with.
func relatedInformation(f *source.File, fd lint.Finding) []protocol.DiagnosticRelatedInformation {
	var out []protocol.DiagnosticRelatedInformation
	for _, r := range fd.Related {
		pos := protocol.Position{Line: uint32(max(r.Line-1, 0)), Character: uint32(max(r.Column-1, 0))}
		if r.Path == f.Path {
			if off := f.Lines.LineStart(r.Line); off >= 0 {
				l, c := f.Lines.UTF16(off + columnBytes(f.Lines.Line(r.Line), r.Column))
				pos = protocol.Position{Line: uint32(l), Character: uint32(c)}
			}
		}
		out = append(out, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: fileURI(project.Abs(r.Path)), Range: protocol.Range{Start: pos, End: pos}},
			Message:  r.Message,
		})
	}
	return out
}

// columnBytes converts a 1-based code-point column of a line to bytes.
func columnBytes(line string, col int) int {
	n := 0
	for i := range line {
		if n == col-1 {
			return i
		}
		n++
	}
	return len(line)
}

// fileURI makes a file URI of an absolute path.
func fileURI(path string) protocol.DocumentURI {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return protocol.DocumentURI(u.String())
}

// pullDiagnostics answers LSP 3.17 textDocument/diagnostic with a full
// report of the current text.
func (s *Server) pullDiagnostics(ctx context.Context, raw json.RawMessage) (any, error) {
	var p documentDiagnosticParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		return fullDocumentDiagnosticReport{Kind: "full", Items: []protocol.Diagnostic{}}, nil
	}
	sn := d.current()
	findings := sn.findings
	if findings == nil && sn.file != nil {
		res, err := s.lintFile(sn.file)
		if err != nil {
			return nil, err
		}
		findings = res.Findings
	}
	id := resultID(sn.version, findings)
	if p.PreviousResultID == id {
		return unchangedDocumentDiagnosticReport{Kind: "unchanged", ResultID: id}, nil
	}
	items := make([]protocol.Diagnostic, 0, len(findings))
	for i, f := range findings {
		items = append(items, toDiagnostic(sn.file, f, sn.version, i))
	}
	return fullDocumentDiagnosticReport{Kind: "full", ResultID: id, Items: items}, nil
}

// resultID names one pull's answer: the text's version (ranges and the
// code actions' data are tied to it) and a hash of what was found. A pull
// after a refresh that changed nothing in a document is answered
// "unchanged", and the client keeps what it shows.
func resultID(version int32, findings []lint.Finding) string {
	h := fnv.New64a()
	for _, f := range findings {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s\x00", f.Rule, f.Start, f.End, f.Severity, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00", r.Path, r.Line, r.Column, r.Message)
		}
		h.Write([]byte{1})
	}
	return fmt.Sprintf("%d-%x", version, h.Sum64())
}
