import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/** Failed logins per user name and per address, kept in the database so every api process sees them. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column(timeColumn)
  windowStartedAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  lockedUntil!: Date | null;
}
