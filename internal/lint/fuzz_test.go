package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/corpus"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// fuzzPaths are the file names FuzzLint lints as; the fuzzer's langIndex
// picks one (modulo), so one target covers every grammar.
var fuzzPaths = []string{"fuzz.py", "fuzz.js", "fuzz.ts", "fuzz.tsx"}

var fuzzSeeds = []struct {
	lang int
	src  string
}{
	{0, "import time\n\nasync def handler(request):\n    time.sleep(1)\n    return {'ok': True}\n"},
	{0, "from fastapi import FastAPI\nimport requests\napp = FastAPI()\n\n@app.get('/u/{id}')\nasync def get_user(id: int):\n    r = requests.get(f'https://api/{id}')\n    return [x for x in r.json() if x]\n"},
	{0, "import sqlite3, subprocess\nfrom time import sleep as nap\n\nclass V(APIView):\n    async def get(self, request):\n        for i in range(10**6):\n            nap(0.1)\n        with open('f') as fh:\n            return json.load(fh)\n"},
	{0, "def f(:\n  return [x for x in\n@app.get(\nasync def"},
	{0, "async def f():\n    lambda: time.sleep(1)\n    while True: subprocess.run(['x'])  # rtlint: ignore[RT104]\n"},
	{1, "const fs = require('fs');\napp.get('/x', async (req, res) => {\n  const d = fs.readFileSync('a.json', 'utf8');\n  res.json(JSON.parse(d));\n});\n"},
	{1, "import { execSync } from 'node:child_process';\nexport default function handler(req, res) {\n  const end = Date.now() + 10;\n  while (Date.now() < end) {}\n  res.end(execSync('ls'));\n}\n"},
	{1, "function (req, res { for (const x of y) { fs.writeFileSync(x) } \n app.get('/', (req, res) =>"},
	{2, "import { Controller, Get } from '@nestjs/common';\nimport * as fs from 'fs';\n@Controller('u')\nexport class U {\n  @Get(':id')\n  async find(id: string): Promise<string> {\n    return fs.readFileSync(id, 'utf8');\n  }\n}\n"},
	{2, "const db = new Database('app.db');\nexport const h = async (req: Request, res: Response) => { db.prepare('x').get(); };\n"},
	{2, "class { @Get( async find(: string { return fs.readFileSync( } "},
	{3, "export function List({ items }: { items: string[] }) {\n  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;\n}\n"},
	{3, "const A = () => <div onClick={async () => { fs.readFileSync('x') }}>{</div>"},
	// Not source text: source.Check rejects these.
	{0, "x = 1\x00\n"},
	{1, "const s = '\xff\xfe';\n"},
	{0, ""},
	{1, "é"},
}

// FuzzLint lints arbitrary bytes as each language. The core must never
// panic, never report an internal error (a recovered analyzer panic), and
// place every finding and every same-file fix edit inside the file.
func FuzzLint(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s.src), uint8(s.lang))
	}
	for _, s := range corpus.Snippets(1) {
		f.Add(s.Src, langIndex(s.Path))
	}
	// The rules' fixtures exercise every rule; keep the small ones.
	for _, pattern := range []string{"../../analyzers/*/testdata/src/*", "../../analyzers/*/testdata/fix/*", "../../testdata/clean/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err == nil && len(src) <= 4<<10 && source.LanguageOf(p) != source.Unknown {
				f.Add(src, langIndex(p))
			}
		}
	}
	allOptions := &lint.Config{Options: map[string]map[string]any{}}
	for _, a := range registry.All() {
		for name, def := range a.Options {
			if _, ok := def.(bool); ok {
				if allOptions.Options[a.Code] == nil {
					allOptions.Options[a.Code] = map[string]any{}
				}
				allOptions.Options[a.Code][name] = true
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, lang uint8) {
		path := fuzzPaths[int(lang)%len(fuzzPaths)]
		var cfg *lint.Config
		if lang&0x80 != 0 {
			cfg = allOptions // every boolean rule option on
		}
		res, err := lint.Run(context.Background(), path, src, cfg)
		if checkErr := source.Check(src); checkErr != nil {
			if err == nil {
				t.Fatalf("source.Check rejects the input (%v) but lint.Run returned no error", checkErr)
			}
			return
		}
		if err != nil {
			t.Fatalf("lint.Run: %v", err)
		}
		for _, e := range res.Errors {
			t.Errorf("internal error: %v", e)
		}
		for _, fd := range res.Findings {
			if fd.Start < 0 || fd.Start > fd.End || fd.End > len(src) {
				t.Errorf("%s at [%d,%d) lies outside the file (%d bytes)", fd.Rule, fd.Start, fd.End, len(src))
			}
			if fd.Line < 1 || fd.Column < 1 || fd.EndLine < 1 || fd.EndColumn < 1 {
				t.Errorf("%s at %d:%d-%d:%d: positions are 1-based", fd.Rule, fd.Line, fd.Column, fd.EndLine, fd.EndColumn)
			}
			for _, fx := range fd.Fixes {
				var edits []analyzers.Edit
				for _, e := range fx.Edits {
					if e.Path != "" && e.Path != path {
						continue // a file the fix creates
					}
					if e.Start < 0 || e.Start > e.End || e.End > len(src) {
						t.Errorf("%s fix %q: edit [%d,%d) lies outside the file (%d bytes)", fd.Rule, fx.Message, e.Start, e.End, len(src))
					}
					edits = append(edits, e)
				}
				if _, err := fix.Apply(src, edits); err != nil {
					t.Errorf("%s fix %q does not apply: %v", fd.Rule, fx.Message, err)
				}
			}
		}
	})
}

func langIndex(path string) uint8 {
	switch source.LanguageOf(path) {
	case source.JavaScript:
		return 1
	case source.TypeScript:
		return 2
	case source.TSX:
		return 3
	}
	return 0
}
