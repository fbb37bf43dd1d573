import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Role } from '../common/roles';
import { timeColumn } from '../database/columns';

@Entity('users')
@Index('UQ_users_mobile', ['mobile'], { unique: true })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 50 })
  displayName!: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash!: string;

  /** Comma-separated roles; a person may hold more than one (a member who is also a leader). */
  @Column({ type: 'varchar', length: 100 })
  roleList!: string;

  @Column({ type: 'int', nullable: true })
  memberId!: number | null;

  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'int', nullable: true })
  pointId!: number | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** A mainland mobile number (11 digits): SMS notices and sign-in by SMS code; one account per number. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  /** Where e-mail notices go. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  email!: string | null;

  @Column({ ...timeColumn, nullable: true })
  passwordChangedAt!: Date | null;

  /** The password was chosen by an administrator (or generated at first start): its owner must change it first. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @CreateDateColumn(timeColumn)
  createdAt!: Date;

  @UpdateDateColumn(timeColumn)
  updatedAt!: Date;

  @VersionColumn()
  version!: number;

  get roles(): Role[] {
    return this.roleList ? (this.roleList.split(',') as Role[]) : [];
  }
}
