import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { withheld } from '../audit/history-reader';
import { User } from '../auth/user.entity';
import { Actor, hasRole } from '../common/actor';
import { iso } from '../common/iso-time';
import { namesOf } from '../database/rows';
import { CouncilSession, Member, Unit } from '../directory/directory.entities';
import { toAttachmentRef } from '../files/attachment.dto';
import { Attachment } from '../files/attachment.entity';
import { ProposalHistoryItem, ProposalRef, ProposalSummaryView, ProposalView } from './dto/proposal-view.dto';
import {
  CONTACT_LABELS,
  EXTENSION_STATUS_LABELS,
  HANDLING_MODE_LABELS,
  KIND_LABELS,
  MODE_LABELS,
  numberLabel,
  RATING_LABELS,
  SIGNER_ROLE_LABELS,
  SIGNER_STATUS_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  UNIT_ROLE_LABELS,
} from './proposal-labels';
import {
  Proposal,
  ProposalCommunication,
  ProposalCoOpinion,
  ProposalEvaluation,
  ProposalExtension,
  ProposalReply,
  ProposalSigner,
  ProposalUnit,
} from './proposal.entities';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];

/** Builds what readers see of proposals; related rows are loaded per page, never per proposal. */
@Injectable()
export class ProposalViews {
  constructor(@Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig) {}

  async summaries(em: EntityManager, rows: Proposal[]): Promise<ProposalSummaryView[]> {
    if (rows.length === 0) return [];
    const parts = await em.find(ProposalUnit, {
      where: { proposalId: In(rows.map((r) => r.id)), active: true },
      order: { id: 'ASC' },
    });
    const [sessions, members, units] = await Promise.all([
      em.find(CouncilSession, { where: { id: In(ids(rows.map((r) => r.sessionId))) } }),
      namesOf(
        em,
        Member,
        rows.map((r) => r.leadMemberId),
      ),
      namesOf(
        em,
        Unit,
        parts.map((u) => u.unitId),
      ),
    ]);
    const sessionById = byId(sessions);
    return rows.map((p) => {
      const mine = parts.filter((u) => u.proposalId === p.id);
      const unitsOf = (role: string) => mine.filter((u) => u.role === role).map((u) => units.get(u.unitId)!);
      const session = sessionById.get(p.sessionId)!;
      return {
        id: p.id,
        session: { id: session.id, name: session.name },
        number: p.number,
        numberLabel: numberLabel(session.name, p.number),
        kind: p.kind,
        kindLabel: KIND_LABELS[p.kind],
        title: p.title,
        category: p.category,
        categoryLabel: labelOf(this.config.categories, p.category)!,
        status: p.status,
        statusLabel: STATUS_LABELS[p.status],
        plenary: p.plenary,
        plenaryLabel: p.plenary ? '大会提案' : '平时提案',
        leadMember: p.leadMemberId === null ? null : (members.get(p.leadMemberId) ?? null),
        groupName: p.groupName,
        sectorId: p.sectorId,
        handlingMode: p.handlingMode,
        handlingModeLabel: p.handlingMode ? HANDLING_MODE_LABELS[p.handlingMode] : null,
        leadUnit: unitsOf('lead')[0] ?? null,
        coUnits: unitsOf('co'),
        splitUnits: unitsOf('split'),
        deadline: iso(p.deadline),
        overdue: p.overdue,
        notEvaluated: p.notEvaluated,
        chaseCount: p.chaseCount,
        lastChasedAt: iso(p.lastChasedAt),
        key: p.isKey,
        excellent: p.excellent,
        rehandleCount: p.rehandleCount,
        agreeToPublish: p.agreeToPublish,
        submittedAt: iso(p.submittedAt),
        updatedAt: p.updatedAt.toISOString(),
        version: p.version,
      };
    });
  }

  /** The whole view; with a `reader`, narrowed to what that person should see (`forReader`). */
  async detail(em: EntityManager, p: Proposal, reader?: Actor): Promise<ProposalView> {
    const view = await this.fullDetail(em, p);
    return reader ? forReader(view, reader) : view;
  }

  private async fullDetail(em: EntityManager, p: Proposal): Promise<ProposalView> {
    const where = { proposalId: p.id };
    const [
      [summary],
      signers,
      parts,
      communications,
      coOpinions,
      replies,
      evaluations,
      extensions,
      mergedFromRows,
      attachments,
    ] = await Promise.all([
      this.summaries(em, [p]),
      em.find(ProposalSigner, { where, order: { id: 'ASC' } }),
      em.find(ProposalUnit, { where: { ...where, active: true }, order: { id: 'ASC' } }),
      em.find(ProposalCommunication, { where, order: { at: 'ASC', id: 'ASC' } }),
      em.find(ProposalCoOpinion, { where, order: { id: 'ASC' } }),
      em.find(ProposalReply, { where, order: { id: 'ASC' } }),
      em.find(ProposalEvaluation, { where, order: { round: 'ASC' } }),
      em.find(ProposalExtension, { where, order: { id: 'ASC' } }),
      em.find(Proposal, { where: { mergedIntoId: p.id }, order: { id: 'ASC' } }),
      em.find(Attachment, { where: { ownerType: 'proposal', ownerId: p.id }, order: { id: 'ASC' } }),
    ]);
    const unitIds = [...parts, ...communications, ...coOpinions, ...replies, ...extensions].map((r) => r.unitId);
    const [members, units, mergedInto, supervisor] = await Promise.all([
      namesOf(
        em,
        Member,
        signers.map((s) => s.memberId),
      ),
      namesOf(em, Unit, unitIds),
      p.mergedIntoId ? em.findOneBy(Proposal, { id: p.mergedIntoId }) : null,
      p.supervisorUserId ? em.findOneBy(User, { id: p.supervisorUserId }) : null,
    ]);
    const refs = await this.refs(em, [...(mergedInto ? [mergedInto] : []), ...mergedFromRows]);
    const unit = (id: number) => units.get(id)!;
    const replyViews = replies.map((r) => ({
      unit: unit(r.unitId),
      round: r.round,
      classification: r.classification,
      classificationLabel: labelOf(this.config.classifications, r.classification)!,
      content: r.content,
      public: r.isPublic,
      letterNo: r.letterNo,
      signer: r.signer,
      contact: r.contact,
      at: r.at.toISOString(),
    }));
    const evaluationViews = evaluations.map((e) => ({
      round: e.round,
      rating: e.rating,
      ratingLabel: RATING_LABELS[e.rating],
      attitude: e.attitude,
      attitudeLabel: e.attitude ? RATING_LABELS[e.attitude] : null,
      contact: e.contact,
      contactLabel: e.contact ? CONTACT_LABELS[e.contact] : null,
      comment: e.comment,
      at: e.at.toISOString(),
    }));
    const leadUnitId = parts.find((u) => u.role === 'lead')?.unitId;
    const leadReplies = replyViews.filter((r, i) => replies[i].unitId === leadUnitId);
    return {
      ...summary,
      background: p.background,
      suggestions: JSON.parse(p.suggestions) as string[],
      attachments: attachments.map(toAttachmentRef),
      signers: signers.map((s) => ({
        memberId: s.memberId,
        name: members.get(s.memberId)?.name ?? '',
        role: s.role,
        roleLabel: SIGNER_ROLE_LABELS[s.role],
        status: s.status,
        statusLabel: SIGNER_STATUS_LABELS[s.status],
        confirmedAt: iso(s.confirmedAt),
        mergedFromId: s.mergedFromId,
      })),
      units: parts.map((u) => ({
        ...unit(u.unitId),
        role: u.role,
        roleLabel: UNIT_ROLE_LABELS[u.role],
        assignedAt: u.assignedAt.toISOString(),
        repliedAt: iso(u.repliedAt),
      })),
      committeeId: p.committeeId,
      reviewGround: p.reviewGround,
      reviewGroundLabel: labelOf(this.config.refusalGrounds, p.reviewGround),
      reviewReason: p.reviewReason,
      mergedInto: mergedInto ? refs.get(mergedInto.id)! : null,
      mergedFrom: mergedFromRows.map((m) => refs.get(m.id)!),
      supervisor: supervisor ? { id: supervisor.id, displayName: supervisor.displayName } : null,
      extensionMonths: p.extensionMonths,
      reply: (leadReplies.length ? leadReplies : replyViews).at(-1) ?? null,
      replies: replyViews,
      evaluation: evaluationViews.at(-1) ?? null,
      evaluationLabel: p.notEvaluated ? '未评价' : (evaluationViews.at(-1)?.ratingLabel ?? null),
      evaluations: evaluationViews,
      communications: communications.map((c) => ({
        id: c.id,
        unit: unit(c.unitId),
        round: c.round,
        step: c.step,
        stepLabel: STEP_LABELS[c.step],
        mode: c.mode,
        modeLabel: MODE_LABELS[c.mode],
        summary: c.summary,
        at: c.at.toISOString(),
      })),
      coOpinions: coOpinions.map((o) => ({
        unit: unit(o.unitId),
        round: o.round,
        content: o.content,
        at: o.at.toISOString(),
      })),
      extensions: extensions.map((x) => ({
        id: x.id,
        unit: unit(x.unitId),
        months: x.months,
        reason: x.reason,
        status: x.status,
        statusLabel: EXTENSION_STATUS_LABELS[x.status],
        requestedAt: x.requestedAt.toISOString(),
        decidedAt: iso(x.decidedAt),
        comment: x.comment,
      })),
      reviewedAt: iso(p.reviewedAt),
      assignedAt: iso(p.assignedAt),
      repliedAt: iso(p.repliedAt),
      completedAt: iso(p.completedAt),
      withdrawnAt: iso(p.withdrawnAt),
      visitId: p.visitId,
      createdAt: p.createdAt.toISOString(),
    };
  }

  private async refs(em: EntityManager, rows: Proposal[]): Promise<Map<number, ProposalRef>> {
    const summaries = await this.summaries(em, rows);
    return new Map(summaries.map((s) => [s.id, { id: s.id, title: s.title, numberLabel: s.numberLabel }]));
  }
}

/**
 * Which extension requests of a proposal a reader sees, `unitIds` being the units of its current assignment.
 * Staff and leaders: all. A unit of the assignment: its own requests only (another unit's request and reasons are
 * between that unit and the office). Anyone else (the proposers): the approved extensions (the deadline moved),
 * not pending or refused requests. The detail view (`forReader`) and the history (`historyFor`) both ask here.
 */
export function seesExtension(
  reader: Actor,
  unitIds: readonly number[],
): (x: { unitId: number; status: string }) => boolean {
  if (hasRole(reader, 'staff', 'leader')) return () => true;
  if (hasRole(reader, 'unit') && reader.unitId !== null && unitIds.includes(reader.unitId))
    return (x) => x.unitId === reader.unitId;
  return (x) => x.status === 'approved';
}

/** What a reader sees of a proposal they may read: the extension requests of `seesExtension`. */
export function forReader(view: ProposalView, reader: Actor): ProposalView {
  if (hasRole(reader, 'staff', 'leader')) return view;
  const sees = seesExtension(
    reader,
    view.units.map((u) => u.id),
  );
  return { ...view, extensions: view.extensions.filter((x) => sees({ unitId: x.unit.id, status: x.status })) };
}

/** The steps that record an extension request (its months and reason) or the decision on it (and its comment). */
const EXTENSION_STEPS = ['extension_request', 'extension_decision'];

/**
 * A proposal's history as `reader` may see it: a step on an extension request the reader's detail view does not
 * show (`seesExtension`) keeps its action, actor and time, not its months, reason or decision.
 */
export async function historyFor(
  em: EntityManager,
  p: Proposal,
  reader: Actor,
  items: ProposalHistoryItem[],
): Promise<ProposalHistoryItem[]> {
  if (hasRole(reader, 'staff', 'leader')) return items;
  const [parts, extensions] = await Promise.all([
    em.findBy(ProposalUnit, { proposalId: p.id, active: true }),
    em.findBy(ProposalExtension, { proposalId: p.id }),
  ]);
  const sees = seesExtension(
    reader,
    parts.map((u) => u.unitId),
  );
  const shown = new Set(extensions.filter(sees).map((x) => x.id));
  return items.map((h) =>
    EXTENSION_STEPS.includes(h.action) && !shown.has(Number(h.details?.extensionId)) ? withheld(h) : h,
  );
}
