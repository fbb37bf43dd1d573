#!/usr/bin/env bash
# Backup: a consistent copy of the database and the files folder, with a checksum manifest.
#   scripts/backup.sh [DEST_DIR]          (default ./backups; reads DATABASE_URL and XS_FILES_DIR like the app)
# Writes DEST_DIR/xieshang-<UTC time>/ with
#   database.sql.gz  (MySQL/MariaDB: mariadb-dump/mysqldump --single-transaction, no downtime)
#   database.sqlite  (SQLite: SQLite's online backup, safe while the app runs)
#   files.tar.gz     the files folder (attachments, photos, rendered PDFs)
#   files.sha256     one line per file of the folder
#   MANIFEST.sha256  the checksums of the three above; scripts/restore.sh refuses a backup that does not match
# The database is copied first, then the files: files are written before the rows that name them, so every
# file a backed-up row names is in the backup. The folder appears under its final name only when complete.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest_root="${1:-./backups}"
eval "$(node scripts/db-env.js)"
files_dir="$(realpath -m "${XS_FILES_DIR:-./data/files}")"
out="$(realpath -m "$dest_root")/xieshang-$(date -u +%Y%m%dT%H%M%SZ)"
tmp="$out.partial"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"

if [ "$DB_TYPE" = mysql ]; then
  dump="$(command -v mariadb-dump || command -v mysqldump || true)"
  [ -n "$dump" ] || { echo "备份失败：找不到 mariadb-dump 或 mysqldump" >&2; exit 1; }
  MYSQL_PWD="$DB_PASSWORD" "$dump" -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" \
    --single-transaction --quick --routines --triggers --hex-blob --no-tablespaces \
    --default-character-set=utf8mb4 "$DB_NAME" | gzip -6 > "$tmp/database.sql.gz"
  db_file=database.sql.gz
else
  [ -f "$DB_FILE" ] || { echo "备份失败：数据库文件不存在：$DB_FILE" >&2; exit 1; }
  node -e 'const D=require("better-sqlite3"); const db=new D(process.argv[1],{readonly:true,fileMustExist:true}); db.backup(process.argv[2]).then(()=>db.close()).catch(e=>{console.error("备份失败："+e.message);process.exit(1)})' "$DB_FILE" "$tmp/database.sqlite"
  db_file=database.sqlite
fi

mkdir -p "$files_dir"
(cd "$files_dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) > "$tmp/files.sha256"
tar -C "$files_dir" -czf "$tmp/files.tar.gz" .
(cd "$tmp" && sha256sum "$db_file" files.tar.gz files.sha256 > MANIFEST.sha256)
mv "$tmp" "$out"
trap - EXIT
echo "备份完成：$out（$(wc -l < "$out/files.sha256") 个文件，$(du -sh "$out" | cut -f1)）"
