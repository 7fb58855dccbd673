#!/usr/bin/env bash
# Prints the path of a Salesforce CLI (`sf`) binary for the tests that drive the real CLI against the
# local org (test/org/sfcli). The CLI is the npm registry package @salesforce/cli, installed into
# .cache/sf-cli/ inside the project (ignored by git, kept between runs) unless that version is already
# there. It is never a dependency of the project. Needs Node 22+ on PATH (". scripts/node22.sh").
#
#   bash scripts/sf-cli.sh            # installs when needed, then prints .../node_modules/.bin/sf
#   HANDOVER_SF_CLI_VERSION=2.150.6   # another version (default below)
#   HANDOVER_SF_CLI_DIR=<dir>         # another install folder (default .cache/sf-cli)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
version="${HANDOVER_SF_CLI_VERSION:-2.150.6}"
dir="${HANDOVER_SF_CLI_DIR:-$root/.cache/sf-cli}"
bin="$dir/node_modules/.bin/sf"
manifest="$dir/node_modules/@salesforce/cli/package.json"

installed_version() {
  [ -f "$manifest" ] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

# A copy whose install was cut short has the manifest but does not start: install again.
works() { [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; }

if [ "$(installed_version)" != "$version" ] || ! works; then
  echo "Installing @salesforce/cli@$version into $dir ..." >&2
  mkdir -p "$dir"
  started=$(date +%s)
  # A package.json of its own keeps npm from treating the project as the install root.
  [ -f "$dir/package.json" ] || echo '{"name":"handover-sf-cli","private":true}' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
    --prefix "$dir" "@salesforce/cli@$version" >&2)
  echo "Installed @salesforce/cli@$version in $(($(date +%s) - started)) s" >&2
fi

if ! works; then
  echo "Could not install @salesforce/cli@$version from the npm registry." >&2
  exit 1
fi
echo "$bin"
