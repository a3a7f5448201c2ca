package jsonlib

import (
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT302 flags FastAPI path operations that build their JSON reply by hand.
var RT302 = &analyzers.Analyzer{
	Code:      "RT302",
	Name:      "fastapi-json-response",
	Severity:  analyzers.Info,
	Languages: []source.Language{source.Python},
	Doc: &analyzers.Doc{
		Title: "FastAPI reply built by hand instead of a declared response model",
		WhatItDoes: "Checks FastAPI path operations (route-decorated functions) that `return " +
			"JSONResponse(...)` with a 2xx status, or declare `response_class=JSONResponse` in the route " +
			"decorator. Error replies (`status_code` ≥ 400), exception handlers, middleware, " +
			"`default_response_class` and non-JSON responses are not flagged, nor is a project whose manifests " +
			"pin FastAPI below 0.130 (SPEC §2b).",
		WhySlow: "Since FastAPI 0.130, a path operation that returns its data with a declared return type " +
			"or `response_model` is validated and serialised by Pydantic in Rust, straight to JSON bytes. " +
			"A hand-built `JSONResponse` goes through `jsonable_encoder` (pure Python) and stdlib `json`.",
		Example:    "```python\n@app.get(\"/users/{id}\")\nasync def get_user(id: int):\n    return JSONResponse(jsonable_encoder(await load(id)))\n```",
		UseInstead: "```python\n@app.get(\"/users/{id}\")\nasync def get_user(id: int) -> UserOut:\n    return await load(id)\n```\n\n(`ORJSONResponse` and `UJSONResponse` are deprecated since FastAPI 0.131; a response model is the fast path.)",
	},
	Run: runRT302,
}

var (
	jsonResponseClasses = map[string]bool{
		"fastapi.responses.JSONResponse": true, "starlette.responses.JSONResponse": true, "fastapi.JSONResponse": true,
	}
	responseClassArg = lazyre.New(`\bresponse_class\s*=\s*([\w.]+)`)
	statusCodeArg    = lazyre.New(`^status_code\s*=\s*(.+)$`)
	statusConstant   = lazyre.New(`HTTP_(\d{3})_`)
	// http.HTTPStatus(404), HTTPStatus.NOT_FOUND (by name: 4xx and 5xx).
	statusCall = lazyre.New(`HTTPStatus\s*\(\s*(\d{3})\s*\)`)
	statusName = lazyre.New(`HTTPStatus\.([A-Z_]+)`)
)

func runRT302(p *analyzers.Pass) {
	m := p.Model
	// Before 0.130 FastAPI serialised every reply through jsonable_encoder:
	// a declared response model was no faster (SPEC §2b).
	if !m.ImportsModule("fastapi") || !m.Project().PackageAtLeast("fastapi", "0.130") {
		return
	}
	for fi := range m.Funcs {
		f := &m.Funcs[fi]
		if f.Handler != "route handler" {
			continue
		}
		for di, d := range f.Decorators {
			if !strings.Contains(d, "response_class") {
				continue
			}
			if sm := responseClassArg.FindStringSubmatch(d); sm != nil && jsonResponseClasses[m.Resolve(sm[1], semantic.None)] {
				p.Reportf(f.DecoratorSpans[di], nil, "response_class=JSONResponse in path operation %s serialises through jsonable_encoder and stdlib json; drop it and declare a return type or response_model (Pydantic serialises it in Rust)", describe(m, fi))
			}
		}
	}
	for ci := range m.Calls {
		c := &m.Calls[ci]
		if c.Func == semantic.None || m.Funcs[c.Func].Handler != "route handler" || !jsonResponseClasses[c.Qualified] {
			continue
		}
		if !returned(m, c) || errorStatus(m, c) {
			continue
		}
		p.Reportf(c.Span, nil, "JSONResponse built by hand in path operation %s skips FastAPI's Rust serialisation; return the data and declare a return type or response_model", describe(m, c.Func))
	}
}

func describe(m *semantic.Model, fi int) string {
	return m.Funcs[fi].Name + "()"
}

// returned reports whether the call is the value of a return statement.
func returned(m *semantic.Model, c *semantic.Call) bool {
	start := max(0, int(c.Span.Start)-64)
	before := strings.TrimRight(string(m.File.Src[start:c.Span.Start]), " \t(")
	return strings.HasSuffix(before, "return")
}

// errorStatus reports whether the response carries a status code ≥ 400.
func errorStatus(m *semantic.Model, c *semantic.Call) bool {
	for _, a := range semantic.Args(m.Text(c.Args)) {
		sm := statusCodeArg.FindStringSubmatch(a)
		if sm == nil {
			continue
		}
		v := strings.TrimSpace(sm[1])
		if n, err := strconv.Atoi(v); err == nil {
			return n >= 400
		}
		if cm := statusConstant.FindStringSubmatch(v); cm != nil {
			n, _ := strconv.Atoi(cm[1])
			return n >= 400
		}
		if cm := statusCall.FindStringSubmatch(v); cm != nil {
			n, _ := strconv.Atoi(cm[1])
			return n >= 400
		}
		if cm := statusName.FindStringSubmatch(v); cm != nil {
			return httpErrorNames[cm[1]]
		}
	}
	return false
}

// httpErrorNames are http.HTTPStatus's 4xx and 5xx members.
var httpErrorNames = func() map[string]bool {
	out := map[string]bool{}
	for _, n := range strings.Fields(`BAD_REQUEST UNAUTHORIZED PAYMENT_REQUIRED FORBIDDEN NOT_FOUND
		METHOD_NOT_ALLOWED NOT_ACCEPTABLE PROXY_AUTHENTICATION_REQUIRED REQUEST_TIMEOUT CONFLICT GONE
		LENGTH_REQUIRED PRECONDITION_FAILED REQUEST_ENTITY_TOO_LARGE CONTENT_TOO_LARGE REQUEST_URI_TOO_LONG
		URI_TOO_LONG UNSUPPORTED_MEDIA_TYPE REQUESTED_RANGE_NOT_SATISFIABLE RANGE_NOT_SATISFIABLE
		EXPECTATION_FAILED IM_A_TEAPOT MISDIRECTED_REQUEST UNPROCESSABLE_ENTITY UNPROCESSABLE_CONTENT LOCKED
		FAILED_DEPENDENCY TOO_EARLY UPGRADE_REQUIRED PRECONDITION_REQUIRED TOO_MANY_REQUESTS
		REQUEST_HEADER_FIELDS_TOO_LARGE UNAVAILABLE_FOR_LEGAL_REASONS INTERNAL_SERVER_ERROR NOT_IMPLEMENTED
		BAD_GATEWAY SERVICE_UNAVAILABLE GATEWAY_TIMEOUT HTTP_VERSION_NOT_SUPPORTED VARIANT_ALSO_NEGOTIATES
		INSUFFICIENT_STORAGE LOOP_DETECTED NOT_EXTENDED NETWORK_AUTHENTICATION_REQUIRED`) {
		out[n] = true
	}
	return out
}()
