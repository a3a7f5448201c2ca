package cpu

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT202 flags CPU-bound Python functions run in threads.
var RT202 = &analyzers.Analyzer{
	Code:      "RT202",
	Name:      "cpu-bound-thread",
	Severity:  analyzers.Warning,
	Languages: []source.Language{source.Python},
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "CPU-bound function run in a thread",
		FixSafety: "Unsafe: processes need picklable arguments, results and a module-level target. " +
			"`threading.Thread(target=f)` → `multiprocessing.Process(target=f)`; `ThreadPoolExecutor` → " +
			"`ProcessPoolExecutor`; `asyncio.to_thread(f, ...)` and `run_in_executor(None, f, ...)` → " +
			"`run_in_executor(process_pool, f, ...)` with a module-level `ProcessPoolExecutor`.",
		WhatItDoes: "Checks for a same-file function that is CPU-bound — a loop doing arithmetic or " +
			"indexing, and no I/O, unknown library call or `await` — handed to a thread: " +
			"`threading.Thread(target=f)`, `ThreadPoolExecutor().submit(f)`/`.map(f, ...)`, " +
			"`asyncio.to_thread(f)` or `loop.run_in_executor(None, f)`. Library callables such as " +
			"`hashlib`, `bcrypt`, `zlib` or NumPy release the GIL and are never flagged; neither are " +
			"I/O-bound functions, for which threads are the right tool, nor any call when the project " +
			"targets a free-threaded Python (the trove classifier, a `3.13t` .python-version, or " +
			"`python-free-threaded = true`).",
		WhySlow: "CPython's global interpreter lock lets one thread run Python bytecode at a time. " +
			"CPU-bound Python code in N threads runs one after another, plus switching overhead: " +
			"threads add latency to the event loop's thread without adding throughput.",
		Example:    "```python\ndef checksum(data):\n    total = 0\n    for b in data:\n        total = (total * 31 + b) % 2**32\n    return total\n\nawait asyncio.to_thread(checksum, payload)\n```",
		UseInstead: "```python\nwith ProcessPoolExecutor() as pool:  # created once, at startup\n    ...\nawait loop.run_in_executor(pool, checksum, payload)\n```\n\nOn Python 3.14, `InterpreterPoolExecutor` runs each task in its own interpreter; the free-threaded build (3.13t+) has no GIL.",
	},
	Run: runRT202,
}

var threadSubmit = lazyre.New(`^concurrent\.futures\.(thread\.)?ThreadPoolExecutor\(\)\.(submit|map)$`)

// threadTarget returns the argument text naming the function a call runs
// in a thread, or "".
func threadTarget(m *semantic.Model, c *semantic.Call) string {
	args := semantic.Args(m.Text(c.Args))
	switch {
	case c.Qualified == "threading.Thread":
		for _, a := range args {
			if v, ok := strings.CutPrefix(a, "target="); ok {
				return strings.TrimSpace(v)
			}
		}
		if len(args) >= 2 && !strings.Contains(args[1], "=") { // Thread(group, target)
			return args[1]
		}
	case c.Qualified == "asyncio.to_thread", threadSubmit.MatchString(c.Qualified):
		if len(args) > 0 {
			return args[0]
		}
	case strings.HasSuffix(c.Path, ".run_in_executor"):
		if len(args) >= 2 && args[0] == "None" {
			return args[1]
		}
	}
	return ""
}

func runRT202(p *analyzers.Pass) {
	m := p.Model
	project := m.Project()
	if project.IsFreeThreaded() {
		return // no GIL: threads run Python in parallel (SPEC §2b)
	}
	// InterpreterPoolExecutor is new in 3.14: name it only where every
	// supported Python has it.
	advice := "use ProcessPoolExecutor or multiprocessing (or InterpreterPoolExecutor on 3.14 / the free-threaded build)"
	if project.PythonAtLeast("3.14") {
		advice = "use InterpreterPoolExecutor (each task in its own interpreter) or ProcessPoolExecutor"
	}
	minIter := minIterations(p)
	for ci := range m.Calls {
		c := &m.Calls[ci]
		target := threadTarget(m, c)
		if target == "" {
			continue
		}
		// functools.partial(f, ...) hands f over all the same.
		if chain := semantic.ChainOf(target); strings.HasSuffix(chain, "partial()") {
			if inner := semantic.Args(target[strings.IndexByte(target, '('):]); len(inner) > 0 {
				target = inner[0]
			}
		}
		fn := m.FuncNamed(target, c.Func)
		if fn == semantic.None || !m.Summary(fn, minIter).CPUBound {
			continue
		}
		p.Reportf(c.Span, threadToProcessFix(m, c), "%s() is CPU-bound and runs in a thread via %s; the GIL lets one thread run Python at a time, so %s",
			target, m.CallName(c), advice)
	}
}
