#!/usr/bin/env bash
# npm run release -- <version>: prepares a release on a clean main (docs/RELEASING.md). Sets the version in
# package.json and package-lock.json, turns CHANGELOG.md's "Unreleased" section into "<version> - <date>" (with a
# new empty Unreleased section above it), commits "Release <version>", runs the publish guard on that commit
# (scripts/release-check.sh) and tags it "<version>". Nothing is pushed or published: pushing the tag starts
# .github/workflows/publish.yml, which publishes to npm with provenance.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
version="${1:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "usage: npm run release -- <version>   (for example 0.2.0; tags have no v prefix)" >&2
  exit 2
fi
[ -z "$(git status --porcelain)" ] || {
  say "commit or stash your changes first"
  exit 1
}
[ "$(git rev-parse --abbrev-ref HEAD)" = main ] || {
  say "release from main"
  exit 1
}
git rev-parse -q --verify "refs/tags/$version" >/dev/null && {
  say "tag $version exists already"
  exit 1
}
node - "$version" <<'JS'
const fs = require('fs');
const version = process.argv[2];
const text = fs.readFileSync('CHANGELOG.md', 'utf8');
const unreleased = /^## \[Unreleased\]\n/m;
if (!unreleased.test(text)) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
const body = text.split(unreleased)[1].split(/^## \[/m)[0].trim();
const date = new Date().toISOString().slice(0, 10);
const existing = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\].*$`, 'm');
let next;
if (existing.test(text)) {
  // A section written ahead for this version (the first release, 0.1.0): it gets its date.
  if (body) throw new Error(`move the Unreleased notes into the ${version} section of CHANGELOG.md first`);
  next = text.replace(existing, `## [${version}] - ${date}`);
} else {
  if (!body) throw new Error('the Unreleased section of CHANGELOG.md is empty: say what changed first');
  next = text.replace(unreleased, `## [Unreleased]\n\n## [${version}] - ${date}\n`);
}
fs.writeFileSync('CHANGELOG.md', next);
JS
npm version "$version" --no-git-tag-version --allow-same-version --ignore-scripts >/dev/null
git add package.json package-lock.json CHANGELOG.md
git commit -q -m "Release $version"
bash scripts/release-check.sh
git tag -a "$version" -m "Release $version"
say "tagged $version. Publish it: git push origin main $version (the Publish workflow does the rest)"
