import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/** One audited change. Append-only: nothing in the application updates or deletes these rows. */
@Entity('audit_entries')
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Position in the hash chain: 1, 2, 3 … without gaps. */
  @Column({ type: 'int', unique: true })
  seq!: number;

  @Column(timeColumn)
  at!: Date;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50 })
  actorName!: string;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'varchar', length: 40 })
  entityId!: string;

  @Column({ type: 'text', nullable: true })
  fromState!: string | null;

  @Column({ type: 'text', nullable: true })
  toState!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** How `hash` was computed: `hmac-sha256` or `hmac-sm3` with the audit key; null for the unkeyed SHA-256 of rows written before the key. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  alg!: string | null;
}

/** The chain's head: locked by each audited write, so entries are chained one after another. */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** The first seq written with the audit key: every row from here on must be keyed (null until the first start with a key). */
  @Column({ type: 'int', nullable: true })
  keyedFrom!: number | null;

  /** `keyedFrom` signed with the key (audit-chain.ts keyedFromSeal), so that it cannot be moved without the key. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  seal!: string | null;
}
