import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import { OpinionStatus } from './opinion-workflow';

export const SUBMITTER_KINDS = ['member', 'informant', 'group', 'organisation', 'combined'] as const;
/** The kinds a person may file; `combined` (综合) is made only by merging accepted items. */
export const FILING_KINDS = ['member', 'informant', 'group', 'organisation'] as const;
/** 委员（个人或联名）, 信息员, 界别或专委会, 民主党派、工商联等组织（机关代录） */
export type SubmitterKind = (typeof SUBMITTER_KINDS)[number];
/** Filed by staff on behalf of a group or organisation, not by a member. */
export const STAFF_FILED_KINDS: readonly SubmitterKind[] = ['group', 'organisation', 'combined'];

export const SUBMITTER_KIND_LABELS: Record<SubmitterKind, string> = {
  member: '委员',
  informant: '信息员',
  group: '界别、专委会',
  organisation: '民主党派、工商联',
  combined: '综合',
};

/**
 * 社情民意信息: one matter (一事一议). Times are UTC; `version` moves on every write
 * (`UPDATE … WHERE id = ? AND version = ?`). Who may read it: its contributors, the staff account that
 * filed it, and staff once submitted.
 */
@Entity('opinions')
@Index(['status', 'id'])
export class Opinion extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The text as it stands now: the submitter's, or staff's edit of it. */
  @Column({ type: 'text' })
  content!: string;

  /** The submitter's text before staff first edited it; null while staff have not edited it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  originalTitle!: string | null;

  @Column({ type: 'text', nullable: true })
  originalContent!: string | null;

  @Column({ type: 'varchar', length: 40 })
  category!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: OpinionStatus;

  @Column({ type: 'varchar', length: 12 })
  submitterKind!: SubmitterKind;

  /** The first contributing member (member, informant); null for a group's or organisation's item. */
  @Column({ type: 'int', nullable: true })
  leadMemberId!: number | null;

  /** The account that filed it: the lead member's, or the staff's for a group or organisation. */
  @Column({ type: 'int' })
  filedByUserId!: number;

  /** The group's or organisation's name as printed (界别, 专委会, 民革市委会 …). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  groupName!: string | null;

  /** The lead member's sector, or the sector a group speaks for: for statistics by sector. */
  @Column({ type: 'int', nullable: true })
  sectorId!: number | null;

  @Column({ type: 'int', nullable: true })
  committeeId!: number | null;

  /** The note of the last review step: 退回修改 note or 存档 reason (the submitter sees it), or 采用 comment. */
  @Column({ type: 'text', nullable: true })
  reviewNote!: string | null;

  @Column({ type: 'int', nullable: true })
  reviewedByUserId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  reviewedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  editedByUserId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  editedAt!: Date | null;

  /** 提案转为社情民意: the proposal it came from. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  proposalId!: number | null;

  /** 综合: the item this one was merged into (status `merged`). */
  @Column({ type: 'int', nullable: true })
  mergedIntoId!: number | null;

  /** The issue of 《社情民意》 (a report of kind `opinion-issue`) this item was compiled into (status `compiled`). */
  @Index()
  @Column({ type: 'int', nullable: true })
  issueReportId!: number | null;
}

/**
 * Who contributed an item, in printed order: a member (memberId) or an organisation (name only).
 * A 综合 item keeps every contributor of the items merged into it, each with the item it came from.
 */
@Entity('opinion_contributors')
@Index(['opinionId', 'position'], { unique: true })
export class OpinionContributor {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  opinionId!: number;

  /** 1, 2, 3 … as printed. */
  @Column({ type: 'int' })
  position!: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  memberId!: number | null;

  /** A group's or organisation's name, when the contributor is not a member. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  organisationName!: string | null;

  /** For a 综合 item: the item this contributor came with. */
  @Column({ type: 'int', nullable: true })
  sourceOpinionId!: number | null;
}

export const OPINION_ENTITIES = [Opinion, OpinionContributor];
