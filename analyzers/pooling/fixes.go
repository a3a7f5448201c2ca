package pooling

import (
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// sessionFix (RT401, unsafe): `requests.get(url)` in hot code →
// `session.get(url)` on a module-level `session = requests.Session()`
// (an existing one is reused). Unsafe: a shared session shares cookies
// and default headers between requests.
func sessionFix(module, ctor, base string) func(*semantic.Model, *semantic.Call) []analyzers.Fix {
	return func(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
		imp, ok := fixes.AddImport(m, fixes.Import{Module: module})
		if !ok {
			return nil
		}
		def, name := fixes.ModuleValue(m, base, module+"."+ctor+"()", -1,
			func(name string) string { return name + " = " + module + "." + ctor + "()" })
		verb := c.Qualified[strings.LastIndexByte(c.Qualified, '.')+1:]
		edits := append(append(imp, def...), fixes.Replace(c.Callee, name+"."+verb))
		return fixes.New("Reuse a module-level "+module+"."+ctor+"()", analyzers.Unsafe, edits...)
	}
}

// hoistFix (RT401 clients, RT402, RT403; unsafe) moves a client, pool or
// engine constructed in hot code to a module-level definition placed just
// before the top-level statement that uses it, and uses that instead:
//
//	new Client(cfg)             → pool (const pool = new Pool(cfg);)
//	mysql.createConnection(cfg) → pool (const pool = mysql.createPool(cfg);)
//	create_engine(url)          → engine (engine = create_engine(url))
//
// It is offered only when the arguments use no local names, the call is
// not awaited in Python (no module-level await) and not a `with` item
// (which would close the shared object after one use). Unsafe: the object
// now lives for the whole process and is shared by every request.
func hoistFix(base string, replace map[string]string) func(*semantic.Model, *semantic.Call) []analyzers.Fix {
	return func(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
		py := m.Lang() == source.Python
		if py && (c.Awaited || fixes.WithItem(m, c)) || !hoistable(m, c) {
			return nil
		}
		var edits []analyzers.Edit
		callee := m.Text(c.Callee)
		last := callee[strings.LastIndexByte(callee, '.')+1:]
		if to, ok := replace[last]; ok {
			if i := strings.LastIndexByte(callee, '.'); i >= 0 {
				callee = callee[:i+1] + to
			} else {
				module := c.Qualified[:strings.LastIndexByte(c.Qualified, '.')]
				imp, ok := fixes.AddImport(m, fixes.Import{Module: module, Name: to})
				if !ok {
					return nil
				}
				edits, callee = imp, to
			}
		}
		expr := callee + m.Text(c.Args)
		if c.New {
			expr = "new " + expr
		}
		at := hoistPoint(m, c)
		define := func(name string) string {
			if py {
				return name + " = " + expr + "\n\n"
			}
			return "const " + name + " = " + expr + ";\n\n"
		}
		// `client = make()` alone on its line: move the whole statement, so
		// the local name now refers to the module-level object.
		if a := m.AssignmentOf(c.Span); a != nil && a.Func == c.Func {
			if _, taken := m.Bound(a.Name, semantic.None); !taken {
				if del, ok := fixes.DeleteStatement(m, a.Span); ok {
					edits = append(edits, fixes.Insert(at, define(a.Name)), del)
					return fixes.New("Create it once at module level ("+a.Name+")", analyzers.Unsafe, edits...)
				}
			}
		}
		name := fixes.FreeName(m, base, c.Func)
		edits = append(edits, fixes.Insert(at, define(name)), fixes.Replace(c.Span, name))
		return fixes.New("Create it once at module level ("+name+")", analyzers.Unsafe, edits...)
	}
}

// hoistPoint is the start of the top-level statement holding the call.
func hoistPoint(m *semantic.Model, c *semantic.Call) int {
	if c.Func != semantic.None {
		return m.TopLevelStart(c.Func)
	}
	l := c.Loop
	for l != semantic.None && m.Loops[l].Parent != semantic.None {
		l = m.Loops[l].Parent
	}
	if l == semantic.None {
		return m.File.Lines.LineStart(m.File.Lines.Position(int(c.Span.Start)).Line)
	}
	return m.File.Lines.LineStart(m.File.Lines.Position(int(m.Loops[l].Span.Start)).Line)
}

var identifier = lazyre.New(`[A-Za-z_$][\w$]*`)

// hoistable reports whether a call's arguments use only names visible at
// module level (literals, imports, module constants, globals).
func hoistable(m *semantic.Model, c *semantic.Call) bool {
	text := semantic.StripStrings(m.Text(c.Args))
	for _, loc := range identifier.FindAllStringIndex(text, -1) {
		name := text[loc[0]:loc[1]]
		if loc[0] > 0 && text[loc[0]-1] == '.' {
			continue // a member, not a variable
		}
		rest := strings.TrimLeft(text[loc[1]:], " \t\n")
		if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") {
			continue // an object key or a keyword argument
		}
		inner, innerBound := m.Bound(name, c.Func)
		outer, outerBound := m.Bound(name, semantic.None)
		if innerBound && (!outerBound || inner != outer) {
			return false
		}
	}
	return true
}
