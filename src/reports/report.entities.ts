import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';
import type { ReportStage } from './signoff/report-stages';

export const REPORT_STATUSES = ['queued', 'rendering', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  queued: '排队中',
  rendering: '生成中',
  done: '已生成',
  failed: '生成失败',
};

/**
 * A rendered PDF as a row records it: where rendering stands and, once done, the file and its figures. A report
 * and each revision of an issued document's text carry these columns (no table of its own).
 */
export abstract class RenderedFile {
  @Column({ type: 'varchar', length: 10 })
  status!: ReportStatus;

  /** Chinese; the last attempt's reason while retrying, the final one when failed. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Relative to XS_FILES_DIR. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  filePath!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'int', nullable: true })
  pages!: number | null;

  @Column({ type: 'int', nullable: true })
  bytes!: number | null;
}

/** The columns of a file still to render (queued, or being rendered): none of the last one's figures. */
export const unrendered = (status: 'queued' | 'rendering'): RenderedFile => ({
  status,
  error: null,
  filePath: null,
  sha256: null,
  pages: null,
  bytes: null,
});

/**
 * A requested report: what to print (kind, subject, parameters), who asked, and where rendering stands.
 * Rendering is the job `reports:render` with the report's id as job id, so a re-run never makes a second file.
 */
@Entity('reports')
@Index(['requestedByUserId', 'id'])
export class Report extends RenderedFile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  kind!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  subjectType!: string | null;

  @Column({ type: 'int', nullable: true })
  subjectId!: number | null;

  /** JSON of the request's `params`, as validated by the kind. */
  @Column({ type: 'text' })
  params!: string;

  /** The document's title, fixed at request time (e.g. 关于…的提案 · 提案单). */
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** 第N期 for kinds that are numbered per publication and year; an issued document takes it at 签发. */
  @Column({ type: 'int', nullable: true })
  issueNo!: number | null;

  /** The publication whose counter gives the number (协商要报, 提案办理情况报告); null for unnumbered kinds. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  publication!: string | null;

  /** draft → submitted → signed for documents the office issues; final for the others (signoff/report-stages.ts). */
  @Column({ type: 'varchar', length: 10, default: 'final' })
  stage!: ReportStage;

  /** The newest revision of an issued document's text (0 before the first render pre-fills it). */
  @Column({ type: 'int', default: 0 })
  revision!: number;

  /** The note of the last 退回修改, for the drafter; cleared by the next submission. */
  @Column({ type: 'text', nullable: true })
  returnNote!: string | null;

  /** 签发: the revision signed, when, by whom, and the name printed as 签发人. */
  @Column({ type: 'int', nullable: true })
  signedRevision!: number | null;

  @Column({ ...timeColumn, nullable: true })
  signedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  signedByUserId!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  signerName!: string | null;

  @Column({ type: 'int' })
  requestedByUserId!: number;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  renderMs!: number | null;

  @Column(timeColumn)
  requestedAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  startedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  finishedAt!: Date | null;
}

/**
 * One saved version of an issued document's text, with its preview PDF (a 送审稿: no number, no date).
 * Revision 1 is the text the data pre-filled; every save adds the next. Earlier ones stay readable.
 */
@Entity('report_revisions')
@Index(['reportId', 'revision'], { unique: true })
export class ReportRevision extends RenderedFile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  reportId!: number;

  @Column({ type: 'int' })
  revision!: number;

  /** JSON of the DocumentText (signoff/document-text.ts). */
  @Column({ type: 'text' })
  text!: string;

  /** Null for revision 1, which the data wrote. */
  @Column({ type: 'int', nullable: true })
  editedByUserId!: number | null;

  @Column(timeColumn)
  at!: Date;
}

/** A report delivered to a leader's inbox, with its read receipt. */
@Entity('report_deliveries')
@Index(['reportId', 'userId'], { unique: true })
@Index(['userId', 'deliveredAt'])
export class ReportDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  reportId!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'int' })
  deliveredByUserId!: number;

  @Column(timeColumn)
  deliveredAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  readAt!: Date | null;
}

/** The gap-free 第N期 counter of a publication in a year (e.g. 协商要报 2026). */
@Entity('report_issue_counters')
export class ReportIssueCounter {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  publication!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int', default: 0 })
  last!: number;
}

/**
 * A person's report requests, counted; its row is locked by each request (database/counters.ts), so one
 * person's requests are checked for reuse and quota one at a time, on both engines.
 */
@Entity('report_request_counters')
export class ReportRequestCounter {
  @PrimaryColumn({ type: 'int' })
  userId!: number;

  @Column({ type: 'int', default: 0 })
  requests!: number;
}

export const REPORT_ENTITIES = [Report, ReportRevision, ReportDelivery, ReportIssueCounter, ReportRequestCounter];
