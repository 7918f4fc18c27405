#!/usr/bin/env bash
# End-to-end suite against a real n8n: builds and packs the package, installs the pinned n8n when missing, then
# runs jest's e2e project (test/e2e/**/*.e2e.test.ts). Each test file starts its own sandbox and n8n through the
# harness (useE2E / startN8n) with the tarball installed as a community package.
#
#   N8N_LINE=node24 (default: the current n8n 2.x on Node 24) | node20 (n8n 2.x on the machine's Node 20) | v1 (n8n 1.x);
#   the versions are in runtime/<line>/package.json
#   YM_E2E_MODE=regular (default) | queue   (queue: Redis + PostgreSQL + main/worker/webhook processes)
#   YM_SKIP_BROWSER=1 skips the editor test in Chromium (reported as skipped); YM_CHROMIUM overrides /usr/bin/chromium
#   YM_SKIP_BUILD=1 reuses dist/ (test-all.sh builds once); extra arguments go to jest,
#   e.g. scripts/e2e.sh test/e2e/smoke.e2e.test.ts
# Test files use the harness: `const e2e = useE2E('name')` (harness/e2e.ts) or startN8n() directly.
# Logs and artifacts: test-results/e2e-<suite>-<line>-<mode>/ ; on failure the log tails are printed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
export N8N_LINE="${N8N_LINE:-node24}"
export YM_E2E_MODE="${YM_E2E_MODE:-regular}"
if [ "$YM_E2E_MODE" = "queue" ]; then
  ensure_queue_services
fi
# The editor test (test/e2e/editor.e2e.test.ts) drives Debian's Chromium; YM_SKIP_BROWSER=1 skips it explicitly.
if [ "${YM_SKIP_BROWSER:-}" != "1" ]; then ensure_apt chromium:chromium; fi
new_run_dir
trap 'kill_run_groups; [ "${status:-1}" -eq 0 ] && rm -rf "$YM_RUN_DIR"' EXIT
trap 'exit 130' INT TERM

build_and_pack
bash scripts/install-n8n.sh
started=$(date +%s)
say "jest e2e: n8n line $N8N_LINE, $YM_E2E_MODE mode"
status=0
# --forceExit: keep-alive sockets to the stopped n8n can hold jest open for a while; every process the suite
# started is already stopped by the harness and the trap above.
npx jest --selectProjects e2e --runInBand --forceExit "$@" || status=$?
say "e2e ($N8N_LINE, $YM_E2E_MODE) finished in $(( $(date +%s) - started )) s with status $status"
if [ "$status" -ne 0 ]; then print_run_log_tails; fi
exit "$status"
