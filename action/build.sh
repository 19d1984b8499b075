#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): builds ropa from the
# action's own checkout, so the ref a workflow pins (uses:
# ropa-project/ropa@v1.1.0, or a commit SHA) is the code that runs, and
# puts it on the job's PATH. ROPA_VERSION (the action's ref) is stamped in
# as the version reports carry.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ropa-action-bin"
mkdir -p "$bin"
exe=ropa
case "${RUNNER_OS:-$(uname -s)}" in Windows* | MINGW* | MSYS*) exe=ropa.exe ;; esac
cd "$src"
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/ropa-project/ropa/audit.version=${ROPA_VERSION:-}" \
  -o "$bin/$exe" ./cmd/ropa
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$bin" >>"$GITHUB_PATH"
fi
"$bin/$exe" version
