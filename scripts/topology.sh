#!/usr/bin/env bash
# The production topology on this machine, without Docker: two api processes and one worker on the local
# MariaDB and Redis — what docker/compose.yaml runs, used by the load and fault tests and by hand.
#   scripts/topology.sh start | stop | status | restart-worker | kill-worker | kill-api N
# Settings (environment): XS_TOPO_DB (database, default xieshang_topology), XS_TOPO_PORTS ("3101 3102"),
# XS_TOPO_DIR (pid files, logs and files folder; default .tmp/topology), XS_TOPO_FRESH=1 to start from an
# empty database. The processes get DATABASE_URL, REDIS_URL and XS_QUEUE_PREFIX=<database name>.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
db="${XS_TOPO_DB:-xieshang_topology}"
ports=(${XS_TOPO_PORTS:-3101 3102})
dir="$(realpath -m "${XS_TOPO_DIR:-.tmp/topology}")"
mysql_root="${XS_TOPO_MYSQL:-mysql://root@127.0.0.1:3306}"
export DATABASE_URL="$mysql_root/$db" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" XS_QUEUE_PREFIX="$db" \
       XS_FILES_DIR="$dir/files" XS_ADMIN_PASSWORD="${XS_ADMIN_PASSWORD:-Xieshang2026}" XS_LOG_JSON=1 XS_LOG_LEVEL="${XS_LOG_LEVEL:-warn}"

pid_of() { [ -f "$dir/$1.pid" ] && cat "$dir/$1.pid"; }
alive() { local p; p="$(pid_of "$1")" && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

wait_healthy() {
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "api :$1 未能在 60 秒内就绪，见 $dir/api-$1.log" >&2; return 1
}

start_api() {
  local port=$1
  alive "api-$port" && return 0
  PORT=$port nohup node dist/main.js >>"$dir/api-$port.log" 2>&1 &
  echo $! >"$dir/api-$port.pid"
  wait_healthy "$port"
}

start_worker() {
  alive worker && return 0
  nohup node dist/worker.js >>"$dir/worker.log" 2>&1 &
  echo $! >"$dir/worker.pid"
}

stop_one() {
  local p; p="$(pid_of "$1")" || return 0
  if kill -0 "$p" 2>/dev/null; then
    kill -TERM "$p"
    for _ in $(seq 1 240); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  fi
  rm -f "$dir/$1.pid"
}

case "${1:-status}" in
  start)
    mkdir -p "$dir/files"
    [ -f dist/main.js ] || build
    if [ "${XS_TOPO_FRESH:-0}" = 1 ]; then
      mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS \`$db\`"
      redis-cli -u "$REDIS_URL" --scan --pattern "$db:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
    fi
    mysql -uroot -h127.0.0.1 -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
    start_api "${ports[0]}"          # the first api migrates; the others start on a ready schema
    for port in "${ports[@]:1}"; do start_api "$port"; done
    start_worker
    say "已启动：api ${ports[*]}，worker（数据库 $db，日志 $dir）"
    ;;
  stop)
    stop_one worker
    for port in "${ports[@]}"; do stop_one "api-$port"; done
    say "已停止"
    ;;
  status)
    for name in "${ports[@]/#/api-}" worker; do
      if alive "$name"; then echo "$name 运行中（pid $(pid_of "$name")）"; else echo "$name 未运行"; fi
    done
    ;;
  restart-worker) stop_one worker; start_worker ;;
  kill-worker) p="$(pid_of worker)" && kill -KILL "$p"; rm -f "$dir/worker.pid" ;;
  kill-api) p="$(pid_of "api-${2:?端口}")" && kill -KILL "$p"; rm -f "$dir/api-$2.pid" ;;
  start-api) start_api "${2:?端口}" ;;
  *) echo "用法：scripts/topology.sh start|stop|status|restart-worker|kill-worker|kill-api 端口|start-api 端口" >&2; exit 2 ;;
esac
