import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { intTransformer, timeColumn } from '../database/columns';

/**
 * A user's TOTP factor (docs/design/second-factor.md). The secret is stored AES-256-GCM encrypted
 * (`iv.tag.ciphertext`, base64url), never in clear; the recovery codes as SHA-256 hashes, a used one removed.
 * One row per user: set-up writes a new secret with `enabledAt` null, confirming a code turns it on.
 */
@Entity('user_second_factors')
export class UserSecondFactor {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int', unique: true })
  userId!: number;

  @Column({ type: 'varchar', length: 200 })
  secretCipher!: string;

  /** Null until the user confirmed a code from the app: the factor is not yet asked for at sign-in. */
  @Column({ ...timeColumn, nullable: true })
  enabledAt!: Date | null;

  /** The time-step (unix seconds / 30) of the last code accepted: a code of this step or earlier is refused. */
  @Column({ type: 'bigint', default: 0, transformer: intTransformer })
  lastStep!: number;

  /** JSON list of the SHA-256 hashes of the recovery codes not yet used. */
  @Column({ type: 'text' })
  recoveryHashes!: string;

  @Column(timeColumn)
  updatedAt!: Date;
}
