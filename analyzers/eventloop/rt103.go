package eventloop

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
)

// RT103 flags blocking file-system calls on the event loop.
var RT103 = &analyzers.Analyzer{
	Code:      "RT103",
	Name:      "blocking-file-io",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Options:   map[string]any{"include-stat-calls": false},
	Doc: &analyzers.Doc{
		Title: "Blocking file I/O on the event loop",
		WhatItDoes: "Checks for synchronous file-system calls — `open()`, `pathlib.Path` reads and writes, " +
			"directory walks, `shutil` copies, `zipfile`/`tarfile` archives — in Python `async def` " +
			"functions, and for every `fs.*Sync` call and the sync helpers of `glob`, `fast-glob`, " +
			"`mkdirp` and `rimraf` (`fs-extra` and `graceful-fs` count as `fs`), and a `require()` of a " +
			"non-builtin module, in JavaScript/TypeScript async functions and handlers. Stat-like calls " +
			"(`os.path.exists`, `os.stat`, `Path.exists`; `existsSync`, `statSync`, `lstatSync`, " +
			"`accessSync`) are cheap on local disks and are flagged only with the rule option " +
			"`include-stat-calls = true`.",
		WhySlow: "Disk and network file systems answer in milliseconds, and far slower under load. " +
			"A synchronous call holds the event loop for all of it, so no other request makes progress.",
		Example:    "```js\nasync function loadUser(id) {\n  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));\n}\n```",
		UseInstead: "```js\nasync function loadUser(id) {\n  return JSON.parse(await fs.promises.readFile(`users/${id}.json`, 'utf8'));\n}\n```\n\nIn Python, use `aiofiles` or `await asyncio.to_thread(path.read_text)`.",
		FixSafety:  "In Python: `await asyncio.to_thread(f, ...)` (safe; not offered for `with open(...)`, which needs a human). In JS/TS async functions: `fs.readFileSync(p, enc)` → `await fs.promises.readFile(p, enc)` for every `*Sync` call with a promise twin of the same arguments and result; named imports come from `node:fs/promises` (safe).",
	},
	Run: func(p *analyzers.Pass) { reportBlockingWith(p, rt103Calls, useForFS) },
}

const (
	// aiofiles reads and writes files; it has no directory listing or
	// mkdir, so only reads and writes are pointed to it.
	pyFileUse   = "aiofiles or await asyncio.to_thread()"
	pathReads   = "{read_text,read_bytes,write_text,write_bytes,open}"
	pathMethods = "{iterdir,glob,rglob,mkdir,unlink,rmdir,rename,replace,touch}"
)

var rt103Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "{builtins.open,io.open,io.open_code,os.fdopen}", Use: pyFileUse},
	apis.Entry{Family: apis.Python, Pattern: "pathlib.{Path,PosixPath,WindowsPath}()." + pathReads, Use: pyFileUse},
	apis.Entry{Family: apis.Python, Pattern: "pathlib.{Path,PosixPath,WindowsPath}()." + pathMethods, Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "os.{listdir,scandir,walk,remove,unlink,rename,replace,makedirs,mkdir,rmdir}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "glob.{glob,iglob}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "shutil.{copy,copy2,copyfile,copyfileobj,copytree,move,rmtree,make_archive,unpack_archive}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "os.path.{exists,isfile,isdir,getsize,getmtime}", Use: "await asyncio.to_thread()", Option: "include-stat-calls"},
	apis.Entry{Family: apis.Python, Pattern: "os.{stat,lstat}", Use: "await asyncio.to_thread()", Option: "include-stat-calls"},
	apis.Entry{Family: apis.Python, Pattern: "pathlib.{Path,PosixPath,WindowsPath}().{exists,is_file,is_dir,stat}", Use: "await asyncio.to_thread()", Option: "include-stat-calls"},
	// Archives read and write files (and decompress) synchronously.
	apis.Entry{Family: apis.Python, Pattern: "{zipfile.ZipFile,tarfile.open,tarfile.TarFile}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "zipfile.ZipFile().{extractall,extract,read,write,writestr,open,testzip}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "{tarfile.open,tarfile.TarFile}().{extractall,extract,extractfile,add,addfile,getmembers}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.ECMA, Pattern: "fs.{existsSync,statSync,lstatSync,accessSync,pathExistsSync}", When: notFSPromises, Fix: fsPromisesFix, Option: "include-stat-calls"},
	apis.Entry{Family: apis.ECMA, Pattern: "fs.*Sync", When: notStatFS, Fix: fsPromisesFix},
	// A require() run in request code reads and compiles a file (the first
	// time; Node's --trace-sync-io reports it).
	apis.Entry{Family: apis.ECMA, Pattern: "require", Use: "a top-level import, or await import() once", When: requiresFile},
	// Sync helpers of file-system libraries.
	apis.Entry{Family: apis.ECMA, Pattern: "{glob.sync,glob.globSync,fast-glob.sync,fast-glob.globSync,mkdirp.sync,mkdirp.mkdirp.sync,mkdirp.mkdirpSync,rimraf.sync,rimraf.rimraf.sync,rimraf.rimrafSync}", Use: "the promise API (await glob(), await mkdirp(), await rimraf())"},
)

// notFSPromises excludes names under fs.promises, which has no *Sync calls;
// it keeps `fs.readFileSync` and `fs.default.readFileSync`.
func notFSPromises(m *semantic.Model, c *semantic.Call) bool {
	return !strings.HasPrefix(c.Qualified, "fs.promises.")
}

// useForFS names the promise twin of an fs.*Sync call.
// nodeBuiltins are the modules built into Node: requiring one reads no file.
var nodeBuiltins = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true, "console": true,
	"constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true, "dns": true, "events": true,
	"fs": true, "http": true, "http2": true, "https": true, "inspector": true, "module": true, "net": true, "os": true,
	"path": true, "perf_hooks": true, "process": true, "punycode": true, "querystring": true, "readline": true,
	"repl": true, "stream": true, "string_decoder": true, "sys": true, "timers": true, "tls": true, "trace_events": true,
	"tty": true, "url": true, "util": true, "v8": true, "vm": true, "wasi": true, "worker_threads": true, "zlib": true,
}

// requiresFile reports whether a require() may read a file: anything but
// a Node builtin (`require('node:path')`, `require('fs/promises')`).
func requiresFile(m *semantic.Model, c *semantic.Call) bool {
	args := semantic.Args(m.Text(c.Args))
	if len(args) == 0 {
		return false
	}
	spec := semantic.StringLiteral(args[0])
	if strings.HasPrefix(spec, "node:") {
		return false
	}
	head, _, _ := strings.Cut(spec, "/")
	return spec == "" || !nodeBuiltins[head]
}

// notStatFS leaves the stat-like calls to their own entry (include-stat-calls).
func notStatFS(m *semantic.Model, c *semantic.Call) bool {
	switch lastName(c.Qualified) {
	case "existsSync", "statSync", "lstatSync", "accessSync", "pathExistsSync":
		return false
	}
	return notFSPromises(m, c)
}

func lastName(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

func useForFS(c *semantic.Call, e *apis.Entry) string {
	if e.Use != "" {
		return e.Use
	}
	name := c.Qualified[strings.LastIndexByte(c.Qualified, '.')+1:]
	base := strings.TrimSuffix(name, "Sync")
	if base == "exists" {
		return "await fs.promises.access()"
	}
	return "await fs.promises." + base + "()"
}
