import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { writeRow, xlsxDownload } from '../files/xlsx';
import type { RankingQuery, RankingRowView } from './dto/record.dto';
import { RecordsService } from './records.service';

interface Column {
  header: string;
  width: number;
  value: (r: RankingRowView) => string | number;
}

const COLUMNS: Column[] = [
  { header: '名次', width: 7, value: (r) => r.rank },
  { header: '委员', width: 12, value: (r) => r.member.name },
  { header: '界别', width: 16, value: (r) => r.member.sectorName },
  { header: '专委会', width: 28, value: (r) => r.member.committees.join('、') },
  { header: '领衔提案', width: 9, value: (r) => r.summary.proposals.led },
  { header: '领衔立案', width: 9, value: (r) => r.summary.proposals.ledAccepted },
  { header: '重点提案', width: 9, value: (r) => r.summary.proposals.key },
  { header: '优秀提案', width: 9, value: (r) => r.summary.proposals.excellent },
  { header: '附议提案', width: 9, value: (r) => r.summary.proposals.cosigned },
  { header: '附议立案', width: 9, value: (r) => r.summary.proposals.cosignedAccepted },
  { header: '应参加会议', width: 10, value: (r) => r.summary.meetings.invited },
  { header: '出席', width: 7, value: (r) => r.summary.meetings.attended },
  { header: '请假', width: 7, value: (r) => r.summary.meetings.excused },
  { header: '缺席', width: 7, value: (r) => r.summary.meetings.absent },
  { header: '发言', width: 7, value: (r) => r.summary.speeches },
  { header: '成果采纳', width: 9, value: (r) => r.summary.outcomesAdopted },
];

const OPINION_COLUMNS: Column[] = [
  { header: '社情民意报送', width: 12, value: (r) => r.summary.opinions.submitted },
  { header: '社情民意编报', width: 12, value: (r) => r.summary.opinions.accepted },
  { header: '社情民意被上级采用', width: 16, value: (r) => r.summary.opinions.adopted },
  { header: '社情民意获领导批示', width: 16, value: (r) => r.summary.opinions.instructed },
];

const VISIT_COLUMNS: Column[] = [
  { header: '应参加视察调研', width: 13, value: (r) => r.summary.visits?.invited ?? 0 },
  { header: '参加视察调研', width: 12, value: (r) => r.summary.visits?.attended ?? 0 },
  { header: '视察调研请假', width: 12, value: (r) => r.summary.visits?.excused ?? 0 },
  { header: '视察调研缺席', width: 12, value: (r) => r.summary.visits?.absent ?? 0 },
];

const TOTALS: Column[] = [
  { header: '积分', width: 8, value: (r) => r.points },
  { header: '得分', width: 8, value: (r) => r.score },
  { header: '等次', width: 9, value: (r) => r.grade },
];

/** 履职档案导出 (.xlsx): every member's record of the year (of a sector, a committee), ranked, one row each. */
@Injectable()
export class RecordExport {
  private readonly logger = new Logger('RecordExport');

  constructor(private readonly records: RecordsService) {}

  async send(q: RankingQuery, res: Response): Promise<void> {
    const y = this.records.yearOf(q.year);
    const rows = await this.records.rows(y, q);
    const columns = [...COLUMNS, ...(this.records.hasVisits ? VISIT_COLUMNS : []), ...OPINION_COLUMNS, ...TOTALS];
    try {
      const book = await xlsxDownload(res, `委员履职档案-${y.year}.xlsx`);
      const sheet = book.addWorksheet(`${y.year}年度`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
      sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width }));
      const header = sheet.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      // An empty text is an empty cell, not a cell holding ""; text that starts like a formula is neutralised.
      for (const row of rows)
        writeRow(
          sheet,
          columns.map((c) => c.value(row)),
        );
      sheet.commit();
      await book.commit();
    } catch (e) {
      this.logger.error({ msg: 'export failed', err: String((e as Error)?.stack ?? e) });
      res.destroy(e as Error);
    }
  }
}
