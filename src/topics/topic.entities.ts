import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import { Meeting, MeetingParticipant, MeetingSpeech } from './meeting.entities';
import { Outcome, OutcomeFeedback } from './outcome.entities';
import { PromiseClock, TopicStatus } from './topic-workflow';

export * from './meeting.entities';
export * from './outcome.entities';

export const TOPIC_LEVELS = ['city', 'district', 'street', 'community', 'grid'] as const;
/** 市, 区县, 乡镇街道, 社区, 网格 */
export type TopicLevel = (typeof TOPIC_LEVELS)[number];

export const TOPIC_SOURCES = ['member', 'public', 'department', 'plan', 'proposal', 'visit'] as const;
/** 委员, 群众, 部门, 年度协商计划, 提案, 视察调研 */
export type TopicSource = (typeof TOPIC_SOURCES)[number];

export const ORGANIZER_TYPES = ['committee', 'sector', 'point'] as const;
/** 专委会, 界别, 协商议事点 */
export type OrganizerType = (typeof ORGANIZER_TYPES)[number];

/** 协商议题. Times are UTC; `version` moves on every write to the topic or its meetings' and outcomes' workflow (`UPDATE … WHERE id = ? AND version = ?`). */
@Entity('topics')
@Index(['organizerType', 'organizerId'])
@Index(['status', 'id'])
export class Topic extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  level!: TopicLevel;

  @Column({ type: 'varchar', length: 12 })
  source!: TopicSource;

  @Column({ type: 'varchar', length: 12 })
  organizerType!: OrganizerType;

  /** The committee, sector or consultation point, by `organizerType`. */
  @Column({ type: 'int' })
  organizerId!: number;

  /** 出题: the account that raised it (a member, a facilitator, the office). */
  @Index()
  @Column({ type: 'int' })
  raisedByUserId!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: TopicStatus;

  /** 不予定题: why. */
  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  /** A response promise such as "252" for grid matters (a code of `config/topics.json`); null for none. Its clocks are `TopicClock` rows. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  responsePolicy!: string | null;

  /** 公示: the outcomes are shown on the public page. */
  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ ...timeColumn, nullable: true })
  publishedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  settledAt!: Date | null;

  /** 解题: outcomes agreed; the evaluation period counts from here. */
  @Column({ ...timeColumn, nullable: true })
  resolvedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  evaluatedAt!: Date | null;

  /** 视察调研 the topic came from (source `visit`), if any. */
  @Index()
  @Column({ type: 'int', nullable: true })
  visitId!: number | null;
}

/** 评题: a participant's rating of the topic's result, one per account. */
@Entity('topic_evaluations')
@Index(['topicId', 'userId'], { unique: true })
export class TopicEvaluation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  topicId!: number;

  @Column({ type: 'int' })
  userId!: number;

  /** 1 to 5 */
  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column(timeColumn)
  at!: Date;
}

/**
 * One clock of a topic's response promise (回应, 答复, 解决), started at 出题 with the deadline the policy gave
 * then: a later change of the policy's durations leaves running clocks as they were. Stopped by the step
 * (`doneAt`); `breachedAt` is when the miss was recorded — by the sweep at its time, or by the step taken late.
 */
@Entity('topic_clocks')
@Index(['topicId', 'clock'], { unique: true })
@Index(['breachedAt', 'doneAt', 'dueAt'])
export class TopicClock {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  topicId!: number;

  @Column({ type: 'varchar', length: 12 })
  clock!: PromiseClock;

  @Column(timeColumn)
  dueAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  doneByUserId!: number | null;

  /** 答复: what was answered. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ ...timeColumn, nullable: true })
  breachedAt!: Date | null;
}

export const TOPIC_ENTITIES = [
  Topic,
  Meeting,
  MeetingParticipant,
  MeetingSpeech,
  Outcome,
  OutcomeFeedback,
  TopicEvaluation,
  TopicClock,
];
