import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep } from '../audit/audited-step';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { sweepEach } from '../jobs/sweep-each';
import { InstructionNotifier } from './instruction-notifier';
import { Instruction, InstructionItem } from './instruction.entities';

export interface InstructionSweepResult {
  /** Items marked overdue now. */
  overdueItems: number;
}

/**
 * The 批示's part of the deadlines sweep (the topics' pattern): items past their due day and not done are marked
 * overdue once, audited by 系统, and their unit and staff are reminded (de-duplicated, so a re-run tells no one twice).
 */
@Injectable()
export class InstructionDeadlines {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly notifier: InstructionNotifier,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  @SweepStep('instructions')
  async sweep(ctx: SweepContext): Promise<InstructionSweepResult> {
    const failed: string[] = [];
    const today = wallClock(ctx.now, this.app.displayTimeZone).toISOString().slice(0, 10);
    const overdueItems = await sweepEach({
      ds: this.ds,
      tx: this.tx,
      entity: InstructionItem,
      alias: 'it',
      what: '交办事项',
      logger: this.logger,
      failed,
      match: (qb: SelectQueryBuilder<InstructionItem>) =>
        qb.andWhere("it.overdueAt IS NULL AND it.status <> 'done' AND it.dueOn < :today", { today }),
      act: async (em, id) => {
        const item = await findForUpdate(em, InstructionItem, id);
        if (!item || item.overdueAt || item.status === 'done' || item.dueOn >= today) return false;
        await auditedStep(em, this.audit, {
          entity: InstructionItem,
          type: 'instruction_item',
          row: item,
          actor: null,
          at: ctx.now,
          action: 'overdue',
          set: { overdueAt: ctx.now },
          details: { instructionId: item.instructionId, unitId: item.unitId, dueOn: item.dueOn },
        });
        const i = (await em.findOneBy(Instruction, { id: item.instructionId }))!;
        await this.notifier.send(em, i, { kind: 'overdue', item }, item.unitId, null);
        return true;
      },
    });
    if (failed.length) throw new Error(`${failed.length} 项未能处理：${failed.slice(0, 5).join('；')}`);
    return { overdueItems };
  }
}
