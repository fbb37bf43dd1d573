import { EntityManager } from 'typeorm';
import { ProposalCounter } from './proposal.entities';

const isMysql = (em: EntityManager) => em.connection.options.type === 'mysql';

/** Makes sure the session has its counter row, so an accept only locks and bumps it. */
export async function ensureCounter(em: EntityManager, sessionId: number): Promise<void> {
  if (await em.existsBy(ProposalCounter, { sessionId })) return;
  await em.createQueryBuilder().insert().into(ProposalCounter).values({ sessionId, lastNumber: 0 }).orIgnore().execute();
}

/**
 * The next 第N号 of the session, inside the accept transaction. The counter row is locked
 * (FOR UPDATE on MySQL; SQLite transactions are already one at a time) until commit, so
 * concurrent accepts queue here and a rolled-back accept gives its number back: no gaps,
 * no duplicates. The unique (sessionId, number) index is the last line of defence.
 */
export async function nextNumber(em: EntityManager, sessionId: number): Promise<number> {
  const locked = () => {
    const qb = em.createQueryBuilder(ProposalCounter, 'c').where('c.sessionId = :sessionId', { sessionId });
    if (isMysql(em)) qb.setLock('pessimistic_write');
    return qb.getOne();
  };
  let counter = await locked();
  if (!counter) {
    await ensureCounter(em, sessionId);
    counter = await locked();
  }
  const next = counter!.lastNumber + 1;
  await em.update(ProposalCounter, { sessionId }, { lastNumber: next });
  return next;
}
