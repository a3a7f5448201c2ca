#!/usr/bin/env bash
# The TypeScript worker_threads fix (RT201) must compile with a strict tsc
# and compute the same value as the original, run with node. Uses the
# TypeScript compiler and @types/node the VS Code package installs (run
# after `npm ci` in editors/vscode).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
fix="$repo/analyzers/cpu/testdata/fix"
tsc="$repo/editors/vscode/node_modules/.bin/tsc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node_modules/@types"
cp -r "$repo/editors/vscode/node_modules/@types/node" "$work/node_modules/@types/"
# The fixture imports express types; stand-ins keep the check self-contained.
stub='type Request = { query: Record<string, string> }; type Response = { json(v: unknown): void };'
sed "s/^import type { Request, Response } from 'express';/$stub/" "$fix/worker_ts.ts.golden" > "$work/main.ts"
sed "s/^import type { Request, Response } from 'express';/$stub/" "$fix/worker_ts.ts" > "$work/original.ts"
cp "$fix/worker_ts.fib.worker.ts.golden" "$work/worker_ts.fib.worker.ts"
echo '{"type":"module"}' > "$work/package.json"
cat > "$work/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "es2022", "module": "nodenext", "moduleResolution": "nodenext",
  "strict": true, "outDir": "out", "types": ["node"], "skipLibCheck": true }, "include": ["*.ts"] }
JSON
(cd "$work" && "$tsc" -p .)
for f in main original; do
  echo "handler({ query: { n: '20' } }, { json: (v) => console.log(JSON.stringify(v)) });" >> "$work/out/$f.js"
done
fixed="$(node "$work/out/main.js")"
orig="$(node "$work/out/original.js")"
if [ "$fixed" != "$orig" ] || [ "$fixed" != '{"value":6765}' ]; then
  echo "ts worker fix: fixed program printed $fixed, original $orig"; exit 1
fi
echo "ts worker fix: compiles strict and prints $fixed like the original"
