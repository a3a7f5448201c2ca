package semantic

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/internal/source"
)

// Handler detection: SPEC §2 "handler context". Python handlers are found
// by decorators, Django conventions and aiohttp registrations; JS/TS ones by
// route registrations, server events, NestJS decorators, Next.js file
// conventions and handler-shaped parameter lists.

var (
	pyRouteDecorator = lazyre.New(`^@\s*(?:[\w.]*\.)?(\w+)\s*\.\s*(?:get|post|put|patch|delete|route|websocket|api_route|head|options)\s*\(`)
	routeReceiver    = lazyre.New(`(?i)(app|router|bp|blueprint|api|routes|server|fastify)$`)
	pyAPIView        = lazyre.New(`^@\s*(?:[\w.]+\.)?api_view\b`)
	djangoViewBase   = lazyre.New(`\b\w*(View|ViewSet)\b`)
	httpMethodNames  = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true}
	aiohttpAdders    = map[string]bool{"add_get": true, "add_post": true, "add_put": true, "add_patch": true, "add_delete": true, "add_head": true, "add_route": true, "add_view": true}

	ecmaRouteMethods = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "all": true, "use": true, "route": true, "head": true, "options": true}
	nestDecorator    = lazyre.New(`^@(Get|Post|Put|Patch|Delete|All|Head|Options)\s*\(`)
	nextRouteExports = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}
	iterationMethods = map[string]bool{"map": true, "forEach": true, "filter": true, "reduce": true, "flatMap": true}
	serverEvents     = map[string]bool{"request": true, "connection": true, "message": true}
	handlerTypes     = lazyre.New(`\b(Request|Response|FastifyRequest|FastifyReply|Context|NextRequest|NextApiRequest|NextApiResponse)\b`)
)

func markPythonHandlers(b *builder) {
	m := b.m
	viewsModule := filepath.Base(m.File.Path) == "views.py"
	for i := range m.Funcs {
		f := &m.Funcs[i]
		for _, d := range f.Decorators {
			var sm []string
			// A route decorator is a method call (`@app.get(`): the
			// byte tests spare the regexp on `@dataclass` and the like.
			if strings.IndexByte(d, '.') >= 0 && strings.IndexByte(d, '(') >= 0 {
				sm = pyRouteDecorator.FindStringSubmatch(d)
			}
			if sm != nil && (routeReceiver.MatchString(sm[1]) || isRouterBinding(m, d, f.Parent)) {
				f.Handler = "route handler"
			} else if t, ok := importedReceiver(m, d, f.Parent); sm != nil && ok {
				if !slices.Contains(m.RouterImports, t) {
					m.RouterImports = append(m.RouterImports, t)
				}
				if m.facts != nil && m.facts.Routers[t] {
					f.Handler = "route handler"
				}
			} else if strings.Contains(d, "api_view") && pyAPIView.MatchString(d) {
				f.Handler = "API view"
			}
		}
		if f.Handler != "" || f.Kind == Lambda {
			continue
		}
		switch {
		case viewsModule && f.Parent == None && f.Class == None && len(f.Params) > 0 && f.Params[0].Name == "request":
			f.Handler = "Django view"
		case f.Class != None && httpMethodNames[f.Name] && djangoViewBase.MatchString(m.Classes[f.Class].Bases):
			f.Handler = "view method"
		case f.Class != None && httpMethodNames[f.Name] && restResource.MatchString(m.Classes[f.Class].Bases):
			f.Handler = "resource method"
		}
	}
	for _, c := range m.Calls {
		last := lastSegment(c.Path)
		if aiohttpAdders[last] || strings.HasPrefix(c.Qualified, "aiohttp.web.") && httpMethodNames[last] {
			b.markReferencedHandlers(c, "aiohttp handler", "")
		}
	}
}

// pyRouterClasses are the constructors whose objects register routes
// (SPEC §2): recognised by what the decorator's object is bound to, so
// `auth = Blueprint(...)`, `users_namespace = Namespace(...)` count
// whatever their names.
var pyRouterClasses = lazyre.New(`^(flask|quart|fastapi|starlette|aiohttp\.web|flask_restx|flask_restplus|flask_smorest|sanic|litestar|apiflask)(\.\w+)*\.(Flask|Quart|Blueprint|FastAPI|APIRouter|Router|RouteTableDef|Namespace|Api|Sanic|APIFlask)\(\)$`)

// restResource matches flask-restx/flask-restful Resource (and
// flask-smorest MethodView) bases, whose get/post/... methods serve requests.
var restResource = lazyre.New(`\b(Resource|MethodView)\b`)

// isRouterBinding reports whether a route decorator's object is bound to
// a router: `auth = Blueprint(...)` in this file, or an import of such an
// object whose name says it is one (`from .views import users_bp`).
func isRouterBinding(m *Model, decorator string, scope int) bool {
	ch := parseChain(strings.TrimPrefix(strings.TrimSpace(decorator), "@"))
	if len(ch) < 2 {
		return false
	}
	recv := ch[:len(ch)-1].String()
	return pyRouterClasses.MatchString(m.resolveChain(parseChain(recv), scope))
}

// importedReceiver names the imported object a route decorator is called
// on (`@auth.route(...)` after `from .blueprints import auth`), for the
// project index to tell whether it is a router.
func importedReceiver(m *Model, decorator string, scope int) (Target, bool) {
	ch := parseChain(strings.TrimPrefix(strings.TrimSpace(decorator), "@"))
	if len(ch) < 2 {
		return Target{}, false
	}
	t, ok := m.chainTarget(ch[:len(ch)-1], scope, 0)
	if !ok || t.Module == "" {
		return Target{}, false
	}
	return t, true
}

// ModuleRouters lists the module-level names bound to a router (SPEC §2),
// which route decorators in other files may import.
func (m *Model) ModuleRouters() []string {
	if m.Lang() != source.Python {
		return nil
	}
	var out []string
	for k := range m.refs {
		if k.scope != None {
			continue
		}
		if q, _ := m.lookup(k.name, None, 0); pyRouterClasses.MatchString(q) {
			out = append(out, k.name) // through lookup: its answers are kept
		}
	}
	sort.Strings(out)
	return out
}

func markECMAHandlers(b *builder) {
	m := b.m
	path := filepath.ToSlash(m.File.Path)
	nextAPI := strings.Contains(path, "pages/api/")
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	nextRoute := base == "route" && (strings.HasPrefix(path, "app/") || strings.Contains(path, "/app/"))
	for ci := range m.Calls {
		c := &m.Calls[ci]
		last := lastSegment(c.Path)
		// Only registrations read their arguments; splitting every call's
		// argument text (a whole callback body, for most) cost more than
		// the rest of handler detection.
		var args []string
		if ecmaRouteMethods[last] || last == "on" {
			args = Args(m.Text(c.Args))
		}
		switch {
		case ecmaRouteMethods[last] && isRouteReceiver(c.Path):
			route := c.Path
			if len(args) > 0 {
				if lit := stringLiteral(args[0]); lit != "" {
					route += "('" + lit + "')"
				}
			}
			b.markArgHandlers(ci, "route handler", route)
			b.markReferencedHandlers(*c, "route handler", "")
		case (c.Qualified == "http.createServer" || c.Qualified == "https.createServer" || c.Qualified == "http2.createServer" || c.Qualified == "http2.createSecureServer"):
			b.markArgHandlers(ci, "request handler", c.Qualified)
			b.markReferencedHandlers(*c, "request handler", "")
		case last == "on" && len(args) > 0 && serverEvents[stringLiteral(args[0])]:
			if c.Path == "process.on" {
				break
			}
			b.markArgHandlers(ci, "'"+stringLiteral(args[0])+"' handler", c.Path+"('"+stringLiteral(args[0])+"')")
		}
		switch {
		case last == "listen" || c.Path == "process.on" && len(args) > 0 && stringLiteral(args[0]) == "exit":
			b.forArgFuncs(ci, func(f *Func, _ int) { f.Startup = true })
		case iterationMethods[last]:
			b.forArgFuncs(ci, func(_ *Func, i int) { b.iterCB[i] = true })
		}
	}
	for i := range m.Funcs {
		f := &m.Funcs[i]
		if f.Handler != "" {
			continue
		}
		for _, d := range f.Decorators {
			if nestDecorator.MatchString(d) {
				f.Handler = "controller method"
			}
		}
		exported := precedingWord(m.File.Src, f.Span.Start)
		switch {
		case f.Handler != "":
		case nextAPI && exported == "default" && f.Parent == None:
			f.Handler = "API route"
		case nextRoute && exported == "export" && nextRouteExports[f.Name]:
			f.Handler = "route handler"
		case handlerShaped(f.Params):
			f.Handler = "handler"
		}
	}
}

// isRouteReceiver accepts `app.get`, `router.post`, `fastify.route`,
// `router.route('/x').get` — the receivers SPEC §2 lists.
func isRouteReceiver(path string) bool {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return false
	}
	recv := path[:i]
	if strings.HasSuffix(recv, ".route()") {
		return true
	}
	recv = recv[strings.LastIndexByte(recv, '.')+1:]
	return routeReceiver.MatchString(strings.TrimSuffix(recv, "()"))
}

// markArgHandlers marks functions written inside call ci's arguments.
func (b *builder) markArgHandlers(ci int, why, route string) {
	b.forArgFuncs(ci, func(f *Func, _ int) {
		f.Handler = why
		if f.Name == "" {
			f.Route = route
		}
	})
}

// forArgFuncs visits the outermost functions inside a call's arguments.
func (b *builder) forArgFuncs(ci int, visit func(*Func, int)) {
	c := b.m.Calls[ci]
	if c.Args.IsZero() {
		return
	}
	callItem := b.callItem[ci]
	// Items are sorted by start, so the call's descendants follow it.
	for j := callItem + 1; j < len(b.items) && b.items[j].span.Start < c.Span.End; j++ {
		it := b.items[j]
		if it.kind != kFunction || !c.Args.Contains(it.span) {
			continue
		}
		// Outermost: no function between it and the call.
		p := it.parent
		for p != None && p != callItem && b.items[p].kind != kFunction {
			p = b.items[p].parent
		}
		if p == callItem {
			visit(&b.m.Funcs[it.index], it.index)
		}
	}
}

// markReferencedHandlers marks same-file functions passed by name to a
// registration call: `app.get('/u', getUser)`, `router.add_get('/', index)`.
func (b *builder) markReferencedHandlers(c Call, why, route string) {
	m := b.m
	for _, a := range Args(m.Text(c.Args)) {
		if chain := parseChain(a); len(chain) == 1 && !chain[0].call {
			for i := range m.Funcs {
				if m.Funcs[i].Name == chain[0].name && m.Funcs[i].Handler == "" && m.Funcs[i].Kind != Method {
					m.Funcs[i].Handler = why
				}
			}
		}
	}
}

// handlerShaped recognises request handlers defined away from where they
// are registered by their parameters (SPEC §2).
func handlerShaped(ps []Param) bool {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
		if handlerTypes.MatchString(p.Type) {
			return true
		}
	}
	switch strings.Join(names, ",") {
	case "req,res", "req,res,next", "err,req,res,next", "error,req,res,next",
		"request,reply", "req,reply", "request,response", "request,response,next", "ctx,next":
		return true
	}
	return false
}

func lastSegment(path string) string {
	s := path[strings.LastIndexByte(path, '.')+1:]
	return strings.TrimSuffix(s, "()")
}

// precedingWord returns the identifier just before offset, skipping `async`
// and `function` so that `export default async function` yields "default".
func precedingWord(src []byte, offset uint32) string {
	i := int(offset)
	for {
		for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
			i--
		}
		j := i
		for j > 0 && isIdentByte(src[j-1]) {
			j--
		}
		w := string(src[j:i])
		if w != "async" && w != "function" {
			return w
		}
		i = j
	}
}
