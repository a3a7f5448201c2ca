package eventloop

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
)

// RT107 flags reading the terminal on the event loop.
var RT107 = &analyzers.Analyzer{
	Code:      "RT107",
	Name:      "blocking-input",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title:      "Blocking terminal input on the event loop",
		WhatItDoes: "Checks for `input()` in Python `async def` functions and `readline-sync` calls in JavaScript/TypeScript async functions and handlers.",
		WhySlow:    "Waiting for a human at a terminal can take forever; the event loop and every task on it wait too.",
		Example:    "```python\nasync def main():\n    name = input(\"name? \")\n```",
		UseInstead: "```python\nasync def main():\n    name = await asyncio.to_thread(input, \"name? \")\n```",
		FixSafety:  "Python: `await asyncio.to_thread(input, ...)` (safe).",
	},
	Run: func(p *analyzers.Pass) { reportBlocking(p, rt107Calls) },
}

var rt107Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "builtins.input", Use: "await asyncio.to_thread(input, ...)"},
	apis.Entry{Family: apis.ECMA, Pattern: "{readline-sync,readline-sync.*}", Use: "readline/promises: await rl.question()"},
)
