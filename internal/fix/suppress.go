package fix

import (
	"context"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// Suppression comments written for findings: the editor's "Suppress RTxxx
// on this line" and `rtlint check --add-suppressions`. A comment goes at
// the end of a line of the finding (a suppression on any of its lines
// covers it) where a comment can go: not inside a string, template or
// block comment that runs on, not after a line continuation, not inside
// JSX text. An existing `rtlint: ignore[...]` on that line gets the code
// added instead. Findings of one line share one comment.

var ignoreList = lazyre.New(`rtlint:\s*ignore\[([^\]]*)\]`)

// SuppressionEdits returns the edits that suppress findings in f, and how
// many findings no line could take a comment for. f's tree is used when
// it has one; otherwise the text is parsed.
func SuppressionEdits(f *source.File, findings []lint.Finding) ([]analyzers.Edit, int) {
	tree := f.Tree
	if tree == nil {
		parsed, err := source.Parse(context.Background(), f.Path, f.Language, f.Src)
		if err != nil {
			return nil, len(findings)
		}
		defer parsed.Tree.Close()
		tree = parsed.Tree
	}
	root := tree.RootNode()
	byLine := map[int][]string{}
	skipped := 0
	for _, fd := range findings {
		line := 0
		for k := fd.Line; k <= max(fd.EndLine, fd.Line) && k <= fd.Line+200; k++ {
			if commentFits(f, root, k) {
				line = k
				break
			}
		}
		if line == 0 {
			skipped++
			continue
		}
		if !contains(byLine[line], fd.Rule) {
			byLine[line] = append(byLine[line], fd.Rule)
		}
	}
	lines := make([]int, 0, len(byLine))
	for l := range byLine {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	var edits []analyzers.Edit
	for _, l := range lines {
		codes := byLine[l]
		text := f.Lines.Line(l)
		start := f.Lines.LineStart(l)
		if loc := ignoreList.FindStringSubmatchIndex(text); loc != nil {
			have := strings.FieldsFunc(text[loc[2]:loc[3]], func(r rune) bool { return r == ',' || r == ' ' })
			var add []string
			for _, c := range codes {
				if !contains(have, c) {
					add = append(add, c)
				}
			}
			if len(add) == 0 {
				continue
			}
			sep := ", "
			if len(have) == 0 {
				sep = ""
			}
			at := start + loc[3]
			edits = append(edits, analyzers.Edit{Start: at, End: at, NewText: sep + strings.Join(add, ", ")})
			continue
		}
		marker, gap := "//", " "
		if f.Language == source.Python {
			marker, gap = "#", "  "
		}
		end := start + len(text)
		if strings.TrimSpace(text) == "" {
			gap = ""
		}
		edits = append(edits, analyzers.Edit{Start: end, End: end, NewText: gap + marker + " rtlint: ignore[" + strings.Join(codes, ", ") + "]"})
	}
	return edits, skipped
}

// AddSuppressions returns src with a suppression comment for every
// finding, how many comments it wrote or extended, and how many findings
// it could not suppress. When the comments would add a syntax error
// (which the checks above should prevent), src comes back unchanged and
// every finding counts as not suppressed.
func AddSuppressions(ctx context.Context, path string, src []byte, findings []lint.Finding) ([]byte, int, int) {
	f, err := source.Parse(ctx, path, source.LanguageOf(path), src)
	if err != nil {
		return src, 0, len(findings)
	}
	edits, skipped := SuppressionEdits(f, findings)
	f.Tree.Close()
	if len(edits) == 0 {
		return src, 0, skipped
	}
	out, err := Apply(src, edits)
	if err != nil || syntaxErrors(ctx, path, out) > syntaxErrors(ctx, path, src) {
		return src, 0, len(findings)
	}
	return out, len(edits), skipped
}

// commentFits reports whether a comment may be appended to line k: its end
// is code, not the inside of something that continues on the next line.
func commentFits(f *source.File, root *sitter.Node, k int) bool {
	text := f.Lines.Line(k)
	trimmed := strings.TrimRight(text, " \t")
	if trimmed == "" || strings.HasSuffix(trimmed, "\\") {
		return false
	}
	if ignoreList.MatchString(text) {
		return true // already a suppression comment of ours: extended in place
	}
	eol := uint32(f.Lines.LineStart(k) + len(text))
	// The line's last character, as a tree-sitter point (byte column).
	at := sitter.Point{Row: uint32(k - 1), Column: uint32(len(trimmed) - 1)}
	for n := root.NamedDescendantForPointRange(at, at); n != nil; n = n.Parent() {
		if n.EndByte() <= eol {
			continue // ends on this line
		}
		switch n.Type() {
		case "string", "string_content", "concatenated_string", "template_string", "string_fragment",
			"comment", "jsx_text", "jsx_element", "jsx_fragment", "jsx_opening_element", "jsx_self_closing_element", "regex":
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
