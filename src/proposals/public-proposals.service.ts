import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, pageOf } from '../common/pagination';
import { namesOf } from '../database/rows';
import { Member, Unit } from '../directory/directory.entities';
import { PublicProposalQuery, PublicProposalView } from './dto/public-proposal.dto';
import { ProposalViews } from './proposal-views';
import { ProposalReply, ProposalSigner } from './proposal.entities';
import { ProposalsQuery } from './proposals-query';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/** 公开的提案 and their public replies, for anonymous readers (API and the public page). */
@Injectable()
export class PublicProposalsService {
  constructor(
    private readonly ds: DataSource,
    private readonly query: ProposalsQuery,
    private readonly views: ProposalViews,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  async list(q: PublicProposalQuery): Promise<Page<PublicProposalView>> {
    const page = await this.query.publicPage(q);
    if (!page.items.length) return pageOf([], page.total, q);
    const em = this.ds.manager;
    const ids = page.items.map((p) => p.id);
    const [summaries, signers, replies] = await Promise.all([
      this.views.summaries(em, page.items),
      em.find(ProposalSigner, { where: { proposalId: In(ids), status: 'confirmed' }, order: { id: 'ASC' } }),
      em.find(ProposalReply, { where: { proposalId: In(ids), isPublic: true }, order: { id: 'ASC' } }),
    ]);
    const [members, units] = await Promise.all([
      namesOf(
        em,
        Member,
        signers.map((s) => s.memberId),
      ),
      namesOf(
        em,
        Unit,
        replies.map((r) => r.unitId),
      ),
    ]);
    const items = page.items.map((p, i) => ({
      numberLabel: summaries[i].numberLabel,
      title: p.title,
      categoryLabel: summaries[i].categoryLabel,
      proposers: p.groupName
        ? [p.groupName]
        : signers.filter((s) => s.proposalId === p.id).map((s) => members.get(s.memberId)?.name ?? ''),
      leadUnit: summaries[i].leadUnit?.name ?? null,
      replies: replies
        .filter((r) => r.proposalId === p.id && r.round === p.rehandleCount)
        .map((r) => ({
          unit: units.get(r.unitId)?.name ?? '',
          classification: r.classification,
          classificationLabel: labelOf(this.config.classifications, r.classification)!,
          content: r.content,
        })),
      completedAt: p.completedAt!.toISOString(),
    }));
    return pageOf(items, page.total, q);
  }
}
