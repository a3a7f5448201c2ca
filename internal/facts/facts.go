// Package facts reads what a project declares about where its code runs
// (SPEC §2b): the Python and Node versions it supports, whether its Python
// is free-threaded, and the versions of the packages it depends on, from
// its manifests and lock files. Rules fit their advice and fixes to them.
// Unknown facts mean "recent versions".
package facts

import (
	"fmt"
	"sort"
	"strings"
)

// Project is what the manifests nearest a file declare.
type Project struct {
	// Python is the supported interpreter versions (requires-python,
	// Poetry's python dependency, .python-version).
	Python Range
	// FreeThreaded: the target interpreter runs threads in parallel (the
	// trove classifier, a `t` build in .python-version, or the rtlint
	// option python-free-threaded).
	FreeThreaded bool
	// Node is engines.node.
	Node Range
	// Packages are Python dependency versions by PEP 503 name (lower case,
	// runs of -_. as -), NodePackages the Node ones; lock files win over
	// requirements files, which win over manifests.
	Packages     map[string]Range
	NodePackages map[string]Range
	// Files are the manifests read, for --show-settings.
	Files []string
}

// Package returns a dependency's versions (unknown when not declared).
func (p *Project) Package(name string) Range {
	if p == nil {
		return Range{}
	}
	return p.Packages[normalize(name)]
}

// IsFreeThreaded reports whether the target Python runs threads in
// parallel (no GIL).
func (p *Project) IsFreeThreaded() bool { return p != nil && p.FreeThreaded }

// PythonBelow reports whether the project may run on a Python older than
// version ("3.9"): then fixes must not use what that version added.
func (p *Project) PythonBelow(version string) bool {
	return p != nil && p.Python.MayBeBelow(version)
}

// PythonAtLeast reports whether every supported Python is at least version.
func (p *Project) PythonAtLeast(version string) bool {
	return p != nil && p.Python.Known() && !p.Python.MayBeBelow(version)
}

// NodeBelow reports whether the project may run on a Node older than
// major ("14").
func (p *Project) NodeBelow(major string) bool {
	return p != nil && p.Node.MayBeBelow(major)
}

// PackageAtLeast reports whether the project may use a version of a
// package at or after version: true when unknown.
func (p *Project) PackageAtLeast(name, version string) bool {
	return p.Package(name).MayBeAtLeast(version)
}

// PydanticV1 reports whether the project can only run Pydantic 1: its
// pin admits no 2.x, or, with Pydantic undeclared, FastAPI is pinned below
// 0.100 (the first FastAPI to support Pydantic 2).
func (p *Project) PydanticV1() bool {
	if p == nil {
		return false
	}
	if r := p.Package("pydantic"); r.Known() {
		return !r.MayBeAtLeast("2.0")
	}
	return !p.Package("fastapi").MayBeAtLeast("0.100")
}

// PackageMajor returns the one major version of a package the project
// admits, or 0 when unknown or several.
func (p *Project) PackageMajor(name string) int {
	return p.Package(name).Major()
}

// normalize is PEP 503's name normalisation (npm names are lower case and
// pass through).
func normalize(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	return strings.NewReplacer("_", "-", ".", "-").Replace(name)
}

// String renders the facts for --show-settings.
func (p *Project) String() string {
	if p == nil {
		return "project facts: none found (recent versions assumed)\n"
	}
	var b strings.Builder
	line := func(k string, r Range) {
		if r.Known() {
			fmt.Fprintf(&b, "  %-22s %s (%s)\n", k, r.Text, r.Source)
		}
	}
	b.WriteString("project facts:\n")
	line("python", p.Python)
	if p.FreeThreaded {
		b.WriteString("  python-free-threaded   true\n")
	}
	line("node", p.Node)
	names := make([]string, 0, len(p.Packages))
	for n := range p.Packages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		line(n, p.Packages[n])
	}
	names = names[:0]
	for n := range p.NodePackages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		line(n+" (npm)", p.NodePackages[n])
	}
	if len(p.Files) > 0 {
		fmt.Fprintf(&b, "  read from              %s\n", strings.Join(p.Files, ", "))
	}
	return b.String()
}
