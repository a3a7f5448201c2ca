package eventloop

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
)

// RT104 flags waiting for a child process on the event loop.
var RT104 = &analyzers.Analyzer{
	Code:      "RT104",
	Name:      "blocking-subprocess",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Blocking subprocess on the event loop",
		WhatItDoes: "Checks for `subprocess.run/call/check_output/Popen`, `os.system`, `os.popen`, " +
			"`os.spawn*` and `os.wait*` in Python `async def` functions, and for `execSync`, " +
			"`execFileSync`, `spawnSync`, `execa`'s and `cross-spawn`'s sync calls in JavaScript/TypeScript " +
			"async functions and handlers.",
		WhySlow: "Starting a process and waiting for it to exit takes from milliseconds to as long as the " +
			"child runs. The event loop waits the whole time.",
		Example:    "```python\nasync def thumbnail(path):\n    subprocess.run([\"convert\", path, \"thumb.png\"], check=True)\n```",
		UseInstead: "```python\nasync def thumbnail(path):\n    proc = await asyncio.create_subprocess_exec(\"convert\", path, \"thumb.png\")\n    await proc.wait()\n```",
		FixSafety:  "Python: `await asyncio.to_thread(f, ...)` (safe). JS/TS async functions: `execSync(cmd)` → `(await promisify(exec)(cmd)).stdout` (safe: `exec` resolves `{ stdout, stderr }`).",
	},
	Run: func(p *analyzers.Pass) { reportBlocking(p, rt104Calls) },
}

var rt104Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "subprocess.{run,call,check_call,check_output,getoutput,getstatusoutput}", Use: "await asyncio.create_subprocess_exec()"},
	// Popen returns at once: the wait is in .wait()/.communicate(), so a
	// thread around Popen fixes nothing (no fix), and those calls on the
	// Popen object are flagged too.
	apis.Entry{Family: apis.Python, Pattern: "subprocess.Popen", Use: "await asyncio.create_subprocess_exec() and await proc.wait()/proc.communicate()", Fix: noFix},
	apis.Entry{Family: apis.Python, Pattern: "subprocess.Popen().{wait,communicate}", Use: "an asyncio subprocess: await proc.wait()/proc.communicate()", Fix: noFix},
	apis.Entry{Family: apis.Python, Pattern: "os.{system,popen}", Use: "await asyncio.create_subprocess_shell()"},
	apis.Entry{Family: apis.Python, Pattern: "os.{posix_spawn,posix_spawnp,spawnl,spawnle,spawnlp,spawnlpe,spawnv,spawnve,spawnvp,spawnvpe}", Use: "await asyncio.create_subprocess_exec()"},
	apis.Entry{Family: apis.Python, Pattern: "os.{wait,wait3,wait4,waitid,waitpid}", Use: "await proc.wait() on an asyncio subprocess"},
	apis.Entry{Family: apis.ECMA, Pattern: "child_process.execSync", Use: "await util.promisify(child_process.exec)()", Fix: promisifyFix("child_process")},
	apis.Entry{Family: apis.ECMA, Pattern: "child_process.execFileSync", Use: "await util.promisify(child_process.execFile)()", Fix: promisifyFix("child_process")},
	apis.Entry{Family: apis.ECMA, Pattern: "child_process.spawnSync", Use: "child_process.spawn() and await its 'close' event"},
	apis.Entry{Family: apis.ECMA, Pattern: "{execa.sync,execa.execaSync,execa.execaCommandSync,execa.commandSync,cross-spawn.sync}", Use: "await execa() / the async spawn"},
)
