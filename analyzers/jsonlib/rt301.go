package jsonlib

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT301 flags stdlib json (and simplejson, ujson) in Python server code.
var RT301 = &analyzers.Analyzer{
	Code:      "RT301",
	Name:      "stdlib-json",
	Severity:  analyzers.Warning,
	Languages: []source.Language{source.Python},
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "stdlib json in server code",
		FixSafety: "Unsafe: `json.dumps(x)` → `orjson.dumps(x).decode()` and `json.loads(s)` → `orjson.loads(s)`; " +
			"`indent=2` and `sort_keys=True` become `option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS`, " +
			"`default=` is kept. orjson's output differs in whitespace and escaping (compact, UTF-8), and it " +
			"rejects some inputs json accepts (non-str dict keys without OPT_NON_STR_KEYS, integers over 64 bits). " +
			"Calls with other arguments get no fix; `import json` is removed once no use remains.",
		WhatItDoes: "Checks for `json.dumps/loads/dump/load` (and `simplejson`, `ujson`) in modules that " +
			"import a web framework (FastAPI, Starlette, Flask, Quart, Django, aiohttp.web, Sanic, " +
			"Litestar, Tornado, Falcon). It is a warning in hot context (a request handler or a loop) " +
			"and info elsewhere. Scripts that do not serve requests are not flagged.",
		WhySlow: "The stdlib `json` module is written mostly in Python around a C accelerator; `orjson` " +
			"(Rust) serialises typically 3–10× faster and natively handles dataclasses, datetimes, UUIDs " +
			"and NumPy arrays. In a server, JSON is on every request's path.",
		Example:    "```python\n@app.get(\"/orders\")\ndef orders():\n    return Response(json.dumps(load_orders()), media_type=\"application/json\")\n```",
		UseInstead: "```python\n@app.get(\"/orders\")\ndef orders():\n    return Response(orjson.dumps(load_orders()), media_type=\"application/json\")\n```\n\nNote that `orjson.dumps` returns `bytes`.",
	},
	Run: runRT301,
}

var rt301Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "{json,simplejson,ujson}.{dumps,loads,dump,load}"},
)

func runRT301(p *analyzers.Pass) {
	m := p.Model
	if !isServerCode(m) {
		return
	}
	for ci := range m.Calls {
		c := &m.Calls[ci]
		if len(rt301Calls.Lookup(apis.Python, c.Qualified)) == 0 {
			continue
		}
		if _, ok := findRoundtrip(m, ci); ok {
			continue // RT303 reports this call (SPEC §2)
		}
		sev := analyzers.Info
		where := "server code"
		if c.Context.Has(semantic.Hot) {
			sev = analyzers.Warning
			where = m.DescribeFunc(m.Owner(c))
			if c.Context.Has(semantic.Handler) {
				where = "on every request in " + where
			} else {
				where = "in a loop in " + where
			}
		} else {
			where = "in " + where
		}
		p.Report(analyzers.Diagnostic{
			Start: int(c.Span.Start), End: int(c.Span.End), Code: p.Analyzer.Code, Severity: sev,
			Fixes:   orjsonFix(m, c),
			Message: m.CallName(c) + " uses " + library(c.Qualified) + " " + where + "; use orjson (3–10× faster" + bytesNote(c.Qualified) + ")",
		})
	}
}

// bytesNote warns that orjson.dumps returns bytes, where the call dumps.
func bytesNote(qualified string) string {
	if strings.HasSuffix(qualified, ".dumps") || strings.HasSuffix(qualified, ".dump") {
		return "; orjson.dumps returns bytes"
	}
	return ""
}

// library names the JSON library a call belongs to, for messages.
func library(qualified string) string {
	if mod, _, _ := strings.Cut(qualified, "."); mod != "json" {
		return mod + ", slower than orjson,"
	}
	return "the slow stdlib json"
}
