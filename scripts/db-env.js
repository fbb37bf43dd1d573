#!/usr/bin/env node
// Prints DATABASE_URL as shell assignments for the backup scripts: DB_TYPE and, for MySQL/MariaDB,
// DB_HOST DB_PORT DB_USER DB_PASSWORD DB_NAME; for SQLite, DB_FILE. Same default as the app.
const path = require('node:path');
const raw = process.env.DATABASE_URL || 'sqlite:./data/xieshang.sqlite';
const q = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
if (raw.startsWith('sqlite:')) {
  const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
  if (!file || file === ':memory:') {
    console.error('DATABASE_URL 指向内存数据库，无法备份');
    process.exit(2);
  }
  console.log(`DB_TYPE=sqlite\nDB_FILE=${q(path.resolve(file))}`);
} else {
  const u = new URL(raw);
  console.log(
    [
      'DB_TYPE=mysql',
      `DB_HOST=${q(u.hostname || '127.0.0.1')}`,
      `DB_PORT=${q(u.port || '3306')}`,
      `DB_USER=${q(decodeURIComponent(u.username || 'root'))}`,
      `DB_PASSWORD=${q(decodeURIComponent(u.password))}`,
      `DB_NAME=${q(decodeURIComponent(u.pathname.replace(/^\//, '')))}`,
    ].join('\n'),
  );
}
