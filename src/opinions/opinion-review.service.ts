import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '../common/actor';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { OpinionView, ReviewOpinionDto } from './dto/opinion.dto';
import { OpinionEvent } from './opinion-notices';
import { OpinionStore } from './opinion-store';
import { OpinionViews } from './opinion-views';
import { decide, ReviewDecision } from './opinion-workflow';

const EVENT_OF: Record<ReviewDecision, OpinionEvent> = { accept: 'accepted', archive: 'archived', return: 'returned' };

/** 审核 by staff: 采用编报, 存档 (with the reason the submitter sees), 退回修改 (with the note); each told to the contributors. */
@Injectable()
export class OpinionReviewService {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: OpinionStore,
    private readonly views: OpinionViews,
  ) {}

  review(actor: Actor, id: number, dto: ReviewOpinionDto): Promise<OpinionView> {
    return this.tx.run(async (em) => {
      const o = await this.store.load(em, actor, id, dto.version);
      const reason = dto.reason ?? null;
      const d = assertAllowed(decide(o.status, dto.decision, { isStaff: hasRole(actor, 'staff'), reason }));
      await this.store.write(em, actor, o, {
        action: dto.decision,
        set: { status: d.to, reviewNote: reason, reviewedByUserId: actor.id, reviewedAt: this.clock.now() },
        comment: reason,
        event: EVENT_OF[dto.decision],
      });
      return this.views.detail(em, o, actor);
    });
  }
}
