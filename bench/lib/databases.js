'use strict';
/** A throw-away database for a benchmark: a SQLite file in a temp folder, or a MariaDB database dropped afterwards. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const mysql = require('mysql2/promise');

const MYSQL_ROOT = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';

async function databaseFor(engine, label = 'bench') {
  if (engine === 'sqlite') {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-')), 'bench.sqlite');
    return { url: `sqlite:${file}`, drop: async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }) };
  }
  const name = `xs_${label}_${process.pid}`;
  const conn = await mysql.createConnection(MYSQL_ROOT);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  await conn.end();
  return {
    url: `${MYSQL_ROOT}/${name}`,
    drop: async () => {
      const c = await mysql.createConnection(MYSQL_ROOT);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

module.exports = { databaseFor, MYSQL_ROOT };
