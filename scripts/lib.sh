# Shared helpers for the runtime scripts (sourced).
# shellcheck shell=bash
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "[$(basename "$0")] $*" >&2; }

# Builds dist/ and packs the package once; exports YM_PACKAGE_TARBALL for the harness.
build_and_pack() {
  local dest="$repo_root/test-results/pack"
  if [ "${YM_SKIP_BUILD:-}" != "1" ]; then
    say "npm run build"
    (cd "$repo_root" && npm run --silent build >&2)
  fi
  rm -rf "$dest"; mkdir -p "$dest"
  local tgz
  tgz="$(cd "$repo_root" && npm pack --silent --ignore-scripts --pack-destination "$dest" 2>/dev/null | tail -n 1)"
  export YM_PACKAGE_TARBALL="$dest/$tgz"
  say "packed $YM_PACKAGE_TARBALL ($(tar -tzf "$YM_PACKAGE_TARBALL" | wc -l) files)"
}

# A folder for this run only: the harness writes the pid files of every process group it starts there and lists
# the work folders it used (YM_RUN_DIR). Nothing outside it is touched: other runs may share test-results/.
new_run_dir() {
  mkdir -p "$repo_root/test-results/.runs"
  YM_RUN_DIR="$(mktemp -d "$repo_root/test-results/.runs/$(basename "$0" .sh).XXXXXX")"
  export YM_RUN_DIR
}

# Safety net for an interrupted run: stops the process groups recorded in YM_RUN_DIR/pids that are still alive.
kill_run_groups() {
  local dir="${YM_RUN_DIR:-}/pids" f pid
  [ -n "${YM_RUN_DIR:-}" ] && [ -d "$dir" ] || return 0
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null; then
      say "stopping leftover process group $pid ($(basename "$f" .pid))"
      kill -TERM -- "-$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

# Installs Debian packages whose binaries are missing: `ensure_apt redis-server:redis-server ...` (binary:package).
# `apt-get update` runs only when the first install attempt fails (stale or empty package lists).
ensure_apt() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing ${missing[*]} with apt-get"
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
    $sudo apt-get update >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
  fi
}

# Redis and PostgreSQL server binaries for queue mode.
ensure_queue_services() {
  ensure_apt redis-server:redis-server redis-cli:redis-tools
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then ensure_apt __no_initdb__:postgresql; fi
}

# Prints the tail of every log of the work folders this run used (called when a run fails).
print_run_log_tails() {
  local w f
  [ -f "${YM_RUN_DIR:-}/workdirs" ] || return 0
  for w in $(sort -u "$YM_RUN_DIR/workdirs"); do
    for f in "$w"/logs/*.log "$w"/*.log; do
      [ -f "$f" ] || continue
      echo "===== tail -n ${YM_LOG_TAIL:-60} ${f#"$repo_root"/} =====" >&2
      tail -n "${YM_LOG_TAIL:-60}" "$f" >&2
    done
  done
  echo "(full logs and sandbox request/notification dumps: $(sort -u "$YM_RUN_DIR/workdirs" | sed "s#$repo_root/##" | tr '\n' ' '))" >&2
}
