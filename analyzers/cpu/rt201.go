package cpu

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT201 flags CPU-heavy work on an event loop.
var RT201 = &analyzers.Analyzer{
	Code:      "RT201",
	Name:      "cpu-loop-on-event-loop",
	Severity:  analyzers.Warning,
	Languages: []source.Language{source.Python, source.JavaScript, source.TypeScript, source.TSX},
	Options:   map[string]any{"min-iterations": defaultMinIterations},
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "CPU-heavy loop or recursion on the event loop",
		WhatItDoes: "Checks Python `async def` functions and JavaScript/TypeScript async functions and " +
			"request handlers for CPU-heavy work with no `await` inside: a loop whose literal bound is at " +
			"least `min-iterations` (default 100,000; nested literal bounds multiply), a `while True` loop " +
			"doing pure computation, or a call to a same-file function that is heavy in the same sense " +
			"(a heavy loop, or self-recursion such as `fib(n)`). A loop over a data collection is not " +
			"heavy by itself. The outermost heavy loop is reported.",
		WhySlow: "An event loop runs one thing at a time. While a handler computes, no other request " +
			"is accepted, no timer fires and no response is written: one expensive request becomes " +
			"latency for every client of the process.",
		Example: "```js\nfunction fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n\n" +
			"app.get('/fib/:n', (req, res) => res.json(fib(Number(req.params.n))));\n```",
		FixSafety: "Both fixes are unsafe. Python: a call of a heavy module-level function in an `async def` becomes " +
			"`await asyncio.get_running_loop().run_in_executor(process_pool, f, *args)` with a module-level " +
			"`ProcessPoolExecutor` (arguments and results must pickle). JavaScript: the function, with the " +
			"same-file functions it calls, moves to a `<file>.<name>.worker.cjs` module with the " +
			"`parentPort`/`workerData` glue, and the call becomes `await runInWorker(...)` (the enclosing handler " +
			"is made async if needed); the worker cannot see the rest of the module, and values are copied. " +
			"TypeScript: the same with a `<file>.<name>.worker.ts` module compiled with the project; the call " +
			"loads the compiled `.js` next to the caller's, and a declared return type `T` becomes `Promise<T>`. " +
			"A heavy JavaScript loop moves to a worker the same way: the outside variables it reads go in as " +
			"workerData and the ones it assigns come back; it is offered only for loops without closures, " +
			"`this`, `return`, template strings or mutation through members.",
		UseInstead: "```js\nconst { Worker } = require('node:worker_threads');\n\n" +
			"app.get('/fib/:n', async (req, res) => {\n  res.json(await runInWorker('./fib-worker.js', Number(req.params.n)));\n});\n```\n\n" +
			"In Python: `await loop.run_in_executor(process_pool, fib, n)` with a `ProcessPoolExecutor` created at startup.",
	},
	Run: runRT201,
}

func runRT201(p *analyzers.Pass) {
	m := p.Model
	lang := m.Lang()
	minIter := minIterations(p)
	for li := range m.Loops {
		l := &m.Loops[li]
		if !onEventLoop(lang, l.Context) || !m.HeavyLoop(li, minIter) || enclosedByHeavyLoop(m, li, minIter) {
			continue
		}
		p.Reportf(m.FirstLine(l.Span), loopWorkerFix(m, li),
			"CPU-heavy loop (%s) blocks the event loop in %s; %s",
			m.HeavyWhy(li, minIter), m.DescribeFunc(ownerOf(m, l.Func)), cure(lang))
	}
	for ci := range m.Calls {
		c := &m.Calls[ci]
		if !onEventLoop(lang, c.Context) {
			continue
		}
		callee := m.CalleeFunc(c)
		if callee == semantic.None || callee == c.Func || insideHeavyLoop(m, c, minIter) {
			continue
		}
		sum := m.Summary(callee, minIter)
		if !sum.Heavy {
			continue
		}
		var fix []analyzers.Fix
		if lang == source.Python {
			fix = executorFix(m, c, callee)
		} else {
			fix = workerFix(m, c, callee)
		}
		p.Reportf(c.Span, fix, "%s is CPU-heavy (it %s) and blocks the event loop in %s; %s",
			m.CallName(c), sum.Why, m.DescribeFunc(m.Owner(c)), cure(lang))
	}
}

// enclosedByHeavyLoop: only the outermost heavy loop is reported.
func enclosedByHeavyLoop(m *semantic.Model, li int, minIter int64) bool {
	for p := m.Loops[li].Parent; p != semantic.None; p = m.Loops[p].Parent {
		if m.HeavyLoop(p, minIter) {
			return true
		}
	}
	return false
}

// insideHeavyLoop: a call inside a reported loop is not reported again.
func insideHeavyLoop(m *semantic.Model, c *semantic.Call, minIter int64) bool {
	for l := c.Loop; l != semantic.None; l = m.Loops[l].Parent {
		if m.HeavyLoop(l, minIter) {
			return true
		}
	}
	return false
}
