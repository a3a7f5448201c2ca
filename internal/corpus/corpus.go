// Package corpus generates a deterministic corpus of realistic Python,
// JavaScript and TypeScript source for benchmarks and fuzz seeds. Nothing is
// committed to disk: the same seed always yields the same files, built in
// memory from templates of web-service code (FastAPI, Flask, Django,
// aiohttp, Express, Fastify, NestJS, React) with varied identifiers.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// File is one generated source file.
type File struct {
	Path string
	Src  []byte
}

// Size returns the total number of source bytes in files.
func Size(files []File) int {
	n := 0
	for _, f := range files {
		n += len(f.Src)
	}
	return n
}

// Generate returns files totalling at least totalBytes, each 5–50 KB,
// roughly half Python and half JavaScript/TypeScript by bytes. The output
// depends only on seed and totalBytes.
func Generate(seed uint64, totalBytes int) []File {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x72746c696e74))}
	var files []File
	pyBytes, ecmaBytes := 0, 0
	for pyBytes+ecmaBytes < totalBytes {
		target := g.fileSize()
		var f File
		if pyBytes <= ecmaBytes {
			f = g.pythonFile(len(files), target)
			pyBytes += len(f.Src)
		} else {
			switch x := g.r.IntN(20); {
			case x < 9:
				f = g.jsFile(len(files), target)
			case x < 18:
				f = g.tsFile(len(files), target)
			default:
				f = g.tsxFile(len(files), target)
			}
			ecmaBytes += len(f.Src)
		}
		files = append(files, f)
	}
	return files
}

// Snippets returns one small generated file per language, for seeds.
func Snippets(seed uint64) []File {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x736e6970))}
	return []File{
		g.pythonFile(0, 2000),
		g.jsFile(1, 2000),
		g.tsFile(2, 2000),
		g.tsxFile(3, 2000),
	}
}

type gen struct {
	r   *rand.Rand
	buf strings.Builder
	seq int
}

// fileSize picks a size between 5 and 50 KB, skewed towards small files
// as real repositories are.
func (g *gen) fileSize() int {
	const lo, hi = 5 << 10, 46 << 10 // the last block may add up to ~3 KB
	x := g.r.Float64()
	return lo + int(x*x*float64(hi-lo))
}

var nouns = []string{
	"user", "order", "invoice", "product", "session", "account", "payment", "cart",
	"customer", "report", "ticket", "message", "comment", "profile", "shipment",
	"subscription", "coupon", "review", "category", "tenant", "webhook", "document",
	"upload", "notification", "device", "project", "task", "team", "address", "refund",
	"token", "audit", "metric", "job", "plan", "warehouse", "supplier", "receipt",
}

var verbs = []string{
	"fetch", "load", "sync", "refresh", "validate", "export", "import", "archive",
	"compute", "resolve", "publish", "render", "collect", "verify", "normalize", "index",
}

var fields = []string{
	"name", "email", "status", "created_at", "updated_at", "total", "amount", "owner_id",
	"title", "price", "quantity", "currency", "region", "priority", "score", "slug",
}

// unicodeBits keep comments and strings from being pure ASCII, as real
// code is not: columns are counted in code points.
var unicodeBits = []string{"café", "naïve", "→", "—", "über", "日本語", "Ω", "✓", "€", "résumé"}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && !strings.HasSuffix(s, "ey"):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"):
		return s + "es"
	}
	return s + "s"
}

func pascal(snake string) string {
	var b strings.Builder
	for _, p := range strings.Split(snake, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

func camel(snake string) string {
	p := pascal(snake)
	return strings.ToLower(p[:1]) + p[1:]
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// expand fills a template. Placeholders are ~X~ so they never clash with
// the braces, dollars and at-signs of the languages:
//
//	~N~ ~n~ ~ns~ ~c~ ~cs~   primary noun: Pascal, snake, snake plural, camel, camel plural
//	~M~ ~m~ ~ms~ ~d~ ~ds~   secondary noun, same forms
//	~v~ ~V~                 verb, snake and Pascal
//	~f~ ~g~                 field names
//	~i~ ~j~                 small numbers
//	~u~                     a short non-ASCII word
//	~s~                     a per-file sequence number
func (g *gen) expand(tmpl string) string {
	n := g.pick(nouns)
	m := g.pick(nouns)
	for m == n {
		m = g.pick(nouns)
	}
	v := g.pick(verbs)
	g.seq++
	r := strings.NewReplacer(
		"~N~", pascal(n), "~n~", n, "~ns~", plural(n), "~c~", camel(n), "~cs~", camel(plural(n)),
		"~M~", pascal(m), "~m~", m, "~ms~", plural(m), "~d~", camel(m), "~ds~", camel(plural(m)),
		"~v~", v, "~V~", pascal(v),
		"~f~", g.pick(fields), "~g~", g.pick(fields),
		"~i~", fmt.Sprint(1+g.r.IntN(30)), "~j~", fmt.Sprint(100+g.r.IntN(5000)),
		"~u~", g.pick(unicodeBits), "~s~", fmt.Sprint(g.seq),
	)
	return r.Replace(tmpl)
}

// build writes header, then blocks picked at random until target bytes.
// Python separates top-level blocks by two blank lines (PEP 8), the others
// by one.
func (g *gen) build(header string, blocks []string, target int) []byte {
	sep := "\n\n"
	if strings.HasPrefix(header, `"""`) {
		sep = "\n\n\n"
	}
	g.buf.Reset()
	g.seq = 0
	g.buf.WriteString(header)
	for g.buf.Len() < target {
		g.buf.WriteString(sep)
		g.buf.WriteString(g.expand(blocks[g.r.IntN(len(blocks))]))
	}
	g.buf.WriteString("\n")
	return []byte(g.buf.String())
}

// header joins a fixed prelude with a random subset of optional lines.
func (g *gen) header(always, optional []string) string {
	var lines []string
	lines = append(lines, always...)
	for _, l := range optional {
		if g.r.IntN(3) > 0 {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

var pyDirs = []string{"app/api", "app/services", "app/routers", "project/views", "workers", "app/db", "scripts", "app/core"}

func (g *gen) pythonFile(i, target int) File {
	name := g.pick(nouns)
	dir := g.pick(pyDirs)
	base := plural(name)
	if g.r.IntN(8) == 0 {
		base = "views"
	}
	path := fmt.Sprintf("py/%03d/%s/%s.py", i, dir, base)
	doc := g.expand(`"""~N~ endpoints and helpers (~u~).

Generated fixture for rtlint benchmarks: ~ns~, ~ms~ and their ~g~.
"""`)
	hdr := g.header([]string{doc, "from __future__ import annotations", "", "import asyncio", "import json", "import logging", "import os", "import time"},
		pyOptionalImports)
	hdr += g.expand(pyModulePrelude)
	return File{Path: path, Src: g.build(hdr, pyBlocks, target)}
}

var pyOptionalImports = []string{
	"import sqlite3",
	"import subprocess",
	"import hashlib",
	"import shutil",
	"import requests",
	"import httpx",
	"from dataclasses import dataclass, field",
	"from datetime import datetime, timedelta, timezone",
	"from pathlib import Path",
	"from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple",
	"from fastapi import APIRouter, Depends, HTTPException, Query, status",
	"from pydantic import BaseModel, Field, validator",
	"from sqlalchemy.orm import Session",
	"from flask import Flask, jsonify, request as flask_request",
	"from django.http import HttpResponse, JsonResponse",
	"from django.views.generic import ListView, View",
	"from aiohttp import web",
	"import psycopg2",
	"from time import sleep as nap",
	"from urllib.request import urlopen",
	"import redis",
}

const pyModulePrelude = `
logger = logging.getLogger(__name__)
router = APIRouter(prefix="/~ns~", tags=["~ns~"])
app = Flask(__name__)
DB_PATH = os.environ.get("~N~_DB", "/var/lib/app/~ns~.db")
API_URL = os.getenv("API_URL", "https://api.example.com")
CACHE_TTL = timedelta(seconds=~j~)
_cache: Dict[str, Any] = {}
`

var pyBlocks = []string{
	// FastAPI async route with a blocking HTTP call and a comprehension.
	`class ~N~Out(BaseModel):
    id: int
    ~f~: str
    ~ms~: List[dict] = Field(default_factory=list)
    tags: Optional[List[str]] = None

    @validator("~f~")
    def check_~f~(cls, value: str) -> str:
        if not value or len(value) > ~j~:
            raise ValueError("invalid ~f~ (~u~)")
        return value.strip()


@router.get("/{~n~_id}", response_model=~N~Out)
async def get_~n~_~s~(~n~_id: int, db: Session = Depends(get_db)) -> ~N~Out:
    """Return one ~n~ with its ~ms~."""
    ~n~ = db.query(~N~).filter(~N~.id == ~n~_id).first()
    if ~n~ is None:
        raise HTTPException(status_code=404, detail="~N~ not found")
    resp = requests.get(f"{API_URL}/~ns~/{~n~_id}/~ms~", timeout=~i~)
    resp.raise_for_status()
    items = [row for row in resp.json().get("items", []) if row.get("active")]
    by_id = {item["id"]: item for item in items}
    logger.info("loaded %d ~ms~ for ~n~ %s", len(by_id), ~n~_id)
    return ~N~Out(id=~n~.id, ~f~=~n~.~f~, ~ms~=list(by_id.values()))`,

	// FastAPI post with a retry loop that sleeps.
	`@router.post("/{~n~_id}/~v~", status_code=status.HTTP_202_ACCEPTED)
async def ~v~_~n~_~s~(~n~_id: int, payload: dict, limit: int = Query(~i~, le=100)):
    attempts = 0
    last_error: Optional[Exception] = None
    while attempts < ~i~:
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                r = await client.post(f"{API_URL}/~ns~/{~n~_id}", json=payload)
                r.raise_for_status()
                return {"status": "ok", "attempts": attempts + 1, "data": r.json()}
        except httpx.HTTPError as exc:
            last_error = exc
            attempts += 1
            logger.warning("retry %d for ~n~ %s: %s", attempts, ~n~_id, exc)
            time.sleep(0.5 * attempts)
    raise HTTPException(status_code=502, detail=str(last_error))`,

	// Flask route reading a JSON file.
	`@app.route("/~ns~/<int:~n~_id>/~ms~", methods=["GET", "POST"])
def ~n~_~ms~_~s~(~n~_id):
    path = os.path.join(DB_PATH, f"~n~-{~n~_id}.json")
    if not os.path.exists(path):
        return jsonify({"error": "not found"}), 404
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if flask_request.method == "POST":
        body = flask_request.get_json(force=True) or {}
        data.setdefault("~ms~", []).append({k: v for k, v in body.items() if k in ("~f~", "~g~")})
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
    total = sum(item.get("~g~", 0) for item in data.get("~ms~", []) if isinstance(item, dict))
    return jsonify({"~n~": ~n~_id, "count": len(data.get("~ms~", [])), "total": total})`,

	// Django class-based views.
	`class ~N~ListView(ListView):
    model = ~N~
    paginate_by = ~i~
    template_name = "~ns~/list.html"

    def get_queryset(self):
        qs = ~N~.objects.filter(~f~__isnull=False).select_related("~m~")
        term = self.request.GET.get("q")
        if term:
            qs = qs.filter(~g~__icontains=term)
        return qs.order_by("-~f~")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["total_~ns~"] = ~N~.objects.count()
        ctx["recent"] = [o.~f~ for o in ~N~.objects.order_by("-id")[:~i~]]
        return ctx


class ~N~DetailView(View):
    async def get(self, request, pk):
        ~n~ = await ~N~.objects.aget(pk=pk)
        count = ~M~.objects.filter(~n~=~n~).count()
        return JsonResponse({"id": ~n~.pk, "~ms~": count, "label": "~u~"})`,

	// Django function view taking request.
	`def ~n~_summary_~s~(request, pk=None):
    ~ns~ = ~N~.objects.filter(owner=request.user)
    if pk is not None:
        ~ns~ = ~ns~.filter(pk=pk)
    rows = []
    for ~n~ in ~ns~.iterator():
        ~ms~ = list(~n~.~ms~.values_list("~f~", flat=True))
        rows.append({"id": ~n~.pk, "~ms~": ~ms~, "size": len(~ms~)})
    rows.sort(key=lambda r: (r["size"], r["id"]), reverse=True)
    return JsonResponse({"rows": rows[:~i~]})`,

	// dataclasses and a repository over sqlite3.
	`@dataclass
class ~N~Record:
    id: int
    ~f~: str
    ~g~: float = 0.0
    tags: List[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "~f~": self.~f~, "~g~": self.~g~, "tags": list(self.tags)}


class ~N~Repository:
    """Thin data access layer over sqlite3 (~u~)."""

    def __init__(self, path: str = DB_PATH) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row

    def all(self, limit: int = ~j~) -> List[~N~Record]:
        cur = self.conn.execute("SELECT id, ~f~, ~g~ FROM ~ns~ ORDER BY id LIMIT ?", (limit,))
        return [~N~Record(id=row["id"], ~f~=row["~f~"], ~g~=row["~g~"]) for row in cur.fetchall()]

    def get(self, ~n~_id: int) -> Optional[~N~Record]:
        row = self.conn.execute("SELECT * FROM ~ns~ WHERE id = ?", (~n~_id,)).fetchone()
        return ~N~Record(**dict(row)) if row else None

    def save_many(self, records: Iterable[~N~Record]) -> int:
        count = 0
        with self.conn:
            for rec in records:
                self.conn.execute(
                    "INSERT OR REPLACE INTO ~ns~ (id, ~f~, ~g~) VALUES (?, ?, ?)",
                    (rec.id, rec.~f~, rec.~g~),
                )
                count += 1
        return count

    async def ~v~_async(self, ~n~_id: int) -> Optional[~N~Record]:
        conn = sqlite3.connect(self.path)
        try:
            row = conn.execute("SELECT * FROM ~ns~ WHERE id = ?", (~n~_id,)).fetchone()
        finally:
            conn.close()
        return ~N~Record(**dict(row)) if row else None`,

	// async worker with subprocess and gather.
	`async def ~v~_~ns~_worker_~s~(queue: "asyncio.Queue[int]", concurrency: int = ~i~) -> None:
    sem = asyncio.Semaphore(concurrency)

    async def handle(~n~_id: int) -> None:
        async with sem:
            started = time.monotonic()
            out = subprocess.run(["/usr/bin/~v~", str(~n~_id)], capture_output=True, check=False)
            if out.returncode != 0:
                logger.error("~v~ failed for %s: %s", ~n~_id, out.stderr.decode(errors="replace"))
                return
            await asyncio.sleep(0)
            logger.debug("~n~ %s done in %.2fs", ~n~_id, time.monotonic() - started)

    while True:
        batch = []
        while not queue.empty() and len(batch) < ~i~:
            batch.append(await queue.get())
        if not batch:
            await asyncio.sleep(1)
            continue
        results = await asyncio.gather(*(handle(i) for i in batch), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        if failures:
            logger.warning("%d failures in batch of %d", len(failures), len(batch))`,

	// plain helpers: generators, comprehensions, lambdas.
	`def chunked_~s~(items: List[Any], size: int = ~i~) -> Iterator[List[Any]]:
    """Yield lists of at most size items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def group_~ns~_by_~f~(~ns~: Iterable[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
    groups: Dict[str, List[Dict[str, Any]]] = {}
    for ~n~ in ~ns~:
        key = str(~n~.get("~f~", "unknown")).lower()
        groups.setdefault(key, []).append(~n~)
    return {k: sorted(v, key=lambda x: x.get("~g~") or 0) for k, v in groups.items()}


def summarize_~ns~(rows: List[Dict[str, Any]]) -> Dict[str, float]:
    values = [float(r["~g~"]) for r in rows if r.get("~g~") is not None]
    if not values:
        return {"count": 0, "mean": 0.0, "max": 0.0}
    uniq = {r["id"] for r in rows}
    pairs = list(zip(values, values[1:]))
    return {
        "count": len(values),
        "unique": len(uniq),
        "mean": sum(values) / len(values),
        "max": max(values),
        "drift": sum(abs(b - a) for a, b in pairs),
    }`,

	// aiohttp handlers registered on a router.
	`async def handle_~n~_~s~(request: web.Request) -> web.Response:
    ~n~_id = int(request.match_info["id"])
    cache_key = f"~n~:{~n~_id}"
    if cache_key in _cache:
        return web.json_response(_cache[cache_key])
    with open(os.path.join(DB_PATH, f"{~n~_id}.json"), "rb") as fh:
        payload = json.loads(fh.read())
    payload["~ms~"] = [m for m in payload.get("~ms~", []) if m.get("~f~") != "~u~"]
    _cache[cache_key] = payload
    return web.json_response(payload)


def setup_~ns~_routes(web_app: web.Application) -> None:
    web_app.router.add_get("/~ns~/{id}", handle_~n~_~s~)
    web_app.router.add_post("/~ns~/{id}/~v~", handle_~n~_~s~)`,

	// service class with properties and async methods.
	`class ~N~Service:
    def __init__(self, repo: "~N~Repository", client: Optional[httpx.AsyncClient] = None) -> None:
        self.repo = repo
        self.client = client or httpx.AsyncClient(base_url=API_URL)
        self._hits = 0

    @property
    def hits(self) -> int:
        return self._hits

    @staticmethod
    def cache_key(~n~_id: int, suffix: str = "") -> str:
        return f"~ns~:{~n~_id}:{suffix}" if suffix else f"~ns~:{~n~_id}"

    @classmethod
    def from_env(cls) -> "~N~Service":
        return cls(~N~Repository(os.environ.get("~N~_DB", DB_PATH)))

    async def ~v~(self, ~n~_id: int) -> Dict[str, Any]:
        self._hits += 1
        key = self.cache_key(~n~_id)
        cached = _cache.get(key)
        if cached and cached["expires"] > time.time():
            return cached["value"]
        r = await self.client.get(f"/~ns~/{~n~_id}")
        value = r.json()
        digest = hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()
        _cache[key] = {"value": value, "expires": time.time() + CACHE_TTL.total_seconds(), "digest": digest}
        return value

    async def ~v~_many(self, ids: List[int]) -> List[Dict[str, Any]]:
        results = []
        for ~n~_id in ids:
            results.append(await self.~v~(~n~_id))
            nap(0.01)
        return results`,

	// CLI-ish script function with pathlib and shutil.
	`def export_~ns~_~s~(target_dir: str, dry_run: bool = False) -> Tuple[int, int]:
    root = Path(target_dir)
    root.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for entry in sorted(Path(DB_PATH).glob("*.json")):
        dest = root / entry.name
        if dest.exists() and dest.stat().st_mtime >= entry.stat().st_mtime:
            skipped += 1
            continue
        if not dry_run:
            shutil.copy2(entry, dest)
        written += 1
    manifest = {"written": written, "skipped": skipped, "at": datetime.now().isoformat()}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return written, skipped`,

	// async generator, context manager and urllib.
	`async def stream_~ns~_~s~(since: Optional[datetime] = None, page_size: int = ~i~):
    page = 0
    while True:
        url = f"{API_URL}/~ns~?page={page}&size={page_size}"
        if since is not None:
            url += f"&since={since.isoformat()}"
        with urlopen(url, timeout=~i~) as resp:
            body = json.loads(resp.read().decode("utf-8"))
        rows = body.get("results") or []
        for row in rows:
            if row.get("~f~") in (None, "", "~u~"):
                continue
            yield {**row, "page": page}
        if len(rows) < page_size:
            break
        page += 1


async def count_~ns~_~s~() -> int:
    total = 0
    async for _ in stream_~ns~_~s~():
        total += 1
    return total`,

	// password hashing and redis in async code.
	`async def login_~n~_~s~(username: str, password: str) -> Dict[str, Any]:
    r = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    attempts = int(r.get(f"login:{username}") or 0)
    if attempts > ~i~:
        raise HTTPException(status_code=429, detail="too many attempts")
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ~j~00)
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn.cursor() as cur:
        cur.execute("SELECT id, ~f~ FROM ~ns~ WHERE username = %s", (username,))
        row = cur.fetchone()
    conn.close()
    if row is None:
        r.incr(f"login:{username}")
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"id": row[0], "~f~": row[1], "key": key.hex()}`,

	// constants table and a small state machine.
	`~N~_TRANSITIONS: Dict[str, Tuple[str, ...]] = {
    "draft": ("pending", "cancelled"),
    "pending": ("active", "rejected", "cancelled"),
    "active": ("suspended", "closed"),
    "suspended": ("active", "closed"),
}


def next_~n~_states_~s~(current: str, *, allow_reopen: bool = False, **extra: Any) -> List[str]:
    states = list(~N~_TRANSITIONS.get(current, ()))
    if allow_reopen and current in ("closed", "cancelled"):
        states.append("draft")
    if extra.get("~f~"):
        states = [s for s in states if not s.startswith("can")]
    return states


def ~n~_can_move_~s~(a: str, b: str) -> bool:
    return b in next_~n~_states_~s~(a) or (a == b and a != "closed")`,
}

var ecmaDirs = []string{"src/routes", "src/services", "src/controllers", "server", "lib", "src/api", "src/workers", "packages/core/src"}

func (g *gen) jsFile(i, target int) File {
	name := plural(g.pick(nouns))
	path := fmt.Sprintf("js/%03d/%s/%s.js", i, g.pick(ecmaDirs), name)
	var hdr string
	if g.r.IntN(2) == 0 {
		hdr = g.header([]string{"'use strict';", "", "const express = require('express');", "const fs = require('fs');", "const path = require('path');"}, jsRequires)
	} else {
		hdr = g.header([]string{"import express from 'express';", "import fs from 'node:fs';", "import path from 'node:path';"}, jsImports)
	}
	hdr += g.expand(jsPrelude)
	return File{Path: path, Src: g.build(hdr, jsBlocks, target)}
}

var jsRequires = []string{
	"const { execSync, spawn } = require('child_process');",
	"const crypto = require('crypto');",
	"const zlib = require('zlib');",
	"const http = require('http');",
	"const Database = require('better-sqlite3');",
	"const axios = require('axios');",
	"const { promisify } = require('util');",
	"const EventEmitter = require('events');",
	"const fastify = require('fastify')({ logger: true });",
	"const bcrypt = require('bcrypt');",
}

var jsImports = []string{
	"import { execSync, spawn } from 'node:child_process';",
	"import crypto from 'node:crypto';",
	"import zlib from 'node:zlib';",
	"import http from 'node:http';",
	"import Database from 'better-sqlite3';",
	"import axios from 'axios';",
	"import { promisify } from 'node:util';",
	"import EventEmitter from 'node:events';",
	"import Fastify from 'fastify';",
	"import * as bcrypt from 'bcrypt';",
	"import { readFile, writeFile } from 'node:fs/promises';",
}

const jsPrelude = `
const router = express.Router();
const DATA_DIR = process.env.~N~_DATA_DIR || path.join(__dirname, 'data');
const cache = new Map();
const MAX_~N~S = ~j~;
const db = new Database(path.join(DATA_DIR, '~ns~.sqlite'));
`

var jsBlocks = []string{
	// Express route with blocking fs and a for..of loop.
	`router.get('/~ns~/:id', async (req, res, next) => {
  try {
    const file = path.join(DATA_DIR, ` + "`${req.params.id}.json`" + `);
    if (!fs.existsSync(file)) {
      return res.status(404).json({ error: '~N~ not found' });
    }
    const ~c~ = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ~ds~ = [];
    for (const item of ~c~.~ds~ || []) {
      if (item.~f~ && item.~g~ !== '~u~') {
        ~ds~.push({ ...item, ~c~Id: ~c~.id });
      }
    }
    res.json({ ...~c~, ~ds~, count: ~ds~.length });
  } catch (err) {
    next(err);
  }
});`,

	// Express middleware and handler by reference.
	`function require~N~Access~s~(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
  if (!token) {
    res.status(401).json({ error: 'missing token' });
    return;
  }
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  if (!cache.has(hash)) {
    const row = db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash);
    if (!row) {
      return res.status(403).json({ error: 'forbidden' });
    }
    cache.set(hash, row);
  }
  req.~c~ = cache.get(hash);
  next();
}

function list~N~s~s~(req, res) {
  const limit = Math.min(parseInt(req.query.limit, 10) || ~i~, MAX_~N~S);
  const rows = db.prepare('SELECT id, ~f~, ~g~ FROM ~ns~ LIMIT ?').all(limit);
  res.json(rows.map((r) => ({ id: r.id, ~f~: r.~f~, ~g~: r.~g~ })));
}

router.get('/~ns~', require~N~Access~s~, list~N~s~s~);`,

	// Fastify-style route with schema.
	`const ~c~Schema~s~ = {
  params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  response: {
    200: {
      type: 'object',
      properties: { id: { type: 'string' }, ~f~: { type: 'string' }, ~ds~: { type: 'array' } },
    },
  },
};

function register~N~Routes~s~(app) {
  app.get('/~ns~/:id', { schema: ~c~Schema~s~ }, async (request, reply) => {
    const { id } = request.params;
    const ~c~ = await app.~c~Store.find(id);
    if (!~c~) {
      reply.code(404);
      return { error: 'not found' };
    }
    const ~ds~ = await Promise.all(~c~.~d~Ids.map((mid) => app.~d~Store.find(mid)));
    return { id, ~f~: ~c~.~f~, ~ds~: ~ds~.filter(Boolean) };
  });

  app.post('/~ns~/:id/~v~', async (request, reply) => {
    const started = Date.now();
    const result = execSync(` + "`~v~-~n~ ${request.params.id}`" + `, { encoding: 'utf8' });
    reply.header('x-elapsed', String(Date.now() - started));
    return { ok: true, output: result.trim() };
  });
}`,

	// Service class with async methods and Promise.all.
	`class ~N~Service~s~ extends EventEmitter {
  constructor(options = {}) {
    super();
    this.baseUrl = options.baseUrl || 'https://api.example.com';
    this.timeout = options.timeout ?? ~j~;
    this.pending = new Set();
  }

  async ~v~(id) {
    if (cache.has(id)) {
      return cache.get(id);
    }
    this.pending.add(id);
    try {
      const { data } = await axios.get(` + "`${this.baseUrl}/~ns~/${id}`" + `, { timeout: this.timeout });
      cache.set(id, data);
      this.emit('~v~ed', { id, size: JSON.stringify(data).length });
      return data;
    } finally {
      this.pending.delete(id);
    }
  }

  async ~v~All(ids) {
    const unique = [...new Set(ids)];
    const results = await Promise.all(unique.map((id) => this.~v~(id).catch((err) => ({ id, error: err.message }))));
    return results.reduce((acc, r, i) => {
      acc[unique[i]] = r;
      return acc;
    }, {});
  }

  static fromEnv() {
    return new ~N~Service~s~({ baseUrl: process.env.~N~_API_URL, timeout: Number(process.env.TIMEOUT) || undefined });
  }
}`,

	// Utilities: debounce, chunk, groupBy, while loop.
	`function chunk~s~(list, size = ~i~) {
  const out = [];
  let i = 0;
  while (i < list.length) {
    out.push(list.slice(i, i + size));
    i += size;
  }
  return out;
}

const groupBy~N~~s~ = (items, key = '~f~') =>
  items.reduce((acc, item) => {
    const k = String(item[key] ?? 'unknown').toLowerCase();
    (acc[k] ||= []).push(item);
    return acc;
  }, {});

function debounce~s~(fn, wait = ~j~) {
  let timer = null;
  return function debounced(...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}

const sum~N~~g~~s~ = (rows) => rows.filter((r) => typeof r.~g~ === 'number').map((r) => r.~g~).reduce((a, b) => a + b, 0);`,

	// Loading a cache from disk at startup, then serving.
	`function load~N~Cache~s~(dir = DATA_DIR) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  let loaded = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const raw = fs.readFileSync(path.join(dir, entry.name), 'utf8');
    try {
      const ~c~ = JSON.parse(raw);
      cache.set(~c~.id, ~c~);
      loaded++;
    } catch (e) {
      console.warn('skipping %s: %s (~u~)', entry.name, e.message);
    }
  }
  return loaded;
}

const server~s~ = http.createServer((req, res) => {
  const id = new URL(req.url, 'http://localhost').searchParams.get('id');
  const body = zlib.gzipSync(JSON.stringify(cache.get(id) || null));
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  res.end(body);
});

server~s~.listen(~j~, () => {
  const n = load~N~Cache~s~();
  console.log(` + "`loaded ${n} ~ns~`" + `);
});`,

	// Socket events and a busy wait.
	`function attach~N~Socket~s~(wss) {
  wss.on('connection', (socket, req) => {
    const ip = req.socket.remoteAddress;
    socket.on('message', (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return socket.send(JSON.stringify({ error: 'bad json' }));
      }
      if (msg.type === '~v~') {
        const end = Date.now() + ~i~;
        while (Date.now() < end) {
          // throttle (~u~)
        }
        socket.send(JSON.stringify({ type: 'ack', id: msg.id, ip }));
      }
    });
    socket.on('close', () => cache.delete(ip));
  });
}`,

	// Password hashing route with callbacks.
	`router.post('/~ns~/login', (req, res) => {
  const { username, password } = req.body || {};
  if (!username || !password) {
    return res.status(400).json({ error: 'username and password required' });
  }
  const row = db.prepare('SELECT id, hash FROM ~ns~ WHERE username = ?').get(username);
  if (!row || !bcrypt.compareSync(password, row.hash)) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const key = crypto.pbkdf2Sync(password, String(row.id), ~j~, 64, 'sha512').toString('hex');
  do {
    cache.delete(username);
  } while (cache.has(username));
  res.json({ id: row.id, key: key.slice(0, ~i~) });
});`,

	// Async pipeline with for await and promisify.
	`async function* read~N~Lines~s~(file) {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  let buffer = '';
  for await (const part of stream) {
    buffer += part;
    let idx;
    while ((idx = buffer.indexOf('\n')) >= 0) {
      yield buffer.slice(0, idx);
      buffer = buffer.slice(idx + 1);
    }
  }
  if (buffer) yield buffer;
}

async function import~N~s~s~(file) {
  const seen = new Set();
  let imported = 0;
  for await (const line of read~N~Lines~s~(file)) {
    const [id, ~f~, ~g~] = line.split(',');
    if (!id || seen.has(id)) continue;
    seen.add(id);
    db.prepare('INSERT OR REPLACE INTO ~ns~ (id, ~f~, ~g~) VALUES (?, ?, ?)').run(id, ~f~, ~g~);
    imported += 1;
  }
  fs.writeFileSync(path.join(DATA_DIR, 'import.log'), ` + "`${imported} ~ns~ imported\\n`" + `, { flag: 'a' });
  return imported;
}`,

	// Object literal config and switch.
	`const ~c~Handlers~s~ = {
  created(event) {
    return { ...event.payload, status: 'new' };
  },
  updated(event) {
    const prev = cache.get(event.id) || {};
    return { ...prev, ...event.payload, version: (prev.version || 0) + 1 };
  },
  deleted(event) {
    cache.delete(event.id);
    return null;
  },
};

function apply~N~Event~s~(event) {
  switch (event.type) {
    case 'created':
    case 'updated':
    case 'deleted': {
      const next = ~c~Handlers~s~[event.type](event);
      if (next) cache.set(event.id, next);
      return next;
    }
    default:
      throw new Error(` + "`unknown ~n~ event: ${event.type}`" + `);
  }
}`,
}

func (g *gen) tsFile(i, target int) File {
	name := g.pick(nouns)
	kind := g.pick([]string{"controller", "service", "routes", "handlers", "module"})
	path := fmt.Sprintf("ts/%03d/%s/%s.%s.ts", i, g.pick(ecmaDirs), name, kind)
	hdr := g.header([]string{
		"import { Injectable, Controller, Get, Post, Put, Delete, Param, Body, Query, Logger, NotFoundException } from '@nestjs/common';",
		"import type { Request, Response, NextFunction } from 'express';",
		"import * as fs from 'fs';",
		"import path from 'node:path';",
	}, tsImports)
	hdr += g.expand(tsPrelude)
	return File{Path: path, Src: g.build(hdr, append(tsBlocks, jsBlocks...), target)}
}

var tsImports = []string{
	"import { execSync } from 'child_process';",
	"import { promisify } from 'node:util';",
	"import crypto from 'node:crypto';",
	"import zlib from 'node:zlib';",
	"import Database from 'better-sqlite3';",
	"import axios, { AxiosInstance } from 'axios';",
	"import { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';",
	"import { Repository, In } from 'typeorm';",
	"import { z } from 'zod';",
	"import EventEmitter from 'node:events';",
	"import express from 'express';",
}

const tsPrelude = `
const router = express.Router();
const DATA_DIR: string = process.env.DATA_DIR ?? path.join(__dirname, '..', 'data');
const cache = new Map<string, unknown>();
const MAX_~N~S = ~j~;
const db = new Database(path.join(DATA_DIR, '~ns~.sqlite'));
const logger = new Logger('~N~');
`

var tsBlocks = []string{
	// Types, interfaces and enums.
	`export enum ~N~Status~s~ {
  Draft = 'draft',
  Active = 'active',
  Archived = 'archived',
}

export interface ~N~Dto {
  id: string;
  ~f~: string;
  ~g~?: number;
  status: ~N~Status~s~;
  ~ds~: ReadonlyArray<~M~Summary>;
  meta: Record<string, string | number | boolean>;
}

export interface ~M~Summary {
  id: string;
  label: string;
}

export type ~N~Patch = Partial<Omit<~N~Dto, 'id' | '~ds~'>>;

type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };`,

	// NestJS controller with decorators.
	`@Controller('~ns~')
export class ~N~Controller~s~ {
  private readonly log = new Logger(~N~Controller~s~.name);

  constructor(
    private readonly ~c~Service: ~N~Service,
    private readonly ~d~Service: ~M~Service,
  ) {}

  @Get()
  async findAll(@Query('limit') limit = '~i~', @Query('q') q?: string): Promise<~N~Dto[]> {
    const n = Math.min(parseInt(limit, 10) || ~i~, MAX_~N~S);
    const rows = await this.~c~Service.findAll({ take: n, search: q });
    return rows.filter((r) => r.status !== 'archived');
  }

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<~N~Dto> {
    const ~c~ = await this.~c~Service.findOne(id);
    if (!~c~) {
      throw new NotFoundException(` + "`~N~ ${id} not found`" + `);
    }
    const raw = fs.readFileSync(path.join(DATA_DIR, ` + "`${id}.meta.json`" + `), 'utf8');
    return { ...~c~, meta: JSON.parse(raw) };
  }

  @Post(':id/~v~')
  async ~v~(@Param('id') id: string, @Body() body: ~N~Patch): Promise<{ ok: boolean }> {
    this.log.log(` + "`~v~ ~n~ ${id}`" + `);
    await this.~d~Service.~v~For(id, body);
    return { ok: true };
  }

  @Delete(':id')
  remove(@Param('id') id: string): Promise<void> {
    return this.~c~Service.remove(id);
  }
}`,

	// Injectable service with generics.
	`@Injectable()
export class ~N~Service~s~ {
  private readonly http: AxiosInstance;
  private readonly ttlMs = ~j~ * 1000;

  constructor(private readonly repo: Repository<~N~Entity>) {
    this.http = axios.create({ baseURL: process.env.~N~_API ?? 'https://api.example.com' });
  }

  async findAll(opts: { take: number; search?: string }): Promise<~N~Dto[]> {
    const rows = await this.repo.find({ take: opts.take, order: { ~f~: 'ASC' } });
    const out: ~N~Dto[] = [];
    for (const row of rows) {
      if (opts.search && !row.~f~.includes(opts.search)) {
        continue;
      }
      out.push(this.toDto(row));
    }
    return out;
  }

  async findOne(id: string): Promise<~N~Dto | undefined> {
    const hit = cache.get(id) as { at: number; value: ~N~Dto } | undefined;
    if (hit && Date.now() - hit.at < this.ttlMs) {
      return hit.value;
    }
    const row = await this.repo.findOne({ where: { id } });
    if (!row) return undefined;
    const value = this.toDto(row);
    cache.set(id, { at: Date.now(), value });
    return value;
  }

  async byIds<T extends { id: string }>(ids: readonly string[], map: (d: ~N~Dto) => T): Promise<T[]> {
    const rows = await this.repo.findBy({ id: In([...ids]) });
    return rows.map((r) => map(this.toDto(r)));
  }

  private toDto(row: ~N~Entity): ~N~Dto {
    return {
      id: row.id,
      ~f~: row.~f~,
      status: row.status as ~N~Status,
      ~ds~: (row.~ds~ ?? []).map((m) => ({ id: m.id, label: m.~g~ ?? '~u~' })),
      meta: {},
    };
  }
}`,

	// Typed Express handlers.
	`export const get~N~~s~ = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
  try {
    const id = String(req.params.id);
    const row = db.prepare('SELECT * FROM ~ns~ WHERE id = ?').get(id) as ~N~Row | undefined;
    if (!row) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const ~ds~ = db.prepare('SELECT * FROM ~ms~ WHERE ~n~_id = ?').all(id) as ~M~Row[];
    res.json({ ...row, ~ds~: ~ds~.map(({ id: mid, ~f~ }) => ({ id: mid, ~f~ })) });
  } catch (err: unknown) {
    next(err as Error);
  }
};

export async function export~N~s~s~(req: Request, res: Response): Promise<void> {
  const rows = db.prepare('SELECT * FROM ~ns~').all() as ~N~Row[];
  const csv = rows.map((r) => [r.id, r.~f~, r.~g~].join(',')).join('\n');
  fs.writeFileSync(path.join(DATA_DIR, '~ns~.csv'), csv);
  const out = execSync('gzip -kf ' + path.join(DATA_DIR, '~ns~.csv'));
  res.type('text/plain').send(out.toString() || 'ok');
}

router.get('/~ns~/:id', get~N~~s~);
router.get('/~ns~/export', export~N~s~s~);`,

	// Fastify typed plugin.
	`export default async function ~c~Routes~s~(app: FastifyInstance): Promise<void> {
  const Params = z.object({ id: z.string().min(1) });

  app.get('/~ns~/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const { id } = Params.parse(request.params);
    const key = ` + "`~n~:${id}`" + `;
    let value = cache.get(key);
    if (value === undefined) {
      const file = path.join(DATA_DIR, ` + "`${id}.json.gz`" + `);
      value = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
      cache.set(key, value);
    }
    return reply.send(value);
  });

  app.delete('/~ns~/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    cache.delete(` + "`~n~:${request.params.id}`" + `);
    return { deleted: true };
  });
}`,

	// Abstract class, generics, getters, optional chaining.
	`export abstract class Base~N~Store~s~<T extends { id: string; updatedAt?: Date }> {
  protected items = new Map<string, T>();

  abstract load(id: string): Promise<T | null>;

  get size(): number {
    return this.items.size;
  }

  async getOrLoad(id: string): Promise<T | null> {
    const existing = this.items.get(id);
    if (existing) return existing;
    const loaded = await this.load(id);
    if (loaded) this.items.set(id, loaded);
    return loaded ?? null;
  }

  stale(maxAgeMs = ~j~): T[] {
    const now = Date.now();
    return [...this.items.values()].filter((it) => (it.updatedAt?.getTime() ?? 0) < now - maxAgeMs);
  }
}

export class File~N~Store~s~ extends Base~N~Store~s~<~N~Dto & { id: string }> {
  async load(id: string): Promise<(~N~Dto & { id: string }) | null> {
    const p = path.join(DATA_DIR, '~ns~', ` + "`${id}.json`" + `);
    try {
      const text = await fs.promises.readFile(p, 'utf8');
      return JSON.parse(text) as ~N~Dto;
    } catch {
      return null;
    }
  }
}`,
}

func (g *gen) tsxFile(i, target int) File {
	name := g.pick(nouns)
	path := fmt.Sprintf("tsx/%03d/src/components/%s.tsx", i, pascal(name)+"List")
	hdr := g.header([]string{
		"import React, { useCallback, useEffect, useMemo, useState } from 'react';",
		"import type { FC, ReactNode } from 'react';",
	}, []string{
		"import { useRouter } from 'next/router';",
		"import clsx from 'clsx';",
		"import { formatDistanceToNow } from 'date-fns';",
	})
	hdr += "\nconst API = process.env.NEXT_PUBLIC_API ?? '/api';\n"
	return File{Path: path, Src: g.build(hdr, tsxBlocks, target)}
}

var tsxBlocks = []string{
	`interface ~N~ListProps~s~ {
  title?: string;
  pageSize?: number;
  onSelect?: (id: string) => void;
  children?: ReactNode;
}

export const ~N~List~s~: FC<~N~ListProps~s~> = ({ title = '~N~s (~u~)', pageSize = ~i~, onSelect, children }) => {
  const [items, setItems] = useState<Array<{ id: string; ~f~: string; ~g~?: number }>>([]);
  const [page, setPage] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const res = await fetch(` + "`${API}/~ns~?page=${page}&size=${pageSize}`" + `);
        const data = await res.json();
        if (!cancelled) setItems(data.items ?? []);
      } catch (e) {
        if (!cancelled) setError(String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [page, pageSize]);

  const total = useMemo(() => items.reduce((acc, it) => acc + (it.~g~ ?? 0), 0), [items]);
  const select = useCallback((id: string) => onSelect?.(id), [onSelect]);

  if (error) {
    return <div className="error">{error}</div>;
  }
  return (
    <section className="~n~-list">
      <h2>
        {title} <small>({total})</small>
      </h2>
      <ul>
        {items.map((it) => (
          <li key={it.id} onClick={() => select(it.id)}>
            <span className="~f~">{it.~f~}</span>
            {it.~g~ !== undefined && <em>{it.~g~}</em>}
          </li>
        ))}
      </ul>
      <button disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
        Previous
      </button>
      <button onClick={() => setPage((p) => p + 1)}>Next</button>
      {children}
    </section>
  );
};`,

	`export function ~N~Row~s~({ ~c~, selected }: { ~c~: { id: string; ~f~: string; tags: string[] }; selected: boolean }) {
  const tags = ~c~.tags.filter((t) => t.length > 0);
  return (
    <tr className={selected ? 'selected' : undefined} data-id={~c~.id}>
      <td>{~c~.id}</td>
      <td>{~c~.~f~}</td>
      <td>
        {tags.map((t, i) => (
          <span key={i} className="tag">
            {t}
          </span>
        ))}
      </td>
    </tr>
  );
}

export default function ~N~Table~s~({ rows }: { rows: Array<{ id: string; ~f~: string; tags: string[] }> }) {
  const [selected, setSelected] = useState<string | null>(null);
  const sorted = useMemo(() => [...rows].sort((a, b) => a.~f~.localeCompare(b.~f~)), [rows]);
  for (const r of sorted) {
    if (r.id === selected) break;
  }
  return (
    <table onClick={(e) => setSelected((e.target as HTMLElement).dataset.id ?? null)}>
      <tbody>
        {sorted.map((r) => (
          <~N~Row~s~ key={r.id} ~c~={r} selected={r.id === selected} />
        ))}
      </tbody>
    </table>
  );
}`,
}
