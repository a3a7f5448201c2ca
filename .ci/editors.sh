#!/usr/bin/env bash
# CI for the editor integrations: the headless Neovim end-to-end test and
# the VS Code extension (type-check, bundle, unit tests, .vsix packaging).
# Runs as root on a fresh Debian machine with Go and Node.js 20+.
set -euo pipefail
cd "$(dirname "$0")/.."

export GOFLAGS="${GOFLAGS:-} -mod=readonly"
# The Neovim test fails instead of skipping when nvim is missing.
export RTLINT_REQUIRE_TOOLS=1

echo "--- neovim"
if ! command -v nvim >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y neovim
fi
nvim --version | head -n 1

echo "--- go test ./editors/nvim/ (headless Neovim end-to-end)"
go test -count=1 -v ./editors/nvim/

echo "--- VS Code extension"
bindir="$(mktemp -d)"
go build -o "$bindir/rtlint" ./cmd/rtlint
export RTLINT_BIN="$bindir/rtlint"   # test/server.test.js drives the real server
cd editors/vscode
node --version
npm --version
rm -f ./*.vsix
npm ci
npm run compile
npm test
npx --no-install vsce package --no-dependencies

shopt -s nullglob
vsix=(./*.vsix)
if [ "${#vsix[@]}" -ne 1 ]; then
  echo "want exactly one .vsix in editors/vscode, found ${#vsix[@]}"; exit 1
fi
# Zip entry names are stored uncompressed: no unzip needed.
if ! grep -aq 'extension/out/extension.js' "${vsix[0]}"; then
  echo "${vsix[0]} has no extension/out/extension.js"; exit 1
fi
ls -l "${vsix[0]}"

cd ../..
echo "--- TypeScript worker_threads fix compiles (tsc from editors/vscode) and runs"
bash .ci/ts-worker-fix.sh

echo "editors CI passed"
