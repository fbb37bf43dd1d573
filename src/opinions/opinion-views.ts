import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { yearOf } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../directory/directory.entities';
import { Report } from '../reports/report.entities';
import {
  OpinionContributorView,
  OpinionIssueRefView,
  OpinionLinkView,
  OpinionSummaryView,
  OpinionView,
} from './dto/opinion.dto';
import { isSubmitter } from './opinion-access';
import { actionsFrom, check, OPINION_STATUS_LABELS } from './opinion-workflow';
import { Opinion, OpinionContributor, SUBMITTER_KIND_LABELS } from './opinion.entities';
import { categoryLabel, OPINION_CONFIG, OpinionConfig } from './opinions.config';

/** The API's (and the pages') shapes of an item: its contributors by name, labels in Chinese, the caller's buttons. */
@Injectable()
export class OpinionViews {
  constructor(
    @Inject(OPINION_CONFIG) private readonly config: OpinionConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** The issue of 《社情民意》 an item was compiled into: 第N期 of its year once signed, 待签发 before. */
  async issueOf(em: EntityManager, reportId: number | null): Promise<OpinionIssueRefView | null> {
    if (reportId === null) return null;
    const r = await em.findOneBy(Report, { id: reportId });
    if (!r) return null;
    const year = r.signedAt ? yearOf(r.signedAt, this.app.displayTimeZone) : null;
    return {
      reportId: r.id,
      issueNo: r.issueNo,
      year,
      stage: r.stage,
      label: r.issueNo && year ? `《社情民意》${year}年第${r.issueNo}期` : '《社情民意》（待签发）',
    };
  }

  /** A 综合 item's sources (from its contributors' rows), and the 综合 item a merged one went into. */
  private async links(em: EntityManager, o: Opinion, contributors: OpinionContributorView[]) {
    const sourceIds = [
      ...new Set(contributors.map((c) => c.sourceOpinionId).filter((id): id is number => id !== null)),
    ];
    const ids = [...sourceIds, ...(o.mergedIntoId ? [o.mergedIntoId] : [])];
    const rows = ids.length
      ? await em.find(Opinion, { where: { id: In(ids) }, select: { id: true, title: true } })
      : [];
    const link = (id: number): OpinionLinkView => ({ id, title: rows.find((r) => r.id === id)?.title ?? '' });
    return { mergedFrom: sourceIds.map(link), mergedInto: o.mergedIntoId ? link(o.mergedIntoId) : null };
  }

  async contributors(em: EntityManager, ids: number[]): Promise<Map<number, OpinionContributorView[]>> {
    const out = new Map<number, OpinionContributorView[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await em.find(OpinionContributor, { where: { opinionId: In(ids) }, order: { position: 'ASC' } });
    const memberIds = [...new Set(rows.map((r) => r.memberId).filter((id): id is number => id !== null))];
    const names = new Map(
      (memberIds.length ? await em.findBy(Member, { id: In(memberIds) }) : []).map((m) => [m.id, m.name]),
    );
    for (const r of rows)
      out.get(r.opinionId)!.push({
        position: r.position,
        memberId: r.memberId,
        name: r.memberId !== null ? (names.get(r.memberId) ?? '') : (r.organisationName ?? ''),
        sourceOpinionId: r.sourceOpinionId,
      });
    return out;
  }

  async summaries(em: EntityManager, rows: Opinion[]): Promise<OpinionSummaryView[]> {
    const people = await this.contributors(
      em,
      rows.map((o) => o.id),
    );
    return rows.map((o) => this.summary(o, people.get(o.id) ?? []));
  }

  async detail(em: EntityManager, o: Opinion, actor: Actor): Promise<OpinionView> {
    const contributors = (await this.contributors(em, [o.id])).get(o.id) ?? [];
    return {
      ...this.summary(o, contributors),
      content: o.content,
      groupName: o.groupName,
      contributors,
      filedByUserId: o.filedByUserId,
      reviewNote: o.reviewNote,
      reviewedAt: o.reviewedAt,
      edited: o.originalContent !== null || o.originalTitle !== null,
      originalTitle: o.originalTitle,
      originalContent: o.originalContent,
      editedAt: o.editedAt,
      proposalId: o.proposalId,
      ...(await this.links(em, o, contributors)),
      issue: await this.issueOf(em, o.issueReportId),
      actions: this.actionsFor(o, actor),
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }

  /** What the caller may do now: the workflow's arrows from the state, kept to those the caller's role may take. */
  actionsFor(o: Opinion, actor: Actor): string[] {
    const facts = { isSubmitter: isSubmitter(actor, o), isStaff: hasRole(actor, 'staff') };
    const out: string[] = [];
    if (!check(o.status, 'edit', facts) || !check(o.status, 'staffEdit', facts)) out.push('edit');
    for (const a of actionsFrom(o.status)) {
      if (a === 'submit' ? facts.isSubmitter : facts.isStaff) out.push(a);
    }
    return out;
  }

  private summary(o: Opinion, contributors: OpinionContributorView[]): OpinionSummaryView {
    return {
      id: o.id,
      title: o.title,
      status: o.status,
      statusLabel: OPINION_STATUS_LABELS[o.status],
      category: o.category,
      categoryLabel: categoryLabel(this.config, o.category),
      submitterKind: o.submitterKind,
      submitterKindLabel: SUBMITTER_KIND_LABELS[o.submitterKind],
      contributorNames: contributors.map((c) => c.name).join('、'),
      submittedAt: o.submittedAt,
      version: o.version,
    };
  }
}
