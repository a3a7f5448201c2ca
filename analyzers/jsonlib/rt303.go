package jsonlib

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT303 flags Pydantic models serialised or parsed through a dict.
var RT303 = &analyzers.Analyzer{
	Code:      "RT303",
	Name:      "pydantic-json-roundtrip",
	Severity:  analyzers.Warning,
	Languages: []source.Language{source.Python},
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Pydantic model round-tripped through a dict and stdlib json",
		FixSafety: "Unsafe: `json.dumps(m.model_dump())` → `m.model_dump_json()` and " +
			"`Model.model_validate(json.loads(s))` → `Model.model_validate_json(s)`. Pydantic's JSON output is " +
			"compact (no spaces after separators) and its JSON-mode validation is stricter in places.",
		WhatItDoes: "Checks for `json.dumps(m.model_dump())` / `json.dumps(m.dict())` and for " +
			"`Model.model_validate(json.loads(s))`, `Model.parse_obj(json.loads(s))` and " +
			"`Model(**json.loads(s))`, unless the project's manifests pin Pydantic 1 (no Rust core: " +
			"RT301's orjson advice applies there instead).",
		WhySlow: "Pydantic's core is written in Rust and can go straight between JSON and a model. " +
			"Going through a Python dict builds every intermediate object in Python and then runs " +
			"the slower stdlib `json` over it — Pydantic's own performance guide advises against it.",
		Example:    "```python\nbody = json.dumps(user.model_dump())\nuser = User.model_validate(json.loads(raw))\n```",
		UseInstead: "```python\nbody = user.model_dump_json()\nuser = User.model_validate_json(raw)\n```",
	},
	Run: runRT303,
}

var (
	dumpArg    = lazyre.New(`^(.+)\.(model_dump|dict)\(\s*\)$`)
	stdlibJSON = map[string]bool{"json": true, "simplejson": true, "ujson": true}
	validators = map[string]bool{"model_validate": true, "parse_obj": true}
)

// roundtrip describes an RT303 finding: the span to report and the
// replacement to advise.
type roundtrip struct {
	span semantic.Span
	use  string
}

// findRoundtrip reports whether call c is (or is the json part of) a
// Pydantic round trip. RT301 asks too: RT303 wins on the same call.
func findRoundtrip(m *semantic.Model, ci int) (roundtrip, bool) {
	c := &m.Calls[ci]
	mod, fn, _ := strings.Cut(c.Qualified, ".")
	if !stdlibJSON[mod] {
		return roundtrip{}, false
	}
	// Pydantic 1 has no Rust core and no model_dump_json: its .json() is
	// json.dumps(.dict()) too. RT301 then advises orjson (SPEC §2b).
	if m.Project().PydanticV1() {
		return roundtrip{}, false
	}
	args := semantic.Args(m.Text(c.Args))
	switch fn {
	case "dumps":
		if len(args) == 1 {
			// `x.model_dump()` or `x.dict()` ends with `)`: the byte test
			// spares the regexp on every other argument.
			if !strings.HasSuffix(args[0], ")") {
				break
			}
			if sm := dumpArg.FindStringSubmatch(args[0]); sm != nil && (sm[2] == "model_dump" || pydanticModule(m)) {
				return roundtrip{c.Span, sm[1] + ".model_dump_json()"}, true
			}
		}
	case "loads":
		// The enclosing call whose only argument is this json.loads(...).
		outer := enclosingCall(m, ci)
		if outer == nil {
			return roundtrip{}, false
		}
		oargs := semantic.Args(m.Text(outer.Args))
		if len(oargs) != 1 {
			return roundtrip{}, false
		}
		self := m.Text(c.Span)
		inner := ""
		if len(args) == 1 {
			inner = args[0]
		}
		last := outer.Path[strings.LastIndexByte(outer.Path, '.')+1:]
		switch {
		case validators[last] && oargs[0] == self:
			model := strings.TrimSuffix(outer.Path, "."+last)
			return roundtrip{outer.Span, model + ".model_validate_json(" + inner + ")"}, true
		case oargs[0] == "**"+self && isClassName(outer.Path) && pydanticModule(m):
			return roundtrip{outer.Span, outer.Path + ".model_validate_json(" + inner + ")"}, true
		}
	}
	return roundtrip{}, false
}

func isClassName(path string) bool {
	last := path[strings.LastIndexByte(path, '.')+1:]
	return last != "" && last[0] >= 'A' && last[0] <= 'Z'
}

// enclosingCall returns the innermost call whose arguments contain call ci.
func enclosingCall(m *semantic.Model, ci int) *semantic.Call {
	c := &m.Calls[ci]
	var best *semantic.Call
	for i := ci - 1; i >= 0; i-- {
		o := &m.Calls[i]
		if !o.Args.IsZero() && o.Args.Contains(c.Span) && (best == nil || best.Span.Contains(o.Span)) {
			best = o
		}
	}
	return best
}

func runRT303(p *analyzers.Pass) {
	m := p.Model
	for ci := range m.Calls {
		if rt, ok := findRoundtrip(m, ci); ok {
			fix := fixes.New("Use "+rt.use, analyzers.Unsafe, fixes.Replace(rt.span, rt.use))
			p.Reportf(rt.span, fix, "%s round-trips a Pydantic model through a dict and stdlib json; use %s",
				m.CallName(&m.Calls[ci]), rt.use)
		}
	}
}
