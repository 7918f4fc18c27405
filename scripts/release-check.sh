#!/usr/bin/env bash
# The publish guard (docs/RELEASING.md). Without arguments (npm run release:check, and prepublishOnly): the working
# tree must be a clean git checkout whose CHANGELOG.md has a section for package.json's version; then lint,
# typecheck, unit and integration tests, build, and n8n's verification scan of the packed tarball
# (scripts/scan-package.sh). On success it records the commit it checked in test-results/release-check.json.
#
# --verify (prepack): fails unless that record names the current commit and version and the tree is still clean.
# prepack runs on every `npm publish`, even with the repository's .npmrc ignore-scripts=true, because package.json's
# publishConfig sets ignore-scripts=false for publishing, which npm applies to the packing step (prepublishOnly is
# still skipped under .npmrc's setting). So a publish that skipped the guard stops here; only an explicit
# `npm publish --ignore-scripts` on the command line gets past it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
record="test-results/release-check.json"
version="$(node -p 'require("./package.json").version')"

fail() {
  say "FAILED: $*"
  exit 1
}
clean_tree() {
  git rev-parse --git-dir >/dev/null 2>&1 || fail "not a git checkout: publish from the repository"
  local dirty
  dirty="$(git status --porcelain --untracked-files=normal)"
  [ -z "$dirty" ] || fail "the working tree has uncommitted changes; publish a commit:"$'\n'"$dirty"
}

if [ "${1:-}" = "--verify" ]; then
  clean_tree
  head="$(git rev-parse HEAD)"
  [ -f "$record" ] || fail "the publish guard has not run for this checkout. Publish through the GitHub workflow" \
    "(docs/RELEASING.md), or run 'npm run release:check' first, or use 'npm publish --ignore-scripts=false'"
  checked="$(node -p "const r = require('./$record'); r.commit + ' ' + r.version")"
  [ "$checked" = "$head $version" ] || fail "the publish guard last passed for '$checked', not for" \
    "'$head $version'. Run 'npm run release:check' again."
  say "ok: the publish guard passed for $version at $head"
  exit 0
fi
[ $# -eq 0 ] || fail "usage: $0 [--verify]"

clean_tree
grep -Eq "^## \[$(printf '%s' "$version" | sed 's/\./\\./g')\]" CHANGELOG.md ||
  fail "CHANGELOG.md has no '## [$version]' section"
rm -f "$record"
started=$SECONDS
run() {
  say "$*"
  "$@"
}
run npm run --silent lint
run npx tsc -p tsconfig.test.json
run npx jest --selectProjects unit --silent
run npx jest --selectProjects integration --silent
run npm run --silent build
run env YM_SKIP_BUILD=1 bash scripts/scan-package.sh
# The checks must not have changed tracked files (a formatter, a lockfile rewrite).
clean_tree
mkdir -p test-results
printf '{ "version": "%s", "commit": "%s", "checkedAt": "%s" }\n' "$version" "$(git rev-parse HEAD)" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$record"
say "ok: $version at $(git rev-parse --short HEAD) is ready to publish ($((SECONDS - started)) s)"
