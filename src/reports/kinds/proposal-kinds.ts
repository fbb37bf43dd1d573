import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toActor } from '../../auth/user-view';
import { User } from '../../auth/user.entity';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { ORGANIZATION, Organization } from '../../config/organization';
import { CouncilSession, Member, Sector, Unit } from '../../directory/directory.entities';
import { seesContactOf } from '../../directory/member-views';
import type { ProposalView } from '../../proposals/dto/proposal-view.dto';
import { formatNumber } from '../../proposals/proposal-labels';
import { ProposalViews } from '../../proposals/proposal-views';
import { Proposal } from '../../proposals/proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from '../../proposals/proposals.config';
import { ProposalsService } from '../../proposals/proposals.service';
import {
  closingSentence,
  letterAddressee,
  proposersOf,
  receivedSentence,
  trimReplyBody,
} from '../../proposals/reply-body';
import type { ProposalSheetContext, ReplyLetterContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';

/** Text as the proposer typed it, one paragraph per non-empty line. */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A kind that takes no parameters refuses any (400, naming the first). */
export const noParams = (params: Record<string, unknown>): void => {
  const extra = Object.keys(params);
  if (extra.length) throw AppError.invalidField(`params.${extra[0]}`, '该报告类型不接受此参数');
};

/** The proposal as of render time, read without an actor: access was checked when the report was requested. */
async function proposalOf(
  em: EntityManager,
  views: ProposalViews,
  report: Report,
): Promise<{ view: ProposalView; session: CouncilSession }> {
  const p = await em.findOneBy(Proposal, { id: report.subjectId ?? 0 });
  if (!p) throw new Error(`提案 ${report.subjectId} 已不存在`);
  const view = await views.detail(em, p);
  return { view, session: await em.findOneByOrFail(CouncilSession, { id: p.sessionId }) };
}

/** The 领衔人's 工作单位及职务 and 电话, when the one who asked for the sheet may see them (`seesContactOf`). */
async function leadContactFor(
  em: EntityManager,
  view: ProposalView,
  requesterId: number,
): Promise<ProposalSheetContext['leadContact']> {
  const requester = await em.findOneBy(User, { id: requesterId });
  if (!view.leadMember || !requester || !seesContactOf(toActor(requester), view.leadMember.id)) return null;
  const lead = await em.findOneBy(Member, { id: view.leadMember.id });
  return lead ? { employer: lead.employer, phone: lead.phone } : null;
}

/** 提案单: the proposal as filed, with the review opinion and the units. Anyone who may read the proposal may print it. */
@Injectable()
export class ProposalSheetKind implements ReportKindDef<'proposal-sheet'> {
  readonly kind = 'proposal-sheet' as const;
  readonly label = '提案单';
  readonly subjectType = 'proposal' as const;
  readonly roles = ['staff', 'leader', 'member', 'unit'] as const;

  constructor(
    private readonly proposals: ProposalsService,
    private readonly views: ProposalViews,
    private readonly clock: Clock,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    noParams(params);
    const view = await this.proposals.get(actor, subjectId ?? 0);
    return { title: `${view.title}（提案单）`, params: {} };
  }

  async context(em: EntityManager, report: Report): Promise<ProposalSheetContext> {
    const { view, session } = await proposalOf(em, this.views, report);
    const sector = view.sectorId ? await em.findOneBy(Sector, { id: view.sectorId }) : null;
    const units = view.leadUnit
      ? [view.leadUnit.name, ...view.coUnits.map((u) => u.name)]
      : view.splitUnits.map((u) => u.name);
    const reviewOpinion =
      view.number !== null
        ? `立案${units.length ? `，交${units.join('、')}办理` : ''}`
        : view.reviewGroundLabel
          ? `${view.statusLabel}：${view.reviewGroundLabel}${view.reviewReason ? `（${view.reviewReason}）` : ''}`
          : view.reviewReason
            ? `${view.statusLabel}：${view.reviewReason}`
            : null;
    return {
      title: view.title,
      sessionName: session.name,
      numberLabel: view.number !== null ? formatNumber(view.number) : null,
      kindLabel: view.kindLabel,
      categoryLabel: view.categoryLabel,
      plenaryLabel: view.plenaryLabel,
      proposers: proposersOf(view),
      sectorName: sector?.name ?? null,
      leadContact: await leadContactFor(em, view, report.requestedByUserId),
      background: paragraphs(view.background),
      suggestions: view.suggestions,
      agreeToPublish: view.agreeToPublish,
      submittedAt: view.submittedAt,
      statusLabel: view.statusLabel,
      reviewedAt: view.reviewedAt,
      reviewOpinion,
      leadUnit: view.leadUnit?.name ?? (view.splitUnits.length ? view.splitUnits.map((u) => u.name).join('、') : null),
      coUnits: view.coUnits.map((u) => u.name),
      deadline: view.deadline,
      printedOn: this.clock.now(),
    };
  }
}

/** 答复函: a unit's reply letter. `params.unitId` picks the unit's letter under 分办; by default the latest reply. */
@Injectable()
export class ReplyLetterKind implements ReportKindDef<'reply-letter'> {
  readonly kind = 'reply-letter' as const;
  readonly label = '答复函';
  readonly subjectType = 'proposal' as const;
  readonly roles = ['staff', 'leader', 'member', 'unit'] as const;

  constructor(
    private readonly proposals: ProposalsService,
    private readonly views: ProposalViews,
    @Inject(ORGANIZATION) private readonly org: Organization,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    const { unitId, ...rest } = params;
    noParams(rest);
    if (unitId !== undefined && !(Number.isInteger(unitId) && (unitId as number) > 0))
      throw AppError.invalidField('params.unitId', '承办单位编号应为正整数');
    const view = await this.proposals.get(actor, subjectId ?? 0);
    const reply = pickReply(view, unitId as number | undefined);
    if (!reply)
      throw AppError.conflict(
        'NO_REPLY',
        unitId === undefined ? `该提案（${view.statusLabel}）尚无答复，不能生成答复函` : '该承办单位尚未答复此提案',
      );
    return { title: `${reply.unit.name}关于《${view.title}》的答复函`, params: unitId === undefined ? {} : { unitId } };
  }

  async context(em: EntityManager, report: Report): Promise<ReplyLetterContext> {
    const { view, session } = await proposalOf(em, this.views, report);
    const reply = pickReply(
      view,
      report.params ? (JSON.parse(report.params) as { unitId?: number }).unitId : undefined,
    );
    if (!reply) throw new Error('该提案的答复已不存在');
    const { addressee, you } = letterAddressee(view);
    const numberLabel = view.number !== null ? formatNumber(view.number) : null;
    const unit = await em.findOneBy(Unit, { id: reply.unit.id });
    return {
      title:
        view.number !== null
          ? `关于${session.name}${formatNumber(view.number)}提案的答复`
          : `关于《${view.title}》的答复`,
      // Units have one name; it is the organ's name the letter is signed with (no separate full name is recorded).
      unitName: reply.unit.name,
      letterNo: reply.letterNo,
      classification: reply.classification,
      classificationLabel: reply.classificationLabel,
      printClassification: this.config.printReplyClassification,
      addressee,
      received: receivedSentence(you, view.title, numberLabel),
      closing: closingSentence(you),
      // The body as stored, less any salutation or signature lines still at its edges: the frame prints its own.
      paragraphs: paragraphs(trimReplyBody(reply.content, [reply.unit.name])),
      public: reply.public,
      signer: reply.signer,
      contact: contactLines(reply.contact, unit),
      repliedOn: reply.at,
      cc: [this.org.proposalCommittee],
      letterFormat: true,
    };
  }
}

/** The reply's own 联系人及电话 when it records one, else the unit's contact person and phone. */
function contactLines(replyContact: string | null, unit: Unit | null): string[] {
  if (replyContact) return [`联系人及电话：${replyContact}`];
  return [
    ...(unit?.contactName ? [`联系人：${unit.contactName}`] : []),
    ...(unit?.contactPhone ? [`联系电话：${unit.contactPhone}`] : []),
  ];
}

function pickReply(view: ProposalView, unitId: number | undefined) {
  const replies = unitId === undefined ? view.replies : view.replies.filter((r) => r.unit.id === unitId);
  return replies.length
    ? replies.reduce((a, b) => (b.round > a.round || (b.round === a.round && b.at > a.at) ? b : a))
    : null;
}
