// The e2e project's run: a directory for the template database its first suite publishes
// (test/support/db-template.ts). Plain JavaScript with Node's modules only: a TypeScript setup file
// would load TypeScript, Nest and TypeORM into the jest parent process, ~0.4 s before any suite starts.
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = function globalSetup() {
  // Both e2e projects (one per engine) share one run directory: the templates are kept per engine inside it.
  const existing = process.env.XS_TEST_TEMPLATES;
  if (existing && fs.existsSync(existing)) return;
  const dir = path.join(os.tmpdir(), `xs-jest-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir);
  // TEMPLATES_ENV in db-template.ts. The workers start after globalSetup and inherit it.
  process.env.XS_TEST_TEMPLATES = dir;
};
