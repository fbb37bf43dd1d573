import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import type { CommitmentStatus } from './commitment-rules';

/**
 * 承诺事项: what a unit promised in a B/C reply (答复), with the day it is due; after it the unit reports what was
 * done (落实情况) and the proposer says whether the promise was kept (回头看). Due days are kept as the start of
 * the day in Shanghai (`dueAt`, `doneAt`), shown as `2027-06-30`.
 */
@Entity('proposal_commitments')
@Index(['unitId', 'status', 'dueAt'])
@Index(['status', 'dueAt'])
export class ProposalCommitment extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  proposalId!: number;

  @Index()
  @Column({ type: 'int' })
  replyId!: number;

  /** The replying unit: the one that reports. */
  @Column({ type: 'int' })
  unitId!: number;

  /** The reply's class (B, C …), copied for the 回头看 filters. */
  @Column({ type: 'varchar', length: 10 })
  classification!: string;

  /** Its place among the reply's commitments, 1, 2, 3 … */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  /** The start (Shanghai) of the day it is due. */
  @Column(timeColumn)
  dueAt!: Date;

  /** promised → reported → kept | not_kept */
  @Column({ type: 'varchar', length: 12 })
  status!: CommitmentStatus;

  /** 落实情况: what the unit did, the day it was done and when it reported. */
  @Column({ type: 'text', nullable: true })
  reportText!: string | null;

  @Column({ ...timeColumn, nullable: true })
  doneAt!: Date | null;

  @Column({ ...timeColumn, nullable: true })
  reportedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  reportedByUserId!: number | null;

  /** The proposer's verdict: comment, when and by whom (kept or not is the status). */
  @Column({ type: 'text', nullable: true })
  verdictComment!: string | null;

  @Column({ ...timeColumn, nullable: true })
  judgedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  judgedByUserId!: number | null;

  /** When the sweep told the unit it fell due (once). */
  @Column({ ...timeColumn, nullable: true })
  dueNoticeAt!: Date | null;
}
