package cpu

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// processPool makes a module-level ProcessPoolExecutor available and
// returns its name with the edits that define and import it.
func processPool(m *semantic.Model) ([]analyzers.Edit, string, bool) {
	imp, ok := fixes.AddImport(m, fixes.Import{Module: "concurrent.futures", Name: "ProcessPoolExecutor"})
	if !ok {
		return nil, "", false
	}
	def, name := fixes.ModuleValue(m, "process_pool", "concurrent.futures.ProcessPoolExecutor()", -1,
		func(name string) string { return name + " = ProcessPoolExecutor()" })
	return append(imp, def...), name, true
}

// hasKeywordArgs reports whether a call passes keyword arguments, which
// run_in_executor cannot forward.
func hasKeywordArgs(m *semantic.Model, c *semantic.Call) bool {
	for _, a := range semantic.Args(m.Text(c.Args)) {
		if i := strings.IndexByte(a, '='); i > 0 && !strings.ContainsAny(a[:i], "([{'\"") && a[i-1] != '=' && a[i-1] != '!' && a[i-1] != '<' && a[i-1] != '>' && (i+1 >= len(a) || a[i+1] != '=') {
			return true
		}
		if strings.HasPrefix(a, "**") {
			return true
		}
	}
	return false
}

// executorFix (Python RT201): `fib(n)` in an async def →
// `await asyncio.get_running_loop().run_in_executor(process_pool, fib, n)`.
// Unsafe: arguments and results must pickle.
func executorFix(m *semantic.Model, c *semantic.Call, callee int) []analyzers.Fix {
	f := m.Funcs[callee]
	if c.Func == semantic.None || !m.Funcs[c.Func].Async || f.Parent != semantic.None || f.Class != semantic.None || hasKeywordArgs(m, c) || c.Awaited {
		return nil
	}
	edits, pool, ok := processPool(m)
	if !ok {
		return nil
	}
	aio, ok := fixes.AddImport(m, fixes.Import{Module: "asyncio"})
	if !ok {
		return nil
	}
	call := fixes.Await(m, c, "asyncio.get_running_loop().run_in_executor("+pool+", "+f.Name+fixes.TrailingArgs(m, c)+")")
	edits = append(append(edits, aio...), fixes.Replace(c.Span, call))
	return fixes.New("Run "+f.Name+"() in a process pool", analyzers.Unsafe, edits...)
}

// safeName reports whether a function name may go into a file name: an
// identifier (letters, digits, _ and $), so the worker module stays next to
// its source whatever the name.
func safeName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// workerFix (JavaScript RT201): moves a same-file CPU-heavy function (and
// the same-file functions it calls) into a worker module next to the file,
// and turns the call into an awaited run in a worker_threads Worker.
// Unsafe: the worker cannot see the module's other state, and arguments
// and results are copied by structured clone. In TypeScript the worker is
// a TypeScript module compiled with the project; the call loads its
// compiled .js next to the caller's compiled file.
func workerFix(m *semantic.Model, c *semantic.Call, callee int) []analyzers.Fix {
	if !m.Lang().IsECMA() || c.Func == semantic.None || c.Awaited || c.New {
		return nil
	}
	ts := m.Lang() != source.JavaScript
	host := m.Funcs[c.Func]
	if !host.Async && host.Kind == semantic.Method || !fixes.SyntaxClean(m, host.Span) {
		return nil // the host gains `async` and an await: not in broken code
	}
	name := m.Funcs[callee].Name
	if !safeName(name) {
		return nil // `async '/../../x'() {}`: no file name from that
	}
	base := strings.TrimSuffix(filepath.Base(m.File.Path), filepath.Ext(m.File.Path))
	worker := base + "." + name + ".worker.cjs"
	load := worker // the file the Worker runs
	if ts {
		worker = base + "." + name + ".worker" + filepath.Ext(m.File.Path)
		load = base + "." + name + ".worker.js"
	}

	var body []string
	for _, fi := range closure(m, callee) {
		f := m.Funcs[fi]
		if !fixes.SyntaxClean(m, f.Span) {
			return nil // broken code is not moved into a worker
		}
		text := m.Text(f.Span)
		if f.Kind == semantic.Arrow || f.Kind == semantic.FuncExpr {
			text = "const " + f.Name + " = " + text + ";"
		}
		body = append(body, text)
	}
	content := "'use strict';\n// Written by rtlint's worker_threads fix: runs " + name + "() off the event loop.\n" +
		"const { parentPort, workerData } = require('" + fixes.NodeBuiltin(m, "worker_threads") + "');\n\n" +
		strings.Join(body, "\n\n") + "\n\nparentPort.postMessage(" + name + "(...workerData));\n"
	if ts {
		content = "// Written by rtlint's worker_threads fix: runs " + name + "() off the event loop.\n" +
			"// It compiles with the project; the caller runs the compiled " + load + ".\n" +
			"import { parentPort, workerData } from '" + fixes.NodeBuiltin(m, "worker_threads") + "';\n\n" +
			strings.Join(body, "\n\n") + "\n\nparentPort?.postMessage(" + name + "(...(workerData as Parameters<typeof " + name + ">)));\n"
	}

	edits, ok := fixes.AddImport(m, fixes.Import{Module: "node:worker_threads", Name: "Worker"})
	if !ok {
		return nil
	}
	helper, ok := workerHelper(m, ts)
	if !ok {
		return nil
	}
	edits = append(edits, helper...)
	path := "require('" + fixes.NodeBuiltin(m, "path") + "').join(__dirname, '" + load + "')"
	if m.ModuleStyle() == "esm" {
		path = "new URL('./" + load + "', import.meta.url)"
	}
	call := fixes.Await(m, c, "runInWorker("+path+", ["+fixes.ArgsInner(m, c)+"])")
	edits = append(edits, fixes.Replace(c.Span, call), analyzers.Edit{Path: worker, Create: true, NewText: content})
	if !host.Async {
		edits = append(edits, fixes.Insert(int(host.Span.Start), "async "))
		if ts {
			// An async function returns a Promise: `(): void` → `(): Promise<void>`.
			if e, ok := promiseReturnType(m, host); ok {
				edits = append(edits, e)
			}
		}
	}
	return fixes.New("Move "+name+"() to a worker thread ("+worker+")", analyzers.Unsafe, edits...)
}

const workerHelperSource = `
// runInWorker runs a worker module with args and resolves with the value it posts.
function runInWorker(file, args) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: args });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error('worker stopped with exit code ' + code));
    });
  });
}
`

const workerHelperSourceTS = `
// runInWorker runs a worker module with args and resolves with the value it posts.
function runInWorker(file: string | URL, args: unknown[]): Promise<any> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: args });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error('worker stopped with exit code ' + code));
    });
  });
}
`

// workerHelper defines runInWorker once per file.
func workerHelper(m *semantic.Model, ts bool) ([]analyzers.Edit, bool) {
	if q, bound := m.Bound("runInWorker", semantic.None); bound {
		return nil, q == "" // an existing local runInWorker: ours from an earlier fix
	}
	src := workerHelperSource
	if ts {
		src = workerHelperSourceTS
	}
	edits, _ := fixes.ModuleValue(m, "runInWorker", "", -1, func(string) string { return src })
	return edits, true
}

// closure lists a function and the same-file functions it calls,
// transitively, in source order.
func closure(m *semantic.Model, root int) []int {
	seen := map[int]bool{root: true}
	queue := []int{root}
	for len(queue) > 0 {
		fi := queue[0]
		queue = queue[1:]
		for _, ci := range m.FuncCalls(fi) {
			if g := m.CalleeFunc(&m.Calls[ci]); g != semantic.None && !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
	}
	out := make([]int, 0, len(seen))
	for fi := range seen {
		out = append(out, fi)
	}
	sort.Ints(out)
	return out
}

// threadToProcessFix (RT202, unsafe: arguments must pickle and the target
// must be importable): the thread API becomes its process twin.
//
//	threading.Thread(target=f)        → multiprocessing.Process(target=f)
//	asyncio.to_thread(f, *args)       → asyncio.get_running_loop().run_in_executor(process_pool, f, *args)
//	loop.run_in_executor(None, f)     → loop.run_in_executor(process_pool, f)
//	ThreadPoolExecutor() … .submit(f) → ProcessPoolExecutor() … .submit(f)
func threadToProcessFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	switch {
	case c.Qualified == "threading.Thread":
		imp, ok := fixes.AddImport(m, fixes.Import{Module: "multiprocessing"})
		if !ok {
			return nil
		}
		return fixes.New("Use multiprocessing.Process", analyzers.Unsafe, append(imp, fixes.Replace(c.Callee, "multiprocessing.Process"))...)
	case c.Qualified == "asyncio.to_thread":
		if hasKeywordArgs(m, c) {
			return nil
		}
		edits, pool, ok := processPool(m)
		if !ok {
			return nil
		}
		call := "asyncio.get_running_loop().run_in_executor(" + pool + ", " + fixes.ArgsInner(m, c) + ")"
		return fixes.New("Run it in a process pool", analyzers.Unsafe, append(edits, fixes.Replace(c.Span, call))...)
	case strings.HasSuffix(c.Path, ".run_in_executor"):
		none := firstArgSpan(m, c)
		if m.Text(none) != "None" {
			return nil
		}
		edits, pool, ok := processPool(m)
		if !ok {
			return nil
		}
		return fixes.New("Run it in a process pool", analyzers.Unsafe, append(edits, fixes.Replace(none, pool))...)
	case threadSubmit.MatchString(c.Qualified):
		ctor := poolConstructor(m, c)
		if ctor == nil {
			return nil
		}
		imp, ok := fixes.AddImport(m, fixes.Import{Module: "concurrent.futures", Name: "ProcessPoolExecutor"})
		if !ok {
			return nil
		}
		return fixes.New("Use ProcessPoolExecutor", analyzers.Unsafe, append(imp, fixes.Replace(ctor.Callee, "ProcessPoolExecutor"))...)
	}
	return nil
}

// firstArgSpan returns the span of a call's first argument.
func firstArgSpan(m *semantic.Model, c *semantic.Call) semantic.Span {
	args := semantic.Args(m.Text(c.Args))
	if len(args) == 0 {
		return semantic.Span{}
	}
	text := m.Text(c.Args)
	i := strings.Index(text, args[0])
	start := c.Args.Start + uint32(i)
	return semantic.Span{Start: start, End: start + uint32(len(args[0]))}
}

// poolConstructor finds the ThreadPoolExecutor() call a submit/map goes
// to: the nearest one before it in the same function or at module level.
func poolConstructor(m *semantic.Model, submit *semantic.Call) *semantic.Call {
	var best *semantic.Call
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Span.Start >= submit.Span.Start {
			break
		}
		if strings.HasSuffix(c.Qualified, ".ThreadPoolExecutor") && strings.HasPrefix(c.Qualified, "concurrent.futures") &&
			(c.Func == submit.Func || c.Func == semantic.None) {
			best = c
		}
	}
	return best
}

// returnType finds a TypeScript return type annotation: `): T {` or `): T =>`.
var returnType = lazyre.New(`\)\s*:\s*([^={]+?)\s*(\{|=>)`)

// promiseReturnType wraps a function's declared return type in Promise<…>
// for a function the fix makes async; ok is false when there is nothing to
// change (no annotation, or already a Promise).
func promiseReturnType(m *semantic.Model, f semantic.Func) (e analyzers.Edit, ok bool) {
	header := m.Text(f.Span)
	if i := strings.IndexAny(header, "{"); i >= 0 {
		header = header[:i+1]
	} else if i := strings.Index(header, "=>"); i >= 0 {
		header = header[:i+2]
	}
	loc := returnType.FindStringSubmatchIndex(header)
	if loc == nil {
		return analyzers.Edit{}, false // no annotation: TypeScript infers Promise
	}
	t := header[loc[2]:loc[3]]
	if strings.HasPrefix(t, "Promise<") {
		return analyzers.Edit{}, false
	}
	start := int(f.Span.Start) + loc[2]
	return analyzers.Edit{Start: start, End: start + len(t), NewText: "Promise<" + t + ">"}, true
}
