package fix

import (
	"bytes"
	"context"
	"regexp"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// pruneImports removes imports that the applied fixes left unused: a name
// that was used in the original source and is no longer used anywhere in
// the fixed one (`from time import sleep as nap` after nap(1) became
// asyncio.sleep(1); `import json` once every json call moved to orjson).
// Imports that were already unused are the user's business and stay.
func pruneImports(ctx context.Context, path string, before, after []byte) ([]byte, error) {
	lang := source.LanguageOf(path)
	f, err := source.Parse(ctx, path, lang, after)
	if err != nil {
		return nil, err
	}
	m, err := semantic.Build(f)
	if err != nil {
		return nil, err
	}
	// Group the names bound by each module-level import statement.
	type stmt struct {
		span   semantic.Span
		locals []string
	}
	var stmts []*stmt
	bySpan := map[semantic.Span]*stmt{}
	for _, imp := range m.Imports {
		if imp.Func != semantic.None {
			continue
		}
		s := bySpan[imp.Span]
		if s == nil {
			s = &stmt{span: imp.Span}
			bySpan[imp.Span] = s
			stmts = append(stmts, s)
		}
		s.locals = append(s.locals, imp.Local)
	}
	// A name counts as used only in code: not in strings or comments
	// (`'application/json'`), nor in import statements
	// (`from json.decoder import JSONDecodeError` does not use `json`).
	var imports []semantic.Span
	for _, st := range stmts {
		imports = append(imports, st.span)
	}
	code, codeBefore := codeOnly(after, lang), codeOnly(before, lang)
	var edits []analyzers.Edit
	for _, s := range stmts {
		var dead []string
		for _, l := range s.locals {
			if uses(code, l, imports) == 0 && usesAnywhere(codeBefore, l) > 1 {
				dead = append(dead, l)
			}
		}
		switch {
		case len(dead) == 0:
		case len(dead) == len(s.locals):
			edits = append(edits, deleteLines(after, s.span))
		default:
			text := m.Text(s.span)
			for _, l := range dead {
				text = removeSpecifier(text, l)
			}
			edits = append(edits, analyzers.Edit{Start: int(s.span.Start), End: int(s.span.End), NewText: text})
		}
	}
	if len(edits) == 0 {
		return after, nil
	}
	return Apply(after, edits)
}

func word(name string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^\w$.])` + regexp.QuoteMeta(name) + `($|[^\w$])`)
}

// uses counts a name's occurrences outside an import statement's span.
func uses(src []byte, name string, skip []semantic.Span) int {
	n := 0
outer:
	for _, loc := range word(name).FindAllSubmatchIndex(src, -1) {
		start := loc[3] // the name itself starts where group 1 ends
		for _, sp := range skip {
			if start >= int(sp.Start) && start+len(name) <= int(sp.End) {
				continue outer
			}
		}
		n++
	}
	return n
}

// codeOnly blanks the insides of string literals and comments (keeping
// offsets and newlines), so that word matches are code.
func codeOnly(src []byte, lang source.Language) []byte {
	out := append([]byte(nil), src...)
	py := lang == source.Python
	blank := func(from, to int) {
		for k := from; k < to && k < len(out); k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case py && c == '#', !py && c == '/' && i+1 < len(out) && out[i+1] == '/':
			j := i
			for j < len(out) && out[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case !py && c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := bytes.Index(out[i+2:], []byte("*/"))
			end := len(out)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			blank(i, end)
			i = end - 1
		case c == '"' || c == '\'': // template literals stay: ${...} is code
			quote := []byte{c}
			if py && i+2 < len(out) && out[i+1] == c && out[i+2] == c {
				quote = []byte{c, c, c}
			}
			j := i + len(quote)
			for j < len(out) {
				if out[j] == '\\' {
					j += 2
					continue
				}
				if bytes.HasPrefix(out[j:], quote) {
					break
				}
				if out[j] == '\n' && len(quote) == 1 {
					break // an unterminated single-line string
				}
				j++
			}
			blank(i+len(quote), j)
			i = j + len(quote) - 1
		}
	}
	return out
}

func usesAnywhere(src []byte, name string) int { return len(word(name).FindAllIndex(src, -1)) }

// deleteLines deletes a statement with the rest of its lines when those
// hold nothing else (`const `, `;`, whitespace), else just the span.
func deleteLines(src []byte, s semantic.Span) analyzers.Edit {
	start, end := int(s.Start), int(s.End)
	ls := strings.LastIndexByte(string(src[:start]), '\n') + 1
	if ls == 0 && bytes.HasPrefix(src, []byte("\ufeff")) {
		ls = len("\ufeff") // the byte-order mark stays where it is
	}
	le := strings.IndexByte(string(src[end:]), '\n')
	if le < 0 {
		le = len(src)
	} else {
		le = end + le + 1
	}
	head := strings.TrimSpace(string(src[ls:start]))
	tail := strings.TrimSpace(string(src[end:le]))
	if (head == "" || head == "const" || head == "let" || head == "var") && (tail == "" || tail == ";") {
		return analyzers.Edit{Start: ls, End: le}
	}
	return analyzers.Edit{Start: start, End: end}
}

// removeSpecifier drops one name from an import list: `a, nap` → `a`,
// `{ readFileSync, x }` → `{ x }`, `sleep as nap, y` → `y`.
func removeSpecifier(text, local string) string {
	q := regexp.QuoteMeta(local)
	for _, p := range []string{
		`[\w$]+\s+as\s+` + q + `\s*,\s*`, `,\s*[\w$]+\s+as\s+` + q + `\b`,
		`[\w$]+\s*:\s*` + q + `\s*,\s*`, `,\s*[\w$]+\s*:\s*` + q + `\b`,
		`\b` + q + `\s*,\s*`, `,\s*` + q + `\b`,
	} {
		re := regexp.MustCompile(p)
		if loc := re.FindStringIndex(text); loc != nil {
			return text[:loc[0]] + text[loc[1]:]
		}
	}
	return text
}
