import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { Unit } from '../directory/directory.entities';
import { VersionDto } from './dto/file-proposal.dto';
import { ProposalView } from './dto/proposal-view.dto';
import {
  AssignProposalDto,
  ChaseProposalDto,
  DecideExtensionDto,
  MarkExcellentDto,
  ReviewProposalDto,
} from './dto/review-proposal.dto';
import { pendingUnitIds } from './proposal-access';
import { ProposalConversions } from './proposal-conversions';
import { addMonths } from './proposal-dates';
import { formatNumber } from './proposal-labels';
import { nextNumber } from './proposal-numbering';
import { ProposalStore } from './proposal-store';
import { ProposalViews } from './proposal-views';
import { check, decide, UnitRole } from './proposal-workflow';
import { Proposal, ProposalExtension, ProposalSigner, ProposalUnit } from './proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/** The office's steps: review 审查, assignment 交办, key 重点 and excellent 优秀 marks, extension decisions, 催办. */
@Injectable()
export class ProposalReviewService {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: ProposalStore,
    private readonly views: ProposalViews,
    private readonly conversions: ProposalConversions,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  review(actor: Actor, id: number, dto: ReviewProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const isStaff = hasRole(actor, 'staff');
      const now = this.clock.now();
      const reason = dto.reason ?? null;
      switch (dto.decision) {
        case 'accept': {
          const d = assertAllowed(decide(p.status, 'accept', { isStaff }));
          const number = await nextNumber(em, p.sessionId);
          await this.store.write(em, actor, p, {
            action: 'accept',
            set: { status: d.to, number, reviewedAt: now, reviewReason: reason },
            details: { number: formatNumber(number) },
            comment: reason,
            event: { type: 'proposal.accepted' },
          });
          break;
        }
        case 'reject': {
          const grounds = this.config.refusalGrounds.map((g) => g.code);
          const d = assertAllowed(decide(p.status, 'reject', { isStaff, reason, ground: dto.ground ?? null, grounds }));
          await this.store.write(em, actor, p, {
            action: 'reject',
            set: { status: d.to, reviewGround: dto.ground ?? null, reviewReason: reason, reviewedAt: now },
            details: { ground: dto.ground ?? null },
            comment: reason,
            event: { type: 'proposal.rejected' },
          });
          break;
        }
        case 'convert': {
          const d = assertAllowed(decide(p.status, 'convert', { isStaff }));
          await this.store.write(em, actor, p, {
            action: 'convert',
            set: { status: d.to, reviewReason: reason, reviewedAt: now },
            comment: reason,
            event: { type: 'proposal.converted' },
          });
          await this.conversions.converted(em, actor, p);
          break;
        }
        case 'merge':
          await this.merge(em, actor, p, dto, isStaff);
          break;
      }
      return this.views.detail(em, p, actor);
    });
  }

  /** 并案: the proposal closes as merged; its proposers join the target as signers, and the target's history shows it. */
  private async merge(
    em: EntityManager,
    actor: Actor,
    p: Proposal,
    dto: ReviewProposalDto,
    isStaff: boolean,
  ): Promise<void> {
    const target =
      dto.mergeIntoId && dto.mergeIntoId !== p.id ? await findForUpdate(em, Proposal, dto.mergeIntoId) : null;
    if (
      p.status === 'submitted' &&
      dto.mergeIntoId &&
      dto.mergeIntoId !== p.id &&
      (!target || target.status === 'draft')
    ) {
      throw AppError.invalidField('mergeIntoId', '要并入的提案不存在');
    }
    const d = assertAllowed(
      decide(p.status, 'merge', {
        isStaff,
        proposalId: p.id,
        mergeIntoId: dto.mergeIntoId ?? null,
        mergeTargetStatus: target?.status,
      }),
    );
    const now = this.clock.now();
    const comment = dto.reason ?? null;
    const theirs = await em.findBy(ProposalSigner, { proposalId: p.id });
    const already = new Set((await em.findBy(ProposalSigner, { proposalId: target!.id })).map((s) => s.memberId));
    const joining = theirs.filter((s) => !already.has(s.memberId)).map((s) => s.memberId);
    if (joining.length) {
      await em.insert(
        ProposalSigner,
        joining.map((memberId) => ({
          proposalId: target!.id,
          memberId,
          role: 'merged' as const,
          status: 'confirmed' as const,
          invitedAt: now,
          confirmedAt: now,
          mergedFromId: p.id,
        })),
      );
    }
    await this.store.write(em, actor, p, {
      action: 'merge',
      set: { status: d.to, mergedIntoId: target!.id, reviewReason: comment, reviewedAt: now },
      details: { mergedIntoId: target!.id },
      comment,
      event: { type: 'proposal.merged', relatedId: target!.id },
    });
    await this.store.write(em, actor, target!, {
      action: 'merge_in',
      details: { mergedFromId: p.id, joinedMemberIds: joining },
      comment: `并入提案“${p.title}”`,
      event: { type: 'proposal.merged', relatedId: p.id, memberIds: joining },
    });
  }

  /** 交办: 主办 + 会办, or 分办 to several units; the deadline defaults to the configured months. */
  assign(actor: Actor, id: number, dto: AssignProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const d = assertAllowed(decide(p.status, 'assign', { isStaff: hasRole(actor, 'staff') }));
      const plan = this.plan(dto);
      const now = this.clock.now();
      const deadline = this.deadline(dto.deadline, now);
      // Each unit is checked as its row is written: a bad one rolls back the rows before it.
      for (const [field, unitId, role] of plan.parts) {
        const unit = await em.findOneBy(Unit, { id: unitId });
        if (!unit || unit.disabled) throw AppError.invalidField(field, `承办单位（编号 ${unitId}）不存在或已停用`);
        await em.insert(ProposalUnit, {
          proposalId: p.id,
          unitId,
          role,
          active: true,
          assignedAt: now,
          returnedAt: null,
          returnReason: null,
          repliedAt: null,
        });
      }
      const unitIds = plan.parts.map(([, unitId]) => unitId);
      await this.store.write(em, actor, p, {
        action: 'assign',
        set: {
          status: d.to,
          handlingMode: plan.mode,
          assignedAt: now,
          handlingStartedAt: now,
          deadline,
          extensionMonths: 0,
          overdue: false,
        },
        details: {
          handlingMode: plan.mode,
          units: plan.parts.map(([, unitId, role]) => ({ unitId, role })),
          deadline: deadline.toISOString(),
        },
        event: { type: 'proposal.assigned', unitIds, deadline },
      });
      return this.views.detail(em, p, actor);
    });
  }

  private plan(dto: AssignProposalDto): { mode: 'lead' | 'split'; parts: [string, number, UnitRole][] } {
    if (dto.unitIds) {
      if (dto.leadUnitId !== undefined || dto.coUnitIds !== undefined)
        throw AppError.invalidField('unitIds', '分办（unitIds）与主办、会办单位不能同时填写');
      return { mode: 'split', parts: dto.unitIds.map((u) => ['unitIds', u, 'split']) };
    }
    if (dto.leadUnitId === undefined)
      throw AppError.invalidField('leadUnitId', '请选择主办单位，或以 unitIds 分办给多个单位');
    const co = dto.coUnitIds ?? [];
    if (co.includes(dto.leadUnitId)) throw AppError.invalidField('coUnitIds', '主办单位不能同时是会办单位');
    return {
      mode: 'lead',
      parts: [
        ['leadUnitId', dto.leadUnitId, 'lead'],
        ...co.map((u): [string, number, UnitRole] => ['coUnitIds', u, 'co']),
      ],
    };
  }

  private deadline(raw: string | undefined, now: Date): Date {
    if (raw === undefined) return addMonths(now, this.config.deadlineMonths);
    const at = new Date(raw);
    if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime())
      throw AppError.invalidField('deadline', '办理期限须晚于当前时间');
    if (at.getTime() > addMonths(now, this.config.maxHandlingMonths).getTime())
      throw AppError.invalidField('deadline', `办理期限不能超过交办后 ${this.config.maxHandlingMonths} 个月`);
    return at;
  }

  /** 重点提案: a leader approves it and becomes its 督办领导. */
  markKey(actor: Actor, id: number, dto: VersionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'markKey'));
      if (p.isKey) throw AppError.conflict('ALREADY_KEY', '该提案已是重点提案');
      await this.store.write(em, actor, p, {
        action: 'key',
        set: { isKey: true, supervisorUserId: actor.id },
        details: { supervisorUserId: actor.id },
        event: { type: 'proposal.key_marked' },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 优秀提案: staff mark it, or take the mark back. */
  markExcellent(actor: Actor, id: number, dto: MarkExcellentDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'markExcellent'));
      const excellent = dto.excellent ?? true;
      await this.store.write(em, actor, p, {
        action: 'excellent',
        set: { excellent },
        details: { excellent },
        event: { type: 'proposal.excellent_marked' },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /**
   * 催办: staff, or the leader who supervises the key proposal, press the units that have not replied
   * in this round; counted and stamped on the proposal, audited, and sent to the units' inboxes.
   */
  chase(actor: Actor, id: number, dto: ChaseProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'chase'));
      const supervises = hasRole(actor, 'leader') && p.isKey && p.supervisorUserId === actor.id;
      if (!hasRole(actor, 'staff') && !supervises)
        throw AppError.forbidden('只有提案工作人员或该重点提案的督办领导可以催办');
      const unitIds = await pendingUnitIds(em, p);
      const note = dto.note ?? null;
      await this.store.write(em, actor, p, {
        action: 'chase',
        set: { chaseCount: p.chaseCount + 1, lastChasedAt: this.clock.now() },
        details: { chaseCount: p.chaseCount + 1, unitIds },
        comment: note,
        event: { type: 'proposal.chased', unitIds },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** Staff decide a unit's extension request; approved months move the deadline, never past the configured maximum. */
  decideExtension(actor: Actor, id: number, extensionId: number, dto: DecideExtensionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'decideExtension'));
      const request = await em.findOneBy(ProposalExtension, { id: extensionId, proposalId: p.id });
      if (!request) throw AppError.notFound('延期申请', 'EXTENSION_NOT_FOUND');
      if (request.status !== 'pending') throw AppError.conflict('EXTENSION_DECIDED', '该延期申请已审批');
      const now = this.clock.now();
      const set: Partial<Proposal> = {};
      if (dto.approve) {
        const deadline = addMonths(p.deadline!, request.months);
        if (deadline.getTime() > addMonths(p.handlingStartedAt!, this.config.maxHandlingMonths).getTime()) {
          throw AppError.conflict(
            'EXTENSION_LIMIT',
            `延期后将超过交办后 ${this.config.maxHandlingMonths} 个月的最长办理期限`,
          );
        }
        Object.assign(set, {
          deadline,
          extensionMonths: p.extensionMonths + request.months,
          overdue: deadline.getTime() <= now.getTime(),
        });
      }
      const status = dto.approve ? 'approved' : 'refused';
      await em.update(
        ProposalExtension,
        { id: request.id },
        { status, decidedByUserId: actor.id, decidedAt: now, comment: dto.comment ?? null },
      );
      await this.store.write(em, actor, p, {
        action: 'extension_decision',
        set,
        details: {
          extensionId: request.id,
          approved: dto.approve,
          months: request.months,
          deadline: (set.deadline ?? p.deadline)?.toISOString(),
        },
        comment: dto.comment ?? null,
        event: {
          type: 'proposal.extension_decided',
          relatedId: request.id,
          unitIds: [request.unitId],
          deadline: set.deadline ?? p.deadline,
        },
      });
      return this.views.detail(em, p, actor);
    });
  }
}
