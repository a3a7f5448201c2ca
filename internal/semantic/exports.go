package semantic

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/rtlint/rtlint/internal/source"
)

// Exports (for reach): the names another file can import from this one
// besides its own module-level functions and classes — Python's
// module-level imports (an `__init__.py` re-exporting `parse`), CommonJS
// `module.exports`/`exports.f`, ESM `export { f as g }`, `export default`
// and re-exports `export { f } from './x'`.

var (
	cjsExportsWhole  = regexp.MustCompile(`(?m)^\s*module\.exports\s*=\s*([\w$]+)\s*;?\s*$`)
	cjsExportsObject = regexp.MustCompile(`(?m)^\s*module\.exports\s*=\s*\{`)
	cjsExportsProp   = regexp.MustCompile(`(?m)^\s*(?:module\.)?exports\.([\w$]+)\s*=\s*`)
	esmExportList    = regexp.MustCompile(`(?m)^\s*export\s*\{([^}]*)\}\s*(?:from\s*['"]([^'"]+)['"])?`)
	esmExportStar    = regexp.MustCompile(`(?m)^\s*export\s*\*\s*from\s*['"]([^'"]+)['"]`)
	esmExportDefault = regexp.MustCompile(`(?m)^\s*export\s+default\s+([\w$]+)\s*;?\s*$`)
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
	if bytes.Contains(src, []byte("exports")) {
		text := string(src)
		for _, sm := range cjsExportsWhole.FindAllStringSubmatch(text, -1) {
			if t, ok := ref(sm[1]); ok {
				aliases[""], aliases["default"] = t, t
			}
		}
		for _, loc := range cjsExportsObject.FindAllStringIndex(text, -1) {
			open := loc[1] - 1
			end := matchParen(text, open)
			if end < 0 {
				continue
			}
			pairs, ok := destructured(text[open : end+1])
			if !ok {
				continue
			}
			for _, p := range pairs {
				// { f } and { f: g } list properties; { f: g } means f → g.
				if t, ok := ref(p[1]); ok && isIdentifier(p[1]) {
					aliases[p[0]] = t
				}
			}
		}
		for _, sm := range cjsExportsProp.FindAllStringSubmatchIndex(text, -1) {
			name, at := text[sm[2]:sm[3]], uint32(sm[1])
			if fi := m.funcStartingAt(at); fi != None {
				aliases[name] = Target{Name: m.FuncKey(fi)}
				continue
			}
			rest := text[sm[1]:]
			if j := strings.IndexAny(rest, ";\n"); j >= 0 {
				rest = rest[:j]
			}
			if t, ok := ref(strings.TrimSpace(rest)); ok {
				aliases[name] = t
			}
		}
	}
	if bytes.Contains(src, []byte("export")) {
		text := string(src)
		for _, sm := range esmExportList.FindAllStringSubmatch(text, -1) {
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
		}
		for _, sm := range esmExportStar.FindAllStringSubmatch(text, -1) {
			star = append(star, sm[1])
		}
		for _, sm := range esmExportDefault.FindAllStringSubmatch(text, -1) {
			if t, ok := ref(sm[1]); ok {
				aliases["default"] = t
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
	}
	return aliases, star
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
