import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { assertVersion, findForUpdate } from '../database/rows';
import { CouncilSession, Unit } from '../directory/directory.entities';
import { NotificationsService } from '../notifications/notifications.service';
import { CommitmentAudience, CommitmentEventType, commitmentNotices } from './commitment-notices';
import { CommitmentInput, dayStart } from './commitment-rules';
import { ProposalCommitment } from './commitment.entities';
import { shanghaiDay } from './proposal-dates';
import { numberLabel } from './proposal-labels';
import { GROUP_KINDS, Proposal, ProposalReply, ProposalSigner } from './proposal.entities';

export const commitmentNotFound = () => AppError.notFound('承诺事项', 'COMMITMENT_NOT_FOUND');

/** One step of a commitment: audited as `commitment.<action>`, and announced. */
export interface CommitmentChange extends StepChange<ProposalCommitment> {
  event?: CommitmentEventType;
}

/** Writing commitments: made with a reply, moved by a versioned, audited step, their notices sent in the same transaction. */
@Injectable()
export class CommitmentStore {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** The commitments of a reply just written, numbered 1, 2, 3 … */
  async addForReply(em: EntityManager, reply: ProposalReply, inputs: readonly CommitmentInput[]): Promise<number> {
    const now = this.clock.now();
    for (const [i, c] of inputs.entries())
      await em.insert(ProposalCommitment, {
        proposalId: reply.proposalId,
        replyId: reply.id,
        unitId: reply.unitId,
        classification: reply.classification,
        position: i + 1,
        text: c.text,
        dueAt: dayStart(c.dueDate),
        status: 'promised',
        reportText: null,
        doneAt: null,
        reportedAt: null,
        reportedByUserId: null,
        verdictComment: null,
        judgedAt: null,
        judgedByUserId: null,
        dueNoticeAt: null,
        createdAt: now,
        updatedAt: now,
      });
    return inputs.length;
  }

  /** Locks the commitment (MySQL) and checks the `version` the caller read; unknown ids 404. */
  async load(em: EntityManager, id: number, version?: number): Promise<ProposalCommitment> {
    const c = await findForUpdate(em, ProposalCommitment, id);
    if (!c) throw commitmentNotFound();
    assertVersion(c, version);
    return c;
  }

  /** `UPDATE … WHERE id = ? AND version = ?`, the audit entry, then the notices. */
  async write(em: EntityManager, actor: Actor, c: ProposalCommitment, change: CommitmentChange): Promise<void> {
    const { event, ...step } = change;
    await auditedStep(em, this.audit, {
      ...step,
      details: { proposalId: c.proposalId, unitId: c.unitId, ...step.details },
      entity: ProposalCommitment,
      type: 'commitment',
      row: c,
      actor,
      at: this.clock.now(),
    });
    if (event) await this.announce(em, c, event, `v${c.version}`, actor.id);
  }

  /** The notices of `type` about `c`, to the accounts of each audience but `exceptUserId`'s. */
  async announce(
    em: EntityManager,
    c: ProposalCommitment,
    type: CommitmentEventType,
    occurrence: string,
    exceptUserId: number | null,
  ): Promise<number> {
    const p = await em.findOneByOrFail(Proposal, { id: c.proposalId });
    const session = await em.findOneByOrFail(CouncilSession, { id: p.sessionId });
    const unit = await em.findOneBy(Unit, { id: c.unitId });
    const label = numberLabel(session.name, p.number);
    const notices = commitmentNotices(type, {
      id: c.id,
      proposalId: p.id,
      proposalName: `${label ?? ''}提案“${p.title}”`,
      unitName: unit?.name ?? '',
      text: c.text,
      dueDate: shanghaiDay(c.dueAt),
      timeZone: this.app.displayTimeZone,
      occurrence,
      kept: c.status === 'kept',
      comment: c.verdictComment,
    });
    return this.notifications.deliver(em, notices, (to) => this.usersOf(em, to, p, c), exceptUserId);
  }

  private async usersOf(em: EntityManager, to: CommitmentAudience, p: Proposal, c: ProposalCommitment) {
    switch (to) {
      case 'proposers': {
        const signers = await em.findBy(ProposalSigner, { proposalId: p.id, status: 'confirmed' });
        const members = await Promise.all(signers.map((s) => this.notifications.usersOfMember(em, s.memberId)));
        return [...members.flat(), ...(GROUP_KINDS.includes(p.kind) ? [p.filedByUserId] : [])];
      }
      case 'unit':
        return this.notifications.usersOfUnit(em, c.unitId);
      case 'staff':
        return this.notifications.staffUsers(em);
    }
  }
}
