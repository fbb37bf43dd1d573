import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { timeColumn } from '../database/columns';

/** Columns every directory record shares: records others point to are disabled, never deleted. */
abstract class DirectoryRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn(timeColumn)
  createdAt!: Date;

  @UpdateDateColumn(timeColumn)
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** 界别 */
@Entity('sectors')
export class Sector extends DirectoryRecord {
  @Column({ type: 'varchar', length: 50, unique: true })
  name!: string;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;
}

/** 专门委员会 */
@Entity('committees')
export class Committee extends DirectoryRecord {
  @Column({ type: 'varchar', length: 50, unique: true })
  name!: string;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;
}

export const MEMBER_STATUSES = ['active', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 委员 */
@Entity('members')
export class Member extends DirectoryRecord {
  @Column({ type: 'varchar', length: 50, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gender!: 'male' | 'female' | null;

  @Column({ type: 'int' })
  sectorId!: number;

  /** 届, e.g. 十二届 */
  @Column({ type: 'varchar', length: 20, nullable: true })
  term!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** 工作单位及职务 */
  @Column({ type: 'varchar', length: 200, nullable: true })
  employer!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status!: MemberStatus;
}

@Entity('member_committees')
export class MemberCommittee {
  @PrimaryColumn({ type: 'int' })
  memberId!: number;

  @PrimaryColumn({ type: 'int' })
  committeeId!: number;
}

export const UNIT_KINDS = ['government', 'judicial', 'people_org', 'enterprise'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** 承办单位 */
@Entity('units')
export class Unit extends DirectoryRecord {
  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: UnitKind;

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone!: string | null;
}

/** 协商议事点 */
@Entity('consultation_points')
export class ConsultationPoint extends DirectoryRecord {
  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  /** 所属区县、街道 */
  @Column({ type: 'varchar', length: 100, nullable: true })
  district!: string | null;

  /** 所辖网格 */
  @Column({ type: 'varchar', length: 200, nullable: true })
  grid!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;
}

/** 会次: proposals are numbered per session */
@Entity('sessions')
export class CouncilSession extends DirectoryRecord {
  @Column({ type: 'varchar', length: 20, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 50, unique: true })
  name!: string;

  /** 提案征集开始 */
  @Column(timeColumn)
  opensAt!: Date;

  /** 大会提案截止 */
  @Column(timeColumn)
  closesAt!: Date;
}
