package batch

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// The benchmarks compare the whole core (parse, semantic model, every
// analyzer) with tree-sitter parsing alone over the same generated corpus:
// about 6 MB of realistic Python, JavaScript and TypeScript, half Python,
// in files of 5–50 KB. Nothing here asserts timings; compare the MB/s.
//
//	go test ./internal/batch -run '^$' -bench . -benchtime 5x -count 3

const corpusSeed, corpusBytes = 20240601, 6 << 20

var benchCorpus = sync.OnceValue(func() []Input {
	files := corpus.Generate(corpusSeed, corpusBytes)
	inputs := make([]Input, len(files))
	for i, f := range files {
		inputs[i] = Input{Path: f.Path, Src: f.Src}
	}
	return inputs
})

func corpusSize(inputs []Input) int64 {
	var n int64
	for _, in := range inputs {
		n += int64(len(in.Src))
	}
	return n
}

// BenchmarkParseOnly is the floor: tree-sitter parsing every file on one
// goroutine, each tree closed as soon as it is made, nothing else.
func BenchmarkParseOnly(b *testing.B) { benchParse(b, benchCorpus()) }

func benchParse(b *testing.B, inputs []Input) {
	ctx := context.Background()
	b.SetBytes(corpusSize(inputs))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, in := range inputs {
			f, err := source.Parse(ctx, in.Path, source.LanguageOf(in.Path), in.Src)
			if err != nil {
				b.Fatalf("%s: %v", in.Path, err)
			}
			f.Tree.Close()
		}
	}
}

// Adversarial files (issue 14): 20,000 nested callbacks, and a module that
// re-imports one name in each of 20,000 functions. Name resolution must
// stay linear: compare each with its parse-only floor.
var (
	nestedCallbacks = func() []Input {
		var b strings.Builder
		b.WriteString("const fs = require('fs');\n")
		for range 20000 {
			b.WriteString("a(function () {\n")
		}
		b.WriteString("fs.readFileSync('x');\n")
		for range 20000 {
			b.WriteString("});\n")
		}
		return []Input{{Path: "nested.js", Src: []byte(b.String())}}
	}
	reimports = func() []Input {
		var b strings.Builder
		for i := range 20000 {
			fmt.Fprintf(&b, "from os import path\n\ndef f%d():\n    return path.join('a', 'b')\n\n", i)
		}
		return []Input{{Path: "reimport.py", Src: []byte(b.String())}}
	}
	// bigFile is one 5 MB module of ordinary code (routes, helpers,
	// classes, loops): time and memory must grow linearly with it.
	bigFile = func() []Input {
		var b strings.Builder
		b.WriteString("import json\nimport time\nimport requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n")
		for i := 0; b.Len() < 5<<20; i++ {
			fmt.Fprintf(&b, "class Store%d:\n    def __init__(self, db):\n        self.db = db\n\n    def get(self, k):\n        return self.db.get(k)\n\n", i)
			fmt.Fprintf(&b, "def helper%d(xs):\n    total = 0\n    for x in xs:\n        total += x * %d\n    return json.dumps({'t': total})\n\n", i, i)
			fmt.Fprintf(&b, "@router.get('/r%d')\nasync def route%d(q: str):\n    data = helper%d([1, 2, 3])\n    if q:\n        time.sleep(0.1)\n    return data\n\n", i, i, i)
		}
		return []Input{{Path: "big.py", Src: []byte(b.String())}}
	}
)

func BenchmarkNestedParseOnly(b *testing.B)   { benchParse(b, nestedCallbacks()) }
func BenchmarkNestedCheck(b *testing.B)       { benchCheckInputs(b, nestedCallbacks()) }
func BenchmarkReimportParseOnly(b *testing.B) { benchParse(b, reimports()) }
func BenchmarkReimportCheck(b *testing.B)     { benchCheckInputs(b, reimports()) }
func BenchmarkBigFileParseOnly(b *testing.B)  { benchParse(b, bigFile()) }
func BenchmarkBigFileCheck(b *testing.B)      { benchCheckInputs(b, bigFile()) }

func benchCheckInputs(b *testing.B, inputs []Input) {
	ctx := context.Background()
	b.SetBytes(corpusSize(inputs))
	b.ResetTimer()
	for range b.N {
		for _, o := range Run(ctx, inputs, 1, nil) {
			if o.Err != nil {
				b.Fatalf("%s: %v", o.Path, o.Err)
			}
		}
	}
}

func benchmarkCheck(b *testing.B, jobs int) { benchmarkCheckWith(b, jobs, nil) }

func benchmarkCheckWith(b *testing.B, jobs int, cfg *lint.Config) {
	// The collector setting `rtlint check` runs with (cmd/rtlint).
	defer debug.SetGCPercent(debug.SetGCPercent(CheckGCPercent))
	inputs := benchCorpus()
	ctx := context.Background()
	b.SetBytes(corpusSize(inputs))
	b.ReportAllocs()
	b.ResetTimer()
	findings := 0
	for range b.N {
		findings = 0
		for _, o := range Run(ctx, inputs, jobs, cfg) {
			if o.Err != nil {
				b.Fatalf("%s: %v", o.Path, o.Err)
			}
			if len(o.Result.Errors) > 0 {
				b.Fatalf("%s: %v", o.Path, o.Result.Errors[0])
			}
			findings += len(o.Result.Findings)
		}
	}
	b.ReportMetric(float64(findings), "findings/op")
}

// BenchmarkCheckJobs1 runs the full core on one worker.
func BenchmarkCheckJobs1(b *testing.B) { benchmarkCheck(b, 1) }

// BenchmarkCheckJobs1NoReach is BenchmarkCheckJobs1 with reach off
// (transitive = false): the cost of following calls is the difference.
func BenchmarkCheckJobs1NoReach(b *testing.B) {
	off := false
	benchmarkCheckWith(b, 1, &lint.Config{Transitive: &off})
}

// BenchmarkCheckJobs2 runs the full core on two workers.
func BenchmarkCheckJobs2(b *testing.B) { benchmarkCheck(b, 2) }
