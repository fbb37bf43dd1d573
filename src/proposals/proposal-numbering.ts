import { EntityManager } from 'typeorm';
import { ensureCounterRow, nextCount } from '../database/counters';
import { ProposalCounter } from './proposal.entities';

/** Makes sure the session has its counter row, so an accept only locks and bumps it. */
export function ensureCounter(em: EntityManager, sessionId: number): Promise<void> {
  return ensureCounterRow(em, ProposalCounter, { sessionId }, 'lastNumber');
}

/**
 * The next 第N号 of the session, inside the accept transaction (see nextCount: no gaps, no
 * duplicates). The unique (sessionId, number) index is the last line of defence.
 */
export function nextNumber(em: EntityManager, sessionId: number): Promise<number> {
  return nextCount(em, ProposalCounter, { sessionId }, 'lastNumber');
}
