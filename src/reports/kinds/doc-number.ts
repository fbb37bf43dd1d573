import { yearOf } from '../../common/time-zone';
import type { Report } from '../report.entities';

/**
 * A 文号 of a document numbered at 签发: 吴政协提办〔2026〕3号 — the year of 签发 and the number taken then. A 送审稿
 * leaves the number blank (〔2026〕　号, this year); a report numbered at request time (before 签发 existed) keeps
 * the year it was asked for; one never numbered has none.
 */
export function docNumberOf(
  prefix: string,
  report: Pick<Report, 'issueNo' | 'signedAt' | 'requestedAt'>,
  issuedOn: Date,
  draft: boolean,
  timeZone: string,
): string | null {
  const year = (d: Date) => yearOf(d, timeZone);
  if (draft) return `${prefix}〔${year(issuedOn)}〕\u3000号`;
  if (report.issueNo === null) return null;
  return `${prefix}〔${year(report.signedAt ?? report.requestedAt)}〕${report.issueNo}号`;
}
