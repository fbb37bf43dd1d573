import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import type { MeetingKind } from '../topics/meeting.entities';
import type { OrganizerType, TopicLevel } from '../topics/topic.entities';

export const PLAN_STATUSES = ['draft', 'approved'] as const;
/** 草案 (items may change), 已批准 (frozen: items are started as topics). */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_SCOPES = ['all', 'committee', 'sector', 'point'] as const;
/** 全委 (the whole CPPCC), or one committee's, sector's or consultation point's plan. */
export type PlanScope = (typeof PLAN_SCOPES)[number];

/** 年度协商计划: one per year and scope, drawn up and approved by the office. */
@Entity('consultation_plans')
@Index(['year', 'scopeType', 'scopeId'], { unique: true })
export class ConsultationPlan extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 12 })
  scopeType!: PlanScope;

  /** The committee, sector or point; 0 for 全委. */
  @Column({ type: 'int', default: 0 })
  scopeId!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: PlanStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  createdByUserId!: number;

  @Column({ ...timeColumn, nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  approvedByUserId!: number | null;
}

/** One planned consultation: what, in which form, by whom, in which quarter; started, it becomes a topic. */
@Entity('plan_items')
@Index(['planId', 'position'], { unique: true })
export class PlanItem extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  planId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** 备注: background, scope, expected results. */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** 协商形式: the meeting kinds of API.md. */
  @Column({ type: 'varchar', length: 16 })
  form!: MeetingKind;

  @Column({ type: 'varchar', length: 12 })
  organizerType!: OrganizerType;

  @Column({ type: 'int' })
  organizerId!: number;

  @Column({ type: 'varchar', length: 12 })
  level!: TopicLevel;

  /** 1–4 */
  @Column({ type: 'int' })
  quarter!: number;

  /** 牵头单位 (optional): the government unit the consultation is held with. */
  @Column({ type: 'int', nullable: true })
  leadUnitId!: number | null;

  /** The topic the item became when started (`source: plan`); unique, so an item starts once. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  topicId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  startedByUserId!: number | null;
}

export const PLAN_ENTITIES = [ConsultationPlan, PlanItem];
