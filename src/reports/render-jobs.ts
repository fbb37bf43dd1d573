import type { Report } from './report.entities';

export const RENDER_JOB = { queue: 'reports', name: 'render' } as const;
export const reportJobId = (reportId: number) => `report:${reportId}`;

/**
 * `revision`: render that saved revision's preview (a 送审稿). Without it: the report's current document —
 * the file of a kind not signed off, the pre-filled first revision of a new draft, or the final of a signed one.
 */
export interface RenderPayload {
  reportId: number;
  revision?: number;
}

declare module './../jobs/job-types' {
  interface JobPayloads {
    'reports:render': RenderPayload;
  }
}

/**
 * The job that makes the report's current document, with a job id of its own per document so each is
 * rendered once: `report:<id>` (the request), `report:<id>:r<n>` (revision n's preview), `report:<id>:signed`.
 */
export function renderJobOf(r: Pick<Report, 'id' | 'stage' | 'revision'>): { jobId: string; data: RenderPayload } {
  if (r.stage === 'signed') return { jobId: `${reportJobId(r.id)}:signed`, data: { reportId: r.id } };
  if (r.revision > 1)
    return { jobId: `${reportJobId(r.id)}:r${r.revision}`, data: { reportId: r.id, revision: r.revision } };
  return { jobId: reportJobId(r.id), data: { reportId: r.id } };
}
