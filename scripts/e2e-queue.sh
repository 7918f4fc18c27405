#!/usr/bin/env bash
# Queue-mode end-to-end run: Redis (Debian redis-server) and PostgreSQL (Debian postgresql, initdb into a temp
# folder) on loopback ports, one n8n main, one worker and one webhook process (N8N_DISABLE_PRODUCTION_MAIN_PROCESS),
# the package installed in their user folder. Runs the smoke, example, trigger and poll suites; the example suite also checks
# in the worker's log that the triggered execution ran there. Installs the Debian packages when missing.
#   N8N_LINE=node24 (default) | node20 ; extra arguments go to jest (default: the suites below)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
ensure_queue_services
export YM_E2E_MODE=queue
if [ $# -eq 0 ]; then set -- test/e2e/smoke.e2e.test.ts test/e2e/examples.e2e.test.ts test/e2e/trigger.e2e.test.ts test/e2e/poll.e2e.test.ts; fi
exec bash scripts/e2e.sh "$@"
