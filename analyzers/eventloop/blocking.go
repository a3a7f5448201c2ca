// Package eventloop holds the RT1xx rules: blocking calls on an event loop.
// They differ only in the APIs they match, so each rule is a catalog (see
// package apis) read by the one matcher in this file.
package eventloop

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// all lists the languages every RT1xx rule covers.
var all = []source.Language{source.Python, source.JavaScript, source.TypeScript, source.TSX}

// OnEventLoop reports whether a call runs on an event loop: async context
// in Python (a sync def handler runs in a worker thread), async or handler
// context in JS/TS (SPEC §3).
func OnEventLoop(m *semantic.Model, c *semantic.Call) bool {
	return semantic.OnLoop(m.Lang(), c.Context)
}

// reportBlocking reports every call of a catalog API made on the event loop.
func reportBlocking(p *analyzers.Pass, cat *apis.Catalog) {
	reportBlockingWith(p, cat, func(_ *semantic.Call, e *apis.Entry) string { return e.Use })
}

// reportBlockingWith is reportBlocking with the cure computed per call.
//
// A chain of blocking calls (`db.prepare(sql).get(id)`) is reported once,
// at its innermost call: the first one that blocks.
func reportBlockingWith(p *analyzers.Pass, cat *apis.Catalog, use func(*semantic.Call, *apis.Entry) string) {
	m := p.Model
	fam := apis.FamilyOf(m.Lang())
	var hits []*semantic.Call
	var uses []string
	var fixes [][]analyzers.Fix
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Awaited || !OnEventLoop(m, c) || p.Allowed(c.Qualified, c.Path) {
			continue
		}
		if spec := p.ExtraCall(c.Qualified, c.Path); spec != nil {
			// A team's own blocking helper (extra-calls in the config).
			e := &apis.Entry{Use: spec.Use}
			if e.Use == "" {
				e.Use = "a non-blocking alternative"
			}
			hits, uses, fixes = append(hits, c), append(uses, e.Use), append(fixes, fixFor(m, c, e))
			continue
		}
		for _, e := range cat.Lookup(fam, c.Qualified) {
			if e.Option != "" && !p.BoolOption(e.Option) {
				continue
			}
			if e.When != nil && !e.When(m, c) {
				continue
			}
			hits, uses, fixes = append(hits, c), append(uses, use(c, e)), append(fixes, fixFor(m, c, e))
			break
		}
	}
	for i, c := range hits {
		if !chainsAnother(c, hits) {
			reportCall(p, c, uses[i], fixes[i])
		}
	}
}

// chainsAnother reports whether c's callee contains another flagged call.
func chainsAnother(c *semantic.Call, hits []*semantic.Call) bool {
	for _, o := range hits {
		if o != c && c.Callee.Contains(o.Span) {
			return true
		}
	}
	return false
}

// reportCall reports one blocking call with SPEC's message shape:
// "time.sleep() blocks the event loop in async def handler(); use await asyncio.sleep()".
func reportCall(p *analyzers.Pass, c *semantic.Call, use string, fixes []analyzers.Fix) {
	m := p.Model
	p.Reportf(c.Span, fixes, "%s blocks the event loop in %s; use %s", m.CallName(c), m.DescribeFunc(m.Owner(c)), use)
}
