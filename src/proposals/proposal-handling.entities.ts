import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';
import { Rating, UnitRole } from './proposal-workflow';

/* The rows of handling: assignments to units, communications, co-unit opinions, replies, evaluations, extension requests. */

/** One unit's part in an assignment 交办. A return ends it (`active` false); the row stays for the record. */
@Entity('proposal_units')
@Index(['unitId', 'active'])
export class ProposalUnit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'varchar', length: 10 })
  role!: UnitRole;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column(timeColumn)
  assignedAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;

  /** When this unit replied in the current round (cleared when 不满意 starts a new round). */
  @Column({ ...timeColumn, nullable: true })
  repliedAt!: Date | null;
}

export const COMMUNICATION_STEPS = ['before', 'during', 'after'] as const;
/** 办前面商, 办中沟通, 办后 */
export type CommunicationStep = (typeof COMMUNICATION_STEPS)[number];
export const COMMUNICATION_MODES = ['visit', 'phone', 'meeting', 'letter'] as const;
export type CommunicationMode = (typeof COMMUNICATION_MODES)[number];

/** 沟通协商 between a unit and the proposer. */
@Entity('proposal_communications')
export class ProposalCommunication {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  /** The handling round (rehandleCount when recorded). */
  @Column({ type: 'int', default: 0 })
  round!: number;

  @Column({ type: 'varchar', length: 10 })
  step!: CommunicationStep;

  @Column({ type: 'varchar', length: 10 })
  mode!: CommunicationMode;

  @Column({ type: 'text' })
  summary!: string;

  /** When it took place. */
  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'int' })
  recordedByUserId!: number;
}

/** 会办意见 of a co-unit, one per round. */
@Entity('proposal_co_opinions')
@Index(['proposalId', 'unitId', 'round'], { unique: true })
export class ProposalCoOpinion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'int', default: 0 })
  round!: number;

  @Column({ type: 'text' })
  content!: string;

  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'int' })
  byUserId!: number;
}

/** 答复 (答复函): one per replying unit per round. */
@Entity('proposal_replies')
@Index(['proposalId', 'unitId', 'round'], { unique: true })
export class ProposalReply {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'int', default: 0 })
  round!: number;

  /** A/B/C (configurable) */
  @Column({ type: 'varchar', length: 10 })
  classification!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'boolean', default: false })
  isPublic!: boolean;

  /** 发文字号 */
  @Column({ type: 'varchar', length: 100, nullable: true })
  letterNo!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  signer!: string | null;

  /** Contact person and phone. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  contact!: string | null;

  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'int' })
  byUserId!: number;
}

export const CONTACT_KINDS = ['visit', 'phone', 'letter', 'none'] as const;
/** 面商, 电话, 书面, 未联系 */
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** 征询意见表: the lead proposer's evaluation, one per round. */
@Entity('proposal_evaluations')
@Index(['proposalId', 'round'], { unique: true })
export class ProposalEvaluation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int', default: 0 })
  round!: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  contact!: ContactKind | null;

  /** 办理工作 */
  @Column({ type: 'varchar', length: 20, nullable: true })
  attitude!: Rating | null;

  /** 办理结果 */
  @Column({ type: 'varchar', length: 20 })
  rating!: Rating;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'int' })
  byUserId!: number;
}

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** 延期申请 by a unit, decided by staff. */
@Entity('proposal_extensions')
export class ProposalExtension {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  proposalId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'int' })
  months!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'int' })
  requestedByUserId!: number;

  @Column(timeColumn)
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  status!: ExtensionStatus;

  @Column({ type: 'int', nullable: true })
  decidedByUserId!: number | null;

  @Column({ ...timeColumn, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}
