// Package cpu holds the RT2xx rules: CPU-bound work in the wrong place —
// on an event loop (RT201), in threads under the GIL (RT202), or in pure
// Python loops NumPy would vectorise (RT203). They read the function
// summaries of the semantic model.
package cpu

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// defaultMinIterations is SPEC §2's threshold for a heavy literal loop.
const defaultMinIterations = 100_000

// minIterations reads RT201's `min-iterations` option.
func minIterations(p *analyzers.Pass) int64 {
	switch v := p.Option("min-iterations").(type) {
	case int:
		return int64(v)
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return defaultMinIterations
}

// onEventLoop: RT201 applies to Python in async context only and to JS/TS
// in async or handler context (SPEC §2).
func onEventLoop(lang source.Language, c semantic.Context) bool {
	return semantic.OnLoop(lang, c)
}

// cure is the per-runtime advice for CPU-heavy work.
func cure(lang source.Language) string {
	if lang == source.Python {
		return "run it in a process pool: await loop.run_in_executor(ProcessPoolExecutor(), fn, ...)"
	}
	return "move it to a worker thread (worker_threads)"
}

func ownerOf(m *semantic.Model, fn int) int {
	if fn == semantic.None {
		return semantic.None
	}
	return m.Funcs[fn].Owner
}
