#!/usr/bin/env bash
# The whole test suite: the guard rails (ESLint, Prettier, the layer rules), unit specs, then the e2e suites on
# MariaDB and again on SQLite (Supertest and real Chromium), then the production-topology faults once.
# Starts MariaDB and Redis when they are not running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_services() {
  if ! mysqladmin -uroot -h127.0.0.1 ping >/dev/null 2>&1; then
    say "启动 MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do mysqladmin -uroot -h127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    say "启动 Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  # Leftover databases of an interrupted earlier run.
  mysql -uroot -h127.0.0.1 -N -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'xs\_t\_%'" |
    while read -r db; do mysql -uroot -h127.0.0.1 -e "DROP DATABASE \`$db\`"; done
}

apt_install
ensure_services
npm_install
build

results=.tmp/jest
rm -rf "$results" && mkdir -p "$results"
status=0
say "代码检查（ESLint、Prettier、分层规则）"
lint_failed=0
bash scripts/lint.sh || { status=1; lint_failed=1; }
say "单元测试"
npx jest --selectProjects unit --json --outputFile="$results/unit.json" || status=1
for engine in mariadb sqlite; do
  say "端到端测试（$engine）"
  npx jest --selectProjects "e2e-$engine" --maxWorkers=2 --json --outputFile="$results/e2e-$engine.json" || status=1
done
say "生产拓扑测试（MariaDB + Redis：断线、kill -9、Redis 重启）"
npx jest --selectProjects prod --runInBand --json --outputFile="$results/prod.json" || status=1

node -e '
  const fs = require("fs"); let passed = 0, failed = Number(process.argv[2]); // a failed lint counts as one
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`${passed} passed, ${failed} failed`);
' "$results" "$lint_failed"
exit $status
