import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/** One message in one person's inbox 消息. A job that runs again finds its dedupeKey and adds nothing. */
@Entity('notifications')
@Index(['userId', 'dedupeKey'], { unique: true })
@Index(['userId', 'readAt'])
@Index(['dispatchedAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  /** Stable English, e.g. `proposal.accepted`. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** A path on this site the message is about, e.g. `/proposals/12`. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  link!: string | null;

  /** What the message is about and why, e.g. `proposal:12:accepted`: the same key never reaches one person twice. */
  @Column({ type: 'varchar', length: 191 })
  dedupeKey!: string;

  @Column({ ...timeColumn, nullable: true })
  readAt!: Date | null;

  /** The office marked it urgent: an SMS goes out even in the quiet hours. */
  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  /** The deadline the notice is about, if any: within 3 days it goes by SMS by default (notice-categories.ts). */
  @Column({ ...timeColumn, nullable: true })
  dueAt!: Date | null;

  /** When the dispatcher made its e-mail and SMS delivery records (null: not yet; the outbox). */
  @Column({ ...timeColumn, nullable: true })
  dispatchedAt!: Date | null;

  @Column(timeColumn)
  createdAt!: Date;
}
