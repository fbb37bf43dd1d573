import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member, Sector } from '../directory/directory.entities';
import { writeRow, xlsxDownload } from '../files/xlsx';
import { ProposalQuery } from './dto/file-proposal.dto';
import { ProposalSummaryView } from './dto/proposal-view.dto';
import { formatNumber, RATING_LABELS } from './proposal-labels';
import { ProposalViews } from './proposal-views';
import { Proposal, ProposalEvaluation, ProposalReply, ProposalSigner } from './proposal.entities';
import { ProposalsQuery } from './proposals-query';
import { labelOf, PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/** One spreadsheet row: what a proposal's summary, its co-signers, sector, last reply and last evaluation say. */
interface Line {
  summary: ProposalSummaryView;
  p: Proposal;
  coSigners: string[];
  sector: string;
  reply: ProposalReply | null;
  evaluation: ProposalEvaluation | null;
}

interface Column {
  header: string;
  width: number;
  /** Excel number format for date cells. */
  numFmt?: string;
  value: (l: Line) => string | Date | null;
}

const yes = (b: boolean) => (b ? '是' : '否');
const names = (refs: { name: string }[]) => refs.map((r) => r.name).join('、');

/**
 * 提案导出 (.xlsx) for staff and leaders: the list's filters (ProposalsQuery, its paging ignored), every
 * matching row, written as it is read — batches of ids from the database, rows committed to a streaming
 * workbook — so a large export holds one batch in memory. Dates are on the display zone's wall clock.
 */
@Injectable()
export class ProposalExport {
  private readonly logger = new Logger('ProposalExport');
  private readonly columns: Column[];

  constructor(
    private readonly ds: DataSource,
    private readonly query: ProposalsQuery,
    private readonly views: ProposalViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {
    const at = (d: Date | string | null) => (d ? wallClock(new Date(d), this.appConfig.displayTimeZone) : null);
    this.columns = [
      { header: '会次', width: 18, value: (l) => l.summary.session.name },
      { header: '编号', width: 11, value: (l) => (l.p.number === null ? '' : formatNumber(l.p.number)) },
      { header: '案由', width: 48, value: (l) => l.summary.title },
      { header: '类别', width: 13, value: (l) => l.summary.categoryLabel },
      { header: '提案类型', width: 12, value: (l) => l.summary.kindLabel },
      { header: '提案人', width: 18, value: (l) => l.summary.leadMember?.name ?? l.summary.groupName ?? '' },
      { header: '附议人', width: 24, value: (l) => l.coSigners.join('、') },
      { header: '界别', width: 14, value: (l) => l.sector },
      { header: '状态', width: 13, value: (l) => l.summary.statusLabel },
      { header: '提交时间', width: 17, numFmt: 'yyyy-mm-dd hh:mm', value: (l) => at(l.p.submittedAt) },
      {
        header: '主办单位',
        width: 22,
        value: (l) => (l.summary.leadUnit ? l.summary.leadUnit.name : names(l.summary.splitUnits)),
      },
      { header: '会办单位', width: 22, value: (l) => names(l.summary.coUnits) },
      { header: '办理期限', width: 12, numFmt: 'yyyy-mm-dd', value: (l) => at(l.p.deadline) },
      {
        header: '答复类别',
        width: 26,
        value: (l) =>
          l.reply ? `${l.reply.classification}（${labelOf(this.config.classifications, l.reply.classification)}）` : '',
      },
      { header: '答复时间', width: 12, numFmt: 'yyyy-mm-dd', value: (l) => at(l.reply?.at ?? null) },
      { header: '是否超期', width: 10, value: (l) => yes(l.p.overdue) },
      {
        header: '办理工作满意度',
        width: 15,
        value: (l) => (l.evaluation?.attitude ? RATING_LABELS[l.evaluation.attitude] : ''),
      },
      { header: '办理结果满意度', width: 15, value: (l) => (l.evaluation ? RATING_LABELS[l.evaluation.rating] : '') },
      { header: '重点提案', width: 10, value: (l) => yes(l.p.isKey) },
      { header: '优秀提案', width: 10, value: (l) => yes(l.p.excellent) },
    ];
  }

  /**
   * Sends the workbook. The first batch is read before anything is sent, so a bad filter is still an
   * ordinary error answer; a failure later aborts the response, so a cut-off file is never taken for whole.
   */
  async send(actor: Actor, q: ProposalQuery, res: Response): Promise<void> {
    const batches = this.query.batches(actor, q);
    const first = await batches.next();
    const day = wallClock(this.clock.now(), this.appConfig.displayTimeZone)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    try {
      const book = await xlsxDownload(res, `提案列表-${day}.xlsx`);
      const sheet = book.addWorksheet('提案', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = this.columns.map((c, i) => ({
        key: String(i),
        width: c.width,
        style: c.numFmt ? { numFmt: c.numFmt } : {},
      }));
      const header = sheet.addRow(this.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (let batch = first; !batch.done; batch = await batches.next()) {
        for (const line of await this.lines(this.ds.manager, batch.value))
          writeRow(
            sheet,
            this.columns.map((c) => c.value(line)),
          );
      }
      sheet.commit();
      await book.commit();
    } catch (e) {
      this.logger.error({ msg: 'export failed', err: String((e as Error)?.stack ?? e) });
      res.destroy(e as Error);
    }
  }

  private async lines(em: EntityManager, rows: Proposal[]): Promise<Line[]> {
    const ids = rows.map((p) => p.id);
    const sectorIds = [...new Set(rows.map((p) => p.sectorId).filter((id): id is number => id !== null))];
    const [summaries, coSigners, sectors, replies, evaluations] = await Promise.all([
      this.views.summaries(em, rows),
      em.find(ProposalSigner, { where: { proposalId: In(ids), role: 'cosigner' }, order: { id: 'ASC' } }),
      sectorIds.length ? em.find(Sector, { where: { id: In(sectorIds) } }) : [],
      em.find(ProposalReply, { where: { proposalId: In(ids) }, order: { round: 'ASC', id: 'ASC' } }),
      em.find(ProposalEvaluation, { where: { proposalId: In(ids) }, order: { round: 'ASC' } }),
    ]);
    const memberIds = [...new Set(coSigners.map((s) => s.memberId))];
    const members = new Map(
      (memberIds.length
        ? await em.find(Member, { where: { id: In(memberIds) }, select: { id: true, name: true } })
        : []
      ).map((m) => [m.id, m.name]),
    );
    const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
    return rows.map((p, i) => {
      const summary = summaries[i];
      const mine = replies.filter((r) => r.proposalId === p.id);
      // As the proposal view: the lead unit's latest reply, or under 分办 the latest of any unit.
      const fromLead = summary.leadUnit ? mine.filter((r) => r.unitId === summary.leadUnit!.id) : [];
      return {
        summary,
        p,
        coSigners: coSigners.filter((s) => s.proposalId === p.id).map((s) => members.get(s.memberId) ?? ''),
        sector: p.sectorId === null ? '' : (sectorName.get(p.sectorId) ?? ''),
        reply: (fromLead.length ? fromLead : mine).at(-1) ?? null,
        evaluation: evaluations.filter((e) => e.proposalId === p.id).at(-1) ?? null,
      };
    });
  }
}
