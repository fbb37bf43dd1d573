import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CouncilSession, Unit } from '../directory/directory.entities';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalEvent } from './proposal-event';
import { numberLabel, UNIT_ROLE_LABELS } from './proposal-labels';
import { Audience, hasNotices, NoticeFacts, noticesFor, ProposalRef } from './proposal-notices';
import { GROUP_KINDS, Proposal, ProposalReply, ProposalSigner, ProposalUnit } from './proposal.entities';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/**
 * Tells people what happened to a proposal: called inside the transaction of each step, after its
 * writes, so nothing is announced for a step that rolled back. It gathers the facts the notices of
 * `proposal-notices.ts` need and puts them in the inboxes of the people they are for — never the actor's own.
 */
@Injectable()
export class ProposalNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** The notices of `event` on `p` (the row as the step left it). How many inboxes got one now (0 when all had it already). */
  async send(em: EntityManager, p: Proposal, event: ProposalEvent): Promise<number> {
    if (!hasNotices(event.type)) return 0;
    const notices = noticesFor(event, await this.facts(em, p, event));
    return this.notifications.deliver(em, notices, (to) => this.usersOf(em, to, p, event), event.actorUserId);
  }

  private async facts(em: EntityManager, p: Proposal, event: ProposalEvent): Promise<NoticeFacts> {
    const parts = await em.find(ProposalUnit, { where: { proposalId: p.id, active: true }, order: { id: 'ASC' } });
    const wanted = [...new Set([...parts.map((u) => u.unitId), ...(event.unitIds ?? [])])];
    const names = new Map((wanted.length ? await em.findBy(Unit, { id: In(wanted) }) : []).map((u) => [u.id, u.name]));
    const reply =
      event.type === 'proposal.replied' && event.unitIds?.length
        ? await em.findOne(ProposalReply, {
            where: { proposalId: p.id, unitId: event.unitIds[0] },
            order: { id: 'DESC' },
          })
        : null;
    const into = event.to === 'merged' && p.mergedIntoId ? await em.findOneBy(Proposal, { id: p.mergedIntoId }) : null;
    return {
      ...(await this.ref(em, p)),
      deadline: p.deadline,
      rehandleCount: p.rehandleCount,
      assignment: parts.map((u) => ({ name: names.get(u.unitId) ?? '', roleLabel: UNIT_ROLE_LABELS[u.role] })),
      unitNames: (event.unitIds ?? []).map((id) => names.get(id) ?? ''),
      classification: reply
        ? `${reply.classification}（${labelOf(this.config.classifications, reply.classification)}）`
        : null,
      mergedInto: into ? await this.ref(em, into) : null,
      timeZone: this.app.displayTimeZone,
      coSignDays: this.config.coSignDays,
      evaluationWorkingDays: this.config.evaluationWorkingDays,
    };
  }

  private async ref(em: EntityManager, p: Proposal): Promise<ProposalRef> {
    const session = await em.findOneByOrFail(CouncilSession, { id: p.sessionId });
    return { id: p.id, title: p.title, numberLabel: numberLabel(session.name, p.number) };
  }

  private async usersOf(em: EntityManager, audience: Audience, p: Proposal, event: ProposalEvent): Promise<number[]> {
    const members = async (ids: number[]) =>
      (await Promise.all(ids.map((id) => this.notifications.usersOfMember(em, id)))).flat();
    switch (audience) {
      case 'proposers': {
        // 领衔人, confirmed 附议人 and merged-in proposers; for a group proposal, the staff account that filed it.
        const signers = await em.findBy(ProposalSigner, { proposalId: p.id, status: 'confirmed' });
        return [
          ...(await members(signers.map((s) => s.memberId))),
          ...(GROUP_KINDS.includes(p.kind) ? [p.filedByUserId] : []),
        ];
      }
      case 'invited':
        return members(event.memberIds ?? []);
      case 'units':
        return (await Promise.all((event.unitIds ?? []).map((id) => this.notifications.usersOfUnit(em, id)))).flat();
      case 'staff':
        return this.notifications.staffUsers(em);
    }
  }
}
