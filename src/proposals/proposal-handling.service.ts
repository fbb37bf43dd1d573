import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { checkCommitments } from './commitment-rules';
import { CommitmentStore } from './commitment-store';
import {
  CoOpinionDto,
  CommunicationDto,
  EvaluateProposalDto,
  ReplyProposalDto,
  RequestExtensionDto,
  ReturnProposalDto,
} from './dto/handle-proposal.dto';
import { ProposalView } from './dto/proposal-view.dto';
import { isLeadProposer, unitPartOf } from './proposal-access';
import { addMonths, shanghaiDay } from './proposal-dates';
import { ProposalStore } from './proposal-store';
import { ProposalViews } from './proposal-views';
import { check, decide } from './proposal-workflow';
import {
  CommunicationStep,
  Proposal,
  ProposalCommunication,
  ProposalCoOpinion,
  ProposalEvaluation,
  ProposalExtension,
  ProposalReply,
  ProposalUnit,
} from './proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/**
 * The units' steps (退回, 沟通, 会办意见, 答复, 延期申请) and the proposer's evaluation.
 * Communications, co-unit opinions and replies belong to a handling round (`rehandleCount`):
 * re-handling after 不满意 asks for them again.
 */
@Injectable()
export class ProposalHandlingService {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: ProposalStore,
    private readonly views: ProposalViews,
    private readonly commitments: CommitmentStore,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  /** 退回: the lead unit (or a 分办 unit) hands it back within the window; every part of the assignment ends and staff re-assign. */
  returnProposal(actor: Actor, id: number, dto: ReturnProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const part = await unitPartOf(em, p, actor);
      const anyReplied = (await em.countBy(ProposalReply, { proposalId: p.id, round: p.rehandleCount })) > 0;
      const now = this.clock.now();
      const d = assertAllowed(
        decide(p.status, 'return', {
          unitRole: part?.role ?? null,
          reason: dto.reason,
          anyReplied,
          now,
          assignedAt: part?.assignedAt ?? null,
          returnWindowDays: this.config.returnWindowDays,
        }),
      );
      const active = await em.findBy(ProposalUnit, { proposalId: p.id, active: true });
      await em.update(ProposalUnit, { proposalId: p.id, active: true }, { active: false, returnedAt: now });
      await em.update(ProposalUnit, { id: part!.id }, { returnReason: dto.reason });
      await this.store.write(em, actor, p, {
        action: 'return',
        set: {
          status: d.to,
          handlingMode: null,
          handlingStartedAt: null,
          deadline: null,
          extensionMonths: 0,
          overdue: false,
        },
        details: { unitId: part!.unitId },
        comment: dto.reason,
        event: { type: 'proposal.returned', unitIds: active.map((u) => u.unitId) },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 沟通协商: any unit in the assignment records a contact with the proposer. */
  communicate(actor: Actor, id: number, dto: CommunicationDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'communicate'));
      const part = await this.partOrForbid(em, p, actor);
      const now = this.clock.now();
      const at = dto.at ? new Date(dto.at) : now;
      if (at.getTime() > now.getTime() + 60_000) throw AppError.invalidField('at', '沟通时间不能晚于当前时间');
      const step = dto.step ?? (await this.stepNow(em, p, part));
      await em.insert(ProposalCommunication, {
        proposalId: p.id,
        unitId: part.unitId,
        round: p.rehandleCount,
        step,
        mode: dto.mode,
        summary: dto.summary,
        at,
        recordedByUserId: actor.id,
      });
      await this.store.write(em, actor, p, {
        action: 'communicate',
        details: { unitId: part.unitId, step, mode: dto.mode, at: at.toISOString() },
        event: { type: 'proposal.communicated', unitIds: [part.unitId] },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 办前 until the unit's first contact, 办中 after it, 办后 once the unit has replied. */
  private async stepNow(em: EntityManager, p: Proposal, part: ProposalUnit): Promise<CommunicationStep> {
    if (p.status === 'replied' || part.repliedAt) return 'after';
    const earlier = await em.countBy(ProposalCommunication, {
      proposalId: p.id,
      unitId: part.unitId,
      round: p.rehandleCount,
    });
    return earlier ? 'during' : 'before';
  }

  /** 会办意见: each co-unit once per round, before the lead unit replies. */
  coOpinion(actor: Actor, id: number, dto: CoOpinionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'coOpinion'));
      const part = await this.partOrForbid(em, p, actor);
      if (part.role !== 'co') throw AppError.forbidden('只有会办单位提交会办意见');
      if (await em.existsBy(ProposalCoOpinion, { proposalId: p.id, unitId: part.unitId, round: p.rehandleCount })) {
        throw AppError.conflict('CO_OPINION_GIVEN', '本单位已提交会办意见');
      }
      await em.insert(ProposalCoOpinion, {
        proposalId: p.id,
        unitId: part.unitId,
        round: p.rehandleCount,
        content: dto.content,
        at: this.clock.now(),
        byUserId: actor.id,
      });
      await this.store.write(em, actor, p, {
        action: 'co_opinion',
        details: { unitId: part.unitId },
        event: { type: 'proposal.co_opinion_given', unitIds: [part.unitId] },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 答复: the lead unit once the co-units' opinions are in; under 分办 each unit, the last one making it replied. */
  reply(actor: Actor, id: number, dto: ReplyProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const part = await unitPartOf(em, p, actor);
      const round = p.rehandleCount;
      const active = await em.findBy(ProposalUnit, { proposalId: p.id, active: true });
      const opinions = await em.findBy(ProposalCoOpinion, { proposalId: p.id, round });
      const d = assertAllowed(
        decide(p.status, 'reply', {
          unitRole: part?.role ?? null,
          alreadyReplied: part?.repliedAt != null,
          hasCommunication: part
            ? (await em.countBy(ProposalCommunication, { proposalId: p.id, unitId: part.unitId, round })) > 0
            : false,
          coUnitsWithoutOpinion: active.filter((u) => u.role === 'co' && !opinions.some((o) => o.unitId === u.unitId))
            .length,
          otherUnitsPending: active.filter((u) => u.role === 'split' && u.id !== part?.id && !u.repliedAt).length,
        }),
      );
      if (!this.config.classifications.some((c) => c.code === dto.classification)) {
        throw AppError.invalidField(
          'classification',
          `答复分类须为${this.config.classifications.map((c) => `${c.code}（${c.label}）`).join('、')}之一`,
        );
      }
      const commitments = dto.commitments ?? [];
      const classCodes = this.config.classifications.map((c) => c.code);
      assertAllowed(checkCommitments(dto.classification, classCodes, commitments, shanghaiDay(this.clock.now())));
      const now = this.clock.now();
      const reply = em.create(ProposalReply, {
        proposalId: p.id,
        unitId: part!.unitId,
        round,
        classification: dto.classification,
        content: dto.content,
        isPublic: dto.public,
        letterNo: dto.letterNo ?? null,
        signer: dto.signer ?? null,
        contact: dto.contact ?? null,
        at: now,
        byUserId: actor.id,
      });
      reply.id = (await em.insert(ProposalReply, { ...reply })).identifiers[0].id as number;
      await this.commitments.addForReply(em, reply, commitments);
      await em.update(ProposalUnit, { id: part!.id }, { repliedAt: now });
      const set: Partial<Proposal> = d.to === 'replied' ? { status: d.to, repliedAt: now, overdue: false } : {};
      await this.store.write(em, actor, p, {
        action: 'reply',
        set,
        details: {
          unitId: part!.unitId,
          classification: dto.classification,
          letterNo: dto.letterNo ?? null,
          public: dto.public,
          ...(commitments.length ? { commitments: commitments.length } : {}),
        },
        event: { type: 'proposal.replied', unitIds: [part!.unitId] },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 延期申请: a replying unit asks for months more; the deadline may not pass the configured maximum, and one request waits at a time. */
  requestExtension(actor: Actor, id: number, dto: RequestExtensionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'requestExtension'));
      const part = await this.partOrForbid(em, p, actor);
      if (part.role === 'co') throw AppError.forbidden('延期由主办单位申请');
      if (await em.existsBy(ProposalExtension, { proposalId: p.id, status: 'pending' }))
        throw AppError.conflict('EXTENSION_PENDING', '已有待审批的延期申请');
      const limit = addMonths(p.handlingStartedAt!, this.config.maxHandlingMonths);
      if (addMonths(p.deadline!, dto.months).getTime() > limit.getTime()) {
        throw AppError.conflict(
          'EXTENSION_LIMIT',
          `延期后将超过交办后 ${this.config.maxHandlingMonths} 个月的最长办理期限`,
          { latestDeadline: limit.toISOString() },
        );
      }
      const request = em.create(ProposalExtension, {
        proposalId: p.id,
        unitId: part.unitId,
        months: dto.months,
        reason: dto.reason,
        requestedByUserId: actor.id,
        requestedAt: this.clock.now(),
        status: 'pending',
        decidedByUserId: null,
        decidedAt: null,
        comment: null,
      });
      await em.save(request);
      await this.store.write(em, actor, p, {
        action: 'extension_request',
        details: { extensionId: request.id, unitId: part.unitId, months: dto.months },
        comment: dto.reason,
        event: { type: 'proposal.extension_requested', relatedId: request.id, unitIds: [part.unitId] },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 评价 by the lead proposer: 满意/基本满意 completes it; 不满意 starts a new handling round with a new deadline. */
  evaluate(actor: Actor, id: number, dto: EvaluateProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const d = assertAllowed(
        decide(p.status, 'evaluate', { isLeadProposer: isLeadProposer(actor, p), rating: dto.rating }),
      );
      const now = this.clock.now();
      await em.insert(ProposalEvaluation, {
        proposalId: p.id,
        round: p.rehandleCount,
        contact: dto.contact ?? null,
        attitude: dto.attitude ?? null,
        rating: dto.rating,
        comment: dto.comment ?? null,
        at: now,
        byUserId: actor.id,
      });
      const details = {
        rating: dto.rating,
        attitude: dto.attitude ?? null,
        contact: dto.contact ?? null,
        round: p.rehandleCount,
      };
      if (d.rehandle) {
        const deadline = addMonths(now, this.config.deadlineMonths);
        const units = await em.findBy(ProposalUnit, { proposalId: p.id, active: true });
        await em.update(ProposalUnit, { proposalId: p.id, active: true }, { repliedAt: null });
        await this.store.write(em, actor, p, {
          action: 'evaluate',
          set: {
            status: d.to,
            rehandleCount: p.rehandleCount + 1,
            handlingStartedAt: now,
            deadline,
            extensionMonths: 0,
            overdue: false,
            repliedAt: null,
          },
          details: { ...details, rehandle: true, deadline: deadline.toISOString() },
          comment: dto.comment ?? null,
          event: { type: 'proposal.rehandling', unitIds: units.map((u) => u.unitId), deadline },
        });
      } else {
        await this.store.write(em, actor, p, {
          action: 'evaluate',
          set: { status: d.to, completedAt: now },
          details,
          comment: dto.comment ?? null,
          event: { type: 'proposal.completed' },
        });
      }
      return this.views.detail(em, p, actor);
    });
  }

  /** The caller's unit's active part; a unit with none may not act on the proposal. */
  private async partOrForbid(em: EntityManager, p: Proposal, actor: Actor): Promise<ProposalUnit> {
    const part = await unitPartOf(em, p, actor);
    if (!part) throw AppError.forbidden('只有承办该提案的单位可以操作');
    return part;
  }
}
