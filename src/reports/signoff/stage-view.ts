import type { Report } from '../report.entities';
import type { ReportView } from '../reports.dto';
import { REPORT_STAGE_LABELS } from './report-stages';

type Person = { id: number; displayName: string };

/** The drafting and 签发 part of a report's view: its stage, newest revision, the 退回 note (while a draft) and who signed what when. */
export function stageView(
  r: Report,
  people: Map<number, Person>,
): Pick<ReportView, 'stage' | 'stageLabel' | 'revision' | 'returnNote' | 'signed'> {
  return {
    stage: r.stage,
    stageLabel: REPORT_STAGE_LABELS[r.stage],
    revision: r.revision,
    returnNote: r.stage === 'draft' ? r.returnNote : null,
    signed: r.signedAt
      ? {
          revision: r.signedRevision!,
          at: r.signedAt.toISOString(),
          by: people.get(r.signedByUserId!) ?? { id: r.signedByUserId!, displayName: r.signerName ?? '' },
          signer: r.signerName ?? '',
        }
      : null,
  };
}
