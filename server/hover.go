package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/project"
)

// hover shows the documentation of the rules flagged at the position.
func (s *Server) hover(ctx context.Context, raw json.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		return nil, nil
	}
	sn := d.current()
	if sn.file == nil {
		return nil, nil
	}
	off, ok := sn.file.Lines.OffsetUTF16(int(p.Position.Line), int(p.Position.Character))
	if !ok {
		return nil, nil
	}
	var parts []string
	seen := map[string]bool{}
	var rng *protocol.Range
	for _, f := range sn.findings {
		if off < f.Start || off > f.End || seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		a := registry.ByCode(f.Rule)
		if a == nil {
			continue
		}
		parts = append(parts, "**"+f.Message+"**\n\n"+a.Markdown())
		r := lspRange(sn.file, f.Start, f.End)
		rng = &r
	}
	if len(parts) == 0 {
		return s.reachHover(d, sn, off)
	}
	return protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n---\n\n")},
		Range:    rng,
	}, nil
}

// reachHover shows, over a call of a project function, the blocking calls
// it reaches (the summaries' transitive closure, SPEC §2 "reach"): what
// the call would cost if it ran on the event loop.
func (s *Server) reachHover(d *document, sn snapshot, off int) (any, error) {
	ix := s.ws.current()
	if ix == nil {
		return nil, nil
	}
	callee, reached := ix.BlockingAt(d.path, project.Hash(sn.file.Src), off, 0)
	if len(reached) == 0 {
		return nil, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s blocks** (rtlint reach):\n\n", callee)
	for i, r := range reached {
		if i == 10 {
			fmt.Fprintf(&b, "- … and %d more\n", len(reached)-i)
			break
		}
		fmt.Fprintf(&b, "- `%s` (%s) at %s:%d, through %s\n", r.Block.Call, r.Block.Rule, filepath.ToSlash(r.Path), r.Block.Line, strings.Join(r.Via, " → "))
	}
	return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: b.String()}}, nil
}
