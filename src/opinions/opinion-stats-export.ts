import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { writeRow, xlsxDownload } from '../files/xlsx';
import { OpinionStatsRow, OpinionStatsView } from './dto/opinion-outcome.dto';
import { OpinionStatsService } from './opinion-stats.service';

/**
 * 社情民意统计导出 (.xlsx): one sheet per dimension (按委员、按界别、按专委会、按月份), the total last; the 采用 columns by
 * level, then the items compiled into an issue, those whose issue has a 领导批示 and the number of such issues.
 */
@Injectable()
export class OpinionStatsExport {
  private readonly logger = new Logger('OpinionStatsExport');

  constructor(private readonly stats: OpinionStatsService) {}

  async send(year: number | undefined, res: Response): Promise<void> {
    const s = await this.stats.forYear(year);
    try {
      const book = await xlsxDownload(res, `社情民意统计-${s.year}.xlsx`);
      const sheets: Array<[string, string, OpinionStatsRow[]]> = [
        ['按委员', '委员', s.byMember],
        ['按界别', '界别', s.bySector],
        ['按专委会', '专委会', s.byCommittee],
        ['按月份', '月份', [...s.byMonth, s.total]],
      ];
      for (const [name, first, rows] of sheets) this.sheet(book, name, first, s, rows);
      await book.commit();
    } catch (e) {
      this.logger.error({ msg: 'export failed', err: String((e as Error)?.stack ?? e) });
      res.destroy(e as Error);
    }
  }

  private sheet(
    book: Awaited<ReturnType<typeof xlsxDownload>>,
    name: string,
    first: string,
    s: OpinionStatsView,
    rows: OpinionStatsRow[],
  ): void {
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    const headers = [
      first,
      '报送',
      '编报',
      '编报率（%）',
      '上级采用',
      ...s.levels.map((l) => `${l.label}采用`),
      '采用率（%）',
      '编入《社情民意》',
      '获领导批示',
      '获批示期数',
    ];
    sheet.columns = headers.map((h, i) => ({ key: String(i), width: i === 0 ? 16 : Math.max(8, h.length * 2 + 2) }));
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.commit();
    for (const r of rows)
      writeRow(sheet, [
        r.label,
        r.submitted,
        r.accepted,
        r.acceptRate,
        r.adopted,
        ...s.levels.map((l) => r.adoptedByLevel[l.code] ?? 0),
        r.adoptionRate,
        r.compiled,
        r.instructed,
        r.instructedIssues,
      ]);
    sheet.commit();
  }
}
