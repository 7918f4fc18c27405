#!/usr/bin/env bash
# Proves the cold-install path on every test run without paying for a full n8n reinstall:
#   1. each given n8n line is installed, or verified and repaired (scripts/install-n8n.sh), and then passes
#      `install-n8n.sh --check`: its sqlite3 loads and opens a database with the Node that runs n8n, and
#      `n8n --version` prints the pinned version;
#   2. the sqlite3 step of a cold install, into a fresh folder, under hostile npm settings: the ones `npm start` /
#      `npm test` export from the repository's .npmrc (npm_config_ignore_scripts=true, the trap that once left every
#      new machine with an n8n that could not open its database) and others. sqlite3 must build and load with the
#      Node of the default line (YM_CHECK_SQLITE3_LINE=node20 for Node 20). A control run shows the trap is real:
#      a plain `npm rebuild sqlite3` with npm_config_ignore_scripts=true builds nothing.
# Booting n8n itself is proven by the e2e suites, which start every line they run.
#   usage: bash scripts/check-install.sh [line ...]   (default: node24)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
[ $# -gt 0 ] || set -- node24

for line in "$@"; do
  N8N_LINE="$line" bash scripts/install-n8n.sh
  N8N_LINE="$line" bash scripts/install-n8n.sh --check
done

work="$(mktemp -d "${TMPDIR:-/tmp}/ym-check-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
hostile_rc="$work/hostile.npmrc"
printf 'ignore-scripts=true\nnodedir=/nonexistent/node-headers\ndry-run=true\nglobal=true\n' >"$hostile_rc"
hostile=(
  npm_config_ignore_scripts=true
  NPM_CONFIG_IGNORE_SCRIPTS=true
  npm_config_nodedir=/nonexistent/node-headers
  npm_config_dry_run=true
  npm_config_global=true
  npm_config_prefix="$work/not-here"
  npm_config_omit=dev,optional,peer
  npm_config_foreground_scripts=false
  npm_config_loglevel=silent
  npm_config_node_gyp=/nonexistent/node-gyp.js
  npm_config_userconfig="$hostile_rc"
  npm_config_globalconfig="$hostile_rc"
)

line="${YM_CHECK_SQLITE3_LINE:-node24}"
node_bin="$(N8N_LINE="$line" bash -c 'source scripts/runtime-versions.sh && echo "$NODE_DIR/bin/node"')"
loads() {
  (cd "$1" && "$node_bin" -e '
    const sqlite3 = require(require.resolve("sqlite3", { paths: [process.cwd()] }));
    new sqlite3.Database(":memory:").get("select sqlite_version() as v", (err, row) => {
      if (err) throw err;
      console.log(`sqlite ${row.v}`);
    });' 2>&1)
}

say "sqlite3 step of a cold install under: ${hostile[*]}"
mkdir -p test-results
build_log="test-results/check-install-sqlite3.log"
if ! env "${hostile[@]}" N8N_LINE="$line" bash scripts/install-n8n.sh --sqlite3-into "$work/fresh" \
  >"$build_log" 2>&1; then
  tail -n 40 "$build_log" >&2
  say "FAILED: install-n8n.sh --sqlite3-into under hostile npm settings (full log: $build_log)"
  exit 1
fi
grep '^\[install-n8n\]' "$build_log" >&2
# Checked again here, independently of the script's own check.
out="$(loads "$work/fresh")" || {
  say "FAILED: sqlite3 built by install-n8n.sh --sqlite3-into does not load: $out"
  exit 1
}
say "ok: the fresh sqlite3 loads with $("$node_bin" --version) ($out)"

# Control: the setting `npm start` / `npm test` really export defeats a plain rebuild, so the check above proves
# something.
mkdir -p "$work/control"
cp "$work/fresh/package.json" "$work/control/"
(cd "$work/control" && PATH="$(dirname "$node_bin"):$PATH" \
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
(cd "$work/control" && PATH="$(dirname "$node_bin"):$PATH" npm_config_ignore_scripts=true \
  npm rebuild sqlite3 --loglevel=error >/dev/null 2>&1) || true
if out="$(loads "$work/control")"; then
  say "FAILED: control run: 'npm rebuild sqlite3' with npm_config_ignore_scripts=true built a working sqlite3" \
    "($out), so the check above proves nothing"
  exit 1
fi
say "ok: control: 'npm rebuild sqlite3' with npm_config_ignore_scripts=true leaves sqlite3 unbuilt"
