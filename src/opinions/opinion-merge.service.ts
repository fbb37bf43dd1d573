import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { TextIndexService } from '../search/text-index.service';
import { MergeOpinionsDto } from './dto/opinion-issue.dto';
import { OpinionView } from './dto/opinion.dto';
import { OpinionStore } from './opinion-store';
import { opinionFields } from './opinion-text';
import { OpinionViews } from './opinion-views';
import { decidePooled } from './opinion-workflow';
import { Opinion, OpinionContributor } from './opinion.entities';

/**
 * 合并为综合信息: several accepted items become one new 综合 item (`submitterKind: combined`, accepted, filed by
 * the staff who merged them), with every source's contributors copied in order and renumbered, each row naming
 * its source. The sources become `merged` with `mergedIntoId`, stay readable, and their contributors are told.
 */
@Injectable()
export class OpinionMergeService {
  constructor(
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: OpinionStore,
    private readonly views: OpinionViews,
    private readonly textIndex: TextIndexService,
  ) {}

  merge(actor: Actor, dto: MergeOpinionsDto): Promise<OpinionView> {
    return this.tx.run(async (em) => {
      const sources = await this.accepted(em, actor, dto.ids, 'merge');
      const now = this.clock.now();
      const first = sources[0];
      const o = await em.save(
        em.create(Opinion, {
          title: dto.title,
          content: dto.content,
          originalTitle: null,
          originalContent: null,
          category: first.category,
          status: 'accepted',
          submitterKind: 'combined',
          leadMemberId: null,
          filedByUserId: actor.id,
          groupName: null,
          sectorId: null,
          committeeId: null,
          reviewNote: null,
          reviewedByUserId: actor.id,
          reviewedAt: now,
          submittedAt: now,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const rows = (
        await Promise.all(
          sources.map((s) => em.find(OpinionContributor, { where: { opinionId: s.id }, order: { position: 'ASC' } })),
        )
      ).flat();
      await em.insert(
        OpinionContributor,
        rows.map((r, i) => ({
          opinionId: o.id,
          position: i + 1,
          memberId: r.memberId,
          organisationName: r.organisationName,
          sourceOpinionId: r.opinionId,
        })),
      );
      await this.textIndex.reindex(em, 'opinion', o.id, opinionFields(o));
      await this.audit.record(em, {
        actor,
        action: 'opinion.create',
        entityType: 'opinion',
        entityId: o.id,
        from: null,
        to: { status: 'accepted', submitterKind: 'combined', title: o.title, mergedFrom: sources.map((s) => s.id) },
      });
      for (const s of sources)
        await this.store.write(em, actor, s, {
          action: 'merge',
          set: { status: 'merged', mergedIntoId: o.id },
          details: { mergedIntoId: o.id },
          comment: o.title,
          event: 'merged',
        });
      return this.views.detail(em, o, actor);
    });
  }

  /** Each item locked in the order given, readable (404) and accepted (409); staff only (403). */
  async accepted(em: EntityManager, actor: Actor, ids: number[], step: 'merge' | 'compile'): Promise<Opinion[]> {
    const out: Opinion[] = [];
    for (const id of ids) {
      const o = await this.store.load(em, actor, id);
      assertAllowed(decidePooled(o.status, step, { isStaff: hasRole(actor, 'staff') }));
      out.push(o);
    }
    return out;
  }
}
