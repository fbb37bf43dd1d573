import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditConfig, readAuditKeyFile } from '../config/app-config';
import { HmacAlgorithm } from './audit-chain';

/** What the chain is keyed and anchored with, for AuditService and the anchor step. */
export interface AuditChainSettings {
  key: Buffer;
  hmac: HmacAlgorithm;
  anchorFile: string;
  /** databaseIdentity(): null for an in-memory database (nothing anchored). */
  db: string | null;
}

export const AUDIT_CHAIN = Symbol('AUDIT_CHAIN');

/**
 * The audit key. Configured (XS_AUDIT_KEY, XS_AUDIT_KEY_FILE): as read at start-up. Otherwise the
 * embedded default's key file `<data>/audit.key`: read, or with `create` made on first start (32 random
 * bytes as hex, mode 0600), atomically so processes starting together agree on one key.
 */
export function resolveAuditKey(
  audit: AuditConfig,
  options: { create: boolean; log?: (message: string) => void },
): Buffer | null {
  if (audit.key) return audit.key;
  if (fs.existsSync(audit.keyFile)) return readDefaultKeyFile(audit.keyFile);
  if (!options.create) return null;
  fs.mkdirSync(path.dirname(audit.keyFile), { recursive: true });
  const tmp = `${audit.keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, audit.keyFile);
    options.log?.(
      `未设置 XS_AUDIT_KEY 或 XS_AUDIT_KEY_FILE：已生成审计密钥文件 ${audit.keyFile}（权限 600）。` +
        '正式部署请另行保管密钥并设置 XS_AUDIT_KEY_FILE，多个进程须使用同一密钥。',
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.unlinkSync(tmp);
  }
  return readDefaultKeyFile(audit.keyFile);
}

const readDefaultKeyFile = (file: string): Buffer => readAuditKeyFile('XS_AUDIT_KEY_FILE（未设置，默认文件）', file);
