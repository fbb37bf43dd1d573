import * as fs from 'node:fs';
import { dropMariadbTemplate, TEMPLATES_ENV } from './db-template';
import { testEngine } from './test-db';

/** Removes the run's template: the directory, and on MariaDB the template schema. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env[TEMPLATES_ENV];
  if (!dir) return;
  if (testEngine() === 'mariadb') await dropMariadbTemplate(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
