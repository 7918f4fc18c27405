#!/usr/bin/env bash
# A new user's first run, on every CI run: installs an n8n line into an EMPTY runtime cache with an EMPTY npm cache
# (nothing can come from an earlier install), from its committed lockfile (runtime/<line>/), exactly as `npm start`
# does on a fresh machine, then starts that n8n with the packed package and runs the smoke e2e file against it
# (the harness waits for /healthz/readiness, registers the node types, runs an action and a trigger workflow).
# A failing install fails this step with npm's own error in the output. Both caches are deleted afterwards.
#   usage: bash scripts/check-cold-install.sh [line]   (default: node24)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
line="${1:-node24}"
cold_runtime="$(mktemp -d "${TMPDIR:-/tmp}/ym-cold-runtime.XXXXXX")"
cold_npm="$(mktemp -d "${TMPDIR:-/tmp}/ym-cold-npm-cache.XXXXXX")"
trap 'rm -rf "$cold_runtime" "$cold_npm"' EXIT

t0=$SECONDS
say "cold install of the $line line: YM_RUNTIME_CACHE=$cold_runtime npm_config_cache=$cold_npm (both empty)"
if ! YM_RUNTIME_CACHE="$cold_runtime" npm_config_cache="$cold_npm" N8N_LINE="$line" bash scripts/install-n8n.sh; then
  say "FAILED: the cold install of the $line line (npm's error above; its log was in $cold_runtime/logs:)"
  tail -n 60 "$cold_runtime"/logs/*.log 2>/dev/null >&2 || true
  exit 1
fi
installed=$((SECONDS - t0))
say "cold install of the $line line took ${installed} s; starting it (smoke e2e)"
t1=$SECONDS
YM_RUNTIME_CACHE="$cold_runtime" npm_config_cache="$cold_npm" N8N_LINE="$line" YM_SKIP_BROWSER=1 \
  bash scripts/e2e.sh test/e2e/smoke.e2e.test.ts
say "ok: cold install ${installed} s, start and smoke $((SECONDS - t1)) s (line $line)"
