#!/usr/bin/env bash
# npm start: build, pack, install the pinned n8n when missing, then run the sandbox and n8n (harness/start.ts) until
# Ctrl-C. See harness/start.ts for the environment variables (YANDEX_MARKET_API_KEY, N8N_LINE, ports).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
build_and_pack
bash scripts/install-n8n.sh
new_run_dir
# Safety net: whatever the harness could not stop (it stops everything itself on Ctrl-C) is stopped here.
trap 'kill_run_groups; rm -rf "$YM_RUN_DIR"' EXIT
trap 'true' INT   # the harness handles Ctrl-C, stops its children and exits; bash then runs the EXIT trap
"$repo_root/node_modules/.bin/tsx" harness/start.ts
