package semantic

import (
	"strings"

	"github.com/rtlint/rtlint/internal/source"
)

// What counts as I/O for RT201's forever loops (SPEC §2 "heavy"): a `while
// True` that awaits, yields, or calls something that does I/O or blocks is
// waiting, not computing. Anything else it calls — hashing, int/bytes
// conversions, string methods, unknown library methods — is CPU work, so
// the test is for I/O, not for purity. The module lists cover every module
// the RT1xx catalogs name, and the rest of the standard I/O surface.
var (
	pyIOModules = []string{
		"socket.", "ssl.", "select.", "selectors.", "asyncio.", "trio.", "anyio.", "subprocess.", "os.",
		"shutil.", "pathlib.", "io.", "tempfile.", "glob.", "zipfile.", "tarfile.", "gzip.", "bz2.", "lzma.",
		"http.", "urllib.", "urllib3.", "requests.", "httpx.", "aiohttp.", "websocket.", "websockets.",
		"ftplib.", "smtplib.", "poplib.", "imaplib.", "telnetlib.", "dns.",
		"sqlite3.", "psycopg.", "psycopg2.", "pymysql.", "MySQLdb.", "mysql.", "pymongo.", "motor.", "redis.",
		"sqlalchemy.", "asyncpg.", "aiomysql.", "aiosqlite.", "cassandra.", "elasticsearch.", "boto3.", "botocore.",
		"time.sleep", "threading.", "queue.", "multiprocessing.", "concurrent.", "logging.", "sys.stdin", "sys.stdout",
		"sys.stderr", "builtins.open", "builtins.input", "builtins.print", "signal.", "fcntl.", "mmap.", "pty.",
	}
	ecmaIOModules = []string{
		"fs", "net", "tls", "dgram", "http", "https", "http2", "dns", "child_process", "readline", "worker_threads",
		"stream", "zlib", "process.stdout", "process.stdin", "process.stderr", "console", "fetch", "XMLHttpRequest",
		"Atomics.wait", "axios", "node-fetch", "got", "undici", "superagent", "request",
		"pg", "mysql", "mysql2", "better-sqlite3", "sqlite3", "mongodb", "mongoose", "redis", "ioredis",
		"@prisma/client", "knex", "sequelize", "typeorm", "execa", "cross-spawn", "glob", "fast-glob",
	}
	// ioMethods are method names that do I/O whatever the receiver: a
	// socket's, a file's, a connection's, a queue's, a thread's.
	ioMethods = set("read", "readline", "readlines", "readinto", "write", "writelines", "flush", "recv", "recv_into",
		"recvfrom", "send", "sendall", "sendto", "sendfile", "accept", "connect", "connect_ex", "listen", "select",
		"poll", "execute", "executemany", "fetchone", "fetchall", "fetchmany", "commit", "rollback", "query",
		"request", "urlopen", "sleep", "wait", "join", "acquire", "result", "communicate", "get_nowait", "put_nowait",
		"end", "pipe", "fetch", "exec", "spawn", "readSync", "writeSync")
)

// IOCall reports whether a call does I/O or blocks (see above): a call of
// an I/O module, an I/O method, or a same-file function that makes one.
func (m *Model) IOCall(c *Call) bool { return m.ioCall(c) }

func (m *Model) ioCall(c *Call) bool {
	q := c.Qualified
	modules := ecmaIOModules
	if m.Lang() == source.Python {
		modules = pyIOModules
		if strings.HasPrefix(q, ".") {
			return true // a function of the project's own, not known here
		}
	} else if isPathSpec(q) {
		return true
	}
	for _, p := range modules {
		if q == p || strings.HasPrefix(q, p) && (strings.HasSuffix(p, ".") || q[len(p)] == '.' || q[len(p)] == '(') {
			return true
		}
	}
	if ioMethods[lastSegment(c.Path)] && strings.Contains(c.Path, ".") {
		return true
	}
	if fi := m.CalleeFunc(c); fi != None {
		return m.funcDoesIO(fi)
	}
	return false
}

// funcDoesIO reports whether a same-file function's own calls do I/O,
// once per function (a function in the middle of being decided, as in
// recursion, counts as not doing I/O through that call).
func (m *Model) funcDoesIO(fi int) bool {
	if m.funcIO == nil {
		m.funcIO = make(map[int]bool)
	}
	if io, seen := m.funcIO[fi]; seen {
		return io
	}
	m.funcIO[fi] = false
	for _, ci := range m.FuncCalls(fi) {
		if m.ioCall(&m.Calls[ci]) {
			m.funcIO[fi] = true
			return true
		}
	}
	return false
}

// loopDoesIO reports whether any call inside a loop does I/O.
func (m *Model) loopDoesIO(li int) bool {
	l := &m.Loops[li]
	for i := range m.Calls {
		c := &m.Calls[i]
		if l.Span.Contains(c.Span) && m.IOCall(c) {
			return true
		}
	}
	return false
}
