#!/usr/bin/env bash
# npm test: lint, typecheck, unit, integration, build, n8n's verification scan of the packed tarball, the n8n
# runtime check (each line's cached n8n is installed from its lockfile in runtime/ or verified, and the sqlite3 step
# of a cold install is run under hostile npm settings: scripts/check-install.sh), then the end-to-end suite against
# a real n8n (the node24 line, regular mode). On CI (CI=true, as .ci/run runs it) or with YM_TEST_MATRIX=full it
# also installs the node24 line cold (empty runtime and npm caches) and smoke-tests it
# (scripts/check-cold-install.sh), and runs the queue-mode suite and the e2e suite on the node20 and v1 lines (less
# the long template suites named below)
# (both on Node 20; on v1 without the editor test in Chromium, which is written against the 2.x editor). Every step runs even
# when an earlier one failed (except the steps that need a good build); a summary with timings is printed at the end.
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
full=0
if [ "${YM_TEST_MATRIX:-}" = "full" ] || [ "${CI:-}" = "true" ]; then full=1; fi
lines=(node24)
[ "$full" = 1 ] && lines+=(node20 v1)
if [ "${results[-1]}" = "ok" ]; then
  export YM_SKIP_BUILD=1
  step "scanner (offline)" bash scripts/scan-package.sh
  step "n8n runtimes" bash scripts/check-install.sh "${lines[@]}"
  # A new user's first run: the default line from its lockfile into empty caches, started and smoke-tested.
  if [ "$full" = 1 ]; then step "n8n cold install node24" bash scripts/check-cold-install.sh node24; fi
  step "e2e node24 regular" bash scripts/e2e.sh
  if [ "$full" = 1 ]; then
    # Queue mode runs its own short list (scripts/e2e-queue.sh). To keep .ci/run within its 90 minutes, the two long
    # template suites (the reply-loop drill, about 7 minutes, and the poll-trigger templates) are left out of the
    # node20 run; the drill runs on node24 and v1, the lines its issue names.
    step "e2e node24 queue" bash scripts/e2e-queue.sh
    step "e2e node20 regular" env N8N_LINE=node20 bash scripts/e2e.sh \
      --testPathIgnorePatterns 'reply-loop-drill\.e2e' 'templates-poll\.e2e'
    # The editor test (Chromium) is written against the 2.x editor; on v1 it is skipped, and jest says so.
    # templates-poll (about 2 minutes) runs on node24 only here; the reply-loop drill runs on v1 as its issue asks.
    step "e2e v1 regular" env N8N_LINE=v1 YM_SKIP_BROWSER=1 bash scripts/e2e.sh \
      --testPathIgnorePatterns 'templates-poll\.e2e'
  else
    skip "e2e queue, node20, v1" "YM_TEST_MATRIX=full runs them"
  fi
else
  skip "scanner, runtimes, e2e" "build failed"
fi

echo; echo "========== summary ==========" >&2
for i in "${!names[@]}"; do printf '  %-24s %-10s %4ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}" >&2; done
printf '  total %ss\n' "$SECONDS" >&2
ok_steps=0 failed_steps=0
for r in "${results[@]}"; do
  if [ "$r" = ok ]; then ok_steps=$((ok_steps + 1)); elif [ "$r" = FAILED ]; then failed_steps=$((failed_steps + 1)); fi
done
echo "steps: $ok_steps passed, $failed_steps failed"
exit "$failed"
