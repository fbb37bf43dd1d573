import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AnchorPoint, HmacAlgorithm, hmacHex, rowAlgorithm } from './audit-chain';

/**
 * One line of the anchor file: the chain's head on a day, signed with the audit key. The file lives
 * outside the database (and each line also goes to the log), so moving the head back or re-chaining
 * rows in the database no longer matches it.
 */
export interface Anchor extends AnchorPoint {
  /** The database the line is about (see databaseIdentity): one file may serve several installs. */
  db: string;
  /** `hmac-sha256` or `hmac-sm3`: how `mac` was computed. */
  alg: string;
  mac: string;
}

/** The anchors of one database in a file: valid lines, and the line numbers whose signature does not match. */
export interface AnchorFile {
  anchors: Anchor[];
  invalidLines: number[];
}

/**
 * Which database a chain lives in, from the configuration (never from the database itself, which an
 * attacker could change): `sqlite:/abs/file` or `mysql://host:port/name`. Null for an in-memory SQLite
 * database, which has nothing to anchor.
 */
export function databaseIdentity(database: AppConfig['database']): string | null {
  if (database.type === 'sqlite') return database.file === ':memory:' ? null : `sqlite:${database.file}`;
  const u = new URL(database.url);
  return `mysql://${u.hostname}:${u.port || '3306'}${u.pathname}`;
}

const signed = (a: Omit<Anchor, 'mac'>): string => JSON.stringify([a.alg, a.db, a.date, a.seq, a.hash]);

export function makeAnchor(key: Buffer, alg: HmacAlgorithm, fields: Omit<Anchor, 'mac' | 'alg'>): Anchor {
  const a = { date: fields.date, db: fields.db, seq: fields.seq, hash: fields.hash, alg: `hmac-${alg}` };
  return { ...a, mac: hmacHex(alg, key, signed(a)) };
}

export function anchorValid(key: Buffer, a: Anchor): boolean {
  const alg = rowAlgorithm(String(a.alg));
  return alg !== null && a.mac === hmacHex(alg, key, signed(a));
}

/** The anchors of database `db` in the file's text; lines of other databases are passed over. */
export function parseAnchors(text: string, db: string, key: Buffer): AnchorFile {
  const result: AnchorFile = { anchors: [], invalidLines: [] };
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let a: Anchor;
    try {
      a = JSON.parse(line) as Anchor;
    } catch {
      return;
    }
    if (a === null || typeof a !== 'object' || a.db !== db) return;
    const wellFormed = Number.isInteger(a.seq) && typeof a.hash === 'string' && typeof a.date === 'string';
    if (wellFormed && anchorValid(key, a)) result.anchors.push(a);
    else result.invalidLines.push(i + 1);
  });
  return result;
}

export function readAnchorFile(file: string, db: string, key: Buffer): AnchorFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], invalidLines: [] };
    throw e;
  }
  return parseAnchors(text, db, key);
}

export function appendAnchor(file: string, a: Anchor): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(a)}\n`, { mode: 0o600 });
}
