import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/**
 * 采用: an upper body (全国政协, 省政协, 市委, 市政府 …) took up a 社情民意信息, recorded by staff with the body's
 * own issue or number and the day. `level` is a code of `adoptionLevels` in config/opinions.json; the level's
 * tier (national, provincial, city, other) decides the duty points. Written once, never changed.
 */
@Entity('opinion_adoptions')
@Index(['adoptedOn'])
export class OpinionAdoption {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  opinionId!: number;

  /** A level code from config/opinions.json `adoptionLevels`. */
  @Column({ type: 'varchar', length: 40 })
  level!: string;

  /** The body's name as written (全国政协办公厅, 省政协信息中心 …). */
  @Column({ type: 'varchar', length: 100 })
  bodyName!: string;

  /** The body's own issue or number (《全国政协信息》第 123 期 …). */
  @Column({ type: 'varchar', length: 100 })
  issueText!: string;

  /** The day it was taken up, `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  adoptedOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  recordedByUserId!: number;

  @Column(timeColumn)
  createdAt!: Date;
}

export const OPINION_ADOPTION_ENTITIES = [OpinionAdoption];
