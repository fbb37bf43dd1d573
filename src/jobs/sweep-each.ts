import { Logger } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Tx } from '../database/tx';

/** How many matching rows a sweep step looks at per query; each is then handled in a transaction of its own. */
const BATCH = 100;

export interface SweepEach<E extends ObjectLiteral> {
  ds: DataSource;
  tx: Tx;
  entity: EntityTarget<E>;
  /** The query's alias of `entity`, e.g. `p`. */
  alias: string;
  /** What the rows are called in a failure, e.g. `提案`. */
  what: string;
  logger: Logger;
  /** Narrows the query to the rows due now. */
  match: (qb: SelectQueryBuilder<E>) => void;
  /** Handles one row in its transaction (re-checking it, locked); true when it acted. */
  act: (em: EntityManager, id: number) => Promise<boolean>;
  /** Where a row that failed is noted (`提案 12：…`), so the step can fail naming it after handling the others. */
  failed: string[];
}

/**
 * Walks the rows a sweep step is due to handle, by id, a batch at a time, each in its own transaction;
 * counts those `act` acted on. One that fails is noted and passed over: the next sweep tries it again.
 */
export async function sweepEach<E extends ObjectLiteral>(s: SweepEach<E>): Promise<number> {
  let after = 0;
  let acted = 0;
  for (;;) {
    const qb = s.ds
      .getRepository(s.entity)
      .createQueryBuilder(s.alias)
      .select(`${s.alias}.id`, 'id')
      .where(`${s.alias}.id > :after`, { after });
    s.match(qb);
    const ids = (await qb.orderBy(`${s.alias}.id`, 'ASC').limit(BATCH).getRawMany<{ id: number | string }>()).map((r) =>
      Number(r.id),
    );
    for (const id of ids) {
      try {
        if (await s.tx.run((em) => s.act(em, id))) acted++;
      } catch (e) {
        s.failed.push(`${s.what} ${id}：${(e as Error).message}`);
        s.logger.error(`期限扫描处理${s.what} ${id} 失败：${(e as Error).message}`);
      }
    }
    if (ids.length < BATCH) return acted;
    after = ids[ids.length - 1];
  }
}
