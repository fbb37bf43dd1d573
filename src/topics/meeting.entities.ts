import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';

export const MEETING_KINDS = [
  'thematic',
  'counterpart',
  'sector',
  'proposal',
  'key',
  'deliberation',
  'bench',
  'tea',
  'other',
] as const;
/** 专题协商, 对口协商, 界别协商, 提案办理协商, 重点协商会, 协商议事会, 板凳会, 书记下午茶, 其他 */
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const PARTICIPANT_SIDES = [
  'organizer',
  'member',
  'party_member',
  'resident',
  'department',
  'enterprise',
  'expert',
  'stakeholder',
  'other',
] as const;
/** 组织方/两委, 委员, 党员代表, 居民/群众代表, 部门, 企业, 专家, 利益相关方, 其他 */
export type ParticipantSide = (typeof PARTICIPANT_SIDES)[number];

export const ATTENDANCES = ['present', 'excused', 'absent'] as const;
/** 出席, 请假, 缺席; null until recorded. */
export type Attendance = (typeof ATTENDANCES)[number];

/** 协商会: one meeting on a topic, numbered 第N次协商 within it. */
@Entity('meetings')
@Index(['topicId', 'sequence'], { unique: true })
export class Meeting extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  topicId!: number;

  /** N of 第N次协商, in the order the meetings were arranged. */
  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: MeetingKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Index()
  @Column(timeColumn)
  startsAt!: Date;

  @Column(timeColumn)
  endsAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  venue!: string;

  /** 主持人 */
  @Column({ type: 'varchar', length: 50 })
  chair!: string;

  /** When the notice went out (the notice rules come with the consultation plan). */
  @Column({ ...timeColumn, nullable: true })
  noticeSentAt!: Date | null;

  /** Set when the organiser records the meeting as held, with its minutes 会议纪要. */
  @Column({ ...timeColumn, nullable: true })
  heldAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;
}

/** Someone at a meeting: a member 委员, a unit (with the name of who came), or a person by name (居民代表 …). */
@Entity('meeting_participants')
@Index(['meetingId', 'memberId'], { unique: true })
export class MeetingParticipant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  meetingId!: number;

  /** The meeting's topic, so "topics I take part in" needs no join. */
  @Index()
  @Column({ type: 'int' })
  topicId!: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  memberId!: number | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 16 })
  side!: ParticipantSide;

  @Column({ type: 'varchar', length: 10, nullable: true })
  attendance!: Attendance | null;
}

/** 发言: who said what, summarised. */
@Entity('meeting_speeches')
export class MeetingSpeech {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  meetingId!: number;

  @Column({ type: 'int' })
  participantId!: number;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'int' })
  recordedByUserId!: number;

  @Column(timeColumn)
  at!: Date;
}
