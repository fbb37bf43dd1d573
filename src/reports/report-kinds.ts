import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { CommitmentReviewKind } from './kinds/commitment-review-kind';
import { MemberRecordKind } from './kinds/member-record-kind';
import { NoticeSheetKind } from './kinds/notice-sheet-kind';
import { OpinionAnnualKind } from './kinds/opinion-annual-kind';
import { OpinionIssueKind } from './kinds/opinion-issue-kind';
import { ProposalAnnualKind } from './kinds/proposal-annual-kind';
import { ProposalSheetKind, ReplyLetterKind } from './kinds/proposal-kinds';
import { TopicBriefingKind } from './kinds/topic-briefing-kind';
import { VisitBriefingKind } from './kinds/visit-briefing-kind';
import { VisitReportKind } from './kinds/visit-report-kind';
import type { ReportKind } from './report-contexts';
import type { ReportKindDef } from './report-kind';

/**
 * The report kinds that can be requested now; a kind joins when the module whose data it prints exists.
 * A kind may take more than one type of subject, one definition each sharing the template (协商要报 of a
 * topic or of a visit); the subject's type picks the definition.
 */
@Injectable()
export class ReportKinds {
  private readonly byKind = new Map<string, ReportKindDef[]>();

  constructor(
    sheet: ProposalSheetKind,
    letter: ReplyLetterKind,
    annual: ProposalAnnualKind,
    briefing: TopicBriefingKind,
    visitBriefing: VisitBriefingKind,
    visitReport: VisitReportKind,
    record: MemberRecordKind,
    notice: NoticeSheetKind,
    opinionIssue: OpinionIssueKind,
    opinionAnnual: OpinionAnnualKind,
    commitmentReview: CommitmentReviewKind,
  ) {
    const defs = [briefing, visitBriefing, visitReport, sheet, letter, annual, record, notice] as ReportKindDef[];
    defs.push(opinionIssue as ReportKindDef);
    defs.push(opinionAnnual as ReportKindDef, commitmentReview as ReportKindDef);
    for (const d of defs) this.byKind.set(d.kind, [...(this.byKind.get(d.kind) ?? []), d]);
  }

  all(): ReportKindDef[] {
    return [...this.byKind.values()].flat();
  }

  /** Whether `kind` can be requested (for a subject of `subjectType`, when given): pages show a kind's button by it. */
  has(kind: string, subjectType?: string): boolean {
    return (this.byKind.get(kind) ?? []).some((d) => subjectType === undefined || d.subjectType === subjectType);
  }

  /** The subject types a kind takes, in registration order. */
  subjectTypesOf(kind: string): string[] {
    return (this.byKind.get(kind) ?? [])
      .map((d) => d.subjectType)
      .filter((t): t is NonNullable<typeof t> => t !== null);
  }

  /**
   * 400 for a kind that does not exist here. With several definitions, the one for `subjectType`, else the
   * first (the request's checks then name the subject types it takes).
   */
  get(kind: string, subjectType?: string | null): ReportKindDef {
    const defs = this.byKind.get(kind);
    if (!defs)
      throw AppError.invalidField(
        'kind',
        `未知的报告类型：${kind.slice(0, 40)}；可选 ${[...this.byKind.keys()].join('、')}`,
      );
    return defs.find((d) => d.subjectType === subjectType) ?? defs[0];
  }

  labelOf(kind: string): string {
    return this.byKind.get(kind as ReportKind)?.[0].label ?? kind;
  }
}
