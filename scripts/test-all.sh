#!/usr/bin/env bash
# npm test: lint, typecheck, unit, integration, build, then the end-to-end suite against a real n8n (2.41.1 on
# Node 24, regular mode). On CI (CI=true, as .ci/run is run) or with YM_TEST_MATRIX=full it also runs the
# queue-mode suite and the whole e2e suite on the Node 20 line (n8n 2.8.4). Every step runs even when an earlier one failed (except the
# e2e steps, which need a good build); a summary with timings is printed at the end.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"

declare -a names=() results=() times=()
failed=0
step() {
  local name="$1"; shift
  local t0=$SECONDS
  echo; echo "========== $name ==========" >&2
  if "$@"; then results+=("ok"); else results+=("FAILED"); failed=1; fi
  names+=("$name"); times+=("$(( SECONDS - t0 ))")
}
skip() { names+=("$1"); results+=("skipped ($2)"); times+=(0); }

step "lint" npm run --silent lint
step "typecheck" npx tsc -p tsconfig.test.json
step "unit" npx jest --selectProjects unit
step "integration" npx jest --selectProjects integration
step "build" npm run --silent build
if [ "${results[-1]}" = "ok" ]; then
  export YM_SKIP_BUILD=1
  step "e2e node24 regular" bash scripts/e2e.sh
  if [ "${YM_TEST_MATRIX:-}" = "full" ] || [ "${CI:-}" = "true" ]; then
    step "e2e node24 queue" bash scripts/e2e-queue.sh
    step "e2e node20 regular" env N8N_LINE=node20 bash scripts/e2e.sh
  else
    skip "e2e queue + node20" "YM_TEST_MATRIX=full runs them"
  fi
else
  skip "e2e" "build failed"
fi

echo; echo "========== summary ==========" >&2
for i in "${!names[@]}"; do printf '  %-22s %-10s %4ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}" >&2; done
printf '  total %ss\n' "$SECONDS" >&2
exit "$failed"
