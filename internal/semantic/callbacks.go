package semantic

import (
	"strings"
)

// Event-loop callbacks (SPEC §2): functions that are not async but that the
// event loop runs later, so blocking in them blocks the loop. Written
// inline they get the Callback context; passed by name they are listed in
// Model.CallbackRefs for reach to follow.

var (
	// pyLoopRegistrations maps an asyncio registration method to the
	// position of the callable it takes.
	pyLoopRegistrations = map[string]int{
		"call_soon": 0, "call_soon_threadsafe": 0, "add_done_callback": 0,
		"call_later": 1, "call_at": 1, "add_reader": 1, "add_writer": 1, "add_signal_handler": 1,
	}
	ecmaTimers = map[string]bool{
		"setTimeout": true, "setInterval": true, "setImmediate": true, "queueMicrotask": true,
		"process.nextTick": true, "timers.setTimeout": true, "timers.setInterval": true, "timers.setImmediate": true,
	}
	ecmaListeners = map[string]bool{"on": true, "once": true, "addListener": true, "prependListener": true, "prependOnceListener": true}
	ecmaPromise   = map[string]bool{"then": true, "catch": true, "finally": true}
	// Node modules whose non-Sync functions take a completion callback last.
	ecmaCallbackModules = []string{"fs.", "dns.", "zlib.", "crypto.", "child_process."}
)

// markCallbacks finds event-loop callbacks, after handlers are known (a
// handler is already on the loop and keeps its own description).
func markCallbacks(b *builder) {
	m := b.m
	if m.Lang().IsECMA() {
		markECMACallbacks(b)
		return
	}
	for i := range m.Funcs {
		f := &m.Funcs[i]
		for _, d := range f.Decorators {
			chain := parseChain(strings.TrimPrefix(strings.TrimSpace(d), "@"))
			if q := m.resolveChain(chain, f.Parent); q == "homeassistant.core.callback" {
				f.Callback = "@callback function"
			}
		}
	}
	for ci := range m.Calls {
		c := &m.Calls[ci]
		pos, ok := pyLoopRegistrations[lastSegment(c.Path)]
		if !ok || !strings.Contains(c.Path, ".") {
			continue
		}
		label := c.Path + "() callback"
		b.markCallbackArgs(ci, label, func(i, _ int) bool { return i == pos })
	}
}

func markECMACallbacks(b *builder) {
	m := b.m
	for ci := range m.Calls {
		c := &m.Calls[ci]
		last := lastSegment(c.Path)
		switch {
		case ecmaTimers[c.Qualified] || ecmaTimers[c.Path]:
			b.markCallbackArgs(ci, c.Path+"() callback", func(i, _ int) bool { return i == 0 })
		case ecmaListeners[last] && strings.Contains(c.Path, "."):
			if c.Args.IsZero() {
				continue
			}
			event := firstStringArg(m.Text(Span{c.Args.Start, min(c.Args.End, c.Args.Start+256)}))
			if c.Path == "process.on" && (event == "exit" || event == "") {
				continue // must stay synchronous: it runs as the process ends
			}
			label := "listener"
			if event != "" {
				label = "'" + event + "' listener"
			}
			b.markCallbackArgs(ci, label, func(i, _ int) bool { return i == 1 })
		case ecmaPromise[last] && strings.Contains(c.Path, "."):
			b.markCallbackArgs(ci, "."+last+"() callback", func(int, int) bool { return true })
		case nodeCallbackAPI(c.Qualified):
			b.markCallbackArgs(ci, c.Qualified+"() callback", func(i, n int) bool { return i == n-1 })
		}
	}
}

// nodeCallbackAPI reports whether a qualified callee is a Node
// callback-style asynchronous API (`fs.readFile(p, cb)`).
func nodeCallbackAPI(q string) bool {
	if q == "" || strings.HasSuffix(q, "Sync") || strings.Contains(q, "promises") || strings.Contains(q, "()") {
		return false
	}
	for _, p := range ecmaCallbackModules {
		if strings.HasPrefix(q, p) && !strings.Contains(q[len(p):], ".") {
			return true
		}
	}
	return false
}

// maxRefArgs bounds the argument text searched for callbacks passed by
// name: a reference is short, and splitting a long argument list (a whole
// callback body, nested callbacks) at every level would be quadratic.
const maxRefArgs = 1024

// markCallbackArgs marks the functions written directly as arguments of
// call ci (only the callback position takes a function in these APIs),
// and lists those passed by name at a position pick accepts (i of n).
func (b *builder) markCallbackArgs(ci int, label string, pick func(i, n int) bool) {
	m := b.m
	c := &m.Calls[ci]
	if c.Args.IsZero() {
		return
	}
	b.forArgFuncs(ci, func(f *Func, _ int) {
		if f.Handler == "" && !f.Startup && f.Callback == "" {
			f.Callback = label
		}
	})
	if c.Args.End-c.Args.Start > maxRefArgs {
		return
	}
	args := Args(m.Text(c.Args))
	for i, a := range args {
		if !pick(i, len(args)) {
			continue
		}
		if ref := referenceOf(a); ref != "" {
			m.CallbackRefs = append(m.CallbackRefs, CallbackRef{Call: ci, Ref: ref, Label: label})
		}
	}
}

// firstStringArg returns the first argument of an argument list when it
// is a string literal (`('data', cb)` → "data"), reading only its start.
func firstStringArg(list string) string {
	list = strings.TrimLeft(list, "( \t\r\n")
	if list == "" || list[0] != '"' && list[0] != '\'' && list[0] != '`' {
		return ""
	}
	end := skipString(list, 0)
	if end < 0 {
		return ""
	}
	return stringLiteral(list[:end+1])
}

// referenceOf returns the name chain an argument passes by reference — `f`,
// `self._tick`, `this.onData`, `functools.partial(f, 1)`'s `f`,
// `this.onData.bind(this)`'s `this.onData` — or "" when it is not one.
func referenceOf(arg string) string {
	ch := parseChain(arg)
	if len(ch) == 0 {
		return ""
	}
	last := ch[len(ch)-1]
	switch {
	case !last.call:
		return ch.String()
	case last.name == "bind" && len(ch) > 1:
		return ch[:len(ch)-1].String()
	case last.name == "partial" && len(ch) <= 2:
		if inner := Args(arg[strings.IndexByte(arg, '('):]); len(inner) > 0 {
			if r := parseChain(inner[0]); len(r) > 0 && !r[len(r)-1].call {
				return r.String()
			}
		}
	}
	return ""
}
