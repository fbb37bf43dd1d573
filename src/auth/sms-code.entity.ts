import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/** login and reset: asked for by number (members, units); factor: the second factor of a signed-in password. */
export const SMS_CODE_PURPOSES = ['login', 'reset', 'factor'] as const;
export type SmsCodePurpose = (typeof SMS_CODE_PURPOSES)[number];

/**
 * One SMS verification code: 6 digits, 5 minutes, 5 tries. Only a salted SHA-256 of the code is kept. A code is
 * made for a number with an account only, but the answer to the request is the same either way.
 */
@Entity('sms_codes')
@Index(['mobile', 'purpose', 'createdAt'])
export class SmsCode {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  mobile!: string;

  @Column({ type: 'varchar', length: 10 })
  purpose!: SmsCodePurpose;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'varchar', length: 32 })
  salt!: string;

  /** Wrong codes tried against it; at 5 it is spent. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column(timeColumn)
  expiresAt!: Date;

  @Column({ ...timeColumn, nullable: true })
  consumedAt!: Date | null;

  @Column(timeColumn)
  createdAt!: Date;
}
