// Removes the run's template (see global-setup.js): the MariaDB template schema, then the directory.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalTeardown() {
  const dir = process.env.XS_TEST_TEMPLATES;
  if (!dir) return;
  const recipe = path.join(dir, 'template-mariadb.json');
  if (fs.existsSync(recipe)) {
    const { schema } = JSON.parse(fs.readFileSync(recipe, 'utf8'));
    const { createConnection } = require('mysql2/promise');
    const conn = await createConnection(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
    try {
      await conn.query(`DROP DATABASE IF EXISTS \`${schema}\``);
    } finally {
      await conn.end();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
};
