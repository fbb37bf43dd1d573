import type ExcelJS from 'exceljs';
import type { Response } from 'express';
import { contentDisposition } from './attachments.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Starts a spreadsheet download: the headers (never cached, never sniffed), then a workbook written
 * straight into the response, row by row. ExcelJS is loaded on the first export, not at start-up
 * (it is the heaviest module the application loads, and most processes never export).
 */
export async function xlsxDownload(res: Response, fileName: string): Promise<XlsxWriter> {
  const { default: Excel } = await import('exceljs');
  res.status(200).set({
    'Content-Type': XLSX_MIME,
    'Content-Disposition': contentDisposition(fileName),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  return new Excel.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
}
