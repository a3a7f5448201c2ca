package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
)

func (s *Server) codeAction(ctx context.Context, raw json.RawMessage) (any, error) {
	var p codeActionParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	actions := []codeAction{}
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		return actions, nil
	}
	sn := d.current()
	if sn.file == nil {
		return actions, nil
	}
	findings := sn.findings
	if findings == nil { // not analysed yet at this version: analyse now
		res, err := s.lintFile(sn.file)
		if err != nil {
			return nil, err
		}
		findings = res.Findings
	}
	wantQuick, wantFixAll := kinds(p.Context.Only)
	if wantQuick {
		for i, f := range findings {
			if !matches(sn, f, i, p) {
				continue
			}
			diag := toDiagnostic(sn.file, f, sn.version, i)
			for _, fx := range f.Fixes {
				if a, ok := s.fixAction(d, sn, fx, diag); ok {
					actions = append(actions, a)
				}
			}
			if p.Context.TriggerKind != 2 { // not on automatic (lightbulb) requests
				s.mu.Lock()
				opts := s.opts
				s.mu.Unlock()
				if a, ok := s.suppressAction(d, sn, f, diag); ok && opts.suppressAction {
					actions = append(actions, a)
				}
				if opts.docsAction {
					actions = append(actions, docsAction(f, diag))
				}
			}
		}
	}
	if wantFixAll {
		if a, ok, err := s.fixAllAction(ctx, d, sn); err != nil {
			return nil, err
		} else if ok {
			actions = append(actions, a)
		}
	}
	return actions, nil
}

// kinds reads context.only: quick fixes and/or the fix-all source action.
func kinds(only []protocol.CodeActionKind) (quick, fixAll bool) {
	if len(only) == 0 {
		return true, false
	}
	for _, k := range only {
		switch {
		case k == protocol.QuickFix:
			quick = true
		case k == protocol.Source || k == "source.fixAll" || k == fixAllKind:
			fixAll = true
		}
	}
	return quick, fixAll
}

// matches reports whether a finding is one the request is about: named by
// the client's diagnostics (our data, or code and range), or overlapping
// the requested range when the client sent none.
func matches(sn snapshot, f lint.Finding, index int, p codeActionParams) bool {
	r := lspRange(sn.file, f.Start, f.End)
	if len(p.Context.Diagnostics) == 0 {
		return !(posLess(r.End, p.Range.Start) || posLess(p.Range.End, r.Start))
	}
	for _, cd := range p.Context.Diagnostics {
		if data, ok := decodeData(cd.Data); ok && data.Version == sn.version {
			if data.Index == index {
				return true
			}
			continue
		}
		if code, _ := cd.Code.(string); code == f.Rule && cd.Range == r {
			return true
		}
	}
	return false
}

func decodeData(v any) (diagnosticData, bool) {
	var d diagnosticData
	if v == nil {
		return d, false
	}
	raw, err := json.Marshal(v)
	if err != nil || json.Unmarshal(raw, &d) != nil {
		return d, false
	}
	return d, true
}

func posLess(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// fixAction turns one fix into a quickfix. A fix that creates a file needs
// a client that applies CreateFile operations; otherwise it is not offered.
func (s *Server) fixAction(d *document, sn snapshot, fx analyzers.Fix, diag protocol.Diagnostic) (codeAction, bool) {
	title := fx.Message
	if fx.Applicability == analyzers.Unsafe {
		title += " (unsafe)"
	}
	var here []protocol.TextEdit
	var created []analyzers.Edit
	// Edits of other existing files: reach's fix at the entry's call site.
	there := map[protocol.DocumentURI][]protocol.TextEdit{}
	var thereOrder []protocol.DocumentURI
	for _, e := range fx.Edits {
		switch {
		case e.Path == "" || e.Path == sn.file.Path:
			here = append(here, protocol.TextEdit{Range: lspRange(sn.file, e.Start, e.End), NewText: e.NewText})
		case e.At != nil && !e.Create:
			uri := siblingURI(d.uri, e.Path)
			if _, ok := there[uri]; !ok {
				thereOrder = append(thereOrder, uri)
			}
			there[uri] = append(there[uri], protocol.TextEdit{NewText: e.NewText, Range: protocol.Range{
				Start: protocol.Position{Line: uint32(e.At.Line16), Character: uint32(e.At.Char16)},
				End:   protocol.Position{Line: uint32(e.At.EndLine16), Character: uint32(e.At.EndChar16)},
			}})
		default:
			created = append(created, e)
		}
	}
	s.mu.Lock()
	docChanges, canCreate := s.docChanges, s.canCreate
	s.mu.Unlock()
	if len(created) > 0 && !(docChanges && canCreate) {
		return codeAction{}, false
	}
	// A fix never overwrites or prepends to an existing file: a worker
	// module already there means the fix is not offered.
	for _, c := range created {
		if _, err := os.Lstat(filepath.Join(filepath.Dir(sn.file.Path), filepath.FromSlash(c.Path))); err == nil {
			return codeAction{}, false
		}
	}
	edit := &workspaceEdit{}
	if docChanges {
		for _, c := range created {
			uri := siblingURI(d.uri, c.Path)
			edit.DocumentChanges = append(edit.DocumentChanges,
				// Neither overwrite nor ignore: should the file appear meanwhile,
				// the client refuses the edit rather than prepend to it.
				protocol.CreateFile{Kind: protocol.CreateResourceOperation, URI: uri, Options: &protocol.CreateFileOptions{}},
				textDocumentEdit(uri, nil, []protocol.TextEdit{{NewText: c.NewText}}))
		}
		for _, uri := range thereOrder {
			var version *int32
			if od := s.doc(uri); od != nil {
				v := od.current().version
				version = &v
			}
			edit.DocumentChanges = append(edit.DocumentChanges, textDocumentEdit(uri, version, there[uri]))
		}
		if len(here) > 0 {
			v := sn.version
			edit.DocumentChanges = append(edit.DocumentChanges, textDocumentEdit(d.uri, &v, here))
		}
	} else {
		edit.Changes = map[protocol.DocumentURI][]protocol.TextEdit{}
		if len(here) > 0 {
			edit.Changes[d.uri] = here
		}
		for uri, edits := range there {
			edit.Changes[uri] = edits
		}
	}
	return codeAction{Title: title, Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{diag},
		IsPreferred: fx.Applicability == analyzers.Safe, Edit: edit}, true
}

// textDocumentEdit is a TextDocumentEdit whose version may be null (a new file).
func textDocumentEdit(uri protocol.DocumentURI, version *int32, edits []protocol.TextEdit) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": version},
		"edits":        edits,
	}
}

// siblingURI names a file next to a document.
func siblingURI(doc protocol.DocumentURI, name string) protocol.DocumentURI {
	u, err := url.Parse(string(doc))
	if err != nil {
		return doc
	}
	u.Path = filepath.ToSlash(filepath.Join(filepath.Dir(filepath.FromSlash(u.Path)), name))
	return protocol.DocumentURI(u.String())
}

// suppressAction adds (or extends) a `rtlint: ignore[...]` comment on a
// line of the finding that can take one (fix.SuppressionEdits); none when
// no line can.
func (s *Server) suppressAction(d *document, sn snapshot, f lint.Finding, diag protocol.Diagnostic) (codeAction, bool) {
	edits, _ := fix.SuppressionEdits(sn.file, []lint.Finding{f})
	if len(edits) != 1 {
		return codeAction{}, false
	}
	e := edits[0]
	edit := protocol.TextEdit{Range: lspRange(sn.file, e.Start, e.End), NewText: e.NewText}
	return codeAction{Title: fmt.Sprintf("Suppress %s on this line", f.Rule), Kind: protocol.QuickFix,
		Diagnostics: []protocol.Diagnostic{diag}, Edit: s.documentEdit(d, sn, edit)}, true
}

// fixAllAction applies every safe fix (source.fixAll.rtlint) as one edit
// replacing the changed region of the document.
func (s *Server) fixAllAction(ctx context.Context, d *document, sn snapshot) (codeAction, bool, error) {
	out, err := fix.File(ctx, sn.file.Path, sn.file.Src, s.configFor(sn.file.Path), false)
	if err != nil {
		return codeAction{}, false, err
	}
	if out.Fixed == 0 || string(out.Src) == string(sn.file.Src) {
		return codeAction{}, false, nil
	}
	// Replace only the span that differs.
	a, b := sn.file.Src, out.Src
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	edit := protocol.TextEdit{Range: lspRange(sn.file, pre, len(a)-suf), NewText: string(b[pre : len(b)-suf])}
	return codeAction{Title: fmt.Sprintf("rtlint: fix all safe problems (%d)", out.Fixed), Kind: fixAllKind, Edit: s.documentEdit(d, sn, edit)}, true, nil
}

// documentEdit is a workspace edit changing one document at the
// snapshot's version, in the form the client takes.
func (s *Server) documentEdit(d *document, sn snapshot, edits ...protocol.TextEdit) *workspaceEdit {
	s.mu.Lock()
	docChanges := s.docChanges
	s.mu.Unlock()
	if docChanges {
		v := sn.version
		return &workspaceEdit{DocumentChanges: []any{textDocumentEdit(d.uri, &v, edits)}}
	}
	return &workspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{d.uri: edits}}
}

// showDocumentationCommand opens a rule's documentation; the server runs
// it (workspace/executeCommand), so every client gets it.
const showDocumentationCommand = "rtlint.showDocumentation"

// docsAction offers the rule's documentation for a finding.
func docsAction(f lint.Finding, diag protocol.Diagnostic) codeAction {
	href := ""
	if diag.CodeDescription != nil {
		href = string(diag.CodeDescription.Href)
	}
	return codeAction{
		Title: "Show documentation for " + f.Rule, Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{diag},
		Command: &protocol.Command{Title: "Show documentation for " + f.Rule, Command: showDocumentationCommand, Arguments: []any{href}},
	}
}

// executeCommand runs the server's commands: rtlint.showDocumentation
// asks the client to open the page (window/showDocument), or shows its
// address when the client cannot open one.
func (s *Server) executeCommand(ctx context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	if p.Command != showDocumentationCommand {
		return nil, invalidParams(fmt.Errorf("unknown command %q", p.Command))
	}
	var href string
	if len(p.Arguments) != 1 || json.Unmarshal(p.Arguments[0], &href) != nil || !strings.HasPrefix(href, "https://") {
		return nil, invalidParams(fmt.Errorf("%s takes one https address", p.Command))
	}
	s.mu.Lock()
	canShow := s.showDocument
	s.mu.Unlock()
	if canShow {
		var res struct {
			Success bool `json:"success"`
		}
		if _, err := s.conn.Call(ctx, "window/showDocument", map[string]any{"uri": href, "external": true}, &res); err == nil && res.Success {
			return nil, nil
		}
	}
	_ = s.conn.Notify(ctx, "window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: "rtlint documentation: " + href})
	return nil, nil
}
