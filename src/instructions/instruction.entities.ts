import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn, VersionedRecord } from '../database/columns';
import type { InstructionTargetType, ItemStatus } from './instruction-workflow';

/**
 * 领导批示: a leader's written instruction on something the office sent them — a delivered document (`report`)
 * or a key proposal 重点提案 (`proposal`). The target is a type and an id, so 社情民意 issues can be added as
 * another type. Recorded by the leader in the system, or by staff from the paper (`onPaper`, with the leader's
 * name and the date); a leader without an account is a name and a level only.
 */
@Entity('instructions')
@Index(['targetType', 'targetId'])
@Index(['instructedOn'])
export class Instruction {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  targetType!: InstructionTargetType;

  @Column({ type: 'int' })
  targetId!: number;

  /** The target's title when recorded (the report's or the proposal's), for lists that cannot read the target. */
  @Column({ type: 'varchar', length: 300 })
  targetTitle!: string;

  /** The leader's account, when the leader has one (always when a leader recorded it). */
  @Column({ type: 'int', nullable: true })
  leaderUserId!: number | null;

  @Column({ type: 'varchar', length: 50 })
  leaderName!: string;

  /** 市委书记, 市长, 副市长 … (config/instructions.json `leaderLevels`). */
  @Column({ type: 'varchar', length: 30 })
  leaderLevel!: string;

  @Column({ type: 'text' })
  text!: string;

  /** The day of the 批示, `YYYY-MM-DD` in the office's time zone. */
  @Column({ type: 'varchar', length: 10 })
  instructedOn!: string;

  /** Received on paper and typed in by staff. */
  @Column({ type: 'boolean', default: false })
  onPaper!: boolean;

  @Column({ type: 'int' })
  recordedByUserId!: number;

  @Column(timeColumn)
  recordedAt!: Date;
}

/**
 * 交办事项: a task a 批示 hands to a unit, due on a day: open → reported (the unit's progress) → done (staff accept)
 * or returned (to the unit, with a note) → reported again. Overdue while not done after its due day.
 */
@Entity('instruction_items')
@Index(['unitId', 'status'])
@Index(['status', 'dueOn'])
export class InstructionItem extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  instructionId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'text' })
  task!: string;

  /** The last day, `YYYY-MM-DD` in the office's time zone. */
  @Column({ type: 'varchar', length: 10 })
  dueOn!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ItemStatus;

  /** The unit's latest report of progress. */
  @Column({ type: 'text', nullable: true })
  progress!: string | null;

  @Column({ ...timeColumn, nullable: true })
  reportedAt!: Date | null;

  /** Staff's note on the last 退回. */
  @Column({ type: 'text', nullable: true })
  returnNote!: string | null;

  /** When staff accepted it as done. */
  @Column({ ...timeColumn, nullable: true })
  closedAt!: Date | null;

  /** When the sweep first found it past its due day and not done (the unit and staff were told then). */
  @Column({ ...timeColumn, nullable: true })
  overdueAt!: Date | null;

  @Column({ type: 'int' })
  createdByUserId!: number;
}

export const INSTRUCTION_ENTITIES = [Instruction, InstructionItem];
