#!/usr/bin/env bash
# The worker-crash e2e test (tests/e2e/fallback.test.ts), N runs in a row in one Vitest run, each
# in a fresh browser, while one busy loop per core keeps the CPU at 100% (issue #22, item 8).
# Usage: tools/stress-crash.sh [runs=10] [extra vitest -t pattern]
set -euo pipefail
runs="${1:-10}"
pattern="${2:-crashed worker}"
cores="$(nproc)"
pids=()
stop_load() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_load EXIT
for _ in $(seq "$cores"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done
echo "stress-crash: ${#pids[@]} busy loops (one per core), ${runs} runs of \"${pattern}\""
CRASH_RUNS="$runs" npx vitest run --project e2e tests/e2e/fallback.test.ts -t "$pattern"
