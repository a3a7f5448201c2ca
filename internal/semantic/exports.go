package semantic

import (
	"bytes"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// Exports (for reach): the names another file can import from this one
// besides its own module-level functions and classes — Python's
// module-level imports (an `__init__.py` re-exporting `parse`), CommonJS
// `module.exports`/`exports.f`, ESM `export { f as g }`, `export default`
// and re-exports `export { f } from './x'`.

var (
	cjsExportsWhole  = lazyre.New(`^module\.exports\s*=\s*([\w$]+)\s*;?\s*$`)
	cjsExportsObject = lazyre.New(`^module\.exports\s*=\s*\{`)
	cjsExportsProp   = lazyre.New(`^(?:module\.)?exports\.([\w$]+)\s*=\s*`)
	esmExportList    = lazyre.New(`^export\s*\{([^}]*)\}\s*(?:from\s*['"]([^'"]+)['"])?`)
	esmExportStar    = lazyre.New(`^export\s*\*\s*from\s*['"]([^'"]+)['"]`)
	esmExportDefault = lazyre.New(`^export\s+default\s+([\w$]+)\s*;?\s*$`)
)

// Exports returns the names this file exports that are not its own
// module-level definitions, each with the target it stands for, and the
// modules it re-exports wholesale (`export * from './x'`).
func (m *Model) Exports() (aliases map[string]Target, star []string) {
	aliases = map[string]Target{}
	if m.Lang() == source.Python {
		for _, imp := range m.Imports {
			if imp.Func == None && imp.Qualified != "" {
				aliases[imp.Local] = Target{Module: imp.Qualified}
			}
		}
		return aliases, nil
	}
	src := m.File.Src
	ref := func(name string) (Target, bool) { return m.RefTarget(name, None) }
	// Each form starts a line with `module.exports`, `exports.` or
	// `export`: look at those lines only (a regexp over a whole bundle
	// would cost more than parsing it).
	for _, ln := range statementLines(src, "export") {
		line, at := ln.text, ln.offset
		switch {
		case strings.HasPrefix(line, "module.exports") || strings.HasPrefix(line, "exports."):
			if sm := cjsExportsWhole.FindStringSubmatch(line); sm != nil {
				if t, ok := ref(sm[1]); ok {
					aliases[""], aliases["default"] = t, t
				}
				continue
			}
			if loc := cjsExportsObject.FindStringIndex(line); loc != nil {
				open := at + loc[1] - 1
				end := matchParen(src, open)
				if end < 0 {
					continue
				}
				pairs, ok := destructured(string(src[open : end+1]))
				if !ok {
					continue
				}
				for _, p := range pairs {
					// { f } and { f: g } list properties; { f: g } means f → g.
					if t, ok := ref(p[1]); ok && isIdentifier(p[1]) {
						aliases[p[0]] = t
					}
				}
				continue
			}
			if sm := cjsExportsProp.FindStringSubmatchIndex(line); sm != nil {
				name := line[sm[2]:sm[3]]
				if fi := m.funcStartingAt(uint32(at + sm[1])); fi != None {
					aliases[name] = Target{Name: m.FuncKey(fi)}
					continue
				}
				rest := line[sm[1]:]
				if j := strings.IndexByte(rest, ';'); j >= 0 {
					rest = rest[:j]
				}
				if t, ok := ref(strings.TrimSpace(rest)); ok {
					aliases[name] = t
				}
			}
		case strings.HasPrefix(line, "export"):
			if sm := esmExportList.FindStringSubmatch(line); sm != nil {
				for _, spec := range strings.Split(sm[1], ",") {
					f := strings.Fields(spec)
					if len(f) > 0 && f[0] == "type" {
						f = f[1:]
					}
					var local, exported string
					switch {
					case len(f) == 1:
						local, exported = f[0], f[0]
					case len(f) == 3 && f[1] == "as":
						local, exported = f[0], f[2]
					default:
						continue
					}
					if sm[2] != "" {
						aliases[exported] = Target{Module: sm[2], Name: local}
					} else if t, ok := ref(local); ok {
						aliases[exported] = t
					}
				}
			} else if sm := esmExportStar.FindStringSubmatch(line); sm != nil {
				star = append(star, sm[1])
			} else if sm := esmExportDefault.FindStringSubmatch(line); sm != nil {
				if t, ok := ref(sm[1]); ok {
					aliases["default"] = t
				}
			}
		}
	}
	for i := range m.Funcs {
		f := &m.Funcs[i]
		if f.Parent == None && f.Class == None && precedingWord(src, f.Span.Start) == "default" {
			aliases["default"] = Target{Name: m.FuncKey(i)}
		}
	}
	for i := range m.Classes {
		c := &m.Classes[i]
		if c.Func == None && precedingWord(src, c.Span.Start) == "default" {
			aliases["default"] = Target{Name: m.ClassKey(i)}
		}
	}
	return aliases, star
}

// statementLine is a line that starts (after indentation) with a keyword.
type statementLine struct {
	offset int    // of the keyword
	text   string // from the keyword to the end of the line (at most 500 bytes)
}

// statementLines finds the lines where a keyword (or `module.` before it)
// is the first word, by searching for the keyword: linear in the source.
func statementLines(src []byte, keyword string) []statementLine {
	var out []statementLine
	kw := []byte(keyword)
	for at := 0; ; {
		i := bytes.Index(src[at:], kw)
		if i < 0 {
			return out
		}
		i += at
		at = i + len(kw)
		start := i
		if i >= 7 && string(src[i-7:i]) == "module." {
			start = i - 7
		}
		j := start
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t') {
			j--
		}
		if j > 0 && src[j-1] != '\n' && src[j-1] != ';' {
			continue
		}
		end := start + min(len(src)-start, 500)
		if k := bytes.IndexByte(src[start:end], '\n'); k >= 0 {
			end = start + k
		}
		out = append(out, statementLine{offset: start, text: string(src[start:end])})
	}
}

// funcStartingAt returns the function (expression) starting at an offset,
// skipping spaces, or None.
func (m *Model) funcStartingAt(at uint32) int {
	src := m.File.Src
	for int(at) < len(src) && (src[at] == ' ' || src[at] == '\t') {
		at++
	}
	for i := range m.Funcs {
		if m.Funcs[i].Span.Start == at {
			return i
		}
	}
	return None
}
