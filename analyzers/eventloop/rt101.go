package eventloop

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT101 flags sleeping that blocks the event loop.
var RT101 = &analyzers.Analyzer{
	Code:      "RT101",
	Name:      "blocking-sleep",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Blocking sleep on the event loop",
		WhatItDoes: "Checks for `time.sleep()` and blocking waits — `Thread.join()`, `concurrent.futures` " +
			"`Future.result()`, `queue.Queue.get/put`, `threading.Event.wait`, `Lock/Semaphore.acquire`, known " +
			"by binding or annotation and not told to return at once — in Python `async def` functions, and for `Atomics.wait()` " +
			"and busy-wait loops on `Date.now()`/`performance.now()` in JavaScript/TypeScript async " +
			"functions and request handlers.",
		WhySlow: "An event loop runs one callback at a time. A blocking sleep stops it: every other " +
			"request, timer and socket on that process waits until the sleep ends, so one slow " +
			"request becomes latency for all of them.",
		Example:    "```python\nasync def poll():\n    time.sleep(1)\n```\n\n```js\napp.get('/wait', (req, res) => {\n  const end = Date.now() + 100;\n  while (Date.now() < end) {}\n});\n```",
		UseInstead: "```python\nasync def poll():\n    await asyncio.sleep(1)\n```\n\n```js\napp.get('/wait', async (req, res) => {\n  await new Promise((r) => setTimeout(r, 100));\n});\n```",
		FixSafety:  "The Python fix, `time.sleep(x)` → `await asyncio.sleep(x)` (adding `import asyncio`), is safe: it waits just as long without blocking. It is offered only directly inside an `async def`.",
	},
	Run: runRT101,
}

var rt101Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "time.sleep", Use: "await asyncio.sleep()", Fix: sleepFix},
	apis.Entry{Family: apis.ECMA, Pattern: "Atomics.wait", Use: "await Atomics.waitAsync() or a timer"},
	// Blocking waits on threading objects, known by binding or annotation
	// (`t = threading.Thread(...)`, `fut: Future`, `self.q = queue.Queue()`);
	// asyncio's twins are other names and never match.
	apis.Entry{Family: apis.Python, Pattern: "threading.{Thread,Timer}().join", Use: "await asyncio.to_thread(thread.join)", When: blocks},
	apis.Entry{Family: apis.Python, Pattern: "concurrent.futures.{Future(),ThreadPoolExecutor().submit(),ProcessPoolExecutor().submit()}.result", Use: "await asyncio.wrap_future(future)", When: blocks},
	apis.Entry{Family: apis.Python, Pattern: "queue.{Queue,LifoQueue,PriorityQueue,SimpleQueue}().{get,put,join}", Use: "an asyncio.Queue (await queue.get())", When: blocks},
	apis.Entry{Family: apis.Python, Pattern: "threading.Event().wait", Use: "an asyncio.Event (await event.wait())", When: blocks},
	apis.Entry{Family: apis.Python, Pattern: "threading.{Lock,RLock,Semaphore,BoundedSemaphore,Condition}().{acquire,wait}", Use: "an asyncio.Lock/Semaphore/Condition", When: blocks},
)

// nonBlocking matches the arguments that make a wait return at once:
// `get(block=False)`, `acquire(False)`, `join(timeout=0)`.
var nonBlocking = lazyre.New(`^\(\s*False\b|\bblock(ing)?\s*=\s*False\b|\btimeout\s*=\s*0(\.0*)?\s*[,)]`)

// blocks reports whether a wait call can block (it is not told not to).
func blocks(m *semantic.Model, c *semantic.Call) bool {
	return c.Args.IsZero() || !nonBlocking.MatchString(m.Text(c.Args))
}

// clockRead matches the clock reads a busy-wait loop spins on.
var clockRead = lazyre.New(`\b(Date\.now|performance\.now)\s*\(|\bnew\s+Date\s*\(`)

func runRT101(p *analyzers.Pass) {
	reportBlocking(p, rt101Calls)
	m := p.Model
	if m.Lang() == source.Python {
		return
	}
	for i := range m.Loops {
		l := &m.Loops[i]
		if l.Header.IsZero() || !semantic.OnLoop(m.Lang(), l.Context) {
			continue
		}
		header := m.Text(l.Header)
		if (strings.Contains(header, "now") || strings.Contains(header, "Date")) && clockRead.MatchString(header) && !semantic.HasWord(m.Text(l.Span), "await") {
			where := m.DescribeFunc(ownerOf(m, l.Func))
			p.Reportf(l.Span, nil, "busy-wait loop on the clock blocks the event loop in %s; use await new Promise((r) => setTimeout(r, ms))", where)
		}
	}
}

func ownerOf(m *semantic.Model, fn int) int {
	if fn == semantic.None {
		return semantic.None
	}
	return m.Funcs[fn].Owner
}
