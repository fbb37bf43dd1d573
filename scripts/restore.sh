#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL and XS_FILES_DIR (as the app reads them).
#   scripts/restore.sh BACKUP_DIR [--yes]
# Stop the api and worker processes first. The backup is checked against its manifest and every file
# against files.sha256 before anything is replaced; the database is then replaced (MySQL/MariaDB: the
# database is dropped and created again, so the account needs DROP and CREATE on it) and the old files
# folder is kept beside the new one as <folder>.before-restore-<time>.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backup="${1:-}"; confirm="${2:-}"
[ -n "$backup" ] && [ -f "$backup/MANIFEST.sha256" ] || { echo "用法：scripts/restore.sh 备份目录 [--yes]（目录中应有 MANIFEST.sha256）" >&2; exit 2; }
backup="$(realpath "$backup")"
eval "$(node scripts/db-env.js)"
files_dir="$(realpath -m "${XS_FILES_DIR:-./data/files}")"

(cd "$backup" && sha256sum --quiet -c MANIFEST.sha256) || { echo "恢复中止：备份文件与清单校验和不符，未做任何改动" >&2; exit 1; }
target="$([ "$DB_TYPE" = mysql ] && echo "MySQL 数据库 $DB_NAME@$DB_HOST" || echo "SQLite 文件 $DB_FILE")"
if [ "$confirm" != --yes ]; then
  read -r -p "将用 $backup 覆盖 $target 和文件目录 $files_dir，输入 yes 继续：" answer
  [ "$answer" = yes ] || { echo "已取消"; exit 1; }
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
staging="$files_dir.restoring-$stamp"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging"
tar -C "$staging" -xzf "$backup/files.tar.gz"
(cd "$staging" && sha256sum --quiet -c "$backup/files.sha256") || { echo "恢复中止：文件校验失败，未做任何改动" >&2; exit 1; }

if [ "$DB_TYPE" = mysql ]; then
  client="$(command -v mariadb || command -v mysql)"
  export MYSQL_PWD="$DB_PASSWORD"
  "$client" -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e \
    "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
  gunzip -c "$backup/database.sql.gz" | "$client" -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" --default-character-set=utf8mb4 "$DB_NAME"
else
  mkdir -p "$(dirname "$DB_FILE")"
  cp "$backup/database.sqlite" "$DB_FILE.restoring"
  rm -f "$DB_FILE-wal" "$DB_FILE-shm"
  mv "$DB_FILE.restoring" "$DB_FILE"
fi

if [ -d "$files_dir" ]; then mv "$files_dir" "$files_dir.before-restore-$stamp"; fi
mv "$staging" "$files_dir"
trap - EXIT
echo "恢复完成：$target 与文件目录 $files_dir（$(wc -l < "$backup/files.sha256") 个文件）"
[ -d "$files_dir.before-restore-$stamp" ] && echo "原文件目录保留在 $files_dir.before-restore-$stamp"
exit 0
