import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A stored file belonging to one record (a proposal, a topic …); the bytes live under XS_FILES_DIR, addressed by their SHA-256. */
@Entity('attachments')
@Index(['ownerType', 'ownerId'])
export class Attachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  ownerType!: string;

  @Column({ type: 'int' })
  ownerId!: number;

  /** The name the uploader's computer gave it (shown and offered on download). */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** Judged from the bytes, not from the name or the browser. */
  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @Column({ type: 'int' })
  bytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'int' })
  uploadedById!: number;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
