import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LIKE_ESCAPE, likeContains } from '../common/pagination';
import { idf, searchTerms, termFrequencies, WeightedText } from './bigrams';

/** One document to (re)index: its id in the owner's table and its weighted text fields. */
export interface IndexedDocument {
  id: number;
  fields: WeightedText[];
}

export interface SearchOptions {
  /** The owner's id column as the query builder knows it, e.g. `p.id`. */
  idColumn: string;
  /** Columns holding the indexed text (`p.title`, `p.background` …): one-character terms are matched there with LIKE. */
  likeColumns: string[];
}

export interface SearchHits {
  /** Ids holding every bigram of the query, ascending; null when the query has no term of two or more characters. */
  ids: number[] | null;
  /** One-character terms the index cannot check: the caller matches them with LIKE. */
  likeTerms: string[];
}

export interface SimilarOptions {
  /** How many to return (default 10). */
  limit?: number;
  /** Never return these (the source document itself is always left out). */
  excludeIds?: number[];
  /** Return only these, e.g. the earlier proposals a reviewer may see. */
  filterIds?: number[];
}

export interface SimilarHit {
  id: number;
  /** Weighted Jaccard of the bigram term frequencies (Σ min / Σ max), 0..1, four decimals. */
  score: number;
}

/** Rows per multi-row INSERT: well under SQLite's parameter limit and MySQL's packet size. */
const INSERT_CHUNK = 1000;
/** Values per `IN (…)` list. */
const IN_CHUNK = 500;
/** A search joins at most this many grams, the rarest first; longer queries are narrowed by those. */
const MAX_SEARCH_GRAMS = 12;
/** Candidate generation reads the postings of at most this many of the query's rarest grams … */
const PROBE_GRAMS = 24;
/** … and stops adding grams past this many postings (after the first four). */
const PROBE_POSTINGS = 8000;
/** Candidates scored exactly: at least this many, or three times the limit. */
const MIN_CANDIDATES = 30;
/** The limits of `similar`, for bench/lib/similar.js, which sends the same statements raw. */
export const SIMILAR_LIMITS = { IN_CHUNK, PROBE_GRAMS, PROBE_POSTINGS, MIN_CANDIDATES } as const;
/** The document-frequency row with this gram counts the owner type's documents. */
const DOC_COUNT = '';

const marks = (n: number) => Array(n).fill('?').join(', ');

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A portable inverted index of character bigrams (MariaDB has no ngram full-text parser and
 * SQLite's trigram tokenizer misses two-character words), shared by list search and
 * similar-record detection. Owners (proposals, topics …) call `reindex` in the same
 * transaction as their write, so the index never disagrees with the records.
 */
@Injectable()
export class TextIndexService {
  private readonly mysql: boolean;
  private paramSeq = 0;

  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  /** Replaces the grams of one record; an empty text leaves it unindexed. Call inside the record's transaction. */
  reindex(em: EntityManager, ownerType: string, ownerId: number, fields: WeightedText[]): Promise<void> {
    return this.reindexMany(em, ownerType, [{ id: ownerId, fields }]);
  }

  /** Takes a record out of the index. */
  remove(em: EntityManager, ownerType: string, ownerId: number): Promise<void> {
    return this.reindexMany(em, ownerType, [{ id: ownerId, fields: [] }]);
  }

  /** `reindex` for many records at once, with multi-row statements: loaders, rebuilds, benchmarks. */
  async reindexMany(em: EntityManager, ownerType: string, docs: IndexedDocument[]): Promise<void> {
    const delta = new Map<string, number>([[DOC_COUNT, 0]]);
    const add = (gram: string, n: number) => delta.set(gram, (delta.get(gram) ?? 0) + n);
    for (const ids of chunks(
      docs.map((d) => d.id),
      IN_CHUNK,
    )) {
      const where = `ownerType = ? AND ownerId IN (${marks(ids.length)})`;
      const [{ n: existing }] = await em.query(`SELECT COUNT(*) AS n FROM text_docs WHERE ${where}`, [
        ownerType,
        ...ids,
      ]);
      if (Number(existing) === 0) continue;
      add(DOC_COUNT, -Number(existing));
      const old: Array<{ gram: string; n: number | string }> = await em.query(
        `SELECT gram, COUNT(*) AS n FROM text_grams WHERE ${where} GROUP BY gram`,
        [ownerType, ...ids],
      );
      for (const row of old) add(row.gram, -Number(row.n));
      await em.query(`DELETE FROM text_grams WHERE ${where}`, [ownerType, ...ids]);
      await em.query(`DELETE FROM text_docs WHERE ${where}`, [ownerType, ...ids]);
    }
    const postings = new Map<string, number[]>();
    const masses: Array<[string, number, number]> = [];
    for (const doc of [...docs].sort((a, b) => a.id - b.id)) {
      const tf = termFrequencies(doc.fields);
      if (tf.size === 0) continue;
      add(DOC_COUNT, 1);
      let mass = 0;
      for (const [gram, n] of tf) {
        const list = postings.get(gram);
        if (list) list.push(doc.id, n);
        else postings.set(gram, [doc.id, n]);
        add(gram, 1);
        mass += n;
      }
      masses.push([ownerType, doc.id, mass]);
    }
    // In primary-key order (gram, then id): each statement fills neighbouring b-tree pages instead of random ones.
    const params: unknown[] = [];
    for (const gram of [...postings.keys()].sort()) {
      const list = postings.get(gram)!;
      for (let i = 0; i < list.length; i += 2) params.push(ownerType, gram, list[i], list[i + 1]);
    }
    for (let at = 0; at < params.length; at += 4 * INSERT_CHUNK) {
      const part = params.slice(at, at + 4 * INSERT_CHUNK);
      await em.query(
        `INSERT INTO text_grams (ownerType, gram, ownerId, tf) VALUES ${Array(part.length / 4)
          .fill('(?, ?, ?, ?)')
          .join(', ')}`,
        part,
      );
    }
    for (const part of chunks(masses, INSERT_CHUNK)) {
      await em.query(
        `INSERT INTO text_docs (ownerType, ownerId, mass) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`,
        part.flat(),
      );
    }
    await this.adjustDocumentFrequencies(em, ownerType, delta);
  }

  /**
   * Narrows a list query to the records whose text holds every bigram of `q`, as an
   * `id IN (subquery)` that starts from the query's rarest gram and joins the others by
   * primary key; one-character terms become LIKE conditions on `likeColumns`. An empty
   * query leaves the builder as it is.
   */
  async applySearch<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    ownerType: string,
    q: string,
    opts: SearchOptions,
  ): Promise<SelectQueryBuilder<T>> {
    const { grams, singles, phrases } = searchTerms(q);
    // Typed, but nothing searchable in it (only punctuation, `%`, spaces…): it matches nothing, rather than everything.
    if (grams.length === 0 && singles.length === 0) return q.trim() === '' ? qb : qb.andWhere('1 = 0');
    const p = `xs_tg${++this.paramSeq}_`;
    // One-character terms by LIKE; longer ones are narrowed by the index and then confirmed by LIKE on those
    // candidates only, because holding every bigram of "4p14" is not the same as containing it.
    [...singles, ...phrases].forEach((s, i) => {
      if (opts.likeColumns.length === 0) return;
      qb.andWhere(`(${opts.likeColumns.map((c) => `${c} LIKE :${p}s${i} ${LIKE_ESCAPE}`).join(' OR ')})`, {
        [`${p}s${i}`]: likeContains(s),
      });
    });
    if (grams.length === 0) return qb;
    const ordered = await this.rarestFirst(ownerType, grams);
    if (ordered === null) return qb.andWhere('1 = 0');
    const { sql, params } = this.matchSubquery(ownerType, ordered, p);
    return qb.andWhere(`${opts.idColumn} IN (${sql})`, params);
  }

  /** The ids holding every bigram of `q` (see `applySearch`), for callers without a list query. */
  async search(ownerType: string, q: string): Promise<SearchHits> {
    const { grams, singles } = searchTerms(q);
    if (grams.length === 0) return { ids: null, likeTerms: singles };
    const ordered = await this.rarestFirst(ownerType, grams);
    if (ordered === null) return { ids: [], likeTerms: singles };
    const { sql, params } = this.matchSubquery(ownerType, ordered, `xs_tg${++this.paramSeq}_`);
    const rows: Array<{ id: number | string }> = await this.ds
      .createQueryBuilder()
      .select('xs_m.ownerId', 'id')
      .from(`(${sql})`, 'xs_m')
      .setParameters(params)
      .orderBy('xs_m.ownerId')
      .getRawMany();
    return { ids: rows.map((r) => Number(r.id)), likeTerms: singles };
  }

  /**
   * The records most similar to one indexed record (by id) or to a text, best first.
   * Candidates come from the postings of the source's rarest grams, summed by idf in the
   * database (never a scan of every record); the best of them are then scored exactly by
   * weighted Jaccard over all the source's grams.
   */
  async similar(ownerType: string, source: number | WeightedText[], opts: SimilarOptions = {}): Promise<SimilarHit[]> {
    const limit = opts.limit ?? 10;
    const query = typeof source === 'number' ? await this.vectorOf(ownerType, source) : termFrequencies(source);
    if (query.size === 0 || limit <= 0 || opts.filterIds?.length === 0) return [];
    const df = await this.documentFrequencies(ownerType, [...query.keys(), DOC_COUNT]);
    const exclude = [...(opts.excludeIds ?? []), ...(typeof source === 'number' ? [source] : [])];
    const ids = await this.candidates(ownerType, query, df, {
      minDf: typeof source === 'number' ? 2 : 1,
      exclude,
      filter: opts.filterIds,
      count: Math.max(MIN_CANDIDATES, limit * 3),
    });
    if (ids.length === 0) return [];
    const common = await this.commonMass(ownerType, ids, query);
    const mass = await this.masses(ownerType, ids);
    let queryMass = 0;
    for (const tf of query.values()) queryMass += tf;
    return ids
      .map((id) => {
        const shared = common.get(id) ?? 0;
        const union = queryMass + (mass.get(id) ?? 0) - shared;
        return { id, score: union > 0 ? Math.round((shared / union) * 10000) / 10000 : 0 };
      })
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }

  /**
   * The `count` records with the largest idf-weighted overlap on the query's rarest grams:
   * the database reads only those grams' postings and returns only the best ids.
   */
  private async candidates(
    ownerType: string,
    query: Map<string, number>,
    df: Map<string, number>,
    opts: { minDf: number; exclude: number[]; filter?: number[]; count: number },
  ): Promise<number[]> {
    const docs = df.get(DOC_COUNT) ?? 0;
    const ranked = [...query.keys()]
      .filter((g) => (df.get(g) ?? 0) >= opts.minDf)
      .sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
    const probes: string[] = [];
    let postings = 0;
    for (const g of ranked) {
      if (probes.length >= PROBE_GRAMS || (probes.length >= 4 && postings + df.get(g)! > PROBE_POSTINGS)) break;
      probes.push(g);
      postings += df.get(g)!;
    }
    if (probes.length === 0) return [];
    const weights = probes.flatMap((g) => [g, (1 + Math.log(query.get(g)!)) * idf(df.get(g)!, docs)]);
    const params: unknown[] = [...weights, ownerType, ...probes, ...opts.exclude, ...(opts.filter ?? []), opts.count];
    // Grouped by `ownerId + 0`, not the bare column: otherwise SQLite walks the whole owner index
    // in id order to save a sort, instead of reading just the probes' postings by primary key.
    const rows: Array<{ owner: number | string }> = await this.ds.query(
      `SELECT ownerId + 0 AS owner, SUM(CASE gram ${probes.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END) AS s FROM text_grams` +
        ` WHERE ownerType = ? AND gram IN (${marks(probes.length)})` +
        (opts.exclude.length ? ` AND ownerId NOT IN (${marks(opts.exclude.length)})` : '') +
        (opts.filter ? ` AND ownerId IN (${marks(opts.filter.length)})` : '') +
        ' GROUP BY ownerId + 0 ORDER BY s DESC, owner LIMIT ?',
      params,
    );
    return rows.map((r) => Number(r.owner));
  }

  /** Σ min(tf in the query, tf in the record) over the grams each record shares with the query. */
  private async commonMass(ownerType: string, ids: number[], query: Map<string, number>): Promise<Map<number, number>> {
    // Forced: from a handful of records' grams, not from every posting of hundreds of grams.
    const byOwner = this.mysql ? 'FORCE INDEX (IDX_text_grams_owner)' : 'INDEXED BY IDX_text_grams_owner';
    const out = new Map<number, number>();
    for (const grams of chunks([...query.keys()], 4 * IN_CHUNK)) {
      const rows: Array<{ ownerId: number | string; gram: string; tf: number | string }> = await this.ds.query(
        `SELECT ownerId, gram, tf FROM text_grams ${byOwner} WHERE ownerType = ? AND ownerId IN (${marks(ids.length)}) AND gram IN (${marks(grams.length)})`,
        [ownerType, ...ids, ...grams],
      );
      for (const row of rows) {
        const id = Number(row.ownerId);
        out.set(id, (out.get(id) ?? 0) + Math.min(Number(row.tf), query.get(row.gram) ?? 0));
      }
    }
    return out;
  }

  private async masses(ownerType: string, ids: number[]): Promise<Map<number, number>> {
    const rows: Array<{ ownerId: number | string; mass: number | string }> = await this.ds.query(
      `SELECT ownerId, mass FROM text_docs WHERE ownerType = ? AND ownerId IN (${marks(ids.length)})`,
      [ownerType, ...ids],
    );
    return new Map(rows.map((r) => [Number(r.ownerId), Number(r.mass)]));
  }

  /** The term frequencies of one indexed record. */
  private async vectorOf(ownerType: string, id: number): Promise<Map<string, number>> {
    const rows: Array<{ gram: string; tf: number | string }> = await this.ds.query(
      'SELECT gram, tf FROM text_grams WHERE ownerType = ? AND ownerId = ?',
      [ownerType, id],
    );
    return new Map(rows.map((r) => [r.gram, Number(r.tf)]));
  }

  /** Document frequencies of grams (absent grams are left out). */
  private async documentFrequencies(ownerType: string, grams: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(grams, IN_CHUNK)) {
      const rows: Array<{ gram: string; df: number | string }> = await this.ds.query(
        `SELECT gram, df FROM text_gram_df WHERE ownerType = ? AND gram IN (${marks(part.length)}) AND df > 0`,
        [ownerType, ...part],
      );
      for (const row of rows) out.set(row.gram, Number(row.df));
    }
    return out;
  }

  /** The grams by ascending document frequency, at most MAX_SEARCH_GRAMS; null when one of them occurs nowhere. */
  private async rarestFirst(ownerType: string, grams: string[]): Promise<string[] | null> {
    const df = await this.documentFrequencies(ownerType, grams);
    if (grams.some((g) => !df.has(g))) return null;
    return [...grams].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1)).slice(0, MAX_SEARCH_GRAMS);
  }

  /** `SELECT ownerId` of the records holding all `grams`: postings of the first, joined by primary key to the others. */
  private matchSubquery(
    ownerType: string,
    grams: string[],
    p: string,
  ): { sql: string; params: Record<string, string> } {
    const params: Record<string, string> = { [`${p}t`]: ownerType };
    const joins = grams.slice(1).map((g, i) => {
      params[`${p}g${i + 1}`] = g;
      const a = `${p}a${i + 1}`;
      return ` INNER JOIN text_grams ${a} ON ${a}.ownerType = ${p}a0.ownerType AND ${a}.gram = :${p}g${i + 1} AND ${a}.ownerId = ${p}a0.ownerId`;
    });
    params[`${p}g0`] = grams[0];
    return {
      sql: `SELECT ${p}a0.ownerId FROM text_grams ${p}a0${joins.join('')} WHERE ${p}a0.ownerType = :${p}t AND ${p}a0.gram = :${p}g0`,
      params,
    };
  }

  /**
   * Adds the changes to the document frequencies in one upsert per chunk, in gram order so that
   * concurrent reindexing transactions lock the shared rows in the same order (no deadlock cycle).
   */
  private async adjustDocumentFrequencies(
    em: EntityManager,
    ownerType: string,
    delta: Map<string, number>,
  ): Promise<void> {
    const rows = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const upsert = this.mysql
      ? 'ON DUPLICATE KEY UPDATE df = df + VALUES(df)'
      : 'ON CONFLICT (ownerType, gram) DO UPDATE SET df = df + excluded.df';
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await em.query(
        `INSERT INTO text_gram_df (ownerType, gram, df) VALUES ${part.map(() => '(?, ?, ?)').join(', ')} ${upsert}`,
        part.flatMap(([g, n]) => [ownerType, g, n]),
      );
    }
  }
}
