package semantic

import (
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// Where code runs (SPEC §2, "where it runs"): some functions run once, at
// startup or as a command, not per request. Their findings are true but
// rarely worth a change, so they are reported as info. This marks them.

var (
	// `@app.on_event("startup")`, `@router.on_event("shutdown")`.
	onEventDecorator = lazyre.New(`^@\s*[\w.]+\.on_event\(\s*['"](startup|shutdown)['"]`)
	// click and typer commands: `@click.command()`, `@cli.command()`,
	// `@app.command()`, `@click.group()`, `@app.callback()`.
	commandDecorator = lazyre.New(`^@\s*(?:[\w.]+\.)?(command|group|callback)\s*(\(|$)`)
	lifespanArg      = lazyre.New(`^lifespan\s*=\s*([\w.]+)$`)
	// The constructors that take `lifespan=`.
	lifespanOwners = map[string]bool{"FastAPI": true, "Starlette": true, "APIRouter": true, "Router": true, "Litestar": true, "Quart": true}
	// aiohttp's signal lists: `app.on_startup.append(init_db)`.
	aiohttpSignals = map[string]bool{"on_startup": true, "on_shutdown": true, "on_cleanup": true, "cleanup_ctx": true}
	// Runners of a program's main coroutine: `asyncio.run(main())`, and
	// aiohttp's `web.run_app(make_app())` with its app factory.
	mainRunners = map[string]bool{"asyncio.run": true, "anyio.run": true, "trio.run": true, "uvloop.run": true, "asyncio.runners.run": true,
		"aiohttp.web.run_app": true}
)

func markStartup(b *builder) {
	m := b.m
	if m.Lang() != source.Python {
		return
	}
	commands := m.ImportsModule("click", "typer")
	for i := range m.Funcs {
		f := &m.Funcs[i]
		for _, d := range f.Decorators {
			switch {
			case onEventDecorator.MatchString(d):
				f.RunsOnce = "startup hook"
			case commands && commandDecorator.MatchString(d):
				f.RunsOnce = "command"
			}
		}
	}
	mark := func(name, why string, scope int) {
		if fi := m.FuncNamed(name, scope); fi != None && m.Funcs[fi].RunsOnce == "" {
			m.Funcs[fi].RunsOnce = why
		}
	}
	for ci := range m.Calls {
		c := &m.Calls[ci]
		last := lastSegment(c.Path)
		// Only these calls' arguments are read: splitting every call's
		// arguments would be quadratic in nesting (an outer call's text
		// holds the inner ones').
		var args []string
		if last == "run" || last == "run_app" || last == "run_until_complete" || last == "append" || last == "add_event_handler" ||
			lifespanOwners[last] {
			args = Args(m.Text(c.Args))
		}
		for _, a := range args {
			if sm := lifespanArg.FindStringSubmatch(a); sm != nil {
				mark(sm[1], "lifespan", c.Func) // FastAPI(lifespan=...), Starlette(lifespan=...)
			}
		}
		switch {
		case len(args) == 0:
		case mainRunners[c.Qualified] || last == "run_until_complete":
			// asyncio.run(main()) — the coroutine function called in place.
			name, _, _ := strings.Cut(strings.TrimSpace(args[0]), "(")
			mark(name, "asyncio.run() entry", c.Func)
		case last == "append" && aiohttpSignals[lastSegment(strings.TrimSuffix(c.Path, ".append"))]:
			mark(args[0], "startup hook", c.Func)
		case last == "add_event_handler" && len(args) == 2:
			mark(args[1], "startup hook", c.Func) // Starlette: app.add_event_handler("startup", fn)
		}
	}
}

// FuncAt returns the innermost function containing a byte offset, or None.
func (m *Model) FuncAt(off int) int {
	if !m.funcsInOrder() {
		best := None
		for i := range m.Funcs {
			sp := m.Funcs[i].Span
			if int(sp.Start) <= off && off < int(sp.End) && (best == None || m.Funcs[best].Span.Contains(sp)) {
				best = i
			}
		}
		return best
	}
	// Functions nest and are in source order: the innermost one holding
	// off is the last to start at or before it, or one of its ancestors.
	i := sort.Search(len(m.Funcs), func(i int) bool { return int(m.Funcs[i].Span.Start) > off }) - 1
	for ; i != None; i = m.Funcs[i].Parent {
		if sp := m.Funcs[i].Span; int(sp.Start) <= off && off < int(sp.End) {
			return i
		}
	}
	return None
}

// funcsInOrder reports (once) whether Funcs are sorted by start with each
// parent before its children, as the builder makes them.
func (m *Model) funcsInOrder() bool {
	if m.funcOrder == 0 {
		m.funcOrder = 1
		for i := range m.Funcs {
			f := &m.Funcs[i]
			if i > 0 && f.Span.Start < m.Funcs[i-1].Span.Start || f.Parent >= i || f.Parent != None && f.Parent < 0 {
				m.funcOrder = 2
				break
			}
		}
	}
	return m.funcOrder == 1
}
