package project

import (
	"path/filepath"
	"slices"
	"strings"
)

// ECMAExtensions are the extensions of JS and TS modules, in the order an
// extensionless import tries them: TypeScript sources before the
// JavaScript a build may have emitted beside them.
var ECMAExtensions = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// tsForJS maps the extension TypeScript's ESM style writes in an import
// ("./x.js") to the sources that compile to it. .js and .jsx both try
// .ts and .tsx, as TypeScript does, since a .tsx file also emits .js.
var tsForJS = map[string][]string{
	".js":  {".ts", ".tsx"},
	".jsx": {".tsx", ".ts"},
	".mjs": {".mts"},
	".cjs": {".cts"},
}

// ResolveECMA returns the absolute, cleaned path of the project file the
// import specifier spec in fromFile refers to, or "" when it is not a
// project file: a package ("express"), a builtin ("node:fs"), a file that
// is not there, or anything under node_modules. ts may be nil; exists
// reports whether a file is there (nil means ask the filesystem), so
// callers can resolve against an in-memory file set.
func ResolveECMA(spec, fromFile string, ts *TSConfig, exists func(path string) bool) string {
	if spec == "" {
		return ""
	}
	if exists == nil {
		exists = isFile
	}
	r := resolver{exists: exists}

	if isRelative(spec) || filepath.IsAbs(filepath.FromSlash(spec)) {
		return r.resolve(joinSpec(filepath.Dir(absDir(fromFile)), spec))
	}
	if ts == nil {
		return ""
	}
	if p, star, ok := matchPaths(ts.Paths, spec); ok {
		for _, target := range p.Targets {
			if p.hasStar() {
				target = strings.Replace(target, "*", star, 1)
			}
			// ${configDir} is the directory of the config loaded, not of
			// the base that wrote the target.
			if rest, ok := strings.CutPrefix(target, configDirVar); ok {
				target = filepath.ToSlash(filepath.Dir(ts.Path)) + rest
			}
			if got := r.resolve(joinSpec(ts.pathsBase(), target)); got != "" {
				return got
			}
		}
		// A matching pattern whose targets all miss falls through to
		// baseUrl, as in TypeScript.
	}
	if ts.BaseURL != "" {
		return r.resolve(joinSpec(ts.BaseURL, spec))
	}
	return ""
}

// isRelative reports whether spec is relative to the importing file.
func isRelative(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// candidate is a path to try, and whether it can only be a directory: a
// specifier ending in "/" or naming "." or ".." never means a file, so
// "." finds ./index.ts and not ../<dir>.ts.
type candidate struct {
	path    string
	dirOnly bool
}

// joinSpec applies a slash-separated specifier or paths target to dir
// (ignoring dir when the specifier is absolute).
func joinSpec(dir, spec string) candidate {
	s := filepath.FromSlash(spec)
	var p string
	if filepath.IsAbs(s) {
		p = filepath.Clean(s)
	} else {
		p = filepath.Join(dir, s)
	}
	base := spec[strings.LastIndex(spec, "/")+1:]
	return candidate{path: p, dirOnly: base == "" || base == "." || base == ".."}
}

// pathsBase is the directory paths targets join onto.
func (ts *TSConfig) pathsBase() string {
	if ts.PathsBase != "" {
		return ts.PathsBase
	}
	return filepath.Dir(ts.Path)
}

// hasStar reports whether the pattern is a wildcard one.
func (p TSPath) hasStar() bool { return strings.Contains(p.Pattern, "*") }

// matchPaths picks the paths entry for spec the way TypeScript does: an
// exact pattern wins outright; otherwise, among patterns with one "*", the
// one with the longest prefix before it (the first written on a tie).
// Patterns with more than one "*" are invalid and never match.
func matchPaths(paths []TSPath, spec string) (TSPath, string, bool) {
	for _, p := range paths {
		if !p.hasStar() && p.Pattern == spec {
			return p, "", true
		}
	}
	var best TSPath
	var star string
	bestLen := -1
	for _, p := range paths {
		if strings.Count(p.Pattern, "*") != 1 {
			continue
		}
		prefix, suffix, _ := strings.Cut(p.Pattern, "*")
		if len(spec) < len(prefix)+len(suffix) || !strings.HasPrefix(spec, prefix) || !strings.HasSuffix(spec, suffix) {
			continue
		}
		if len(prefix) > bestLen {
			best, star, bestLen = p, spec[len(prefix):len(spec)-len(suffix)], len(prefix)
		}
	}
	return best, star, bestLen >= 0
}

// resolver tries the files a candidate path may name.
type resolver struct {
	exists func(string) bool
}

// resolve tries, in order: the path itself when it has a module extension;
// the TypeScript source for a .js-style extension; the path plus each
// extension; the directory's index plus each extension.
func (r resolver) resolve(c candidate) string {
	b := c.path
	if !c.dirOnly {
		ext := filepath.Ext(b)
		if slices.Contains(ECMAExtensions, ext) && r.try(b) {
			return b
		}
		if alts, ok := tsForJS[ext]; ok {
			stem := strings.TrimSuffix(b, ext)
			for _, alt := range alts {
				if r.try(stem + alt) {
					return stem + alt
				}
			}
		}
		for _, e := range ECMAExtensions {
			if r.try(b + e) {
				return b + e
			}
		}
	}
	for _, e := range ECMAExtensions {
		p := filepath.Join(b, "index"+e)
		if r.try(p) {
			return p
		}
	}
	return ""
}

// try reports whether p exists and may be returned: nothing under
// node_modules is a project file, whatever a paths target says.
func (r resolver) try(p string) bool {
	return !inNodeModules(p) && r.exists(p)
}

// inNodeModules reports whether any segment of p is node_modules.
func inNodeModules(p string) bool {
	for _, seg := range strings.Split(filepath.ToSlash(p), "/") {
		if seg == "node_modules" {
			return true
		}
	}
	return false
}
