import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import { VisitStatus } from './visit-workflow';

export const VISIT_KINDS = ['inspection', 'research', 'call', 'observation'] as const;
/** 视察, 调研, 走访, 观摩 */
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_ORGANIZER_TYPES = ['committee', 'sector'] as const;
/** 专委会, 界别 */
export type VisitOrganizerType = (typeof VISIT_ORGANIZER_TYPES)[number];

export const PARTICIPANT_KINDS = ['member', 'staff', 'unit'] as const;
/** 委员, 机关工作人员, 受邀单位人员 */
export type VisitParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const RSVP_ANSWERS = ['pending', 'accepted', 'declined'] as const;
/** 待答复, 参加, 请假 */
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** 视察调研. Times are UTC; `version` moves on every write to the visit or what hangs off it (stops, participants, findings, photos). */
@Entity('visits')
@Index(['organizerType', 'organizerId'])
@Index(['status', 'startsAt'])
export class Visit extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: VisitKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'varchar', length: 12 })
  organizerType!: VisitOrganizerType;

  @Column({ type: 'int' })
  organizerId!: number;

  @Index()
  @Column(timeColumn)
  startsAt!: Date;

  @Column(timeColumn)
  endsAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: VisitStatus;

  @Column({ type: 'int' })
  createdByUserId!: number;

  @Column({ ...timeColumn, nullable: true })
  completedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;
}

/** One stop of the itinerary 行程: when, where (a place or an organisation), whom to ask, what to see. */
@Entity('visit_stops')
@Index(['visitId', 'position'], { unique: true })
export class VisitStop {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  visitId!: number;

  /** 1, 2, 3 … in the order of the itinerary. */
  @Column({ type: 'int' })
  position!: number;

  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'varchar', length: 200 })
  place!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contact!: string | null;

  /** 考察内容: what to see there. */
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;
}

/**
 * Someone invited: a member 委员 (`memberId`), a staff account 工作人员 (`userId`), or a person of a
 * unit 受邀单位人员 (`unitId` and `name`). They answer 参加 or 请假 (with a reason).
 */
@Entity('visit_participants')
@Index(['visitId', 'memberId'], { unique: true })
@Index(['visitId', 'userId'], { unique: true })
export class VisitParticipant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  visitId!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: VisitParticipantKind;

  @Index()
  @Column({ type: 'int', nullable: true })
  memberId!: number | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  userId!: number | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 10 })
  answer!: RsvpAnswer;

  /** 请假 reason. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column(timeColumn)
  invitedAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  answeredAt!: Date | null;
}

/** 发现的问题 and the suggestion 建议 made about it, at a stop or for the whole visit. */
@Entity('visit_findings')
export class VisitFinding {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  visitId!: number;

  @Column({ type: 'int', nullable: true })
  stopId!: number | null;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text', nullable: true })
  suggestion!: string | null;

  /** 主题 (资金保障, 管理机制 …), as the recorder named it: the briefing's 意见建议 are grouped by it. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  theme!: string | null;

  @Column({ type: 'int' })
  recordedByUserId!: number;

  @Column(timeColumn)
  at!: Date;
}

/** A member's secret calendar feed: only the token's SHA-256 is kept, so the URL is shown once and can be revoked. */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  memberId!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'int' })
  createdByUserId!: number;

  @Column(timeColumn)
  createdAt!: Date;
}

export const VISIT_ENTITIES = [Visit, VisitStop, VisitParticipant, VisitFinding, CalendarFeed];
