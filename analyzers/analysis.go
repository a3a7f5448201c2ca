// Package analyzers defines the analyzer API, modelled on
// golang.org/x/tools/go/analysis: an Analyzer declares what it is and how
// to run; a Pass hands it one parsed file with its semantic model; it
// reports Diagnostics, which may carry Fixes.
package analyzers

import (
	"fmt"
	"strings"

	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// Severity is a diagnostic level; higher is more severe.
type Severity uint8

const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = map[Severity]string{Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string { return severityNames[s] }

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	for k, v := range severityNames {
		if v == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Analyzer describes one rule.
type Analyzer struct {
	Code      string // stable rule code, e.g. "RT101"
	Name      string // kebab-case slug, e.g. "blocking-sleep"
	Severity  Severity
	Languages []source.Language
	Doc       *Doc
	// Options lists the rule options the analyzer reads, with defaults.
	Options map[string]any
	// Fixable says whether some of its diagnostics carry fixes.
	Fixable bool
	// APIList marks rules that match a list of APIs (RT1xx, RT4xx): they
	// take the extra-calls and allow-calls options (SPEC §5).
	APIList bool
	Run     func(*Pass)
}

// Doc is a rule's documentation, in ruff's headings.
type Doc struct {
	Title      string // one line
	WhatItDoes string
	WhySlow    string
	Example    string // code that is flagged
	UseInstead string // code that is not
	FixSafety  string // empty when the rule has no fix
}

// Markdown renders the documentation (for `rtlint rule`, hover and docs/).
func (a *Analyzer) Markdown() string {
	d := a.Doc
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s (%s)\n\n%s\n\n", a.Code, a.Name, a.Severity, d.Title)
	section := func(title, body string) {
		if body != "" {
			fmt.Fprintf(&b, "## %s\n\n%s\n\n", title, strings.TrimSpace(body))
		}
	}
	section("What it does", d.WhatItDoes)
	section("Why is it slow?", d.WhySlow)
	section("Example", d.Example)
	section("Use instead", d.UseInstead)
	section("Fix safety", d.FixSafety)
	section("Calls made in helpers", a.reachDoc())
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// reachDoc documents reach (SPEC §2) for the rules that follow calls.
func (a *Analyzer) reachDoc() string {
	if !a.APIList {
		return ""
	}
	where, fix := "code that runs on the event loop (an async function, a JS/TS request handler, an event-loop callback such as a timer, a listener, a `.then()` callback, Home Assistant's `@callback` or a `loop.call_soon()` target)", " In Python, when the entry is an `async def` that calls the helper, the finding offers an unsafe fix at that call: `await asyncio.to_thread(helper, args...)`."
	if strings.HasPrefix(a.Code, "RT4") {
		where, fix = "code that runs per request or per iteration (a request handler or a loop body)", " A helper that keeps what it creates (`self.client = ...` outside a constructor, a `global`, `pool ??= new Pool()`) creates it once and is not reported."
	}
	return "The call is also reported inside a sync function, method or constructor, in this file or another file of the project, when " + where +
		" calls it, directly or through other project functions (at most `max-depth` calls, default 6). The finding sits on the call itself; its message names the nearest entry and the path, and each hop is related information (JSON `related`, SARIF `relatedLocations`, LSP `relatedInformation`)." + fix +
		"\n\nNot followed: helpers called only from sync code or at module top level (startup), functions passed by reference or through an offload point (`asyncio.to_thread`, `loop.run_in_executor`, `executor.submit`, `threading.Thread(target=)`, the `offload-calls` setting), cached functions (`@lru_cache`), and calls rtlint cannot resolve with confidence. `transitive = false` (top level, or under `[rules." + a.Code + "]`) turns this off."
}

// AppliesTo reports whether the analyzer runs on a language.
func (a *Analyzer) AppliesTo(l source.Language) bool {
	for _, x := range a.Languages {
		if x == l {
			return true
		}
	}
	return false
}

// Applicability says whether a fix keeps behaviour (SPEC §4).
type Applicability uint8

const (
	Safe Applicability = iota + 1
	Unsafe
)

func (a Applicability) String() string {
	if a == Safe {
		return "safe"
	}
	return "unsafe"
}

// CallSpec is a user-listed API: a qualified name or glob, and optionally
// the replacement to suggest.
type CallSpec struct {
	Pattern string
	Use     string
}

// Fix is one way to resolve a diagnostic: a message and text edits,
// possibly in other files (a new worker module).
type Fix struct {
	Message       string
	Applicability Applicability
	Edits         []Edit
}

// Edit replaces bytes [Start, End) of a file with NewText. Path "" is the
// file being analysed; another path names a file relative to it.
type Edit struct {
	Path       string
	Start, End int
	NewText    string
	// Create marks an edit that creates Path (Start = End = 0).
	Create bool
	// At places an edit of another existing file (reach's call-site fix),
	// whose text the consumer of the fix may not have read.
	At *Place
}

// Place is an edit's range in its own file: 1-based lines and code-point
// columns (CLI formats), 0-based lines and UTF-16 characters (LSP).
type Place struct {
	Line, Column, EndLine, EndColumn     int
	Line16, Char16, EndLine16, EndChar16 int
}

// Overlap reports whether two edits of one file conflict: their ranges
// intersect, or one inserts strictly inside the other's range. Identical
// edits and insertions at one place do not (they apply in order).
func Overlap(a, b Edit) bool {
	if a.Path != b.Path || a == b {
		return false
	}
	return a.Start < b.End && b.Start < a.End ||
		a.Start == a.End && b.Start < a.Start && a.Start < b.End ||
		b.Start == b.End && a.Start < b.Start && b.Start < a.End
}

// Diagnostic is one finding, in byte offsets of the analysed file.
type Diagnostic struct {
	Start, End int
	Code       string
	Message    string
	Severity   Severity
	Fixes      []Fix
	// Via ties an API-list finding to its call, for reach (SPEC §2).
	Via *Via
}

// ReachKind is the kind of entry point a finding needs.
type ReachKind uint8

const (
	// ReachLoop: the call blocks when it runs on the event loop (RT1xx).
	ReachLoop ReachKind = iota + 1
	// ReachHot: the call is costly when it runs per request or per
	// iteration (RT4xx).
	ReachHot
)

// Via says which call of which function a finding is about. A direct
// finding (the call itself is in the context its rule needs) also records
// what its function blocks on. Otherwise the finding is a candidate: the
// core reports it only when project reach shows that Func is called from
// an entry point of Kind, with Message = Head + ": " + the path + Tail.
type Via struct {
	Func, Call int // in the model
	Kind       ReachKind
	Direct     bool
	Head, Tail string
}

// Pass is one analyzer's view of one file.
type Pass struct {
	Analyzer *Analyzer
	File     *source.File
	Model    *semantic.Model
	// Option returns a rule option's configured value or its default.
	Option func(name string) any
	// ExtraCalls and AllowCalls are the user's additions to and exceptions
	// from an API-list rule's catalog (SPEC §5).
	ExtraCalls []CallSpec
	AllowCalls []string
	Report     func(Diagnostic)
}

// ReportVia reports a call that is costly only if reach finds its
// function called from an entry point (SPEC §2 "reach").
func (p *Pass) ReportVia(span semantic.Span, v *Via) {
	p.Report(Diagnostic{Start: int(span.Start), End: int(span.End), Code: p.Analyzer.Code, Severity: p.Analyzer.Severity, Via: v})
}

// Reportf reports a diagnostic over a span with the analyzer's code.
func (p *Pass) Reportf(span semantic.Span, fixes []Fix, format string, args ...any) {
	p.Report(Diagnostic{
		Start:    int(span.Start),
		End:      int(span.End),
		Code:     p.Analyzer.Code,
		Message:  fmt.Sprintf(format, args...),
		Severity: p.Analyzer.Severity,
		Fixes:    fixes,
	})
}

// BoolOption returns a boolean option (false when unset or mistyped).
func (p *Pass) BoolOption(name string) bool {
	v, _ := p.Option(name).(bool)
	return v
}

// Glob matches name against a pattern where `*` matches any run of
// characters (dots included) and everything else matches itself.
func Glob(pattern, name string) bool { return semantic.Glob(pattern, name) }

// Allowed reports whether the user's allow-calls exempt a call, named by
// its qualified name or as written.
func (p *Pass) Allowed(qualified, written string) bool {
	for _, pat := range p.AllowCalls {
		if qualified != "" && Glob(pat, qualified) || written != "" && Glob(pat, written) {
			return true
		}
	}
	return false
}

// ExtraCall returns the user's extra-calls entry matching a call, or nil.
func (p *Pass) ExtraCall(qualified, written string) *CallSpec {
	for i, spec := range p.ExtraCalls {
		if qualified != "" && Glob(spec.Pattern, qualified) || qualified == "" && written != "" && Glob(spec.Pattern, written) {
			return &p.ExtraCalls[i]
		}
	}
	return nil
}
