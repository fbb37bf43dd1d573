import type { Report } from '../report.entities';
import { isDraftStage } from './report-stages';

/** What 签发 fixes on a document, as its template prints it. */
export interface DocumentStamp {
  /** A 送审稿: the number and date blank, marked 送审稿. */
  draft: boolean;
  signer: string | null;
  /** The 成文日期: the day of 签发, or the day it is printed for documents that are not signed off. */
  issuedOn: Date;
}

export function documentStamp(report: Pick<Report, 'stage' | 'signerName' | 'signedAt'>, now: Date): DocumentStamp {
  return { draft: isDraftStage(report.stage), signer: report.signerName, issuedOn: report.signedAt ?? now };
}

/** The name printed as 签发人: the account's display name without a title in brackets (马国庆（副主席） → 马国庆). */
export function signerName(displayName: string): string {
  const name = displayName.trim();
  const open = Math.max(name.lastIndexOf('（'), name.lastIndexOf('('));
  const bare = open > 0 && /[）)]$/.test(name) ? name.slice(0, open).trim() : name;
  return (bare || name).slice(0, 100);
}
