import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import { OutcomeStatus } from './topic-workflow';

export const OUTCOME_KINDS = ['recommendation', 'decision'] as const;
/** 意见建议, 共识 */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * 协商成果: a recommendation under a theme (the seed's 18 under 5 headings) or a decision
 * (停车费由每月580元下调至380元), with the unit responsible, a due date and a status.
 */
@Entity('topic_outcomes')
@Index(['topicId', 'position'], { unique: true })
@Index(['status', 'overdueAt', 'dueAt'])
@Index(['dueAt'])
@Index(['topicId', 'status', 'overdueAt'])
export class Outcome extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  topicId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: OutcomeKind;

  /** The heading it stands under (加强领导，高位推动 …); null for none. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  theme!: string | null;

  /** The theme's place among the topic's themes: the order each first appeared in. */
  @Column({ type: 'int' })
  themeOrder!: number;

  /** The outcome's number within the topic, 1, 2, 3 … in the order added (shown as `order`). */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  /** 责任单位 */
  @Index()
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  dueAt!: Date | null;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  status!: OutcomeStatus;

  /**
   * When the sweep found it past `dueAt` while still open or in progress (超期), once; the unit and the
   * organiser were told then. It stays as a record; the outcome counts as overdue while it is not closed.
   */
  @Column({ ...timeColumn, nullable: true })
  overdueAt!: Date | null;

  /** When it became done or not adopted. */
  @Column({ ...timeColumn, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'int' })
  createdByUserId!: number;
}

/** 办理反馈: one entry per update of an outcome, with the status change if there was one. */
@Entity('outcome_feedback')
export class OutcomeFeedback {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  outcomeId!: number;

  @Column({ type: 'int' })
  byUserId!: number;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus!: OutcomeStatus | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  toStatus!: OutcomeStatus | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column(timeColumn)
  at!: Date;
}
