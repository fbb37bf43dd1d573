# Shared steps of the two quick-start commands: install what is missing, never download a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PUPPETEER_SKIP_DOWNLOAD=1

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

apt_install() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdffonts >/dev/null || missing+=(poppler-utils)
  [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || missing+=(fonts-arphic-uming)
  [ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || missing+=(fonts-arphic-ukai)
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  if [ ${#missing[@]} -gt 0 ]; then
    say "安装系统软件包：${missing[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

npm_install() {
  # Re-install only when the lock file changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "安装 npm 依赖"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build() {
  say "编译"
  npm run --silent build
}
