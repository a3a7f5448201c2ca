package eventloop

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
)

// RT105 flags CPU-heavy key derivation and compression on the event loop.
var RT105 = &analyzers.Analyzer{
	Code:      "RT105",
	Name:      "blocking-crypto-compress",
	Severity:  analyzers.Warning,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Blocking key derivation or compression on the event loop",
		WhatItDoes: "Checks for `hashlib.pbkdf2_hmac`, `hashlib.scrypt` and `bcrypt.hashpw/checkpw` in " +
			"Python `async def` functions, and for `crypto.pbkdf2Sync/scryptSync/generateKeyPairSync`, " +
			"`zlib.*Sync` and `bcrypt`/`bcryptjs` `hashSync/compareSync/genSaltSync` in JavaScript/TypeScript async functions and handlers.",
		WhySlow: "Password hashing is slow on purpose: tens to hundreds of milliseconds of CPU per call. " +
			"Compression of a large body is similar. On the event loop, that CPU time is time no other " +
			"request is served.",
		Example:    "```js\napp.post('/login', (req, res) => {\n  const key = crypto.pbkdf2Sync(req.body.password, salt, 100000, 64, 'sha512');\n});\n```",
		UseInstead: "```js\nconst pbkdf2 = util.promisify(crypto.pbkdf2);\napp.post('/login', async (req, res) => {\n  const key = await pbkdf2(req.body.password, salt, 100000, 64, 'sha512');\n});\n```\n\nIn Python, `await asyncio.to_thread(bcrypt.checkpw, pw, hashed)` (these functions release the GIL).",
		FixSafety:  "Python: `await asyncio.to_thread(f, ...)` (safe; these functions release the GIL). JS/TS async functions: `crypto.pbkdf2Sync(...)` → `await promisify(crypto.pbkdf2)(...)`, and the same for `scryptSync` and `zlib.*Sync`; `bcrypt.compareSync(...)` → `await bcrypt.compare(...)`, and the same for `hashSync` and `genSaltSync` (bcrypt and bcryptjs return a promise when given no callback) (safe: same arguments, same result).",
	},
	Run: func(p *analyzers.Pass) { reportBlockingWith(p, rt105Calls, useForAsyncTwin) },
}

var rt105Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "hashlib.{pbkdf2_hmac,scrypt}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.Python, Pattern: "bcrypt.{hashpw,checkpw,kdf}", Use: "await asyncio.to_thread()"},
	apis.Entry{Family: apis.ECMA, Pattern: "crypto.{pbkdf2Sync,scryptSync}", Fix: promisifyFix("crypto")},
	apis.Entry{Family: apis.ECMA, Pattern: "crypto.generateKeyPairSync"},
	apis.Entry{Family: apis.ECMA, Pattern: "zlib.*Sync", Fix: promisifyFix("zlib")},
	apis.Entry{Family: apis.ECMA, Pattern: "{bcrypt,bcryptjs}.{hashSync,compareSync,genSaltSync}", Fix: promiseTwinFix},
)

// useForAsyncTwin names the callback twin of a Node *Sync call, promisified:
// crypto.pbkdf2Sync → await util.promisify(crypto.pbkdf2)().
func useForAsyncTwin(c *semantic.Call, e *apis.Entry) string {
	if e.Use != "" {
		return e.Use
	}
	mod, name, _ := strings.Cut(c.Qualified, ".")
	twin := strings.TrimSuffix(name, "Sync")
	if mod == "bcrypt" || mod == "bcryptjs" {
		return "await " + mod + "." + twin + "()"
	}
	return "await util.promisify(" + mod + "." + twin + ")()"
}
