package eventloop

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
)

// RT102 flags synchronous HTTP clients on the event loop.
var RT102 = &analyzers.Analyzer{
	Code:      "RT102",
	Name:      "blocking-http",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Synchronous HTTP request on the event loop",
		WhatItDoes: "Checks for synchronous HTTP clients — `requests`, `urllib.request.urlopen`, `urllib3`, " +
			"`httpx` module functions and sync `httpx.Client` methods (`close` included), `http.client` " +
			"connections, sockets and DNS (`socket.create_connection`, `getaddrinfo`, blocking socket " +
			"methods unless the function sets the socket non-blocking), `smtplib` and `ftplib` — in " +
			"Python `async def` functions, and for `sync-request` and synchronous `XMLHttpRequest` in " +
			"JavaScript/TypeScript async functions and handlers.",
		WhySlow: "A network round trip takes milliseconds to seconds. Made synchronously, the whole " +
			"event loop waits for it, so every concurrent request stalls behind one slow upstream.",
		Example:    "```python\nasync def profile(user_id):\n    return requests.get(f\"{API}/users/{user_id}\").json()\n```",
		UseInstead: "```python\nclient = httpx.AsyncClient()\n\nasync def profile(user_id):\n    return (await client.get(f\"{API}/users/{user_id}\")).json()\n```",
		FixSafety:  "In Python the fix runs the same call in a worker thread, `await asyncio.to_thread(f, *args, **kwargs)`, which is safe: the same function runs with the same arguments while the event loop goes on.",
	},
	Run: func(p *analyzers.Pass) { reportBlocking(p, rt102Calls) },
}

const httpVerbs = "{get,post,put,patch,delete,head,options,request}"

var rt102Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "requests." + httpVerbs, Use: "an async client such as httpx.AsyncClient or aiohttp"},
	apis.Entry{Family: apis.Python, Pattern: "requests.{Session,session}()." + httpVerbs, Use: "an async client such as httpx.AsyncClient or aiohttp"},
	apis.Entry{Family: apis.Python, Pattern: "{urllib.request.urlopen,urllib3.request}", Use: "an async client such as httpx.AsyncClient or aiohttp"},
	apis.Entry{Family: apis.Python, Pattern: "urllib3.{PoolManager,HTTPConnectionPool,HTTPSConnectionPool}().{request,urlopen}", Use: "an async client such as httpx.AsyncClient or aiohttp"},
	apis.Entry{Family: apis.Python, Pattern: "httpx." + httpVerbs, Use: "await httpx.AsyncClient()." + "request()"},
	apis.Entry{Family: apis.Python, Pattern: "httpx.stream", Use: "httpx.AsyncClient().stream()"},
	apis.Entry{Family: apis.Python, Pattern: "httpx.Client()." + httpVerbs, Use: "await on an httpx.AsyncClient"},
	apis.Entry{Family: apis.Python, Pattern: "httpx.Client().{stream,send,close}", Use: "an httpx.AsyncClient"},
	// Sockets and DNS: blocking calls on the loop's thread.
	apis.Entry{Family: apis.Python, Pattern: "socket.{create_connection,getaddrinfo,gethostbyname,gethostbyname_ex,gethostbyaddr,getnameinfo,getfqdn}", Use: "await loop.getaddrinfo() / asyncio.open_connection()"},
	apis.Entry{Family: apis.Python, Pattern: "socket.{socket,create_connection}().{connect,accept,recv,recv_into,recvfrom,recvfrom_into,recvmsg,send,sendall,sendto,sendmsg,sendfile,makefile}", Use: "asyncio streams (await asyncio.open_connection()) or loop.sock_* methods", When: blockingSocket},
	apis.Entry{Family: apis.Python, Pattern: "{smtplib.SMTP,smtplib.SMTP_SSL,smtplib.LMTP,ftplib.FTP,ftplib.FTP_TLS}", Use: "an async client (aiosmtplib, aioftp) or await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "{smtplib.SMTP,smtplib.SMTP_SSL,ftplib.FTP,ftplib.FTP_TLS}().*", Use: "an async client (aiosmtplib, aioftp) or await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "http.client.{HTTPConnection,HTTPSConnection}().{request,getresponse}", Use: "an async client such as httpx.AsyncClient or aiohttp"},
	apis.Entry{Family: apis.ECMA, Pattern: "{sync-request,sync-request.*}", Use: "await fetch()"},
	apis.Entry{Family: apis.ECMA, Pattern: "XMLHttpRequest().open", Use: "an asynchronous request (omit the third argument) or await fetch()", When: syncXHR},
)

// blockingSocket leaves out sockets switched to non-blocking mode in the
// same function (`sock.setblocking(False)`), which asyncio's loop.sock_*
// methods need.
func blockingSocket(m *semantic.Model, c *semantic.Call) bool {
	if c.Func == semantic.None {
		return true
	}
	return !strings.Contains(m.Text(m.Funcs[c.Func].Span), "setblocking(False)")
}

// syncXHR accepts `xhr.open(method, url, false)`: the synchronous mode.
func syncXHR(m *semantic.Model, c *semantic.Call) bool {
	args := semantic.Args(m.Text(c.Args))
	return len(args) >= 3 && args[2] == "false"
}
