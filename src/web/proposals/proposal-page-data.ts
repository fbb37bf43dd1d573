import { Actor, hasRole } from '../../common/actor';
import { ProposalHistoryItem, ProposalSummaryView, ProposalView } from '../../proposals/dto/proposal-view.dto';
import { RATING_LABELS, STATUS_LABELS, UNIT_ROLE_LABELS } from '../../proposals/proposal-labels';
import { actionsFrom, check, ProposalStatus, Rating, SideAction, UnitRole } from '../../proposals/proposal-workflow';
import type { ProposalSection } from '../kit/layout';
import { historyTimeline, TimelineItem } from '../kit/timeline';

/*
 * What a proposal page shows beside the services' views: which buttons to offer, the timeline in
 * Chinese, days left. Pure functions over the views. The buttons follow the workflow's own tables
 * (`actionsFrom`, `check`); the services still decide every request.
 */

/** The buttons and links a proposal page offers this viewer. */
export interface Offers {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  cosign: boolean;
  evaluate: boolean;
  review: boolean;
  assign: boolean;
  decideExtension: boolean;
  excellent: boolean;
  key: boolean;
  communicate: boolean;
  coOpinion: boolean;
  reply: boolean;
  returnIt: boolean;
  extension: boolean;
  /** 催办: staff, or the leader supervising this key proposal, while it is with the units. */
  chase: boolean;
  /** Any of the above. */
  any: boolean;
}

export function offersFor(actor: Actor, p: ProposalView): Offers {
  const member = hasRole(actor, 'member') && actor.memberId !== null;
  const lead = member && p.leadMember?.id === actor.memberId;
  const mine = member ? p.signers.find((s) => s.memberId === actor.memberId) : undefined;
  const staff = hasRole(actor, 'staff');
  const part = hasRole(actor, 'unit') && actor.unitId !== null ? p.units.find((u) => u.id === actor.unitId) : undefined;
  const replying = part !== undefined && part.role !== 'co';
  const arrows = actionsFrom(p.status);
  const side = (step: SideAction) => check(p.status, step) === null;
  const round = p.rehandleCount;
  const offers: Omit<Offers, 'any'> = {
    edit: lead && side('edit'),
    submit: lead && arrows.includes('submit'),
    withdraw: lead && arrows.includes('withdraw'),
    cosign: mine?.role === 'cosigner' && mine.status === 'invited' && side('cosign'),
    evaluate: lead && arrows.includes('evaluate'),
    review: staff && arrows.includes('accept'),
    assign: staff && arrows.includes('assign'),
    decideExtension: staff && side('decideExtension') && p.extensions.some((x) => x.status === 'pending'),
    excellent: staff && side('markExcellent'),
    key: hasRole(actor, 'leader') && side('markKey') && !p.key,
    communicate: part !== undefined && side('communicate'),
    coOpinion:
      part?.role === 'co' && side('coOpinion') && !p.coOpinions.some((o) => o.unit.id === part.id && o.round === round),
    reply: replying && arrows.includes('reply') && part.repliedAt === null,
    returnIt: replying && arrows.includes('return') && !p.units.some((u) => u.repliedAt !== null),
    extension: replying && side('requestExtension') && !p.extensions.some((x) => x.status === 'pending'),
    chase: (staff || (hasRole(actor, 'leader') && p.key && p.supervisor?.id === actor.id)) && side('chase'),
  };
  return { ...offers, any: Object.values(offers).some(Boolean) };
}

/** The menu entry a proposal's own page belongs to, by the viewer's main role. */
export function proposalSectionFor(actor: Actor): ProposalSection {
  if (hasRole(actor, 'staff')) return 'proposals';
  if (hasRole(actor, 'leader')) return 'key-proposals';
  if (hasRole(actor, 'unit')) return 'assignments';
  return 'my-proposals';
}

/** Co-signers who have not confirmed yet (the lead cannot submit until there are none). */
export const unconfirmed = (p: ProposalView): string[] =>
  p.signers.filter((s) => s.role === 'cosigner' && s.status === 'invited').map((s) => s.name);

const statusLabel = (s: string | null) => (s ? (STATUS_LABELS[s as ProposalStatus] ?? s) : '');

function noteOf(item: ProposalHistoryItem): string | null {
  const d = item.details ?? {};
  if (item.action === 'accept' && typeof d.number === 'string') return `立案编号 ${d.number}`;
  if (item.action === 'evaluate' && typeof d.rating === 'string')
    return `办理结果：${RATING_LABELS[d.rating as Rating] ?? d.rating}`;
  if (item.action === 'reply' && typeof d.classification === 'string') return `答复分类 ${d.classification}`;
  if (item.action === 'extension_decision' && typeof d.approved === 'boolean')
    return d.approved ? '同意延期' : '不同意延期';
  return null;
}

export function timelineOf(history: ProposalHistoryItem[]): TimelineItem[] {
  return historyTimeline(history, statusLabel, noteOf);
}

const DAY_MS = 86_400_000;

/** Whole days from `now` to the deadline: 0 within its last day, negative once passed; null without a deadline. */
export function daysLeft(deadline: string | null, now: Date): number | null {
  if (!deadline) return null;
  return Math.floor((new Date(deadline).getTime() - now.getTime()) / DAY_MS);
}

/** A row of a proposal list: the summary, with the deadline counted while it is being handled. */
export interface ProposalRow extends ProposalSummaryView {
  daysLeft: number | null;
  /** Past the deadline (the sweep's 超期 mark, or the deadline already passed while still assigned). */
  late: boolean;
  /** 主办 / 会办 / 分办, for a unit's own list. */
  unitRoleLabel: string | null;
  /** A co-signer's invitation waiting for this member. */
  awaitingMe: boolean;
}

export function rowOf(
  p: ProposalSummaryView,
  now: Date,
  extra: { unitId?: number | null; awaitingMe?: boolean } = {},
): ProposalRow {
  const counting = p.status === 'assigned' ? daysLeft(p.deadline, now) : null;
  const unitId = extra.unitId ?? null;
  const role: UnitRole | null =
    unitId === null
      ? null
      : p.leadUnit?.id === unitId
        ? 'lead'
        : p.coUnits.some((u) => u.id === unitId)
          ? 'co'
          : p.splitUnits.some((u) => u.id === unitId)
            ? 'split'
            : null;
  return {
    ...p,
    daysLeft: counting,
    late: p.status === 'assigned' && (p.overdue || (counting ?? 0) < 0),
    unitRoleLabel: role && UNIT_ROLE_LABELS[role],
    awaitingMe: extra.awaitingMe ?? false,
  };
}
