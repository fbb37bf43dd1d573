import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';

/**
 * 信息员: a member appointed for a calendar year, with a monthly quota (条/月) and an optional note (联系点、单位).
 * One row per member and year; never deleted — 解聘 sets `endedAt`, and the quota stops after that month.
 */
@Entity('opinion_informants')
@Index(['memberId', 'year'], { unique: true })
@Index(['year'])
export class OpinionInformant extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  memberId!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  monthlyQuota!: number;

  /** 联系点、所在单位 or whatever staff note beside the name. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  appointedByUserId!: number;

  @Column({ ...timeColumn, nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  endedByUserId!: number | null;
}

export const OPINION_INFORMANT_ENTITIES = [OpinionInformant];
