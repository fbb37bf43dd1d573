import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Tx } from '../database/tx';
import { ProposalView } from '../proposals/dto/proposal-view.dto';
import { ProposalsService } from '../proposals/proposals.service';
import { TopicView } from '../topics/dto/topic-view.dto';
import { TopicsService } from '../topics/topics.service';
import { VisitProposalDto, VisitTopicDto } from './dto/visit.dto';
import { invitationOf } from './visit-access';
import { VisitStore } from './visit-store';
import { Visit, VisitFinding } from './visit.entities';

/**
 * What a visit leads to: staff raise a consultation topic (source 视察调研) and an invited member starts
 * a proposal draft. Each is created through its own module's service, in the same transaction as the
 * visit's audit entry, and names the visit (`visitId`), which lists them in turn.
 */
@Injectable()
export class VisitFollowUpsService {
  constructor(
    private readonly tx: Tx,
    private readonly store: VisitStore,
    private readonly topics: TopicsService,
    private readonly proposals: ProposalsService,
  ) {}

  raiseTopic(actor: Actor, id: number, dto: VisitTopicDto): Promise<TopicView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'followUp');
      const organizer = dto.organizer ?? { type: v.organizerType, id: v.organizerId };
      const topic = await this.topics.createIn(
        em,
        actor,
        { title: dto.title, description: dto.description, level: dto.level, source: 'visit', organizer },
        { visitId: v.id },
      );
      await this.store.write(em, actor, v, null, {
        action: 'topic',
        details: { topicId: topic.id, title: topic.title },
      });
      return topic;
    });
  }

  startProposal(actor: Actor, id: number, dto: VisitProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'followUp');
      if (!hasRole(actor, 'member') || !(await invitationOf(em, actor, v.id)))
        throw AppError.forbidden('只有受邀参加该视察调研的委员可以据此起草提案');
      const findings = await em.find(VisitFinding, { where: { visitId: v.id }, order: { id: 'ASC' } });
      const suggestions = dto.suggestions ?? findings.map((f) => f.suggestion).filter((s): s is string => !!s);
      if (!suggestions.length) throw AppError.invalidField('suggestions', '该视察调研尚未记录意见建议，请填写具体建议');
      const proposal = await this.proposals.createIn(
        em,
        actor,
        {
          sessionId: dto.sessionId,
          kind: 'individual',
          title: dto.title,
          category: dto.category,
          background: dto.background ?? background(v, findings),
          suggestions,
        },
        { visitId: v.id },
      );
      await this.store.write(em, actor, v, null, { action: 'proposal', details: { proposalId: proposal.id } });
      return proposal;
    });
  }
}

/** 情况分析 drawn from the visit: its purpose and the problems it found. */
function background(v: Visit, findings: VisitFinding[]): string {
  const found = findings.map((f, i) => `${i + 1}. ${f.problem}`).join('\n');
  return `${v.title}：${v.purpose}${found ? `\n\n视察调研中发现的问题：\n${found}` : ''}`;
}
