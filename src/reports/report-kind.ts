import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { Role } from '../common/roles';
import type { ReportContexts, ReportKind } from './report-contexts';
import type { Report } from './report.entities';
import type { DocumentText } from './signoff/document-text';

export const SUBJECT_TYPES = ['proposal', 'session', 'topic', 'visit', 'member'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a kind fixes when it accepts a request: the document's title and its normalised parameters. */
export interface PreparedReport {
  title: string;
  params: Record<string, unknown>;
  /** Numbered kinds: the publication whose 第N期 counter this report takes (e.g. 协商要报). */
  publication?: string;
  /** False when a kind the office issues makes a document that is not (a consultation point's own 协商结果公示). */
  issued?: boolean;
}

/**
 * One kind of report: who may ask for it, about what, and how its template's context is built.
 * `prepare` runs in the api process at request time, as the requester (so their access to the subject is
 * checked there: 404 / 403); `context` runs in the worker at render time and reads what is current then.
 */
export interface ReportKindDef<K extends ReportKind = ReportKind> {
  kind: K;
  /** Chinese, for lists and pages: 提案单. */
  label: string;
  subjectType: SubjectType | null;
  /** Roles that may request it; the subject's own access rules narrow this further in `prepare`. */
  roles: readonly Role[];
  prepare(actor: Actor, subjectId: number | null, params: Record<string, unknown>): Promise<PreparedReport>;
  context(em: EntityManager, report: Report): Promise<ReportContexts[K]>;
  /**
   * Documents the office issues (协商要报, 调研报告, 提案办理情况报告) are drafted, edited and signed off before
   * delivery: `draftText` pre-fills the editable text from the context the data gives, `applyText` puts an
   * edited text back into it. Kinds without them keep the request → render → deliver flow.
   */
  readonly issued?: true;
  /**
   * A kind whose 送达 is its own module's step (it does more than fill the inboxes): the Chinese reason the
   * generic `POST /reports/:id/deliver` refuses it (409), naming the step to use.
   */
  readonly ownDelivery?: string;
  draftText?(context: ReportContexts[K]): DocumentText;
  applyText?(context: ReportContexts[K], text: DocumentText): ReportContexts[K];
}

/** A kind the office issues, with both text functions. */
export type IssuedKindDef<K extends ReportKind = ReportKind> = ReportKindDef<K> &
  Required<Pick<ReportKindDef<K>, 'issued' | 'draftText' | 'applyText'>>;

export const isIssuedKind = (def: ReportKindDef): def is IssuedKindDef =>
  def.issued === true && typeof def.draftText === 'function' && typeof def.applyText === 'function';
