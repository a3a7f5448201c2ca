package semantic

import (
	"context"
	"reflect"
	"testing"

	"github.com/rtlint/rtlint/internal/source"
)

func build(t *testing.T, path, src string) *Model {
	t.Helper()
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// callAt finds the call whose callee is written as path.
func callAt(t *testing.T, m *Model, path string) *Call {
	t.Helper()
	for i := range m.Calls {
		if m.Calls[i].Path == path {
			return &m.Calls[i]
		}
	}
	t.Fatalf("no call %q", path)
	return nil
}

func TestResolvePython(t *testing.T) {
	m := build(t, "a.py", `
import os.path
import a.b as c
from time import sleep as nap
from urllib import request
import sqlite3
db = sqlite3.connect("x")
def f():
    os.path.join("a")
    c.d()
    nap(1)
    request.urlopen("u")
    db.execute("q")
    open("f")
    def open(): pass
`)
	for path, want := range map[string]string{
		"os.path.join":    "os.path.join",
		"c.d":             "a.b.d",
		"nap":             "time.sleep",
		"request.urlopen": "urllib.request.urlopen",
		"db.execute":      "sqlite3.connect().execute",
		"open":            "", // shadowed by the nested def in f's scope
	} {
		if got := callAt(t, m, path).Qualified; got != want {
			t.Errorf("%s resolves to %q, want %q", path, got, want)
		}
	}
}

func TestResolveECMA(t *testing.T) {
	m := build(t, "a.ts", `
import fs, { readFileSync as rf } from 'node:fs';
import * as ns from "fs";
import type { Stats } from 'fs';
const { execSync: es, spawnSync } = require('child_process');
const cp = require("node:child_process");
const rd = require('fs').readdirSync;
async function g() {
  const fs2 = await import('node:fs');
  fs.readFileSync(); rf(); ns.statSync(); es(); spawnSync(); cp.execSync(); rd(); fs2.mkdirSync();
  fs.promises.readFile(); x.readFileSync();
}
function h(fs) { fs.openSync(); }
`)
	for path, want := range map[string]string{
		"fs.readFileSync":      "fs.readFileSync",
		"rf":                   "fs.readFileSync",
		"ns.statSync":          "fs.statSync",
		"es":                   "child_process.execSync",
		"spawnSync":            "child_process.spawnSync",
		"cp.execSync":          "child_process.execSync",
		"rd":                   "fs.readdirSync",
		"fs2.mkdirSync":        "fs.mkdirSync",
		"fs.promises.readFile": "fs.promises.readFile",
		"x.readFileSync":       "",
		"fs.openSync":          "", // the parameter shadows the import
	} {
		if got := callAt(t, m, path).Qualified; got != want {
			t.Errorf("%s resolves to %q, want %q", path, got, want)
		}
	}
}

func TestContextsPython(t *testing.T) {
	m := build(t, "a.py", `
async def a():
    x1()
    def inner():
        x2()
    f = lambda: x3()
    [x4() for _ in y]
    for _ in y:
        x5()
@app.get("/")
def b(request):
    x6()
x7()
for _ in y:
    x8()
`)
	for path, want := range map[string]Context{
		"x1": Async, "x2": 0, "x3": 0, "x4": Async | Hot, "x5": Async | Hot,
		"x6": Handler | Hot, "x7": 0, "x8": Hot,
	} {
		if got := callAt(t, m, path).Context; got != want {
			t.Errorf("%s: context %b, want %b", path, got, want)
		}
	}
}

func TestContextsECMA(t *testing.T) {
	m := build(t, "a.js", `
const fs = require('fs');
async function a() {
  x1();
  items.forEach(i => x2());
  setTimeout(function () { x3(); }, 1);
}
app.get('/', (req, res) => { x4(); });
function shaped(req, res, next) { x5(); }
process.on('exit', () => { x6(); });
app.listen(3000, async () => { x7(); });
x8();
for (const i of y) { x9(); }
function plain() { x10(); }
setInterval(() => { x11(); }, 1000);
emitter.once('ready', function () { x12(); });
load().then((v) => { x13(); });
fs.readFile('a', (err, data) => { x14(); });
`)
	for path, want := range map[string]Context{
		"x1": Async, "x2": Async | Hot, "x3": Async | Callback, "x4": Handler | Hot, "x5": Handler | Hot,
		"x6": 0, "x7": Async, "x8": 0, "x9": Hot, "x10": 0,
		"x11": Callback, "x12": Callback, "x13": Callback, "x14": Callback,
	} {
		if got := callAt(t, m, path).Context; got != want {
			t.Errorf("%s: context %b, want %b", path, got, want)
		}
	}
}

func TestParams(t *testing.T) {
	for text, want := range map[string][]Param{
		"(self, request, *args, x: int = 1, **kw)":    {{Name: "self"}, {Name: "request"}, {Name: "args"}, {Name: "x", Type: "int"}, {Name: "kw"}},
		"(@Req() req: Request, res?: Response)":       {{Name: "req", Type: "Request"}, {Name: "res", Type: "Response"}},
		"({ a, b: c }, [d], e = () => 1)":             {{Name: "a"}, {Name: "c"}, {Name: "d"}, {Name: "e"}},
		"(private readonly svc: Map<string, number>)": {{Name: "svc", Type: "Map<string, number>"}},
	} {
		if got := params(text); !reflect.DeepEqual(got, want) {
			t.Errorf("params(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestChainOf(t *testing.T) {
	for expr, want := range map[string]string{
		"db.prepare(sql).get":     "db.prepare().get",
		"a?.b!.c":                 "a.b.c",
		"new Pool({max: 1})":      "Pool()",
		"await import('node:fs')": "import()",
		"a[0].b":                  "",
		"f()()":                   "f().()",
		"1 + x":                   "",
	} {
		if got := ChainOf(expr); got != want {
			t.Errorf("ChainOf(%q) = %q, want %q", expr, got, want)
		}
	}
}

// An attribute defined through itself must not recurse forever (seen in
// the standard library).
func TestClassAttrsSelfReference(t *testing.T) {
	m := build(t, "a.py", `
class C:
    def __init__(self):
        self.a = self.a.clone()
        self.b = Store()

    def m(self):
        self.a.run()
        self.b.put()


class Store:
    def put(self):
        pass
`)
	for i := range m.Calls {
		m.CallTarget(i)
	}
	attrs := m.ClassAttrs(0)
	if _, ok := attrs["a"]; ok || attrs["b"] != (Target{Name: "Store"}) {
		t.Errorf("ClassAttrs = %v, want only b → Store", attrs)
	}
}

// Attribute classes come from assignments, annotations on self and
// class-level annotations (Optional, unions and strings included).
func TestClassAttrsAnnotations(t *testing.T) {
	m := build(t, "a.py", `
from typing import Optional
from .db import Pool


class Service:
    cache: Optional["Cache"]
    pool: Pool | None = None

    def __init__(self, store: "Store"):
        self.store = store
        self.ledger: Ledger = make_ledger()


class Cache:
    pass


class Store:
    pass


class Ledger:
    pass
`)
	want := map[string]Target{
		"cache":  {Name: "Cache"},
		"pool":   {Module: ".db.Pool"},
		"ledger": {Name: "Ledger"},
		"store":  {Name: "Store"},
	}
	attrs := m.ClassAttrs(0)
	for name, w := range want {
		if attrs[name] != w {
			t.Errorf("attribute %s: %+v, want %+v", name, attrs[name], w)
		}
	}
}
