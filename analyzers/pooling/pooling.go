// Package pooling holds the RT4xx rules: HTTP clients, database
// connections and pools created per request or per iteration instead of
// once and reused. Like RT1xx, each rule is a catalog read by one matcher;
// the context is "hot" (a handler or a loop body, SPEC §2).
package pooling

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

var all = []source.Language{source.Python, source.JavaScript, source.TypeScript, source.TSX}

// hotWhere says where a hot call runs: "on every request in route handler
// get_user()" or "on every iteration of a loop in function sync()".
func hotWhere(m *semantic.Model, c *semantic.Call) string {
	if c.Context.Has(semantic.Handler) {
		return "on every request in " + m.DescribeHandler(handlerOf(m, c.Func))
	}
	return "on every iteration of a loop in " + m.DescribeFunc(c.Func)
}

// handlerOf finds the handler function a (possibly nested) function runs in.
func handlerOf(m *semantic.Model, fn int) int {
	for f := fn; f != semantic.None; f = m.Funcs[f].Parent {
		if m.Funcs[f].Handler != "" {
			return f
		}
	}
	return fn
}

// reportHot reports every call of a catalog API made in hot context, with
// a message built from the entry: "<call> <what> <where>; <use>". With
// extras, the user's extra-calls count as entries of this catalog.
func reportHot(p *analyzers.Pass, cat *apis.Catalog, what string, extras bool) {
	m := p.Model
	fam := apis.FamilyOf(m.Lang())
	for i := range m.Calls {
		c := &m.Calls[i]
		hot := c.Context.Has(semantic.Hot)
		if !hot && c.Func == semantic.None || c.Qualified == "" && len(p.ExtraCalls) == 0 || p.Allowed(c.Qualified, c.Path) {
			continue
		}
		entries := cat.Lookup(fam, c.Qualified)
		if spec := p.ExtraCall(c.Qualified, c.Path); extras && spec != nil {
			use := spec.Use
			if use == "" {
				use = "create it once and reuse it"
			}
			entries = []*apis.Entry{{Use: use}}
		}
		for _, e := range entries {
			if e.When != nil && !e.When(m, c) {
				continue
			}
			name := m.CallName(c)
			if c.New {
				name = "new " + name
			}
			if !hot {
				if sharedResult(m, c) {
					break
				}
				// In a helper: costly only if a handler or a loop calls it.
				p.ReportVia(c.Span, &analyzers.Via{Func: c.Func, Call: i, Kind: analyzers.ReachHot,
					Head: name + " " + what + " per call", Tail: "; " + e.Use})
				break
			}
			var fix []analyzers.Fix
			if e.Fix != nil {
				fix = e.Fix(m, c)
			}
			p.Reportf(c.Span, fix, "%s %s %s; %s", name, what, hotWhere(m, c), e.Use)
			break
		}
	}
}

// sharedAssign matches the start of a statement that stores a value
// beyond the call: an attribute, or a lazily initialised shared variable.
var sharedAssign = lazyre.New(`(?:\b(?:self|this|cls)\.[\w$.]+|\b[\w$]+)\s*(?:\?\?=|\|\|=|=)\s*(?:\w+\s+or\s+|await\s+|new\s+)*$`)

// sharedResult reports whether a helper stores what the call creates
// where later calls find it — `self._client = httpx.Client()`, a global,
// `pool ??= new Pool()` — the lazy-singleton pattern, which creates it once.
func sharedResult(m *semantic.Model, c *semantic.Call) bool {
	lines := m.File.Lines
	line := lines.Position(int(c.Span.Start)).Line
	start := max(lines.LineStart(line), int(c.Span.Start)-200) // minified code: one huge line
	before := string(m.File.Src[start:c.Span.Start])
	loc := sharedAssign.FindStringSubmatchIndex(before)
	if loc == nil {
		return false
	}
	target := strings.TrimSpace(before[loc[0]:])
	if strings.Contains(target, "??=") || strings.Contains(target, "||=") {
		return true
	}
	if strings.HasPrefix(target, "self.") || strings.HasPrefix(target, "this.") || strings.HasPrefix(target, "cls.") {
		// Kept on the instance: created once per instance, unless this is
		// the constructor, which runs for every instance.
		name := m.Funcs[c.Func].Name
		return name != "__init__" && name != "constructor"
	}
	name := strings.FieldsFunc(target, func(r rune) bool {
		return !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if len(name) == 0 {
		return false
	}
	// A name the function does not bind itself lives outside it.
	_, bound := m.Bound(name[0], c.Func)
	return bound && !m.BindsLocally(name[0], c.Func)
}

// isNew restricts an entry to `new X()` (JS constructors that are also
// plain functions, like pg's Client, are only flagged when constructed).
func isNew(_ *semantic.Model, c *semantic.Call) bool { return c.New }
