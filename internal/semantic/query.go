package semantic

import (
	"fmt"
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/queries"
)

// kind is the construct a capture belongs to (the part before the dot).
type kind uint8

const (
	kNone kind = iota
	kFunction
	kClass
	kDecorator
	kCall
	kImport
	kBinding
	kLoop
)

// field is the part of a construct a capture holds (the part after the dot).
type field uint8

const (
	fMain field = iota
	fName
	fParams
	fBases
	fCallee
	fArgs
	fValue
	fHeader
	fTarget
)

// variant refines a construct captured by a main capture with a suffix:
// `@function.lambda`, `@call.new`.
type variant uint8

const (
	vPlain variant = iota
	vLambda
	vArrow
	vExpression
	vMethod
	vNew
)

type captureInfo struct {
	kind    kind
	field   field
	variant variant
}

var kindNames = map[string]kind{
	"function": kFunction, "class": kClass, "decorator": kDecorator, "call": kCall,
	"import": kImport, "binding": kBinding, "loop": kLoop,
}

var fieldNames = map[string]field{
	"name": fName, "params": fParams, "bases": fBases, "callee": fCallee,
	"args": fArgs, "value": fValue, "header": fHeader, "target": fTarget,
}

var variantNames = map[string]variant{
	"lambda": vLambda, "arrow": vArrow, "expression": vExpression, "method": vMethod, "new": vNew,
}

// compiled is a language's combined query and its capture table.
type compiled struct {
	query    *sitter.Query
	captures []captureInfo
}

var (
	compileOnce [8]sync.Once
	compiledQ   [8]*compiled
	compileErr  [8]error
	cursors     sync.Pool
)

// queryFor compiles the combined query of a language once per process.
func queryFor(lang source.Language) (*compiled, error) {
	compileOnce[lang].Do(func() {
		compiledQ[lang], compileErr[lang] = compile(lang)
	})
	return compiledQ[lang], compileErr[lang]
}

func compile(lang source.Language) (*compiled, error) {
	text, err := queries.Source(lang.String())
	if err != nil {
		return nil, err
	}
	q, err := sitter.NewQuery([]byte(text), lang.Grammar())
	if err != nil {
		return nil, fmt.Errorf("compile %s query: %w", lang, err)
	}
	c := &compiled{query: q}
	for i := uint32(0); i < q.CaptureCount(); i++ {
		name := q.CaptureNameForId(i)
		info, err := parseCaptureName(name)
		if err != nil {
			return nil, fmt.Errorf("%s query: %w", lang, err)
		}
		c.captures = append(c.captures, info)
	}
	return c, nil
}

func parseCaptureName(name string) (captureInfo, error) {
	if strings.HasPrefix(name, "_") {
		return captureInfo{kind: kNone}, nil
	}
	head, tail, dotted := strings.Cut(name, ".")
	k, ok := kindNames[head]
	if !ok {
		return captureInfo{}, fmt.Errorf("capture @%s: unknown construct %q", name, head)
	}
	if !dotted {
		return captureInfo{kind: k}, nil
	}
	if v, ok := variantNames[tail]; ok {
		return captureInfo{kind: k, variant: v}, nil
	}
	f, ok := fieldNames[tail]
	if !ok {
		return captureInfo{}, fmt.Errorf("capture @%s: unknown part %q", name, tail)
	}
	return captureInfo{kind: k, field: f}, nil
}

// CheckQueries compiles every language's query; tests and `Validate` call it.
func CheckQueries() error {
	for _, l := range source.Languages {
		if _, err := queryFor(l); err != nil {
			return err
		}
	}
	return nil
}

// match is one query match reduced to spans.
type match struct {
	kind    kind
	variant variant
	main    Span
	parts   [fTarget + 1]Span
}

// runQuery runs the combined query over the tree once and hands each match
// to visit. Only byte offsets cross the cgo boundary.
func runQuery(f *source.File, visit func(*match)) error {
	c, err := queryFor(f.Language)
	if err != nil {
		return err
	}
	qc, _ := cursors.Get().(*sitter.QueryCursor)
	if qc == nil {
		qc = sitter.NewQueryCursor()
	}
	defer cursors.Put(qc)
	qc.Exec(c.query, f.Tree.RootNode())
	var m match
	for {
		qm, ok := qc.NextMatch()
		if !ok {
			break
		}
		m = match{}
		for _, cap := range qm.Captures {
			info := c.captures[cap.Index]
			if info.kind == kNone {
				continue
			}
			span := Span{cap.Node.StartByte(), cap.Node.EndByte()}
			m.kind = info.kind
			if info.field == fMain {
				m.main = span
				m.variant = info.variant
			} else {
				m.parts[info.field] = span
			}
		}
		if m.kind != kNone {
			visit(&m)
		}
	}
	return nil
}
