package jsonlib

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT304 flags Fastify routes registered without a response schema.
var RT304 = &analyzers.Analyzer{
	Code:      "RT304",
	Name:      "fastify-missing-response-schema",
	Severity:  analyzers.Info,
	Languages: []source.Language{source.JavaScript, source.TypeScript, source.TSX},
	Doc: &analyzers.Doc{
		Title: "Fastify route without a response schema",
		WhatItDoes: "Checks every Fastify route registration — `fastify.get/post/put/patch/delete/head/" +
			"options/all(path, [options], handler)` and `fastify.route({...})` — on an instance made by " +
			"the `fastify` factory or a plugin's `fastify`/`FastifyInstance` parameter, and flags routes " +
			"whose options carry no `schema.response`. Options passed as a variable are trusted.",
		WhySlow: "With a response schema, Fastify compiles a serializer for the reply (fast-json-stringify) " +
			"that is several times faster than `JSON.stringify`; without one, every JSON reply takes the " +
			"generic path.",
		Example:    "```js\nfastify.get('/users/:id', async (request) => loadUser(request.params.id));\n```",
		UseInstead: "```js\nfastify.get('/users/:id', {\n  schema: { response: { 200: UserSchema } },\n}, async (request) => loadUser(request.params.id));\n```",
	},
	Run: runRT304,
}

var (
	fastifyShorthands = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "all": true}
	fastifyFactories  = map[string]bool{"fastify()": true, "fastify.fastify()": true, "fastify.default()": true}
	schemaKey         = lazyre.New(`\bschema\s*(:|,|\})`)
	responseKey       = lazyre.New(`\bresponse\s*:`)
	fastifyInstance   = lazyre.New(`\bFastifyInstance\b`)
)

// fastifyReceiver reports whether a route call's receiver is a Fastify
// instance: made by the factory, or a plugin's fastify parameter.
func fastifyReceiver(m *semantic.Model, c *semantic.Call) bool {
	i := strings.LastIndexByte(c.Path, '.')
	if i < 0 {
		return false
	}
	recv := c.Path[:i]
	if fastifyFactories[m.Resolve(recv, c.Func)] {
		return true
	}
	if strings.ContainsAny(recv, ".()") {
		return false
	}
	p := m.ParamOf(recv, c.Func)
	return p != nil && (p.Name == "fastify" || fastifyInstance.MatchString(p.Type))
}

// hasResponseSchema reports whether route options carry schema.response.
// Anything but an object literal (a variable) is trusted.
func hasResponseSchema(opts string) bool {
	opts = strings.TrimSpace(opts)
	if !strings.HasPrefix(opts, "{") {
		return true
	}
	loc := schemaKey.FindStringSubmatchIndex(opts)
	if loc == nil {
		return false
	}
	if sep := opts[loc[2]:loc[3]]; sep != ":" {
		return true // `{ schema, handler }`: a schema variable, trusted
	}
	rest := strings.TrimSpace(opts[loc[1]:])
	if !strings.HasPrefix(rest, "{") {
		return true // `schema: userSchema`
	}
	end := closing(rest)
	return responseKey.MatchString(rest[:end])
}

// closing returns the end of the brace group s starts with.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

func runRT304(p *analyzers.Pass) {
	m := p.Model
	for ci := range m.Calls {
		c := &m.Calls[ci]
		method := c.Path[strings.LastIndexByte(c.Path, '.')+1:]
		if (!fastifyShorthands[method] && method != "route") || !fastifyReceiver(m, c) {
			continue
		}
		args := semantic.Args(m.Text(c.Args))
		route := ""
		var opts string
		switch {
		case method == "route" && len(args) == 1:
			opts = args[0]
			route = "route()"
		case method != "route" && len(args) == 2:
			opts = "{}"
			route = strings.ToUpper(method) + " " + routePath(args[0])
		case method != "route" && len(args) >= 3:
			opts = args[1]
			route = strings.ToUpper(method) + " " + routePath(args[0])
		default:
			continue
		}
		if hasResponseSchema(opts) {
			continue
		}
		p.Reportf(m.FirstLine(c.Span), nil, "Fastify route %s has no response schema, so its JSON replies skip the compiled serializer; add schema.response (e.g. { 200: UserSchema })", route)
	}
}

func routePath(arg string) string {
	if s := semantic.StringLiteral(arg); s != "" {
		return s
	}
	return arg
}
