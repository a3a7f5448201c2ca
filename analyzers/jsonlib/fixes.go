package jsonlib

import (
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/fixes"
	"github.com/rtlint/rtlint/internal/semantic"
)

// orjsonOptions maps json.dumps keywords to orjson options; "" drops the
// keyword (orjson already behaves that way).
var orjsonOptions = map[string]string{
	"indent=2":           "orjson.OPT_INDENT_2",
	"sort_keys=True":     "orjson.OPT_SORT_KEYS",
	"sort_keys=False":    "",
	"ensure_ascii=False": "",
}

// orjsonFix (RT301, unsafe): `json.dumps(x, indent=2, sort_keys=True)` →
// `orjson.dumps(x, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()`,
// `json.loads(s)` → `orjson.loads(s)`. `default=` is kept; arguments orjson
// cannot express get no fix. Unused `import json` goes with the last use.
func orjsonFix(m *semantic.Model, c *semantic.Call) []analyzers.Fix {
	mod, fn, _ := strings.Cut(c.Qualified, ".")
	if mod != "json" || (fn != "dumps" && fn != "loads") {
		return nil
	}
	// A project that declares its dependencies but not orjson would fail
	// to import it: advise, don't fix.
	if pr := m.Project(); pr != nil && len(pr.Packages) > 0 && !pr.Package("orjson").Known() {
		return nil
	}
	args := semantic.Args(m.Text(c.Args))
	if len(args) == 0 || strings.Contains(args[0], "=") || strings.HasPrefix(args[0], "*") {
		return nil
	}
	kept := []string{args[0]}
	var options []string
	for _, a := range args[1:] {
		norm := strings.Join(strings.Fields(a), "")
		switch opt, ok := orjsonOptions[norm]; {
		case fn == "dumps" && strings.HasPrefix(norm, "default="):
			kept = append(kept, a)
		case fn == "dumps" && ok && opt != "":
			options = append(options, opt)
		case fn == "dumps" && ok:
		case fn == "dumps" && matchSeparators(a):
		default:
			return nil // an argument orjson cannot express
		}
	}
	if len(options) > 0 {
		kept = append(kept, "option="+strings.Join(options, " | "))
	}
	imp, ok := fixes.AddImport(m, fixes.Import{Module: "orjson"})
	if !ok {
		return nil
	}
	call := "orjson." + fn + "(" + strings.Join(kept, ", ") + ")"
	if fn == "dumps" {
		call += ".decode()" // orjson.dumps returns bytes; json.dumps returned str
	}
	return fixes.New("Use orjson."+fn+"()", analyzers.Unsafe, append(imp, fixes.Replace(c.Span, call))...)
}

// matchSeparators accepts the compact separators orjson always uses.
func matchSeparators(a string) bool {
	norm := strings.Join(strings.Fields(a), "")
	return norm == `separators=(",",":")` || norm == `separators=(',',':')`
}
