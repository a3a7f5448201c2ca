package cpu

import (
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// loopWorkerFix (JavaScript RT201, unsafe) extracts a heavy loop into a
// worker module: the variables the loop reads go in as workerData, the ones
// it assigns come back and are written back, and same-file functions it
// calls go along:
//
//	let acc = 0;                           let acc = 0;
//	for (let i = 0; i < 1e7; i++) {   →    ({ acc } = await runInWorker(<file>, { acc }));
//	  acc += i % 7;
//	}
//
// It is offered only for loops it can read with confidence: no closures,
// template strings, `this`, return/await/yield, labels or object literals,
// and every outside name a local or module variable (not an import).
func loopWorkerFix(m *semantic.Model, li int) []analyzers.Fix {
	l := m.Loops[li]
	if m.Lang() != source.JavaScript || l.Func == semantic.None {
		return nil
	}
	host := m.Funcs[l.Func]
	if host.Kind == semantic.Method && !host.Async || !fixes.SyntaxClean(m, host.Span) {
		return nil
	}
	text := m.Text(l.Span)
	if loopUnsafe.MatchString(text) || strings.ContainsAny(text, "`") || !fixes.SyntaxClean(m, l.Span) {
		return nil
	}
	code := stripComments(semantic.StripStrings(text))
	declared := map[string]bool{}
	for _, sm := range declaration.FindAllStringSubmatch(code, -1) {
		declared[sm[1]] = true
	}
	var inputs []string
	seen := map[string]bool{}
	var callees []int
	for _, loc := range identifier.FindAllStringIndex(code, -1) {
		name := code[loc[0]:loc[1]]
		if loc[0] > 0 && code[loc[0]-1] == '.' || declared[name] || seen[name] || jsWords[name] || jsGlobals[name] {
			continue
		}
		seen[name] = true
		if strings.HasPrefix(strings.TrimLeft(code[loc[1]:], " \t\n"), "(") {
			if fi := m.FuncNamed(name, l.Func); fi != semantic.None && m.Funcs[fi].Parent == semantic.None {
				callees = append(callees, fi)
				continue
			}
			return nil // a call the worker cannot make
		}
		if q, bound := m.Bound(name, l.Func); !bound || q != "" {
			return nil // an import or an unknown global: not data to copy
		}
		inputs = append(inputs, name)
	}
	var outputs []string
	for _, in := range inputs {
		if mutatedThroughMembers(code, in) {
			return nil // a change the copy in the worker would not bring back
		}
		if assigned(code, in) {
			outputs = append(outputs, in)
		}
	}
	sort.Strings(inputs)
	sort.Strings(outputs)

	line := m.File.Lines.Position(int(l.Span.Start)).Line
	base := strings.TrimSuffix(filepath.Base(m.File.Path), filepath.Ext(m.File.Path))
	fn := host.Name
	if fn == "" {
		fn = "handler"
	}
	if !safeName(fn) {
		return nil // a string-named method: no file name from that
	}
	worker := base + "." + fn + "-loop" + strconv.Itoa(line) + ".worker.cjs"

	var body []string
	seenFn := map[int]bool{}
	for _, c := range callees {
		for _, fi := range closure(m, c) {
			if !seenFn[fi] {
				seenFn[fi] = true
				if !fixes.SyntaxClean(m, m.Funcs[fi].Span) {
					return nil // broken code is not moved into a worker
				}
				body = append(body, m.Text(m.Funcs[fi].Span))
			}
		}
	}
	var b strings.Builder
	b.WriteString("'use strict';\n// Written by rtlint's worker_threads fix: runs the loop of " + fn + "() (line " + strconv.Itoa(line) + ") off the event loop.\n")
	b.WriteString("const { parentPort, workerData } = require('" + fixes.NodeBuiltin(m, "worker_threads") + "');\n\n")
	for _, f := range body {
		b.WriteString(f + "\n\n")
	}
	if len(inputs) > 0 {
		b.WriteString("let { " + strings.Join(inputs, ", ") + " } = workerData;\n")
	}
	b.WriteString(dedent(text, m.File.Lines.Position(int(l.Span.Start)).Column-1) + "\n")
	b.WriteString("parentPort.postMessage({ " + strings.Join(outputs, ", ") + " });\n")

	edits, ok := fixes.AddImport(m, fixes.Import{Module: "node:worker_threads", Name: "Worker"})
	if !ok {
		return nil
	}
	helper, ok := workerHelper(m, false)
	if !ok {
		return nil
	}
	edits = append(edits, helper...)
	path := "require('" + fixes.NodeBuiltin(m, "path") + "').join(__dirname, '" + worker + "')"
	if m.ModuleStyle() == "esm" {
		path = "new URL('./" + worker + "', import.meta.url)"
	}
	call := "await runInWorker(" + path + ", { " + strings.Join(inputs, ", ") + " });"
	if len(outputs) > 0 {
		call = "({ " + strings.Join(outputs, ", ") + " } = " + strings.TrimSuffix(call, ";") + ");"
	}
	edits = append(edits, fixes.Replace(l.Span, call), analyzers.Edit{Path: worker, Create: true, NewText: b.String()})
	if !host.Async {
		edits = append(edits, fixes.Insert(int(host.Span.Start), "async "))
	}
	return fixes.New("Move the loop to a worker thread ("+worker+")", analyzers.Unsafe, edits...)
}

var (
	loopUnsafe  = lazyre.New(`=>|\bfunction\b|\bthis\b|\breturn\b|\bawait\b|\byield\b|\bclass\b|^\s*\w+\s*:|\n\s*\w+\s*:\s*(for|while|do)\b|[{,]\s*[\w$]+\s*:|\barguments\b|\beval\b`)
	declaration = lazyre.New(`\b(?:let|const|var)\s+([A-Za-z_$][\w$]*)`)
	identifier  = lazyre.New(`[A-Za-z_$][\w$]*`)
	jsWords     = set("for", "while", "do", "if", "else", "let", "const", "var", "break", "continue", "true", "false",
		"null", "undefined", "new", "typeof", "instanceof", "in", "of", "switch", "case", "default", "void", "delete",
		"NaN", "Infinity", "try", "catch", "finally", "throw")
	jsGlobals = set("Math", "Number", "String", "Array", "Object", "JSON", "BigInt", "parseInt", "parseFloat", "isNaN",
		"isFinite", "Date", "Set", "Map", "console", "Boolean", "Error", "Symbol", "Uint8Array", "Int32Array", "Float64Array")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// assigned reports whether code assigns a variable.
func assigned(code, name string) bool {
	q := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(^|[^\w$.])` + q + `\s*(=[^=]|\+=|-=|\*=|/=|%=|\*\*=|\|=|&=|\^=|<<=|>>=|\+\+|--)|(\+\+|--)\s*` + q + `\b`)
	return re.MatchString(code)
}

// mutatedThroughMembers reports whether code may change a variable's
// object rather than the variable: `a.x = 1`, `a[i] += 2`, `a.push(x)`.
func mutatedThroughMembers(code, name string) bool {
	q := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(^|[^\w$.])` + q + `((\.[\w$]+)|(\[[^\]]*\]))+\s*(=[^=]|\+=|-=|\*=|/=|%=|\+\+|--|\()`)
	return re.MatchString(code)
}

var jsComment = lazyre.New(`//[^\n]*|/\*[\s\S]*?\*/`)

// stripComments blanks comments (after strings are blanked, so a `//` in a
// string is gone already).
func stripComments(s string) string {
	return jsComment.ReplaceAllStringFunc(s, func(c string) string { return strings.Repeat(" ", len(c)) })
}

// dedent removes up to n columns of indentation from every line after the
// first (the first line starts at the loop itself).
func dedent(text string, n int) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		cut := 0
		for cut < n && cut < len(lines[i]) && (lines[i][cut] == ' ' || lines[i][cut] == '\t') {
			cut++
		}
		lines[i] = lines[i][cut:]
	}
	return strings.Join(lines, "\n")
}
