package server

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/analyzers/registry"
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
	if sn.file == nil || sn.findings == nil {
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
		return nil, nil
	}
	return protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n---\n\n")},
		Range:    rng,
	}, nil
}
