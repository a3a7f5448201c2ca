package pooling

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
)

// RT401 flags HTTP clients (and their connection pools) created per call.
var RT401 = &analyzers.Analyzer{
	Code:      "RT401",
	Name:      "http-client-per-call",
	Severity:  analyzers.Warning,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "HTTP client created per request or per iteration",
		WhatItDoes: "Checks request handlers and loop bodies for `requests.get/post/...` and " +
			"`httpx.get/...` module functions (each call builds and tears down a client), and for " +
			"`requests.Session()`, `httpx.Client()`, `httpx.AsyncClient()`, `aiohttp.ClientSession()`, `urllib3.PoolManager()`, `boto3.client/resource()`, " +
			"and in JavaScript/TypeScript `new http.Agent()`, `new https.Agent()`, `axios.create()` and " +
			"`new undici.Pool/Agent()`. A client created at module level, in a startup or lifespan " +
			"function, or in a factory called once is the right thing and is not flagged.",
		WhySlow: "A new client has an empty connection pool: every request pays DNS, a TCP handshake " +
			"and a TLS handshake — often more than the request itself — and the sockets are left to " +
			"close later. A shared client keeps connections alive and reuses them.",
		Example:    "```python\n@app.get(\"/weather\")\nasync def weather(city: str):\n    async with httpx.AsyncClient() as client:\n        return (await client.get(URL, params={\"q\": city})).json()\n```",
		UseInstead: "```python\n@asynccontextmanager\nasync def lifespan(app):\n    app.state.http = httpx.AsyncClient()\n    yield\n    await app.state.http.aclose()\n\n@app.get(\"/weather\")\nasync def weather(city: str, request: Request):\n    return (await request.app.state.http.get(URL, params={\"q\": city})).json()\n```",
		FixSafety:  "Unsafe. `requests.get(...)`/`httpx.get(...)` → the same call on a module-level `requests.Session()`/`httpx.Client()` (an existing one is reused; cookies and headers are then shared). A client constructed in hot code moves to a module-level definition before the statement that uses it, when its arguments use no local names and it is not a `with` item.",
	},
	Run: func(p *analyzers.Pass) {
		reportHot(p, rt401Calls, "opens a new connection", true)
		reportHot(p, rt401Clients, "creates a new client and connection pool", false)
	},
}

const verbs = "{get,post,put,patch,delete,head,options,request}"

var rt401Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "requests." + verbs, Use: "use a requests.Session() created once at module level and reuse it", Fix: sessionFix("requests", "Session", "session")},
	apis.Entry{Family: apis.Python, Pattern: "httpx.{get,post,put,patch,delete,head,options,request,stream}", Use: "use an httpx.Client (or AsyncClient) created once and reuse it", Fix: sessionFix("httpx", "Client", "http_client")},
)

var rt401Clients = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "requests.{Session,session}", Use: "create one session at module level or at startup and reuse it", Fix: hoistFix("session", nil)},
	apis.Entry{Family: apis.Python, Pattern: "httpx.{Client,AsyncClient}", Use: "create one client at startup (a lifespan handler) and reuse it", Fix: hoistFix("http_client", nil)},
	apis.Entry{Family: apis.Python, Pattern: "aiohttp.ClientSession", Use: "create one session at startup and reuse it"},
	apis.Entry{Family: apis.Python, Pattern: "urllib3.PoolManager", Use: "create one PoolManager at module level and reuse it"},
	// A boto3 client loads its service's JSON model and opens its own pool:
	// tens of milliseconds, then a fresh TLS handshake per request.
	apis.Entry{Family: apis.Python, Pattern: "{boto3,boto3.session.Session(),boto3.Session()}.{client,resource}", Use: "create the client once at module level and reuse it (boto3 clients are thread-safe)"},
	apis.Entry{Family: apis.ECMA, Pattern: "{http,https}.Agent", Use: "create one keep-alive agent at module level and reuse it", When: isNew, Fix: hoistFix("agent", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "axios.create", Use: "create the axios instance once at module level and reuse it", Fix: hoistFix("api", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "undici.{Pool,Agent,Client}", Use: "create one undici dispatcher at module level and reuse it", When: isNew, Fix: hoistFix("dispatcher", nil)},
)
