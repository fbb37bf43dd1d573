import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { MemberRecordKind } from './kinds/member-record-kind';
import { ProposalAnnualKind } from './kinds/proposal-annual-kind';
import { ProposalSheetKind, ReplyLetterKind } from './kinds/proposal-kinds';
import { TopicBriefingKind } from './kinds/topic-briefing-kind';
import type { ReportKind } from './report-contexts';
import type { ReportKindDef } from './report-kind';

/** The report kinds that can be requested now; a kind joins when the module whose data it prints exists. */
@Injectable()
export class ReportKinds {
  private readonly byKind: Map<string, ReportKindDef>;

  constructor(sheet: ProposalSheetKind, letter: ReplyLetterKind, annual: ProposalAnnualKind, briefing: TopicBriefingKind, record: MemberRecordKind) {
    const defs: ReportKindDef[] = [briefing, sheet, letter, annual, record] as ReportKindDef[];
    this.byKind = new Map(defs.map((d) => [d.kind, d]));
  }

  all(): ReportKindDef[] {
    return [...this.byKind.values()];
  }

  /** 400 for a kind that does not exist here. */
  get(kind: string): ReportKindDef {
    const def = this.byKind.get(kind);
    if (!def) throw AppError.invalidField('kind', `未知的报告类型：${kind.slice(0, 40)}；可选 ${[...this.byKind.keys()].join('、')}`);
    return def;
  }

  labelOf(kind: string): string {
    return this.byKind.get(kind as ReportKind)?.label ?? kind;
  }
}
