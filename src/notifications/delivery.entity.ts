import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';
import type { ExternalChannel } from './channels/channel';

/**
 * - `pending`: to be sent from `notBefore` (the quiet hours may put it off), by the `notifications:send` job;
 * - `digest`: waits for the person's daily e-mail digest;
 * - `sent`, `failed` (final: the provider refused, or every retry failed; `answer` says why);
 * - `skipped`: not sent, `reason` says why (`preference`, `no_address`, `disabled`).
 */
export type DeliveryStatus = 'pending' | 'digest' | 'sent' | 'failed' | 'skipped';
export type SkipReason = 'preference' | 'no_address' | 'disabled';

/** One notice on one channel (e-mail or SMS) to one person: made once per (notice, channel), so sending is idempotent. */
@Entity('notification_deliveries')
@Index(['notificationId', 'channel'], { unique: true })
@Index(['status', 'notBefore'])
@Index(['userId', 'status'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  notificationId!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 10 })
  channel!: ExternalChannel;

  /** The e-mail address or mobile number at the time it was dispatched. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: DeliveryStatus;

  /** Why it was skipped, or what kind of failure ended it (`rejected`, `timeout`, …). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reason!: string | null;

  @Column(timeColumn)
  notBefore!: Date;

  /** Tries made so far. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** The provider's last answer (accepted, or why not). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  answer!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  providerMessageId!: string | null;

  @Column({ ...timeColumn, nullable: true })
  sentAt!: Date | null;

  @Column(timeColumn)
  createdAt!: Date;

  @Column(timeColumn)
  updatedAt!: Date;
}
