import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../app.entities';
import { databaseIdentity } from '../audit/audit-anchor';
import { resolveAuditKey } from '../audit/audit-key';
import { AuditService, ChainReport } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConfigError, loadConfig } from '../config/app-config';

/**
 * `npm run audit:verify`: recomputes the audit chain with the audit key and checks it against the anchors
 * in XS_AUDIT_ANCHOR_FILE; exit 0 when intact, 1 naming the first broken row, 2 when it cannot check, 78 on a bad setting.
 * Run it with the application's settings (the same DATABASE_URL, XS_AUDIT_KEY[_FILE] and anchor file).
 */
export async function verifyAuditChain(env: Record<string, string | undefined> = process.env): Promise<ChainReport> {
  const config = loadConfig(env);
  const key = resolveAuditKey(config.audit, { create: false });
  if (!key) throw new Error(`未设置 XS_AUDIT_KEY 或 XS_AUDIT_KEY_FILE，也没有默认密钥文件 ${config.audit.keyFile}`);
  const ds = new DataSource(appDataSourceOptions(config));
  await ds.initialize();
  try {
    const chain = {
      key,
      hmac: config.audit.hmac,
      anchorFile: config.audit.anchorFile,
      db: databaseIdentity(config.database),
    };
    return await new AuditService(ds, new Clock(), chain).verify();
  } finally {
    await ds.destroy();
  }
}

export function describeReport(r: ChainReport): string {
  const anchors = r.anchors ? `，对照库外锚点 ${r.anchors} 个` : '';
  if (r.ok) return `审计链完整：共核验 ${r.checked} 条记录，链头序号 ${r.headSeq}${anchors}。`;
  const b = r.firstBroken!;
  return `审计链被破坏：${b.message}（序号 ${b.seq}${b.id ? `，记录编号 ${b.id}` : ''}）。此前已核验 ${r.checked} 条。`;
}

if (require.main === module) {
  verifyAuditChain()
    .then((r) => {
      process.stdout.write(`${describeReport(r)}\n`);
      process.exit(r.ok ? 0 : 1);
    })
    .catch((e: Error) => {
      process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `核验失败：${e.message}\n`);
      process.exit(e instanceof ConfigError ? 78 : 2);
    });
}
