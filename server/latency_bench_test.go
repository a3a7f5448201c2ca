package server_test

// Benchmarks of the real binary over pipes, through the lsptest client:
//
//	go test ./server/ -run '^$' -bench . -benchtime 400x
//
// BenchmarkDidChangeLatency reports p50/p99 of didChange → publishDiagnostics
// for one-character edits in 5,000-line files; BenchmarkMemory200Docs
// reports the server's RSS with 200 open 1,000-line documents (one fresh
// server per call, whatever -benchtime says).

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/internal/lsptest"
)

const editMarker = "edit_here"

// generatePython returns about n lines of realistic server-side Python: a
// FastAPI app with models, async and sync handlers, helpers with loops, and
// a few findings (blocking calls in async code, json in hot loops). The
// middle of the file holds editMarker.
func generatePython(n int) string {
	var b strings.Builder
	b.WriteString(`"""Generated service module for rtlint benchmarks."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import requests
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
log = logging.getLogger(__name__)
client = httpx.AsyncClient()

`)
	lines := strings.Count(b.String(), "\n")
	for i := 0; lines < n; i++ {
		marker := ""
		if lines >= n/2 && lines < n/2+40 {
			marker = "  # " + editMarker
		}
		block := fmt.Sprintf(`
class Item%[1]d(BaseModel):
    id: int
    name: str
    tags: list[str] = []
    price: float = 0.0


@dataclass
class Cache%[1]d:
    entries: dict[str, Any] = field(default_factory=dict)
    hits: int = 0

    def get(self, key: str) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.hits += 1
        return value


def summarize_%[1]d(items: list[Item%[1]d]) -> dict[str, float]:
    total = 0.0%[2]s
    for item in items:
        total += item.price * len(item.tags)
    return {"total": total, "count": float(len(items))}


@app.get("/items/%[1]d/{item_id}")
async def read_item_%[1]d(item_id: int) -> Item%[1]d:
    if item_id < 0:
        raise HTTPException(status_code=404, detail="not found")
    resp = await client.get(f"https://example.com/items/{item_id}")
    data = resp.json()
    log.info("fetched %%s", item_id)
    time.sleep(0.01)
    return Item%[1]d(**data)


@app.post("/items/%[1]d")
async def create_item_%[1]d(item: Item%[1]d) -> dict[str, Any]:
    payloads = [json.dumps({"id": item.id, "n": n}) for n in range(10)]
    await asyncio.sleep(0)
    return {"ok": True, "size": sum(len(p) for p in payloads)}


def sync_report_%[1]d() -> str:
    r = requests.get("https://example.com/report/%[1]d", timeout=5)
    return r.text.strip()
`, i, marker)
		b.WriteString(block)
		lines += strings.Count(block, "\n")
	}
	return b.String()
}

// generateTypeScript returns about n lines of realistic Express + TypeScript
// code with some findings (sync fs calls in handlers, execSync, per-request
// clients). The middle of the file holds editMarker.
func generateTypeScript(n int) string {
	var b strings.Builder
	b.WriteString(`// Generated service module for rtlint benchmarks.
import express, { Request, Response } from 'express';
import * as fs from 'node:fs';
import { execSync } from 'node:child_process';
import axios from 'axios';

const app = express();
app.use(express.json());

`)
	lines := strings.Count(b.String(), "\n")
	for i := 0; lines < n; i++ {
		marker := ""
		if lines >= n/2 && lines < n/2+40 {
			marker = " // " + editMarker
		}
		block := fmt.Sprintf(`
interface Order%[1]d {
  id: number;
  customer: string;
  lines: { sku: string; qty: number; price: number }[];
}

export class OrderService%[1]d {
  private cache = new Map<number, Order%[1]d>();

  total(order: Order%[1]d): number {
    let total = 0;%[2]s
    for (const line of order.lines) {
      total += line.qty * line.price;
    }
    return total;
  }

  async load(id: number): Promise<Order%[1]d | undefined> {
    if (this.cache.has(id)) {
      return this.cache.get(id);
    }
    const res = await fetch('https://example.com/orders/' + id);
    const order = (await res.json()) as Order%[1]d;
    this.cache.set(id, order);
    return order;
  }
}

const service%[1]d = new OrderService%[1]d();

app.get('/orders/%[1]d/:id', async (req: Request, res: Response) => {
  const order = await service%[1]d.load(Number(req.params.id));
  const template = fs.readFileSync('./templates/order.html', 'utf8');
  res.send(template.replace('{{total}}', String(order ? service%[1]d.total(order) : 0)));
});

app.post('/orders/%[1]d', (req: Request, res: Response) => {
  const http = axios.create({ timeout: 1000 });
  const rev = execSync('git rev-parse HEAD').toString().trim();
  res.json({ ok: true, rev, client: typeof http });
});
`, i, marker)
		b.WriteString(block)
		lines += strings.Count(block, "\n")
	}
	return b.String()
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkDidChangeLatency measures, per one-character edit, the time from
// sending didChange to receiving publishDiagnostics for that version. Edits
// alternate between typing and deleting a character in an identifier in
// the middle of the file.
func BenchmarkDidChangeLatency(b *testing.B) {
	for _, tc := range []struct {
		name, file, lang string
		gen              func(int) string
	}{
		{"python-5000-lines", "service.py", "python", generatePython},
		{"typescript-5000-lines", "service.ts", "typescript", generateTypeScript},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e := startServer(b)
			e.KeepFrames(false)
			src := tc.gen(5000)
			uri := docURI(b, tc.file)
			e.Open(uri, tc.lang, src)
			initial := e.Diagnostics(uri, 1, 0)
			marker := strings.Index(src, editMarker)
			if marker < 0 {
				b.Fatalf("the generated file has no %s", editMarker)
			}
			// "total" on the marker's line: edit right after it.
			lineStart := strings.LastIndexByte(src[:marker], '\n') + 1
			at := lsptest.Position(src, lineStart+strings.Index(src[lineStart:], "total")+len("total"))
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				v := e.Version(uri) + 1
				ch := lsptest.Change{Range: &protocol.Range{Start: at, End: at}, Text: "x"}
				if i%2 == 1 {
					end := protocol.Position{Line: at.Line, Character: at.Character + 1}
					ch = lsptest.Change{Range: &protocol.Range{Start: at, End: end}}
				}
				start := time.Now()
				e.Change(uri, v, ch)
				e.Diagnostics(uri, v, 0)
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
			b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
			b.ReportMetric(float64(len(initial)), "diagnostics")
			b.ReportMetric(float64(len(src))/1024, "file-KB")
		})
	}
}

// BenchmarkMemory200Docs opens 200 documents of about 1,000 lines (100
// Python, 100 TypeScript), waits for all their diagnostics and reports the
// server process's resident memory (VmRSS, and the peak VmHWM) once all
// are published and again after 3 s idle (idle-after-rss-MB). It measures
// one fresh server per call whatever b.N is (a memory figure does not
// average over iterations); ns/op is the time to open and lint all 200.
func BenchmarkMemory200Docs(b *testing.B) {
	py, ts := generatePython(1000), generateTypeScript(1000)
	e := startServer(b)
	e.KeepFrames(false)
	idle, _, err := e.Memory()
	if err != nil {
		b.Fatalf("reading the server's memory: %v", err)
	}
	dir := docURI(b, "")
	var uris []protocol.DocumentURI
	start := time.Now()
	for j := 0; j < 200; j++ {
		uri := protocol.DocumentURI(fmt.Sprintf("%s/mod%03d.py", dir, j))
		lang, text := "python", py
		if j%2 == 1 {
			uri, lang, text = protocol.DocumentURI(fmt.Sprintf("%s/mod%03d.ts", dir, j)), "typescript", ts
		}
		e.Open(uri, lang, text)
		uris = append(uris, uri)
	}
	for _, uri := range uris {
		e.Diagnostics(uri, 1, 0)
	}
	elapsed := time.Since(start)
	rss, peak, err := e.Memory()
	if err != nil {
		b.Fatalf("reading the server's memory: %v", err)
	}
	// Then idle: the server hands freed memory back (server/idle.go).
	settled := rss
	for range 30 {
		time.Sleep(100 * time.Millisecond)
		if now, _, err := e.Memory(); err == nil && now < settled {
			settled = now
		}
	}
	b.ReportMetric(float64(elapsed.Nanoseconds()), "ns/op")
	b.ReportMetric(float64(rss)/1024, "rss-MB")
	b.ReportMetric(float64(settled)/1024, "idle-after-rss-MB")
	b.ReportMetric(float64(peak)/1024, "peak-rss-MB")
	b.ReportMetric(float64(idle)/1024, "idle-rss-MB")
	b.ReportMetric(float64(strings.Count(py, "\n")), "py-lines/doc")
	b.ReportMetric(float64(strings.Count(ts, "\n")), "ts-lines/doc")
	if err := e.Shutdown(); err != nil {
		b.Fatal(err)
	}
	if code := e.Exit(); code != 0 {
		b.Fatalf("exit code %d, want 0", code)
	}
}

// BenchmarkDidOpenLarge opens one document just under the 10 MB limit
// (generated server code: routes, helpers, loops, findings) and reports the
// time to its diagnostics and the server's peak RSS (issue 14: it took 38 s
// and 573 MB). One fresh server per call.
func BenchmarkDidOpenLarge(b *testing.B) {
	var sb strings.Builder
	chunk := generatePython(1000)
	for sb.Len()+len(chunk) < 9900<<10 {
		sb.WriteString(strings.ReplaceAll(chunk, "from __future__ import annotations\n", ""))
	}
	text := sb.String()
	e := startServer(b)
	e.KeepFrames(false)
	uri := docURI(b, "large.py")
	start := time.Now()
	e.Open(uri, "python", text)
	diags := e.Diagnostics(uri, 1, 2*time.Minute)
	elapsed := time.Since(start)
	rss, peak, err := e.Memory()
	if err != nil {
		b.Fatalf("reading the server's memory: %v", err)
	}
	b.ReportMetric(float64(elapsed.Nanoseconds()), "ns/op")
	b.ReportMetric(float64(len(text))/(1<<20), "MB")
	b.ReportMetric(float64(len(diags)), "diagnostics")
	b.ReportMetric(float64(rss)/1024, "rss-MB")
	b.ReportMetric(float64(peak)/1024, "peak-rss-MB")
	if err := e.Shutdown(); err != nil {
		b.Fatal(err)
	}
}
