import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/**
 * One security event: a sign-in, its failure, a lock-out, a sign-out, a refused request. Append-only and kept
 * (nothing purges them); written in a transaction of its own, never inside the request's business one.
 */
@Entity('security_events')
@Index('IDX_security_events_at', ['occurredAt'])
@Index('IDX_security_events_type_at', ['type', 'occurredAt'])
@Index('IDX_security_events_username', ['username'])
@Index('IDX_security_events_ip', ['ip'])
export class SecurityEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column(timeColumn)
  occurredAt!: Date;

  /** `auth.login`, `auth.login_failed`, `auth.locked`, `auth.logout`, `access.denied`, `csrf.refused`. */
  @Column({ type: 'varchar', length: 30 })
  type!: string;

  @Column({ type: 'int', nullable: true })
  userId!: number | null;

  /** The user name tried (a failed sign-in) or the signed-in account's. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  username!: string | null;

  /** The client address as Express reads it (`req.ip`, after XS_TRUST_PROXY). */
  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent!: string | null;

  /** A short JSON object: the method and path of a refused request, the error code of a failed sign-in. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
