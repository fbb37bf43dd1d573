import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import { ProposalCommitment } from './commitment.entities';
import {
  ProposalCoOpinion,
  ProposalCommunication,
  ProposalEvaluation,
  ProposalExtension,
  ProposalReply,
  ProposalUnit,
} from './proposal-handling.entities';
import { ProposalStatus } from './proposal-workflow';

export * from './proposal-handling.entities';

export const PROPOSAL_KINDS = ['individual', 'joint', 'sector', 'committee', 'party'] as const;
/** 个人, 联名, 界别, 专委会, 党派团体 */
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
/** Filed by staff on behalf of a group, not by a member. */
export const GROUP_KINDS: readonly ProposalKind[] = ['sector', 'committee', 'party'];

export const HANDLING_MODES = ['lead', 'split'] as const;
/** 主办+会办, 分办 */
export type HandlingMode = (typeof HANDLING_MODES)[number];

/** 提案. Times are UTC; `version` moves on every workflow write (`UPDATE … WHERE id = ? AND version = ?`). */
@Entity('proposals')
@Index(['sessionId', 'number'], { unique: true })
export class Proposal extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  sessionId!: number;

  /** 第N号 within the session, set on 立案; null before and for proposals never accepted. */
  @Column({ type: 'int', nullable: true })
  number!: number | null;

  @Column({ type: 'varchar', length: 12 })
  kind!: ProposalKind;

  /** 案由 */
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 40 })
  category!: string;

  /** 情况分析 */
  @Column({ type: 'text' })
  background!: string;

  /** 具体建议: a JSON array of strings, kept in a text column on both engines. */
  @Column({ type: 'text' })
  suggestions!: string;

  /** 同意公开 */
  @Column({ type: 'boolean', default: false })
  agreeToPublish!: boolean;

  /** 大会提案 (true) or 平时提案 (false), from the session window at submission. */
  @Column({ type: 'boolean', default: false })
  plenary!: boolean;

  @Column({ type: 'varchar', length: 12 })
  status!: ProposalStatus;

  /** 领衔人; null for group proposals. */
  @Column({ type: 'int', nullable: true })
  leadMemberId!: number | null;

  /** The account that filed it: the lead member's, or the staff's for a group proposal. */
  @Column({ type: 'int' })
  filedByUserId!: number;

  /** The sector of the lead member, or the sector a sector/party proposal speaks for: the `sectorId` filter. */
  @Column({ type: 'int', nullable: true })
  sectorId!: number | null;

  @Column({ type: 'int', nullable: true })
  committeeId!: number | null;

  /** The group's name as printed (界别, 专委会, 党派团体) for group proposals. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  groupName!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  handlingMode!: HandlingMode | null;

  /** Start of the current handling round: assignment, or the 不满意 that sent it back. */
  @Column({ ...timeColumn, nullable: true })
  handlingStartedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  deadline!: Date | null;

  /** Months of extension approved in the current round. */
  @Column({ type: 'int', default: 0 })
  extensionMonths!: number;

  /** 重新办理 count: how many times 不满意 sent it back. */
  @Column({ type: 'int', default: 0 })
  rehandleCount!: number;

  @Column({ type: 'int', nullable: true })
  mergedIntoId!: number | null;

  /** 不予立案 ground code, and the note of a reject, convert or merge. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  reviewGround!: string | null;

  @Column({ type: 'text', nullable: true })
  reviewReason!: string | null;

  /** 重点提案 and its 督办领导. */
  @Column({ type: 'boolean', default: false })
  isKey!: boolean;

  @Column({ type: 'int', nullable: true })
  supervisorUserId!: number | null;

  /** 优秀提案 */
  @Column({ type: 'boolean', default: false })
  excellent!: boolean;

  /** Set by the deadline jobs when the deadline passed without a reply. */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  /** 未评价: the proposer gave no evaluation in time and the deadline jobs completed it. */
  @Column({ type: 'boolean', default: false })
  notEvaluated!: boolean;

  /** 催办: how many times staff (or the supervising leader) chased the units, and when last. */
  @Column({ type: 'int', default: 0 })
  chaseCount!: number;

  @Column({ ...timeColumn, nullable: true })
  lastChasedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  submittedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  reviewedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  assignedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  repliedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  completedAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  withdrawnAt!: Date | null;

  /** 视察调研 the draft was started from, if any. */
  @Index()
  @Column({ type: 'int', nullable: true })
  visitId!: number | null;
}

export const SIGNER_ROLES = ['lead', 'cosigner', 'merged'] as const;
/** 领衔人, 附议人, proposer of a proposal merged into this one */
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** The members who sign a proposal; every one of them may read it. */
@Entity('proposal_signers')
@Index(['proposalId', 'memberId'], { unique: true })
export class ProposalSigner {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  proposalId!: number;

  @Index()
  @Column({ type: 'int' })
  memberId!: number;

  @Column({ type: 'varchar', length: 10 })
  role!: SignerRole;

  @Column({ type: 'varchar', length: 10 })
  status!: 'invited' | 'confirmed';

  @Column(timeColumn)
  invitedAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  confirmedAt!: Date | null;

  /** For role `merged`: the proposal they came from. */
  @Column({ type: 'int', nullable: true })
  mergedFromId!: number | null;
}

/** The last 第N号 given in a session; locked in the accept transaction so numbers have no gaps. */
@Entity('proposal_counters')
export class ProposalCounter {
  @PrimaryColumn({ type: 'int' })
  sessionId!: number;

  @Column({ type: 'int', default: 0 })
  lastNumber!: number;
}

export const PROPOSAL_ENTITIES = [
  Proposal,
  ProposalSigner,
  ProposalUnit,
  ProposalCommunication,
  ProposalCoOpinion,
  ProposalReply,
  ProposalEvaluation,
  ProposalExtension,
  ProposalCounter,
  ProposalCommitment,
];
