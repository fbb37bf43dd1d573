import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { writeRow, xlsxDownload, XlsxWriter } from '../files/xlsx';
import { assertDraftOrganiser, draftNotFound } from './draft-access';
import { COMMENTED_REVISION } from './draft-comments.service';
import { COMMENT_SOURCE_LABELS, DISPOSITION_LABELS, GENERAL_LABEL } from './draft-labels';
import { clausesOf } from './draft-views';
import { Draft, DraftClause, DraftComment } from './draft.entities';

const BATCH = 500;

interface Column {
  header: string;
  width: number;
  numFmt?: string;
  value: (c: DraftComment, clause: DraftClause | null, n: number) => string | number | Date | null;
}

/**
 * 意见汇总表 (.xlsx) for the organiser: every comment, clause by clause in the order of the text (then the
 * comments on the whole), each with who made it, how, and the disposition. Written as it is read — each
 * clause's comments in batches of ids into exceljs's streaming writer — as the proposals' export does.
 */
@Injectable()
export class DraftExport {
  private readonly logger = new Logger('DraftExport');
  private readonly columns: Column[];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const at = (d: Date | null) => (d ? wallClock(d, this.config.displayTimeZone) : null);
    this.columns = [
      { header: '条款', width: 10, value: (_c, clause) => clause?.label ?? GENERAL_LABEL },
      { header: '条款内容', width: 40, value: (_c, clause) => clause?.text ?? null },
      { header: '序号', width: 6, value: (_c, _clause, n) => n },
      { header: '意见', width: 50, value: (c) => c.text },
      { header: '提出人', width: 12, value: (c) => c.authorName },
      { header: '来源', width: 12, value: (c) => COMMENT_SOURCE_LABELS[c.source] },
      { header: '联系电话', width: 15, value: (c) => c.phone },
      { header: '提出时间', width: 17, numFmt: 'yyyy-mm-dd hh:mm', value: (c) => at(c.createdAt) },
      { header: '处理意见', width: 10, value: (c) => (c.disposition ? DISPOSITION_LABELS[c.disposition] : '未处理') },
      { header: '理由', width: 40, value: (c) => c.dispositionReason },
    ];
  }

  /** The organiser's only; refused or unknown drafts are ordinary error answers (nothing is sent before the checks). */
  async send(actor: Actor, id: number, res: Response): Promise<void> {
    const d = await this.ds.getRepository(Draft).findOneBy({ id });
    if (!d) throw draftNotFound();
    await assertDraftOrganiser(this.ds.manager, actor, d);
    const clauses = await clausesOf(this.ds.manager, d.id, COMMENTED_REVISION);
    const day = wallClock(this.clock.now(), this.config.displayTimeZone).toISOString().slice(0, 10).replace(/-/g, '');
    try {
      const book = await xlsxDownload(res, `${d.title}-意见汇总-${day}.xlsx`);
      const sheet = book.addWorksheet('意见汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = this.columns.map((c, i) => ({
        key: String(i),
        width: c.width,
        style: c.numFmt ? { numFmt: c.numFmt } : {},
      }));
      const header = sheet.addRow(this.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (const clause of [...clauses, null]) {
        let n = 0;
        for await (const batch of this.comments(d.id, clause?.id ?? null)) {
          for (const c of batch) {
            n += 1;
            writeRow(
              sheet,
              this.columns.map((col) => col.value(c, clause, n)),
            );
          }
        }
      }
      sheet.commit();
      await this.countsSheet(book, d.id, clauses);
      await book.commit();
    } catch (e) {
      this.logger.error({ msg: 'export failed', err: String((e as Error)?.stack ?? e) });
      res.destroy(e as Error);
    }
  }

  /** A clause's comments (or the whole's, for null) in batches, each after the last id of the one before. */
  private async *comments(draftId: number, clauseId: number | null): AsyncGenerator<DraftComment[]> {
    let after = 0;
    for (;;) {
      const rows = await this.ds.getRepository(DraftComment).find({
        where: { draftId, clauseId: clauseId ?? IsNull(), id: MoreThan(after) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (!rows.length) return;
      yield rows;
      after = rows[rows.length - 1].id;
    }
  }

  /** 按条款统计: comments and dispositions per clause, counted by the database. */
  private async countsSheet(book: XlsxWriter, draftId: number, clauses: DraftClause[]): Promise<void> {
    const rows = await this.ds
      .getRepository(DraftComment)
      .createQueryBuilder('c')
      .select('c.clauseId', 'clauseId')
      .addSelect('c.disposition', 'disposition')
      .addSelect('COUNT(*)', 'n')
      .where('c.draftId = :draftId', { draftId })
      .groupBy('c.clauseId')
      .addGroupBy('c.disposition')
      .getRawMany<{ clauseId: number | string | null; disposition: string | null; n: number | string }>();
    const sheet = book.addWorksheet('按条款统计', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [{ width: 10 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 8 }, { width: 8 }];
    const header = sheet.addRow(['条款', '意见数', '采纳', '部分采纳', '不采纳', '未处理']);
    header.font = { bold: true };
    header.commit();
    for (const clause of [...clauses, null]) {
      const mine = rows.filter((r) => (r.clauseId === null ? null : Number(r.clauseId)) === (clause?.id ?? null));
      const n = (disposition: string | null) => Number(mine.find((r) => r.disposition === disposition)?.n ?? 0);
      writeRow(sheet, [
        clause?.label ?? GENERAL_LABEL,
        mine.reduce((s, r) => s + Number(r.n), 0),
        n('adopted'),
        n('partly'),
        n('not_adopted'),
        n(null),
      ]);
    }
    sheet.commit();
  }
}
