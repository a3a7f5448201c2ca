package semantic

import (
	"strings"

	"github.com/rtlint/rtlint/internal/source"
)

// Owner returns the function whose context a call runs in: the function
// that made it async or a handler (in JS/TS possibly an enclosing one), or
// None at module level.
func (m *Model) Owner(c *Call) int {
	if c.Func == None {
		return None
	}
	return m.Funcs[c.Func].Owner
}

// DescribeFunc names a function for messages: "async def fetch()",
// "async function loadUser()", "route handler for app.get('/users')".
func (m *Model) DescribeFunc(i int) string {
	if i == None {
		return "module top level"
	}
	f := m.Funcs[i]
	name := f.Name
	if f.Class != None && name != "" {
		name = m.Classes[f.Class].Name + "." + name
	}
	py := m.Lang() == source.Python
	var what string
	switch {
	case f.Async && py:
		what = "async def"
	case f.Async && name != "" && f.Kind == Method:
		what = "async method"
	case f.Async && name != "":
		what = "async function"
	case f.Handler != "":
		what = f.Handler
	case f.Callback != "":
		what = f.Callback
	case f.Async && f.Kind == Arrow:
		what = "async arrow function"
	case f.Async:
		what = "async function"
	case f.Kind == Lambda:
		what = "lambda"
	default:
		what = "function"
	}
	switch {
	case name != "":
		return what + " " + name + "()"
	case f.Route != "":
		return what + " for " + f.Route
	case startsWithVowel(what):
		return "an " + what
	}
	return "a " + what
}

// CallName is how messages name a call: as written, with the resolved name
// when an alias hides it ("nap() (time.sleep)").
func (m *Model) CallName(c *Call) string {
	written := c.Path
	if written == "" {
		written = m.Text(c.Callee)
	}
	// The qualified name when it says more than a module prefix to a
	// written chain: `client.get() (httpx.Client().get)`, `execSync()
	// (child_process.execSync)`, not `Path().iterdir() (pathlib.Path().iterdir)`.
	redundant := strings.Contains(written, ".") && strings.HasSuffix(c.Qualified, "."+written)
	if c.Qualified != "" && c.Qualified != written && !isBuiltin(c.Qualified, written) && !redundant {
		return written + "() (" + c.Qualified + ")"
	}
	return written + "()"
}

func isBuiltin(qualified, written string) bool { return qualified == "builtins."+written }

// ParamOf returns the parameter called name of the innermost function
// around scope that declares one, or nil.
func (m *Model) ParamOf(name string, scope int) *Param {
	for s := scope; s != None; s = m.Funcs[s].Parent {
		for i := range m.Funcs[s].Params {
			if m.Funcs[s].Params[i].Name == name {
				return &m.Funcs[s].Params[i]
			}
		}
	}
	return nil
}

// FirstLine trims a span to its first line, without a trailing comment,
// for constructs (loops, route registrations) whose whole range would
// cover a screenful of code.
func (m *Model) FirstLine(s Span) Span {
	end := s.End
	for i := s.Start; i < s.End; i++ {
		if m.File.Src[i] == '\n' {
			end = i
			break
		}
	}
	line := stripStrings(string(m.File.Src[s.Start:end]))
	marker := "//"
	if m.Lang() == source.Python {
		marker = "#"
	}
	if i := strings.Index(line, marker); i > 0 {
		end = s.Start + uint32(len(strings.TrimRight(line[:i], " \t")))
	}
	return Span{s.Start, end}
}

// DescribeHandler names a handler function by its role: "route handler
// get_user()", "route handler for app.get('/users')".
func (m *Model) DescribeHandler(i int) string {
	f := m.Funcs[i]
	if f.Handler == "" {
		return m.DescribeFunc(i)
	}
	name := f.Name
	if f.Class != None && name != "" {
		name = m.Classes[f.Class].Name + "." + name
	}
	switch {
	case name != "":
		return f.Handler + " " + name + "()"
	case f.Route != "":
		return f.Handler + " for " + f.Route
	}
	return "a " + f.Handler
}

// startsWithVowel reports whether a phrase's first letter (after quotes and
// dots: "'exit' listener", ".then() callback") is a vowel.
func startsWithVowel(s string) bool {
	s = strings.TrimLeft(s, "'\"`.@")
	return s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0]))
}

// CallAt returns the index of the call spanning exactly sp.
func (m *Model) CallAt(sp Span) (int, bool) {
	for ci := range m.Calls {
		if m.Calls[ci].Span == sp {
			return ci, true
		}
	}
	return 0, false
}
