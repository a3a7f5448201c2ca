package semantic

import "github.com/rtlint/rtlint/internal/source"

// contexts assigns every function, loop and call its context, top-down in
// source order so that a container is always done before what it holds.
//
// Python: a def or lambda starts a fresh scope (SPEC §2), so its context is
// only its own async-ness and handler-ness. JS/TS: nested functions inherit
// the enclosing context; startup callbacks (`listen`, `process.on('exit')`)
// reset it.
func (b *builder) contexts() {
	m := b.m
	py := m.Lang() == source.Python
	ctx := make([]Context, len(b.items))
	owner := make([]int, len(b.items))
	for i, it := range b.items {
		parentCtx, parentOwner := Context(0), None
		if it.parent != None {
			parentCtx, parentOwner = ctx[it.parent], owner[it.parent]
		}
		c, o := parentCtx, parentOwner
		switch it.kind {
		case kFunction:
			f := &m.Funcs[it.index]
			own := Context(0)
			if f.Async {
				own |= Async
			}
			if f.Handler != "" {
				own |= Handler | Hot
			}
			if f.Callback != "" {
				own |= Callback
			}
			if py || f.Startup {
				c, o = own, it.index
			} else {
				c |= own
				if own != 0 || o == None {
					o = it.index
				}
				if b.iterCB[it.index] {
					c |= Hot
				}
			}
			f.Context, f.Owner = c, o
		case kLoop:
			c |= Hot
			m.Loops[it.index].Context = c
		case kCall:
			m.Calls[it.index].Context = c
		}
		ctx[i], owner[i] = c, o
	}
}

// OnLoop reports whether code with context c runs on an event loop (SPEC
// §2, §3): Python async bodies and event-loop callbacks (a sync def
// handler runs in a worker thread); JS/TS async bodies, request handlers
// and event-loop callbacks.
func OnLoop(lang source.Language, c Context) bool {
	if lang == source.Python {
		return c&(Async|Callback) != 0
	}
	return c&(Async|Handler|Callback) != 0
}
