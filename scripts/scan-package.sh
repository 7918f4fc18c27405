#!/usr/bin/env bash
# Builds and packs the package (YM_SKIP_BUILD=1 reuses dist/), then lints the tarball and its source with n8n's
# verification scanner's own rule set, offline (scripts/scan-package.mjs). Fails on any finding.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
build_and_pack
node scripts/scan-package.mjs "$YM_PACKAGE_TARBALL"
