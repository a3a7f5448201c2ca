package project

import (
	"hash/fnv"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Summary is all another file needs to know of one file for reach (SPEC §2):
// its functions, the project calls they make, what they block on, its
// classes and exports. It holds no tree and no source, so a project's
// summaries stay small; it is computed once per file content.
type Summary struct {
	// Path names the file as the shell does (relative stays relative): it
	// is how other files' findings point here.
	Path string
	Lang source.Language
	// Hash is the content hash of the source it was computed from.
	Hash    uint64
	Funcs   []Func // Funcs[0] is the module's top level (Key "")
	Classes []Class
	// Aliases are names importable from this file that stand for another
	// symbol: Python module-level imports, JS exports under another name.
	Aliases map[string]semantic.Target
	// Star lists modules re-exported wholesale (`export * from './x'`).
	Star []string
	// Routers are the module-level names bound to a router (`auth =
	// Blueprint(...)`); RouterImports the imported objects whose route
	// decorators this file uses without knowing what they are. The index
	// matches the two (SPEC §2 "handler context").
	Routers       []string
	RouterImports []semantic.Target

	keys    map[string]int // function key → Funcs index, built on first use
	classes map[string]int // class key → Classes index
}

// Func is one function (or the module top level, Key "").
type Func struct {
	Key  string // semantic.Model.FuncKey
	Name string // for paths: "retrieve_session_token()", "Store.put()"
	Desc string // for entries: "async def async_setup_entry()"
	// Handler, for a request handler, describes it by that role ("route
	// handler get_user()"): what makes it an entry for RT4xx.
	Handler string
	Line    int
	// Async: an async function (Python async def, JS async).
	Async bool
	// Memoized: it caches its result, so what it does runs once.
	Memoized bool
	// RunsOnce: it runs at startup or as a command, not per request
	// (a lifespan, a startup hook, asyncio.run's main, a CLI command).
	RunsOnce bool
	Sites    []Site
	// Blocks are the blocking calls its own body makes, whatever its
	// context (RT1xx catalog hits, the user's extra-calls included).
	Blocks []Block
}

// Site is a call of a project symbol (or a reference to one that the event
// loop will call).
type Site struct {
	Target semantic.Target
	// Byte offsets of the call in this file, and its line and column
	// (int32: a project keeps one Site per call it summarises).
	Start, End int32
	Line, Col  int32
	// Context is the call's context in its file (async, handler, hot,
	// callback).
	Context semantic.Context
	// Callback, when set, says the target is not called here but handed to
	// the event loop, which runs it: "loop.call_soon() callback".
	Callback string
	// Text is the call as written, for messages: "parse_config()".
	Text string
	// Fixable: a fix can move this call off the event loop (Python: `await
	// asyncio.to_thread(f, args)`). The fix itself is made when a finding
	// needs it (Index.SiteFix): made for every site, fixes were a sixth of
	// a language server's memory, and few are ever shown.
	Fixable bool
}

// Block is one blocking call in a function's own body.
type Block struct {
	Rule       string
	Call       string // "open()"
	Line, Col  int32
	Start, End int32
}

// Class is a class and its bases, for method lookup (what its attributes
// hold matters only inside its own file, where the sites are resolved).
type Class struct {
	Key   string
	Bases []semantic.Target
}

// Options tune a summary to the file's configuration.
type Options struct {
	// Offload are the user's offload-calls: calls that run the function
	// written in their arguments elsewhere.
	Offload []string
	// SiteFix, when set, returns the fix that moves call ci off the loop
	// (to mark sites Fixable).
	SiteFix func(m *semantic.Model, ci int) *analyzers.Fix
	// Empty asks for a summary with nothing in it (reach is off).
	Empty bool
	// OffloadSpans, when not nil, are the model's OffloadSpans(Offload),
	// already computed.
	OffloadSpans []semantic.Span
}

// Hash returns the content hash summaries are keyed by.
func Hash(src []byte) uint64 {
	h := fnv.New64a()
	h.Write(src)
	return h.Sum64()
}

// Summarize computes a file's summary from its model.
func Summarize(m *semantic.Model, opts Options) *Summary {
	f := m.File
	s := &Summary{Path: f.Path, Lang: f.Language, Hash: Hash(f.Src)}
	s.Funcs = make([]Func, 1, len(m.Funcs)+1)
	s.Funcs[0] = Func{Name: "module top level", Desc: "module top level", Line: 1}
	if opts.Empty {
		return s
	}
	s.Aliases, s.Star = m.Exports()
	s.Routers, s.RouterImports = m.ModuleRouters(), m.RouterImports
	exported := map[string]string{} // "@120" → the name it is exported as
	for name, t := range s.Aliases {
		if t.Module == "" && strings.HasPrefix(t.Name, "@") && name != "" && name != "default" {
			exported[t.Name] = name
		}
	}
	index := make([]int, len(m.Funcs)) // model function → Summary.Funcs
	for i := range m.Funcs {
		fn := &m.Funcs[i]
		key := m.FuncKey(i)
		index[i] = len(s.Funcs)
		s.Funcs = append(s.Funcs, Func{
			Key: key, Name: funcName(m, i, exported[key]), Desc: entryDesc(m, i), Handler: handlerDesc(m, i),
			Line: f.Lines.Position(int(fn.Span.Start)).Line, Async: fn.Async, Memoized: m.Memoized(i),
			RunsOnce: m.RunsOnceWhy(i) != "",
		})
	}
	offload := opts.OffloadSpans
	if offload == nil {
		offload = m.OffloadSpans(opts.Offload)
	}
	// A function written inside an offload call's arguments, at any depth:
	// its own span lies in the call's (no need to walk up its parents).
	offloaded := func(fi int) bool {
		for _, sp := range offload {
			if !sp.IsZero() && sp.Contains(m.Funcs[fi].Span) {
				return true
			}
		}
		return false
	}
	owner := func(fi int) int { // Summary.Funcs index of the function a site belongs to
		rf := m.ReachFunc(fi)
		if rf == semantic.None {
			return 0
		}
		return index[rf]
	}
	var sites []ownedSite
	for ci := range m.Calls {
		c := &m.Calls[ci]
		if c.Func != semantic.None && offloaded(c.Func) {
			continue
		}
		t, ok := m.CallTarget(ci)
		if !ok {
			continue
		}
		pos := f.Lines.Position(int(c.Span.Start))
		site := Site{Target: t, Start: int32(c.Span.Start), End: int32(c.Span.End), Line: int32(pos.Line), Col: int32(pos.Column),
			Context: c.Context, Text: writtenCall(m, c)}
		if c.New {
			site.Text = "new " + site.Text
		}
		if opts.SiteFix != nil {
			site.Fixable = opts.SiteFix(m, ci) != nil
		}
		sites = append(sites, ownedSite{owner(c.Func), site})
	}
	for _, r := range m.CallbackRefs {
		c := &m.Calls[r.Call]
		if c.Func != semantic.None && offloaded(c.Func) {
			continue
		}
		t, ok := m.RefTarget(r.Ref, c.Func)
		if !ok {
			continue
		}
		pos := f.Lines.Position(int(c.Span.Start))
		sites = append(sites, ownedSite{owner(c.Func), Site{Target: t, Start: int32(c.Span.Start), End: int32(c.Span.End),
			Line: int32(pos.Line), Col: int32(pos.Column), Context: c.Context, Callback: r.Label, Text: r.Ref}})
	}
	s.placeSites(sites)
	for k := range m.Classes {
		if m.Classes[k].Name == "" {
			continue
		}
		s.Classes = append(s.Classes, Class{Key: m.ClassKey(k), Bases: m.ClassBases(k)})
	}
	return s
}

// AddBlock records a blocking call made in model function fi's own body.
func (s *Summary) AddBlock(m *semantic.Model, fi int, rule string, c *semantic.Call) {
	i := 0
	if rf := m.ReachFunc(fi); rf != semantic.None {
		i = s.funcIndex(m.FuncKey(rf))
	}
	if i < 0 {
		return
	}
	pos := m.File.Lines.Position(int(c.Span.Start))
	s.Funcs[i].Blocks = append(s.Funcs[i].Blocks, Block{Rule: rule, Call: m.CallName(c), Line: int32(pos.Line), Col: int32(pos.Column),
		Start: int32(c.Span.Start), End: int32(c.Span.End)})
}

func (s *Summary) funcIndex(key string) int {
	if s.keys == nil {
		s.keys = make(map[string]int, len(s.Funcs))
		for i := range s.Funcs {
			s.keys[s.Funcs[i].Key] = i
		}
	}
	if i, ok := s.keys[key]; ok {
		return i
	}
	return -1
}

// ownedSite is a site and the Summary.Funcs index of its function.
type ownedSite struct {
	fi   int
	site Site
}

// placeSites hands each function its sites in source order (callbacks
// were gathered last), all in one array of the exact size: summaries stay
// for the whole run or session, and append's spare capacity was a third
// of their memory.
func (s *Summary) placeSites(sites []ownedSite) {
	sort.SliceStable(sites, func(a, b int) bool {
		if sites[a].fi != sites[b].fi {
			return sites[a].fi < sites[b].fi
		}
		return sites[a].site.Start < sites[b].site.Start
	})
	all := make([]Site, len(sites))
	for i := range sites {
		all[i] = sites[i].site
	}
	for i := 0; i < len(sites); {
		j := i
		for j < len(sites) && sites[j].fi == sites[i].fi {
			j++
		}
		s.Funcs[sites[i].fi].Sites = all[i:j:j]
		i = j
	}
}

// PlaceEdits records where a fix's edits fall in their file, for when the
// fix is shown with a finding in another file.
func PlaceEdits(fx *analyzers.Fix, lines *source.LineIndex) {
	edits := make([]analyzers.Edit, len(fx.Edits))
	for i, e := range fx.Edits {
		s, en := lines.Position(e.Start), lines.Position(e.End)
		l16, c16 := lines.UTF16(e.Start)
		el16, ec16 := lines.UTF16(e.End)
		e.At = &analyzers.Place{Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column,
			Line16: l16, Char16: c16, EndLine16: el16, EndChar16: ec16}
		edits[i] = e
	}
	fx.Edits = edits
}

// writtenCall is a call as written, arguments elided: "self.store.put()".
func writtenCall(m *semantic.Model, c *semantic.Call) string {
	if c.Path != "" {
		return c.Path + "()"
	}
	return m.Text(c.Callee) + "()"
}

// sameShape reports whether two summaries of a file give the same call
// graph: the same functions and sites in order (targets, contexts,
// callbacks), classes and exports. Positions and blocks may differ.
func sameShape(a, b *Summary) bool {
	if a.Lang != b.Lang || len(a.Funcs) != len(b.Funcs) || len(a.Classes) != len(b.Classes) ||
		len(a.Aliases) != len(b.Aliases) || !slices.Equal(a.Star, b.Star) ||
		!slices.Equal(a.Routers, b.Routers) || !slices.Equal(a.RouterImports, b.RouterImports) {
		return false
	}
	for i := range a.Funcs {
		fa, fb := &a.Funcs[i], &b.Funcs[i]
		if fa.Key != fb.Key || fa.Async != fb.Async || fa.Memoized != fb.Memoized || fa.RunsOnce != fb.RunsOnce || len(fa.Sites) != len(fb.Sites) {
			return false
		}
		for j := range fa.Sites {
			sa, sb := &fa.Sites[j], &fb.Sites[j]
			if sa.Target != sb.Target || sa.Context != sb.Context || sa.Callback != sb.Callback {
				return false
			}
		}
	}
	for i := range a.Classes {
		ca, cb := &a.Classes[i], &b.Classes[i]
		if ca.Key != cb.Key || !slices.Equal(ca.Bases, cb.Bases) {
			return false
		}
	}
	return maps.Equal(a.Aliases, b.Aliases)
}

// funcName names a function on a reach path: "load()", "Store.put()",
// "new DataManager()" for a JS constructor, or the name an anonymous
// function is exported under.
func funcName(m *semantic.Model, fi int, exportedAs string) string {
	fn := &m.Funcs[fi]
	switch {
	case fn.Name == "" && exportedAs != "":
		return exportedAs + "()"
	case fn.Name == "":
		return m.DescribeFunc(fi)
	case fn.Class != semantic.None && fn.Name == "constructor" && m.Lang().IsECMA():
		return "new " + m.Classes[fn.Class].Name + "()"
	case fn.Class != semantic.None:
		return m.Classes[fn.Class].Name + "." + fn.Name + "()"
	}
	return fn.Name + "()"
}

// entryDesc describes a function as an entry point: itself, or for a JS
// function nested in an async function or handler, the enclosing function
// its context comes from.
func entryDesc(m *semantic.Model, fi int) string {
	fn := &m.Funcs[fi]
	if fn.Owner != semantic.None && fn.Owner != fi && fn.Handler == "" && fn.Callback == "" && !fn.Async {
		fi = fn.Owner
	}
	return m.DescribeFunc(fi)
}

// handlerDesc describes the request handler a function is or runs in
// ("route handler get_user()"), or "".
func handlerDesc(m *semantic.Model, fi int) string {
	if h := m.HandlerOf(fi); h != semantic.None {
		return m.DescribeHandler(h)
	}
	return ""
}
