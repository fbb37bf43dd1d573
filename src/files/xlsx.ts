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

/** What a spreadsheet cell may hold here: text, a number, a date, or nothing. */
export type CellValue = string | number | Date | null | undefined;

/**
 * Text a spreadsheet program would take for a formula when the cell is edited or the sheet saved as CSV:
 * `=`, `+`, `-`, `@`, and tab or carriage return before them (OWASP's CSV-injection list).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as it goes into an exported cell: text that starts like a formula gets a leading `'` (the
 * apostrophe a person types to make Excel keep text as text), empty text is an empty cell; numbers and
 * dates stay numbers and dates. ExcelJS writes strings as text, never as formulas — this is defence in depth
 * against a title such as =HYPERLINK(…) becoming live once someone edits the cell.
 */
export function safeCell(value: CellValue): string | number | Date | null {
  if (value === undefined || value === '') return null;
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Adds one data row of `values` through `safeCell` and commits it (every export's one cell writer). */
export function writeRow(sheet: ExcelJS.Worksheet, values: CellValue[]): void {
  sheet.addRow(values.map(safeCell)).commit();
}
