import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEMPLATES_ENV } from './db-template';

/** The e2e project's run: a directory for the template database the first suite publishes (see db-template.ts). */
export default function globalSetup(): void {
  const dir = path.join(os.tmpdir(), `xs-jest-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir);
  // Workers start after globalSetup and inherit the environment.
  process.env[TEMPLATES_ENV] = dir;
}
