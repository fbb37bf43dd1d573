import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { Instruction, InstructionItem } from './instruction.entities';

/** What a module listening to 批示 is handed, inside the step's own transaction. */
export type InstructionEvent =
  | { kind: 'recorded'; instruction: Instruction }
  | { kind: 'item_done'; instruction: Instruction; item: InstructionItem; unitName: string };

export type InstructionListener = (em: EntityManager, actor: Actor, event: InstructionEvent) => Promise<void>;

/**
 * A 批示 recorded and a 交办事项 carried out, announced to whoever registered at start-up — the 社情民意 issues tell
 * the contributors of the items a leader instructed on. The instructions module names no module beside it, so the
 * journeys import one way only (the pattern of `ProposalConversions`).
 */
@Injectable()
export class InstructionEvents {
  private readonly listeners: InstructionListener[] = [];

  register(listener: InstructionListener): void {
    this.listeners.push(listener);
  }

  async emit(em: EntityManager, actor: Actor, event: InstructionEvent): Promise<void> {
    for (const listener of this.listeners) await listener(em, actor, event);
  }
}
