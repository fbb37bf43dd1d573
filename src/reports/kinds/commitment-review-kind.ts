import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { yearOf, yearRange } from '../../common/time-zone';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { Unit } from '../../directory/directory.entities';
import { whereSessionInYear } from '../../directory/session-year';
import { ProposalCommitment } from '../../proposals/commitment.entities';
import { shanghaiDay } from '../../proposals/proposal-dates';
import { formatNumber } from '../../proposals/proposal-labels';
import { Proposal } from '../../proposals/proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from '../../proposals/proposals.config';
import {
  ReviewFigures,
  reviewFigures,
  reviewLead,
  ReviewRow,
  reviewSections,
  reviewTable,
} from '../commitment-review-text';
import type { CommitmentReviewContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { documentStamp } from '../signoff/document-stamp';
import type { DocumentText } from '../signoff/document-text';
import { docNumberOf } from './doc-number';
import { applyKeyedText, keyedText } from './issued-texts';
import { yearParam } from './opinion-annual-kind';
import { ANNUAL_PUBLICATION } from './proposal-annual-kind';

/**
 * 提案办理回头看情况报告 of a year (`params.year`: the proposals of the year's sessions, as the 回头看 list filters
 * them): drafted by staff from the 回头看 page, from the commitments of B/C replies — due, kept on time, late,
 * overdue, the proposers' verdicts, the units' rates, the overdue ones by unit. The 提案委员会's document to the
 * 主席会议 like the 提案办理情况报告, sharing its 文号 prefix and counter (one 机关代字, one run of numbers).
 * Staff only.
 */
@Injectable()
export class CommitmentReviewKind implements ReportKindDef<'commitment-review'> {
  readonly kind = 'commitment-review' as const;
  readonly label = '提案办理回头看情况报告';
  readonly subjectType = null;
  readonly roles = ['staff'] as const;
  readonly issued = true;

  constructor(
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROPOSAL_CONFIG) private readonly proposalConfig: ProposalConfig,
  ) {}

  prepare(_actor: Actor, _subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    const year = yearParam(params, yearOf(this.clock.now(), this.config.displayTimeZone));
    return Promise.resolve({
      title: `关于${year}年度提案办理回头看情况的报告`,
      params: { year },
      publication: ANNUAL_PUBLICATION,
    });
  }

  async context(em: EntityManager, report: Report): Promise<CommitmentReviewContext> {
    const { year } = JSON.parse(report.params) as { year: number };
    const now = this.clock.now();
    const figures = await this.figures(em, year, shanghaiDay(now));
    const stamp = documentStamp(report, now);
    return {
      title: report.title,
      year,
      docNumber: docNumberOf(
        this.org.proposalReportPrefix,
        report,
        stamp.issuedOn,
        stamp.draft,
        this.config.displayTimeZone,
      ),
      issuingOffice: `${this.org.shortName}提案委员会`,
      ...stamp,
      printedOn: now,
      lead: [reviewLead(year)],
      sections: reviewSections(figures),
      ...reviewTable(figures),
      distribution: [],
      cc: [`${this.org.shortName}主席会议成员`, '各提案承办单位'],
    };
  }

  /** The year's commitments with their unit's name and their proposal's title and number, by due day. */
  private async figures(em: EntityManager, year: number, today: string): Promise<ReviewFigures> {
    const qb = em
      .createQueryBuilder(ProposalCommitment, 'c')
      .innerJoin(Proposal, 'p', 'p.id = c.proposalId')
      .orderBy('c.dueAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    whereSessionInYear(qb, 'p.sessionId', yearRange(year, this.config.displayTimeZone));
    const found = await qb.getMany();
    const unitIds = [...new Set(found.map((r) => r.unitId))];
    const proposalIds = [...new Set(found.map((r) => r.proposalId))];
    const units = new Map(
      (unitIds.length ? await em.findBy(Unit, { id: In(unitIds) }) : []).map((u) => [u.id, u.name]),
    );
    const proposals = new Map(
      (proposalIds.length
        ? await em.find(Proposal, { where: { id: In(proposalIds) }, select: { id: true, title: true, number: true } })
        : []
      ).map((p) => [p.id, p]),
    );
    const rows: ReviewRow[] = found.map((c) => ({
      proposalId: c.proposalId,
      replyId: c.replyId,
      unitId: c.unitId,
      unit: units.get(c.unitId) ?? '',
      title: proposals.get(c.proposalId)?.title ?? '',
      numberLabel: proposals.get(c.proposalId)?.number ? formatNumber(proposals.get(c.proposalId)!.number!) : null,
      classification: c.classification,
      text: c.text,
      status: c.status,
      dueDate: shanghaiDay(c.dueAt),
      doneDate: c.doneAt ? shanghaiDay(c.doneAt) : null,
    }));
    return reviewFigures(
      year,
      today,
      rows,
      this.proposalConfig.classifications.map((c) => c.code),
    );
  }

  draftText(context: CommitmentReviewContext): DocumentText {
    return keyedText(context);
  }

  applyText(context: CommitmentReviewContext, text: DocumentText): CommitmentReviewContext {
    return applyKeyedText(context, text);
  }
}
