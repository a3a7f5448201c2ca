#!/usr/bin/env bash
# Checks the pre-commit hooks with Debian's real pre-commit: a temporary git
# repository whose .pre-commit-config.yaml points at this checkout fails on a
# seeded RT101, passes once it is fixed, and the rtlint-fix hook fixes it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v pre-commit >/dev/null; then
  apt-get update -qq && apt-get install -y -qq pre-commit >/dev/null
fi
rev="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
cd "$work"
# use_hook writes a .pre-commit-config.yaml running one hook of this checkout.
use_hook() {
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: $1
YAML
}
git init -q project && cd project
git config user.email ci@example.invalid && git config user.name ci
use_hook rtlint
cat > app.py <<'PY'
import time


async def handler():
    time.sleep(1)
PY
git add -A && git commit -qm seed
set +e
out="$(pre-commit run --all-files 2>&1)"; status=$?
set -e
echo "$out"
if [ "$status" -ne 1 ] || ! grep -q "RT101" <<<"$out"; then
  echo "precommit: expected the rtlint hook to fail with RT101 (exit $status)"; exit 1
fi
sed -i 's/    time.sleep(1)/    await asyncio.sleep(1)/; 1i import asyncio' app.py
pre-commit run --all-files || { echo "precommit: hook still fails after the fix"; exit 1; }

# The fix hook rewrites the file and passes on the next run.
git checkout -q app.py
use_hook rtlint-fix
pre-commit run --all-files >/dev/null 2>&1 || true
grep -q "await asyncio.sleep(1)" app.py || { echo "precommit: rtlint-fix did not fix app.py"; cat app.py; exit 1; }
pre-commit run --all-files || { echo "precommit: rtlint-fix fails on a fixed file"; exit 1; }
# Files whose extension identify has no tag for (.mts, .cts) are checked.
use_hook rtlint
cat > lib.mts <<'TS'
import fs from 'node:fs';
export async function load(): Promise<string> { return fs.readFileSync('x', 'utf8'); }
TS
git add -A && git commit -qm mts
set +e
out="$(pre-commit run --all-files 2>&1)"; status=$?
set -e
if [ "$status" -ne 1 ] || ! grep -q "lib.mts" <<<"$out" || ! grep -q "RT103" <<<"$out"; then
  echo "$out"; echo "precommit: expected RT103 in lib.mts (exit $status)"; exit 1
fi
echo "precommit: ok"
