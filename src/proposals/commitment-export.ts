import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CellValue, writeRow, xlsxDownload } from '../files/xlsx';
import { CommitmentsService } from './commitments.service';
import { CommitmentQuery, CommitmentView } from './dto/commitment.dto';
import { shanghaiDay } from './proposal-dates';

/** The most rows one export holds: a year's 回头看 of a city office is a few thousand. */
const MAX_ROWS = 20_000;

const COLUMNS: { header: string; width: number; value: (c: CommitmentView) => CellValue }[] = [
  { header: '立案编号', width: 24, value: (c) => c.proposal.numberLabel },
  { header: '案由', width: 40, value: (c) => c.proposal.title },
  { header: '承办单位', width: 20, value: (c) => c.unit.name },
  { header: '答复分类', width: 10, value: (c) => c.classification },
  { header: '承诺事项', width: 50, value: (c) => c.text },
  { header: '完成期限', width: 12, value: (c) => c.dueDate },
  { header: '状态', width: 14, value: (c) => c.stateLabel },
  { header: '落实情况', width: 50, value: (c) => c.report?.text },
  { header: '完成日期', width: 12, value: (c) => c.report?.doneDate },
  { header: '提案人评判', width: 12, value: (c) => (c.verdict ? (c.verdict.kept ? '已兑现' : '未兑现') : null) },
  { header: '评判意见', width: 30, value: (c) => c.verdict?.comment },
  { header: '按期兑现', width: 10, value: (c) => (c.keptOnTime === null ? null : c.keptOnTime ? '是' : '否') },
];

/** 回头看导出 (.xlsx) for staff and leaders: the list's filters, every page. */
@Injectable()
export class CommitmentExport {
  private readonly logger = new Logger('CommitmentExport');

  constructor(
    private readonly commitments: CommitmentsService,
    private readonly clock: Clock,
  ) {}

  /** Reads every row first, so a bad filter is an ordinary error answer; a failure while writing aborts the response. */
  async send(actor: Actor, q: CommitmentQuery, res: Response): Promise<void> {
    const rows = await this.commitments.all(actor, q, MAX_ROWS);
    const day = shanghaiDay(this.clock.now()).replace(/-/g, '');
    try {
      const book = await xlsxDownload(res, `回头看-承诺事项-${day}.xlsx`);
      const sheet = book.addWorksheet('承诺事项', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = COLUMNS.map((c, i) => ({ key: String(i), width: c.width }));
      const header = sheet.addRow(COLUMNS.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (const row of rows)
        writeRow(
          sheet,
          COLUMNS.map((c) => c.value(row)),
        );
      sheet.commit();
      await book.commit();
    } catch (e) {
      this.logger.error({ msg: 'export failed', err: String((e as Error)?.stack ?? e) });
      res.destroy(e as Error);
    }
  }
}
