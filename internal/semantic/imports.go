package semantic

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"
)

// binding is a name bound by an import, require() or assignment. An empty
// qualified name is a local definition that shadows any import.
type binding struct {
	local, qualified string
	// JS/TS: the module specifier and the member imported ("default" for
	// a default import, "" for a namespace import).
	module, member string
}

var (
	pyComment     = lazyre.New(`#[^\n]*`)
	pyFromImport  = lazyre.New(`^from\s+(\S+)\s+import\s+(.*)$`)
	ecmaImport    = lazyre.New(`^import\s+(.*?)\s*from\s*['"]([^'"]+)['"]`)
	ecmaAsPattern = lazyre.New(`^(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?$`)
)

// pythonImport parses `import a.b as c, d` or `from m import x as y, z`.
func pythonImport(text string) []binding {
	text = pyComment.ReplaceAllString(text, "")
	text = strings.NewReplacer("\\\n", " ", "\n", " ", "(", " ", ")", " ").Replace(text)
	text = strings.TrimSpace(text)
	var out []binding
	if m := pyFromImport.FindStringSubmatch(text); m != nil {
		module := m[1]
		for _, part := range strings.Split(m[2], ",") {
			name, alias := splitAs(part)
			if name == "" || name == "*" {
				continue
			}
			if alias == "" {
				alias = name
			}
			q := module + "." + name
			if strings.HasSuffix(module, ".") {
				q = module + name
			}
			out = append(out, binding{local: alias, qualified: q})
		}
		return out
	}
	rest, ok := strings.CutPrefix(text, "import")
	if !ok {
		return nil
	}
	for _, part := range strings.Split(rest, ",") {
		name, alias := splitAs(part)
		if name == "" {
			continue
		}
		if alias != "" {
			out = append(out, binding{local: alias, qualified: name})
			continue
		}
		// `import os.path` binds `os`, through which `os.path.x` resolves.
		head, _, _ := strings.Cut(name, ".")
		out = append(out, binding{local: head, qualified: head})
	}
	return out
}

func splitAs(part string) (name, alias string) {
	f := strings.Fields(part)
	switch {
	case len(f) == 1:
		return f[0], ""
	case len(f) == 3 && f[1] == "as":
		return f[0], f[2]
	}
	return "", ""
}

// NormalizeModule maps a JS module specifier to the name catalogs use:
// `node:fs` → `fs`.
// fs-extra and graceful-fs are fs with more (every fs call, plus their
// own *Sync helpers such as readJsonSync), and fs-promise and mz/fs
// re-export fs's sync calls: catalogs see them all as fs.
func NormalizeModule(spec string) string {
	spec = strings.TrimPrefix(spec, "node:")
	switch spec {
	case "fs-extra", "graceful-fs", "fs-promise", "mz/fs":
		return "fs"
	}
	if generatedPrisma.MatchString(spec) {
		return "@prisma/client"
	}
	return spec
}

// generatedPrisma matches where Prisma's generator writes a client that a
// project imports by path: `.prisma/client`, `../generated/prisma`,
// `@/generated/prisma/client`. Such a client is `@prisma/client`.
var generatedPrisma = lazyre.New(`(^|/)(\.prisma/client|generated/prisma(/client)?)(/index(\.[cm]?[jt]s)?)?$`)

// moduleFor names the module a member is imported from: `PrismaClient`
// imported from a project path (`import { PrismaClient } from
// '../lib/prisma-gen'`) is the generated client whatever the path, as
// no other package exports a class of that name.
func moduleFor(spec, member string) string {
	if member == "PrismaClient" && isPathSpec(spec) {
		return "@prisma/client"
	}
	return NormalizeModule(spec)
}

// isPathSpec reports whether a module specifier names a project path
// (relative, absolute, or a tsconfig alias such as `@/x` or `~/x`).
func isPathSpec(spec string) bool {
	return strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "@/") ||
		strings.HasPrefix(spec, "~/") || strings.HasPrefix(spec, "#")
}

// tsInterop matches TypeScript's emitted CommonJS interop around require:
// `__importStar(require("fs"))`, `tslib_1.__importDefault(require("fs"))`.
var tsInterop = lazyre.New(`^(?:[\w$]+\.)?__import(?:Star|Default)\(\s*require\(\s*(['"][^'"]+['"])\s*\)\s*\)$`)

// unwrapInterop returns `require("fs")` for TypeScript's interop wrappers
// around it, else the text unchanged.
func unwrapInterop(value string) string {
	// Nearly no value is one: the substring test spares the regexp (it
	// ran on every assignment of every file).
	if !strings.Contains(value, "__import") {
		return value
	}
	if sm := tsInterop.FindStringSubmatch(strings.TrimSpace(value)); sm != nil {
		return "require(" + sm[1] + ")"
	}
	return value
}

// ecmaImports parses an ESM import statement.
func ecmaImports(text string) []binding {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "import type ") {
		return nil
	}
	m := ecmaImport.FindStringSubmatch(strings.ReplaceAll(text, "\n", " "))
	if m == nil {
		return nil
	}
	module := NormalizeModule(m[2])
	clause := strings.TrimSpace(m[1])
	var out []binding
	if i := strings.IndexByte(clause, '{'); i >= 0 {
		j := strings.LastIndexByte(clause, '}')
		if j < i {
			return nil
		}
		for _, spec := range strings.Split(clause[i+1:j], ",") {
			spec = strings.TrimSpace(spec)
			if strings.HasPrefix(spec, "type ") {
				continue
			}
			sm := ecmaAsPattern.FindStringSubmatch(spec)
			if sm == nil {
				continue
			}
			local := sm[1]
			if sm[2] != "" {
				local = sm[2]
			}
			if sm[1] == "default" {
				out = append(out, binding{local, module, m[2], "default"})
			} else {
				out = append(out, binding{local, moduleFor(m[2], sm[1]) + "." + sm[1], m[2], sm[1]})
			}
		}
		clause = clause[:i] + clause[j+1:]
	}
	for _, part := range strings.Split(clause, ",") {
		part = strings.TrimSpace(part)
		if rest, ok := strings.CutPrefix(part, "*"); ok {
			if f := strings.Fields(rest); len(f) == 2 && f[0] == "as" {
				out = append(out, binding{f[1], module, m[2], ""})
			}
			continue
		}
		if part != "" && ecmaAsPattern.MatchString(part) {
			out = append(out, binding{part, module, m[2], "default"})
		}
	}
	return out
}

// destructured parses an object pattern `{ a, b: c, d = 1 }` into
// (property, local) pairs; ok is false for any other pattern.
func destructured(pattern string) (pairs [][2]string, ok bool) {
	pattern = strings.TrimSpace(pattern)
	if len(pattern) < 2 || pattern[0] != '{' || pattern[len(pattern)-1] != '}' {
		return nil, false
	}
	for _, p := range splitTopLevel(pattern[1:len(pattern)-1], false) {
		if p == "" || strings.HasPrefix(p, "...") {
			continue
		}
		if i := strings.IndexByte(p, '='); i >= 0 {
			p = strings.TrimSpace(p[:i])
		}
		prop, local, found := strings.Cut(p, ":")
		prop, local = strings.TrimSpace(prop), strings.TrimSpace(local)
		if !found {
			local = prop
		}
		pairs = append(pairs, [2]string{prop, local})
	}
	return pairs, true
}

// params parses a parameter list text into names and type annotations.
// It copes with Python (`*args`, `x: int = 1`) and JS/TS (`{a, b}`,
// `@Req() req: Request`, `private readonly svc: Svc`, `x = 1`).
func params(text string) []Param {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "(") && strings.HasSuffix(text, ")") {
		text = text[1 : len(text)-1]
	}
	var out []Param
	for _, p := range splitTopLevel(text, true) {
		// Drop decorators like `@Req()` and TS modifiers.
		for strings.HasPrefix(p, "@") {
			end := strings.IndexAny(p, " (")
			if end < 0 {
				p = ""
				break
			}
			if p[end] == '(' {
				if close := matchParen(p, end); close >= 0 {
					end = close + 1
				}
			}
			p = strings.TrimSpace(p[end:])
		}
		for _, mod := range []string{"public ", "private ", "protected ", "readonly ", "override "} {
			p = strings.TrimPrefix(p, mod)
		}
		p = strings.TrimLeft(p, "*.")
		if i := strings.IndexByte(p, '='); i >= 0 && !strings.HasPrefix(p[i:], "=>") {
			p = strings.TrimSpace(p[:i])
		}
		if strings.HasPrefix(p, "{") || strings.HasPrefix(p, "[") {
			// A destructured parameter binds each of its names.
			inner := p
			if i := strings.LastIndexAny(p, "}]"); i >= 0 {
				inner = p[1:i]
			}
			for _, q := range splitTopLevel(inner, false) {
				_, local, found := strings.Cut(q, ":")
				if !found {
					local = q
				}
				local = strings.TrimSpace(strings.TrimLeft(strings.SplitN(local, "=", 2)[0], "."))
				if local != "" {
					out = append(out, Param{Name: local})
				}
			}
			continue
		}
		name, typ, _ := strings.Cut(p, ":")
		name = strings.TrimSuffix(strings.TrimSpace(name), "?")
		if name == "" || name == "/" {
			continue
		}
		out = append(out, Param{Name: name, Type: strings.TrimSpace(typ)})
	}
	return out
}
