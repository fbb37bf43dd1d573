import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { zonedParts } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { Anchor, appendAnchor, makeAnchor, readAnchorFile } from './audit-anchor';
import { AUDIT_CHAIN, AuditChainSettings } from './audit-key';
import { AuditHead } from './audit.entities';

/**
 * The audit chain's daily anchor, a step of the periodic sweep: once a day (of the display time zone)
 * the head's seq and hash, signed with the audit key, are appended to XS_AUDIT_ANCHOR_FILE and written
 * to the log. `audit:verify` and `GET /api/v1/audit/verify` then check the chain against them.
 */
@Injectable()
export class AuditAnchors {
  private readonly logger = new Logger('AuditAnchor');
  /** The day last anchored by this process, so most sweeps do not read the file. */
  private lastDate: string | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(AUDIT_CHAIN) private readonly chain: AuditChainSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @SweepStep('audit-anchor')
  async sweep(ctx: SweepContext): Promise<{ anchored: number | null }> {
    const { db, key, anchorFile } = this.chain;
    if (!db) return { anchored: null };
    const p = zonedParts(ctx.now, this.config.displayTimeZone);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    if (this.lastDate === date) return { anchored: null };
    if (readAnchorFile(anchorFile, db, key).anchors.some((a) => a.date === date)) {
      this.lastDate = date;
      return { anchored: null };
    }
    const anchor = await this.anchor(date);
    this.lastDate = date;
    return { anchored: anchor.seq };
  }

  /** Appends the head as it is now, signed, to the anchor file and the log. */
  async anchor(date: string): Promise<Anchor> {
    const head = await this.ds.getRepository(AuditHead).findOneByOrFail({ id: 1 });
    const anchor = makeAnchor(this.chain.key, this.chain.hmac, {
      date,
      db: this.chain.db!,
      seq: head.seq,
      hash: head.hash,
    });
    appendAnchor(this.chain.anchorFile, anchor);
    this.logger.log(`审计链锚点 ${JSON.stringify(anchor)}`);
    return anchor;
  }
}
