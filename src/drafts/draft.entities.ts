import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import type { OrganizerType } from '../topics/topic.entities';
import { Disposition, DraftStatus } from './draft-workflow';

/** 征求意见稿: a draft document (居民公约, 自治章程 …) put out for comment clause by clause. */
@Entity('drafts')
@Index(['organizerType', 'organizerId'])
@Index(['status', 'id'])
export class Draft extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** 起草说明: why and how the document is being revised. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The topic the draft belongs to; its meetings' members and units may comment. */
  @Index()
  @Column({ type: 'int', nullable: true })
  topicId!: number | null;

  @Column({ type: 'varchar', length: 12 })
  organizerType!: OrganizerType;

  @Column({ type: 'int' })
  organizerId!: number;

  @Column({ type: 'int' })
  createdByUserId!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: DraftStatus;

  /** Anyone may comment on the public page (with a name) while it is open. */
  @Column({ type: 'boolean', default: false })
  openToPublic!: boolean;

  @Column({ ...timeColumn, nullable: true })
  closesAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  openedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  closedAt!: Date | null;

  /** The current text's number: 1 is the draft put out for comment, each revision adds one. */
  @Column({ type: 'int', default: 1 })
  revision!: number;
}

/** A member asked for comments by name, besides the members and units at the topic's meetings. */
@Entity('draft_invitees')
@Index(['draftId', 'memberId'], { unique: true })
export class DraftInvitee {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  draftId!: number;

  @Index()
  @Column({ type: 'int' })
  memberId!: number;
}

/** One edition of the text: 1 the draft for comment, then each 修订稿, with who recorded it and a note. */
@Entity('draft_revisions')
@Index(['draftId', 'revision'], { unique: true })
export class DraftRevision {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  draftId!: number;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  byUserId!: number;

  @Column(timeColumn)
  at!: Date;
}

/** One clause (条) of one edition, in order; earlier editions stay as they were. */
@Entity('draft_clauses')
@Index(['draftId', 'revision', 'position'], { unique: true })
export class DraftClause {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  draftId!: number;

  @Column({ type: 'int' })
  revision!: number;

  /** 1, 2, 3 … within the edition. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  chapter!: string | null;

  /** 第一条 …, or 序言 */
  @Column({ type: 'varchar', length: 30 })
  label!: string;

  @Column({ type: 'text' })
  text!: string;
}

export const COMMENT_SOURCES = ['participant', 'public', 'form'] as const;
/** 参与人员 (signed in), 公众 (the public page), 征求意见表 (a paper form the organiser typed in). */
export type CommentSource = (typeof COMMENT_SOURCES)[number];

/** 意见: on one clause (or on the whole document when `clauseId` is null), with the organiser's 处理意见. */
@Entity('draft_comments')
@Index(['draftId', 'clauseId'])
@Index(['draftId', 'addressHash', 'createdAt'])
export class DraftComment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  draftId!: number;

  @Column({ type: 'int', nullable: true })
  clauseId!: number | null;

  /** The edition the comment was made on. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'varchar', length: 12 })
  source!: CommentSource;

  /** The signed-in commenter, or the organiser who typed in a paper form; null for the public. */
  @Column({ type: 'int', nullable: true })
  userId!: number | null;

  @Column({ type: 'varchar', length: 50 })
  authorName!: string;

  /** For the organiser's questions back; never shown publicly. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** SHA-256 of the public commenter's address: the rate limit counts by it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  addressHash!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column(timeColumn)
  createdAt!: Date;

  @Column({ type: 'varchar', length: 12, nullable: true })
  disposition!: Disposition | null;

  @Column({ type: 'text', nullable: true })
  dispositionReason!: string | null;

  @Column({ type: 'int', nullable: true })
  disposedByUserId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  disposedAt!: Date | null;
}

export const DRAFT_ENTITIES = [Draft, DraftInvitee, DraftRevision, DraftClause, DraftComment];
