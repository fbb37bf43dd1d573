import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../app.entities';
import { AuditService, ChainReport } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { loadConfig } from '../config/app-config';

/** `npm run audit:verify`: recomputes the audit hash chain; exit 0 when intact, 1 naming the first broken row. */
export async function verifyAuditChain(env: Record<string, string | undefined> = process.env): Promise<ChainReport> {
  const ds = new DataSource(appDataSourceOptions(loadConfig(env)));
  await ds.initialize();
  try {
    return await new AuditService(ds, new Clock()).verify();
  } finally {
    await ds.destroy();
  }
}

export function describeReport(r: ChainReport): string {
  if (r.ok) return `审计链完整：共核验 ${r.checked} 条记录，链头序号 ${r.headSeq}。`;
  const b = r.firstBroken!;
  return `审计链被破坏：${b.message}（序号 ${b.seq}${b.id ? `，记录编号 ${b.id}` : ''}）。已核验 ${r.checked} 条。`;
}

if (require.main === module) {
  verifyAuditChain()
    .then((r) => {
      process.stdout.write(`${describeReport(r)}\n`);
      process.exit(r.ok ? 0 : 1);
    })
    .catch((e: Error) => {
      process.stderr.write(`核验失败：${e.message}\n`);
      process.exit(2);
    });
}
