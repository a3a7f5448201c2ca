package eventloop

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// fixFor returns the fixes for a blocking call: the entry's own, or in
// Python the family default, `await asyncio.to_thread(f, *args)`.
func fixFor(m *semantic.Model, c *semantic.Call, e *apis.Entry) []analyzers.Fix {
	if e.Fix != nil {
		return e.Fix(m, c)
	}
	if m.Lang() == source.Python {
		return toThreadFix(m, c)
	}
	return nil
}

// noFix marks catalog entries where no mechanical fix is right.
func noFix(*semantic.Model, *semantic.Call) []analyzers.Fix { return nil }

// iteratorCalls return lazy iterators: run in a thread as they are, they
// would only be created there, and the listing would still run on the
// loop as the caller iterates.
var iteratorCalls = lazyre.New(`^(pathlib\.(Path|PosixPath|WindowsPath)\(\)\.(iterdir|glob|rglob)|os\.(scandir|walk)|glob\.iglob)$`)

// inAsyncDef reports whether a call sits directly in an async function's
// own body, where `await` is allowed (not in a nested sync callback).
func inAsyncDef(m *semantic.Model, c *semantic.Call) bool {
	return c.Func != semantic.None && m.Funcs[c.Func].Async
}

// toThreadFix: `f(a, k=v)` → `await asyncio.to_thread(f, a, k=v)` (safe:
// the same call, run in the default thread pool while the loop goes on).
func toThreadFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	if !inAsyncDef(m, c) || c.New || fixes.WithItem(m, c) {
		return nil
	}
	imp, ok := fixes.AddImport(m, fixes.Import{Module: "asyncio"})
	if !ok {
		return nil
	}
	if iteratorCalls.MatchString(c.Qualified) {
		// `Path(p).iterdir()` → `await asyncio.to_thread(lambda: list(Path(p).iterdir()))`
		run := "asyncio.to_thread(lambda: list(" + m.Text(c.Span) + "))"
		if m.Project().PythonBelow("3.9") {
			run = loopExpr(m) + ".run_in_executor(None, lambda: list(" + m.Text(c.Span) + "))"
		}
		return fixes.New("List it in a thread: await asyncio.to_thread(lambda: list(...))", analyzers.Safe,
			append(imp, fixes.Replace(c.Span, fixes.Await(m, c, run)))...)
	}
	if m.Project().PythonBelow("3.9") {
		return runInExecutorFix(m, c, imp)
	}
	call := fixes.Await(m, c, "asyncio.to_thread("+m.Text(c.Callee)+fixes.TrailingArgs(m, c)+")")
	return fixes.New("Run it in a thread: await asyncio.to_thread()", analyzers.Safe, append(imp, fixes.Replace(c.Span, call))...)
}

// loopExpr names the running loop: asyncio.get_running_loop() from
// Python 3.7, asyncio.get_event_loop() before.
func loopExpr(m *semantic.Model) string {
	if m.Project().PythonBelow("3.7") {
		return "asyncio.get_event_loop()"
	}
	return "asyncio.get_running_loop()"
}

// UseFor adapts a catalog's advice to the project's Python: before 3.9
// there is no asyncio.to_thread (SPEC §2b).
func UseFor(m *semantic.Model, use string) string {
	if m.Lang() == source.Python && m.Project().PythonBelow("3.9") {
		return strings.ReplaceAll(use, "await asyncio.to_thread()", "await loop.run_in_executor(None, ...)")
	}
	return use
}

// keywordArg matches a keyword argument or a ** unpacking, which
// run_in_executor cannot pass on.
var keywordArg = lazyre.New(`^(\*\*|[A-Za-z_]\w*\s*=[^=])`)

// runInExecutorFix is toThreadFix for Pythons before 3.9, which have no
// asyncio.to_thread: `f(a)` → `await asyncio.get_running_loop().
// run_in_executor(None, f, a)`, through functools.partial when there are
// keyword arguments (SPEC §2b).
func runInExecutorFix(m *semantic.Model, c *semantic.Call, edits []analyzers.Edit) []analyzers.Fix {
	fn, args := m.Text(c.Callee), fixes.TrailingArgs(m, c)
	for _, a := range semantic.Args(m.Text(c.Args)) {
		if keywordArg.MatchString(a) {
			imp, ok := fixes.AddImport(m, fixes.Import{Module: "functools"})
			if !ok {
				return nil
			}
			edits = append(edits, imp...)
			fn, args = "functools.partial("+fn+args+")", ""
			break
		}
	}
	call := fixes.Await(m, c, loopExpr(m)+".run_in_executor(None, "+fn+args+")")
	return fixes.New("Run it in a thread: await loop.run_in_executor(None, ...) (asyncio.to_thread needs Python 3.9)", analyzers.Safe, append(edits, fixes.Replace(c.Span, call))...)
}

// sleepFix: `time.sleep(x)` → `await asyncio.sleep(x)` (safe).
func sleepFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	if !inAsyncDef(m, c) {
		return nil
	}
	imp, ok := fixes.AddImport(m, fixes.Import{Module: "asyncio"})
	if !ok {
		return nil
	}
	call := fixes.Await(m, c, "asyncio.sleep"+m.Text(c.Args))
	return fixes.New("Use await asyncio.sleep()", analyzers.Safe, append(imp, fixes.Replace(c.Span, call))...)
}

// fsPromiseTwins lists the fs.*Sync calls whose fs.promises twin takes the
// same arguments and returns the same value.
var fsPromiseTwins = map[string]bool{
	"readFile": true, "writeFile": true, "appendFile": true, "readdir": true, "mkdir": true, "mkdtemp": true,
	"stat": true, "lstat": true, "unlink": true, "rmdir": true, "rm": true, "rename": true, "copyFile": true,
	"access": true, "chmod": true, "chown": true, "realpath": true, "readlink": true, "symlink": true,
	"link": true, "truncate": true, "utimes": true, "cp": true,
}

// fsPromisesFix: `fs.readFileSync(p, enc)` → `await fs.promises.readFile(p, enc)`;
// a named import `readFileSync(p)` → `await readFile(p)` imported from
// node:fs/promises (safe).
func fsPromisesFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	if !inAsyncDef(m, c) {
		return nil
	}
	name := c.Qualified[strings.LastIndexByte(c.Qualified, '.')+1:]
	twin := strings.TrimSuffix(name, "Sync")
	if !fsPromiseTwins[twin] {
		return nil
	}
	msg := "Use await fs.promises." + twin + "()"
	if i := strings.LastIndexByte(c.Path, '.'); i >= 0 {
		recv := c.Path[:i]
		call := fixes.Await(m, c, recv+".promises."+twin+m.Text(c.Args))
		return fixes.New(msg, analyzers.Safe, fixes.Replace(c.Span, call))
	}
	if m.Project().NodeBelow("14") {
		// No fs/promises module before Node 14; fs.promises is there.
		if m.ModuleStyle() == "esm" {
			return nil
		}
		call := fixes.Await(m, c, "require('fs').promises."+twin+m.Text(c.Args))
		return fixes.New(msg, analyzers.Safe, fixes.Replace(c.Span, call))
	}
	imp, ok := fixes.AddImport(m, fixes.Import{Module: "node:fs/promises", Name: twin})
	if !ok {
		return nil
	}
	call := fixes.Await(m, c, twin+m.Text(c.Args))
	return fixes.New(msg, analyzers.Safe, append(imp, fixes.Replace(c.Span, call))...)
}

// promisifyFix: `crypto.pbkdf2Sync(...)` → `await promisify(crypto.pbkdf2)(...)`,
// and `execSync(cmd)` → `(await promisify(exec)(cmd)).stdout` (safe).
func promisifyFix(module string) func(*semantic.Model, *semantic.Call) []analyzers.Fix {
	return func(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
		if !inAsyncDef(m, c) {
			return nil
		}
		name := c.Qualified[strings.LastIndexByte(c.Qualified, '.')+1:]
		twin := strings.TrimSuffix(name, "Sync")
		edits, ok := fixes.AddImport(m, fixes.Import{Module: "node:util", Name: "promisify"})
		if !ok {
			return nil
		}
		fn := twin
		if i := strings.LastIndexByte(c.Path, '.'); i >= 0 {
			fn = c.Path[:i] + "." + twin
		} else {
			imp, ok := fixes.AddImport(m, fixes.Import{Module: "node:" + module, Name: twin})
			if !ok {
				return nil
			}
			edits = append(edits, imp...)
		}
		call := "promisify(" + fn + ")" + m.Text(c.Args)
		var text string
		if module == "child_process" {
			// exec resolves { stdout, stderr }; execSync returned stdout.
			text = "(await " + call + ").stdout"
		} else {
			text = fixes.Await(m, c, call)
		}
		return fixes.New("Use await promisify("+module+"."+twin+")()", analyzers.Safe, append(edits, fixes.Replace(c.Span, text))...)
	}
}

// promiseTwinFix replaces a sync call of a library whose async twin returns
// a promise when given no callback (bcrypt, bcryptjs): `bcrypt.compareSync(
// pw, hash)` → `await bcrypt.compare(pw, hash)`. Safe: same arguments, same
// result once awaited. Only in an async function, where await is allowed.
func promiseTwinFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	if !inAsyncDef(m, c) || c.Awaited {
		return nil
	}
	i := strings.LastIndexByte(c.Path, '.')
	if i < 0 || !strings.HasSuffix(c.Path, "Sync") {
		return nil
	}
	twin := strings.TrimSuffix(c.Path, "Sync")
	return fixes.New("Use await "+twin+"()", analyzers.Safe,
		fixes.Replace(c.Span, fixes.Await(m, c, twin+m.Text(c.Args))))
}

// MoveOffLoopFix is the fix reach offers at an async def's call of a
// project function that blocks further down (SPEC §2 "reach"): `helper(a)`
// → `await asyncio.to_thread(helper, a)`. Unsafe: the helper then runs in a
// thread, concurrently with the loop, which it may not expect. Nil when the
// call is not directly in an async def's body (Python only).
func MoveOffLoopFix(m *semantic.Model, ci int) *analyzers.Fix {
	c := &m.Calls[ci]
	if m.Lang() != source.Python || c.Awaited || !inAsyncDef(m, c) {
		return nil
	}
	fx := toThreadFix(m, c)
	if len(fx) == 0 {
		return nil
	}
	f := fx[0]
	f.Applicability = analyzers.Unsafe
	f.Message = "Run " + m.CallName(c) + " in a thread: await asyncio.to_thread()"
	return &f
}
