import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '../database/columns';

/** One person's notice preferences as JSON (`NoticeSettings`, notice-categories.ts); no row: the defaults. */
@Entity('notice_preferences')
export class NoticePreferences {
  @PrimaryColumn({ type: 'int' })
  userId!: number;

  @Column({ type: 'text' })
  settings!: string;

  @Column(timeColumn)
  updatedAt!: Date;
}
