package semantic

import "github.com/rtlint/rtlint/internal/source"

// Questions of the form "the nearest function at or above this one that
// ..." are asked for every call and every function. Walking up Parent for
// each would be quadratic in nesting depth (20,000 nested callbacks), so
// each question is answered for all functions at once, in linear time,
// the first time it is asked.

// nearestUp returns, for every function, the nearest function at or above
// it (through Parent) for which stop is true, or None.
func (m *Model) nearestUp(stop func(i int) bool) []int32 {
	const unknown = -2
	out := make([]int32, len(m.Funcs))
	for i := range out {
		out[i] = unknown
	}
	var path []int
	for i := range m.Funcs {
		j := i
		for j != None && out[j] == unknown {
			if stop(j) {
				out[j] = int32(j)
				break
			}
			path = append(path, j)
			j = m.Funcs[j].Parent
		}
		res := int32(None)
		if j != None {
			res = out[j]
		}
		for _, p := range path {
			out[p] = res
		}
		path = path[:0]
	}
	return out
}

// ReachFunc returns the function whose callers decide where a call made in
// function fi runs: fi itself, or, for an anonymous function written as a
// call's argument (`items.map(x => load(x))`, `sorted(xs, key=lambda x:
// ...)`), the function it is written in, which runs it. Event-loop
// callbacks, handlers and startup callbacks run on their own, and an
// anonymous function stored in a property or variable (`{ logging: (req)
// => save(req) }`) runs whenever something calls it: they stay themselves.
func (m *Model) ReachFunc(fi int) int {
	if fi == None {
		return None
	}
	if m.reachUp == nil {
		m.reachUp = m.nearestUp(func(i int) bool {
			f := &m.Funcs[i]
			return f.Name != "" || f.ArgOf == None || f.Callback != "" || f.Handler != "" || f.Startup || f.Parent == None
		})
	}
	return int(m.reachUp[fi])
}

// RunsOnceWhy says why function fi (or a function it is written in) runs
// once rather than per request: "lifespan", "startup hook", "asyncio.run()
// entry", "command", "startup callback" (JS `app.listen(…, cb)`); ""
// otherwise.
func (m *Model) RunsOnceWhy(fi int) string {
	if m.onceUp == nil {
		m.onceUp = m.nearestUp(func(i int) bool { return m.Funcs[i].RunsOnce != "" || m.Funcs[i].Startup })
	}
	if fi == None || fi >= len(m.Funcs) {
		return ""
	}
	k := int(m.onceUp[fi])
	switch {
	case k == None:
		return ""
	case m.Funcs[k].RunsOnce != "":
		return m.Funcs[k].RunsOnce
	}
	return "startup callback"
}

// RunsOnceAt says why the code at a byte offset runs once (see
// RunsOnceWhy), or "". Most files have no such function: then no search.
func (m *Model) RunsOnceAt(off int) string {
	if m.anyOnce == 0 {
		m.RunsOnceWhy(None) // computes onceUp
		m.anyOnce = 1
		for _, k := range m.onceUp {
			if k != int32(None) {
				m.anyOnce = 2
				break
			}
		}
	}
	if m.anyOnce == 1 {
		return ""
	}
	return m.RunsOnceWhy(m.FuncAt(off))
}

// HandlerOf returns the handler function fi serves requests as: fi
// itself, or in JS/TS the nearest handler it is written in (nested
// functions inherit the context); None when there is none. A nested
// Python def is not its enclosing handler.
func (m *Model) HandlerOf(fi int) int {
	if fi == None {
		return None
	}
	if m.Lang() == source.Python {
		if m.Funcs[fi].Handler != "" {
			return fi
		}
		return None
	}
	if m.handlerUp == nil {
		m.handlerUp = m.nearestUp(func(i int) bool { return m.Funcs[i].Handler != "" })
	}
	return int(m.handlerUp[fi])
}
