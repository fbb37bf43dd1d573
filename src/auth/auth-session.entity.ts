import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/**
 * A signed-in session: the bearer token of the API or the cookie of the pages.
 * Only the token's SHA-256 is stored, so a leaked table does not leak sessions.
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'api' | 'web';

  @Column(timeColumn)
  createdAt!: Date;

  @Column(timeColumn)
  expiresAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  revokedAt!: Date | null;

  /** The session's last request, written at most once a minute (null: none since sign-in); for the idle time-out. */
  @Column({ ...timeColumn, nullable: true })
  lastUsedAt!: Date | null;

  /** What the session still lacks: 'setup' (enrol a second factor), 'verify' (a page session awaiting the code); null: nothing. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  secondFactor!: 'setup' | 'verify' | null;
}
