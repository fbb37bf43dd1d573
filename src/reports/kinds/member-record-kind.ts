import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { ORGANIZATION, Organization } from '../../config/organization';
import { RecordsService } from '../../stats/records.service';
import type { MemberRecordContext } from '../report-contexts';
import type { PreparedReport, ReportKindDef } from '../report-kind';
import type { Report } from '../report.entities';
import { noParams } from './proposal-kinds';

/**
 * 委员履职档案 of one member and one year (`params.year`, by default the current one): the counts by area,
 * every points line with its date, the points, score and grade, and the rules it was scored by. The member
 * themself, staff and leaders (the record's own access rule, checked as the requester).
 */
@Injectable()
export class MemberRecordKind implements ReportKindDef<'member-record'> {
  readonly kind = 'member-record' as const;
  readonly label = '委员履职档案';
  readonly subjectType = 'member' as const;
  readonly roles = ['staff', 'leader', 'member'] as const;

  constructor(
    private readonly records: RecordsService,
    private readonly clock: Clock,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  async prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport> {
    const { year, ...rest } = params;
    noParams(rest);
    if (year !== undefined && !(Number.isInteger(year) && (year as number) >= 1949 && (year as number) <= 9999))
      throw AppError.invalidField('params.year', '年度须为 1949 到 9999 的整数');
    const record = await this.records.record(actor, subjectId ?? 0, year as number | undefined);
    return { title: `${record.member.name}委员${record.year}年度履职档案`, params: { year: record.year } };
  }

  async context(_em: EntityManager, report: Report): Promise<MemberRecordContext> {
    const { year } = JSON.parse(report.params) as { year: number };
    const r = await this.records.recordOf(report.subjectId ?? 0, year);
    // 提案 and 会议 always (一、二、); 视察调研 once the module is there, 社情民意 when the member filed any.
    let n = 2;
    const visits = r.summary.visits ? ++n : null;
    const opinions = r.summary.opinions.submitted > 0 ? ++n : null;
    const sections = { visits, opinions, outcomes: ++n, points: ++n };
    return {
      sections,
      title: report.title,
      year: r.year,
      name: r.member.name,
      sectorName: r.member.sectorName,
      committees: r.member.committees,
      proposals: r.summary.proposals,
      meetings: r.summary.meetings,
      visits: r.summary.visits,
      speeches: r.summary.speeches,
      opinions: r.summary.opinions,
      outcomesAdopted: r.summary.outcomesAdopted,
      lines: r.lines.map((l) => ({ label: l.label, points: l.points, at: l.source.at })),
      points: r.points,
      baseScore: r.rules.baseScore,
      score: r.score,
      grade: r.grade,
      gradeFinal: r.gradeFinal,
      // The rule set as the member knows it: the configuration's own mark 「（默认）」 is not printed, nor its checksum.
      rulesName: r.rules.name.replace(/[（(]默认[)）]$/, '').trim(),
      grades: r.rules.grades,
      issuingOffice: `${this.org.shortName}办公室`,
      printedOn: this.clock.now(),
    };
  }
}
