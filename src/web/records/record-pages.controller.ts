import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { barChartSvg } from '../../reports/charts';
import { proposalCharts } from '../../reports/proposal-charts';
import { DashboardService } from '../../stats/dashboard.service';
import { MemberRecordView, RankingQuery, RecordQuery } from '../../stats/dto/record.dto';
import { RecordExport } from '../../stats/record-export';
import { RecordsService } from '../../stats/records.service';
import { chartImages } from '../kit/chart-images';
import { DirectoryChoices } from '../kit/directory-choices';
import { parseQuery } from '../kit/forms';
import type { Option } from '../kit/layout';
import { pageHref, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import type { RecordLineRow } from './views';

const SOURCE_LABELS = {
  proposal: '提案',
  meeting: '会议',
  outcome: '协商成果',
  visit: '视察调研',
  opinion: '社情民意',
} as const;

/**
 * The page of a points line's source: a proposal's or a visit's own page; a meeting or an outcome by its topic's page;
 * a 社情民意 item's page only for readers who may open it (its member, staff) — leaders have no part in 社情民意.
 */
function lineRows(record: MemberRecordView, opinionLinks: boolean): RecordLineRow[] {
  return record.lines.map((l) => ({
    label: l.label,
    points: l.points,
    at: l.source.at,
    sourceLabel: SOURCE_LABELS[l.source.type],
    href:
      l.source.type === 'proposal'
        ? `/proposals/${l.source.id}`
        : l.source.type === 'visit'
          ? `/visits/${l.source.id}`
          : l.source.type === 'opinion'
            ? opinionLinks
              ? `/opinions/${l.source.id}`
              : null
            : l.source.topicId
              ? `/topics/${l.source.topicId}`
              : null,
  }));
}

/** The year chooser: this year and the five before it, and the year shown if it is older. */
function yearOptions(current: number, shown: number): Option[] {
  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => current - i), shown])].sort((a, b) => b - a);
  return years.map((y) => ({ value: String(y), label: `${y}年` }));
}

/** 履职档案 pages: a member's own record, staff and leaders' view of one, the ranking with its export, and the leaders' year at a glance. */
@ApiExcludeController()
@Controller()
export class RecordPagesController {
  constructor(
    private readonly records: RecordsService,
    private readonly exporter: RecordExport,
    private readonly dashboard: DashboardService,
    private readonly choices: DirectoryChoices,
    private readonly pages: WebPages,
  ) {}

  @Roles('member')
  @Get('records/mine')
  async showMyRecord(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    if (actor.memberId === null) throw AppError.forbidden('您的账号未关联委员');
    return this.sendRecord(req, res, actor, actor.memberId, query, true);
  }

  @Roles('member', 'staff', 'leader')
  @Get('records/members/:id')
  showMemberRecord(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    return this.sendRecord(req, res, actor, id, query, actor.memberId === id);
  }

  private async sendRecord(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    memberId: number,
    query: Record<string, unknown>,
    mine: boolean,
  ): Promise<void> {
    const q = await parseQuery(RecordQuery, { year: 'int' }, query);
    const record = await this.records.record(actor, memberId, q.year);
    this.pages.send(
      req,
      res,
      'records/show',
      {
        record,
        lines: lineRows(record, mine || hasRole(actor, 'staff')),
        years: yearOptions(this.records.yearOf().year, record.year),
        filters: { year: String(record.year) },
        path: mine ? '/records/mine' : `/records/members/${memberId}`,
        mine,
      },
      { section: mine ? 'my-record' : 'records' },
    );
  }

  @Roles('staff', 'leader')
  @Get('records')
  async showRanking(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(RankingQuery, { year: 'int', sectorId: 'int', committeeId: 'int', page: 'int' }, query);
    const ranking = await this.records.ranking(q);
    const filters = {
      year: String(ranking.year),
      sectorId: q.sectorId ? String(q.sectorId) : '',
      committeeId: q.committeeId ? String(q.committeeId) : '',
    };
    this.pages.send(
      req,
      res,
      'records/ranking',
      {
        ranking,
        pager: pagerFor(ranking, '/records', filters),
        years: yearOptions(this.records.yearOf().year, ranking.year),
        choices: { sectors: await this.choices.sectors(), committees: await this.choices.committees() },
        filters,
        exportHref: pageHref('/records/export.xlsx', filters, 1),
        hasVisits: this.records.hasVisits,
      },
      { section: 'records' },
    );
  }

  @Roles('staff', 'leader')
  @Get('records/export.xlsx')
  async exportRecords(@Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const q = await parseQuery(RankingQuery, { year: 'int', sectorId: 'int', committeeId: 'int' }, query);
    return this.exporter.send(q, res);
  }

  @Roles('staff', 'leader')
  @Get('dashboard')
  async showDashboard(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(RecordQuery, { year: 'int' }, query);
    const d = await this.dashboard.forYear(q.year);
    const sectors = d.participation.filter((s) => s.attendance.denominator > 0);
    const charts = chartImages((width) => {
      const p = proposalCharts(d.proposals, { width });
      return {
        byStatus: p.byStatus,
        rates: p.rates,
        topics: barChartSvg({
          width,
          categories: d.topics.byStatus.map((s) => s.label),
          series: [{ name: '议题', data: d.topics.byStatus.map((s) => s.count) }],
        }),
        participation: sectors.length
          ? barChartSvg({
              width,
              horizontal: true,
              percent: true,
              categories: sectors.map((s) => s.name),
              series: [{ name: '出席率', data: sectors.map((s) => s.attendance.rate ?? 0) }],
            })
          : null,
      };
    });
    const promisesKept = d.promises.topics - d.promises.breachedTopics;
    this.pages.send(
      req,
      res,
      'records/dashboard',
      {
        d,
        years: yearOptions(this.records.yearOf().year, d.year),
        filters: { year: String(d.year) },
        charts,
        promisesKept,
      },
      { section: 'dashboard' },
    );
  }
}
