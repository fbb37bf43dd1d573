#!/usr/bin/env bash
# Quick start: install, build, migrate, load the demo data and serve on http://localhost:${PORT:-3000}
# on the embedded default (SQLite under ./data, jobs in-process).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
apt_install
npm_install
build
export XS_DEMO="${XS_DEMO:-1}" XS_LOG_JSON="${XS_LOG_JSON:-0}"
# Links printed on paper (the 公示单's QR code) point here; a real deployment sets its public address.
export XS_PUBLIC_BASE_URL="${XS_PUBLIC_BASE_URL:-http://localhost:${PORT:-3000}}"
# The demo accounts' documented password (README); set XS_ADMIN_PASSWORD yourself for anything real.
[ "$XS_DEMO" = 1 ] && export XS_ADMIN_PASSWORD="${XS_ADMIN_PASSWORD:-Xieshang2026}"
say "启动：http://localhost:${PORT:-3000}"
exec node dist/main.js
