// Package eventloop holds the RT1xx rules: blocking calls on an event loop.
// They differ only in the APIs they match, so each rule is a catalog (see
// package apis) read by the one matcher in this file.
package eventloop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

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
	type hit struct {
		c     *semantic.Call
		index int
		use   string
		e     *apis.Entry
	}
	var hits []hit
	for i := range m.Calls {
		c := &m.Calls[i]
		// `await fs.readFileSync(p)` still blocks: awaiting a value that is
		// not a promise only adds a tick. Other awaited calls are async.
		awaitedSync := c.Awaited && m.Lang().IsECMA() && strings.HasSuffix(c.Qualified, "Sync")
		if c.Awaited && !awaitedSync || c.Qualified == "" && len(p.ExtraCalls) == 0 || p.Allowed(c.Qualified, c.Path) {
			continue // catalogs list qualified names; only extra-calls match as written
		}
		if !OnEventLoop(m, c) && c.Func == semantic.None {
			continue // module top level: startup code, never reached
		}
		if spec := p.ExtraCall(c.Qualified, c.Path); spec != nil {
			// A team's own blocking helper (extra-calls in the config).
			e := &apis.Entry{Use: spec.Use}
			if e.Use == "" {
				e.Use = "a non-blocking alternative"
			}
			hits = append(hits, hit{c, i, e.Use, e})
			continue
		}
		for _, e := range cat.Lookup(fam, c.Qualified) {
			if e.Option != "" && !p.BoolOption(e.Option) {
				continue
			}
			if e.When != nil && !e.When(m, c) {
				continue
			}
			hits = append(hits, hit{c, i, UseFor(m, use(c, e)), e})
			break
		}
	}
	flagged := make([]*semantic.Call, len(hits))
	for i, h := range hits {
		flagged[i] = h.c
	}
	slices.SortFunc(flagged, func(a, b *semantic.Call) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
	for _, h := range hits {
		if chainsAnother(h.c, flagged) {
			continue
		}
		via := &analyzers.Via{Func: h.c.Func, Call: h.index, Kind: analyzers.ReachLoop,
			Head: m.CallName(h.c) + " blocks the event loop", Tail: "; use " + h.use}
		if OnEventLoop(m, h.c) {
			via.Direct = true
			reportCall(p, h.c, h.use, fixFor(m, h.c, h.e), via)
			continue
		}
		p.ReportVia(h.c.Span, via)
	}
}

// chainsAnother reports whether c's callee contains another flagged call
// (sorted by start): `requests.get(u).json()` is reported once, at get.
func chainsAnother(c *semantic.Call, flagged []*semantic.Call) bool {
	i, _ := slices.BinarySearchFunc(flagged, c.Callee.Start, func(o *semantic.Call, start uint32) int { return cmp.Compare(o.Span.Start, start) })
	for ; i < len(flagged) && flagged[i].Span.Start < c.Callee.End; i++ {
		if o := flagged[i]; o != c && c.Callee.Contains(o.Span) {
			return true
		}
	}
	return false
}

// reportCall reports one blocking call with SPEC's message shape:
// "time.sleep() blocks the event loop in async def handler(); use await asyncio.sleep()".
func reportCall(p *analyzers.Pass, c *semantic.Call, use string, fixes []analyzers.Fix, via *analyzers.Via) {
	m := p.Model
	p.Report(analyzers.Diagnostic{
		Start: int(c.Span.Start), End: int(c.Span.End), Code: p.Analyzer.Code, Severity: p.Analyzer.Severity,
		Message: fmt.Sprintf("%s blocks the event loop in %s; use %s", m.CallName(c), m.DescribeFunc(m.Owner(c)), use),
		Fixes:   fixes, Via: via,
	})
}
