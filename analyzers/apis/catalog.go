// Package apis matches calls against catalogs of APIs: data tables of
// qualified-name patterns with the replacement each rule suggests. Rules
// that differ only in which APIs they match (RT1xx, RT4xx) are one matcher
// over different catalogs, and a user's extra-calls/allow-calls extend the
// same tables.
package apis

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Family is the set of languages an entry applies to.
type Family uint8

const (
	Python Family = 1 << iota
	ECMA
)

// FamilyOf returns the family of a language.
func FamilyOf(l source.Language) Family {
	if l == source.Python {
		return Python
	}
	return ECMA
}

// Entry is one API (or a glob of APIs) a rule flags.
type Entry struct {
	Family Family
	// Pattern is a qualified name as semantic.Call.Qualified spells it.
	// `{a,b}` lists alternatives; `*` matches any run of characters.
	Pattern string
	// Use is the cure named in the message ("await asyncio.sleep()").
	Use string
	// Option names a boolean rule option that must be true for the entry
	// to apply (e.g. RT103's include-stat-calls).
	Option string
	// When further restricts the entry, e.g. XMLHttpRequest.open(m, u, false).
	When func(m *semantic.Model, c *semantic.Call) bool
	// Fix builds the entry's fixes for a call (nil: the family default).
	Fix func(m *semantic.Model, c *semantic.Call) []analyzers.Fix
}

// Catalog is a compiled list of entries.
type Catalog struct {
	exact map[string][]*Entry
	globs []globEntry
}

type globEntry struct {
	pattern string
	entry   *Entry
}

// New compiles entries, expanding `{a,b}` alternatives.
func New(entries ...Entry) *Catalog {
	c := &Catalog{exact: map[string][]*Entry{}}
	for i := range entries {
		c.Add(&entries[i])
	}
	return c
}

// Add adds one entry.
func (c *Catalog) Add(e *Entry) {
	for _, p := range expand(e.Pattern) {
		if strings.Contains(p, "*") {
			c.globs = append(c.globs, globEntry{p, e})
		} else {
			c.exact[p] = append(c.exact[p], e)
		}
	}
}

// Lookup returns the entries whose pattern matches a qualified name in a
// language family, exact matches first.
func (c *Catalog) Lookup(f Family, qualified string) []*Entry {
	if qualified == "" {
		return nil
	}
	var out []*Entry
	for _, e := range c.exact[qualified] {
		if e.Family&f != 0 {
			out = append(out, e)
		}
	}
	for _, g := range c.globs {
		if g.entry.Family&f != 0 && analyzers.Glob(g.pattern, qualified) {
			out = append(out, g.entry)
		}
	}
	return out
}

// expand turns "a.{b,c}.d" into ["a.b.d", "a.c.d"].
func expand(p string) []string {
	i := strings.IndexByte(p, '{')
	if i < 0 {
		return []string{p}
	}
	j := strings.IndexByte(p[i:], '}')
	if j < 0 {
		return []string{p}
	}
	j += i
	var out []string
	for _, alt := range strings.Split(p[i+1:j], ",") {
		out = append(out, expand(p[:i]+strings.TrimSpace(alt)+p[j+1:])...)
	}
	return out
}
