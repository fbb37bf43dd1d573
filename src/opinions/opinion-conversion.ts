import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { ConvertedProposal, ProposalConversions } from '../proposals/proposal-conversions';
import { ProposalKind } from '../proposals/proposal.entities';
import { TextIndexService } from '../search/text-index.service';
import { ContributorInput, writeContributors } from './opinion-contributors';
import { OpinionStore } from './opinion-store';
import { opinionFields, proposalAsOpinionText } from './opinion-text';
import { Opinion, SubmitterKind } from './opinion.entities';
import { OPINION_CONFIG, OpinionConfig } from './opinions.config';

const KIND_OF_PROPOSAL: Record<ProposalKind, SubmitterKind> = {
  individual: 'member',
  joint: 'member',
  sector: 'group',
  committee: 'group',
  party: 'organisation',
};

/**
 * 转为社情民意: registers with the proposals' `ProposalConversions` at start-up, so a proposal converted by review
 * arrives as a submitted item in the review's own transaction (the proposals module never imports this one).
 */
@Injectable()
export class OpinionConversion implements OnModuleInit {
  constructor(
    private readonly conversions: ProposalConversions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: OpinionStore,
    private readonly textIndex: TextIndexService,
    @Inject(OPINION_CONFIG) private readonly config: OpinionConfig,
  ) {}

  onModuleInit(): void {
    this.conversions.register((em, actor, converted) => this.fromProposal(em, actor, converted));
  }

  /** 提案转为社情民意: the proposal's title, text and proposers (lead first) as a submitted item, once per proposal. */
  private async fromProposal(
    em: EntityManager,
    actor: Actor,
    { proposal: p, signers }: ConvertedProposal,
  ): Promise<void> {
    if (await em.existsBy(Opinion, { proposalId: p.id })) return;
    const now = this.clock.now();
    const o = em.create(Opinion, {
      title: p.title,
      content: proposalAsOpinionText(p.background, JSON.parse(p.suggestions) as string[]),
      category: this.categoryOf(p.category),
      status: 'submitted',
      submitterKind: KIND_OF_PROPOSAL[p.kind],
      leadMemberId: p.leadMemberId,
      filedByUserId: p.filedByUserId,
      groupName: p.groupName,
      sectorId: p.sectorId,
      committeeId: p.committeeId,
      submittedAt: now,
      proposalId: p.id,
      createdAt: now,
      updatedAt: now,
    });
    await em.save(o);
    const contributors = signers.map((s) => ({ memberId: s.memberId }) as ContributorInput);
    if (!contributors.length && p.groupName) contributors.push({ organisationName: p.groupName });
    await writeContributors(em, o.id, contributors);
    await this.textIndex.reindex(em, 'opinion', o.id, opinionFields(o));
    await this.audit.record(em, {
      actor,
      action: 'opinion.convert_in',
      entityType: 'opinion',
      entityId: o.id,
      from: null,
      to: { status: 'submitted', proposalId: p.id, title: o.title, contributors },
      comment: p.reviewReason,
    });
    await this.store.announce(em, o, 'converted', p.reviewReason, actor.id);
  }

  /** The proposal's category when the 社情民意 categories have it, else 其他 (or the first category). */
  private categoryOf(code: string): string {
    const codes = this.config.categories.map((c) => c.code);
    return codes.includes(code) ? code : codes.includes('other') ? 'other' : codes[0];
  }
}
