import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { DraftStore } from './draft-store';
import { decide } from './draft-workflow';
import { Draft } from './draft.entities';

/**
 * The sweep step `drafts`: a draft still open after its closing time is closed by 系统 (comments were
 * refused from that time already). Each on its own transaction, re-checked on the locked row, so a
 * second run closes nothing.
 */
@Injectable()
export class DraftSweep {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: DraftStore,
  ) {}

  @SweepStep('drafts')
  async closeExpired(ctx: SweepContext): Promise<{ closed: number }> {
    const due = await this.ds.getRepository(Draft).find({
      where: { status: 'open', closesAt: LessThanOrEqual(ctx.now) },
      select: { id: true },
      order: { id: 'ASC' },
    });
    let closed = 0;
    for (const { id } of due) {
      const done = await this.tx.run(async (em) => {
        const d = await findForUpdate(em, Draft, id);
        if (!d || d.status !== 'open' || !d.closesAt || d.closesAt.getTime() > ctx.now.getTime()) return false;
        const next = decide(d.status, 'close', { isSystem: true });
        if (!next.ok) return false;
        await this.store.write(em, null, d, {
          action: 'close',
          set: { status: next.to, closedAt: ctx.now },
          details: { closesAt: d.closesAt.toISOString() },
        });
        return true;
      });
      if (done) closed += 1;
    }
    return { closed };
  }
}
