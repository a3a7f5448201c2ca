// Package queries embeds the tree-sitter queries rtlint runs. Each language
// gets ONE combined query, composed from per-concern files, so a file is
// walked once no matter how many rules run (DESIGN.md).
//
// Capture names form the contract with internal/semantic: a capture without
// a dot names the construct (`@call`), a dotted one names a part of it
// (`@call.callee`). Captures starting with `_` only feed predicates.
package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed python/*.scm ecma/*.scm typescript/*.scm
var files embed.FS

// FS exposes the raw query files (for tests and tools).
var FS fs.FS = files

// dirs lists, per grammar name, the query folders composed into its query.
// JavaScript and TypeScript share ecma/; typescript/ adds TS-only node types.
var dirs = map[string][]string{
	"python":     {"python"},
	"javascript": {"ecma"},
	"typescript": {"ecma", "typescript"},
	"tsx":        {"ecma", "typescript"},
}

// Source returns the combined query text for a grammar name.
func Source(grammar string) (string, error) {
	ds, ok := dirs[grammar]
	if !ok {
		return "", fmt.Errorf("no queries for language %q", grammar)
	}
	var b strings.Builder
	for _, d := range ds {
		entries, err := fs.ReadDir(files, d)
		if err != nil {
			return "", err
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			names = append(names, e.Name())
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := fs.ReadFile(files, path.Join(d, n))
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "; --- %s/%s\n", d, n)
			b.Write(data)
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// Dirs lists the query folders composed for a grammar name.
func Dirs(grammar string) []string { return dirs[grammar] }
