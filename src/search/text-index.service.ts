import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LIKE_ESCAPE, likeContains } from '../common/pagination';
import { cosine, idf, searchTerms, termFrequencies, WeightedText, weight } from './bigrams';

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
  /** Cosine of the tf-idf bigram vectors, 0..1, four decimals. */
  score: number;
}

/** Rows per multi-row INSERT: well under SQLite's parameter limit and MySQL's packet size. */
const INSERT_CHUNK = 1000;
/** Values per `IN (…)` list. */
const IN_CHUNK = 500;
/** A search joins at most this many grams, the rarest first; longer queries are narrowed by those. */
const MAX_SEARCH_GRAMS = 12;
/** Candidate generation reads the postings of at most this many of the query's rarest grams … */
const PROBE_GRAMS = 32;
/** … and stops adding grams past this many postings (after the first four). */
const PROBE_POSTINGS = 20000;
/** Candidates scored exactly: at least this many, or five times the limit. */
const MIN_CANDIDATES = 40;
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
    for (const ids of chunks(docs.map((d) => d.id), IN_CHUNK)) {
      const old: Array<{ gram: string; n: number | string }> = await em.query(
        `SELECT gram, COUNT(*) AS n FROM text_grams WHERE ownerType = ? AND ownerId IN (${marks(ids.length)}) GROUP BY gram`,
        [ownerType, ...ids],
      );
      if (old.length === 0) continue;
      for (const row of old) add(row.gram, -Number(row.n));
      const [{ n }] = await em.query(`SELECT COUNT(DISTINCT ownerId) AS n FROM text_grams WHERE ownerType = ? AND ownerId IN (${marks(ids.length)})`, [ownerType, ...ids]);
      add(DOC_COUNT, -Number(n));
      await em.query(`DELETE FROM text_grams WHERE ownerType = ? AND ownerId IN (${marks(ids.length)})`, [ownerType, ...ids]);
    }
    const rows: Array<[string, string, number, number]> = [];
    for (const doc of docs) {
      const tf = termFrequencies(doc.fields);
      if (tf.size > 0) add(DOC_COUNT, 1);
      for (const [gram, n] of tf) {
        rows.push([ownerType, gram, doc.id, n]);
        add(gram, 1);
      }
    }
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await em.query(`INSERT INTO text_grams (ownerType, gram, ownerId, tf) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`, part.flat());
    }
    await this.adjustDocumentFrequencies(em, ownerType, delta);
  }

  /**
   * Narrows a list query to the records whose text holds every bigram of `q`, as an
   * `id IN (subquery)` that starts from the query's rarest gram and joins the others by
   * primary key; one-character terms become LIKE conditions on `likeColumns`. An empty
   * query leaves the builder as it is.
   */
  async applySearch<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ownerType: string, q: string, opts: SearchOptions): Promise<SelectQueryBuilder<T>> {
    const { grams, singles } = searchTerms(q);
    const p = `xs_tg${++this.paramSeq}_`;
    singles.forEach((s, i) => {
      if (opts.likeColumns.length === 0) return;
      qb.andWhere(`(${opts.likeColumns.map((c) => `${c} LIKE :${p}s${i} ${LIKE_ESCAPE}`).join(' OR ')})`, { [`${p}s${i}`]: likeContains(s) });
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
   * Candidates come from the postings of the source's rarest grams (never a scan of every
   * record); the best of them are then scored exactly by tf-idf cosine over all their grams.
   */
  async similar(ownerType: string, source: number | WeightedText[], opts: SimilarOptions = {}): Promise<SimilarHit[]> {
    const limit = opts.limit ?? 10;
    const query = typeof source === 'number' ? await this.vectorsOf(ownerType, [source]).then((v) => v.get(source) ?? new Map<string, number>()) : termFrequencies(source);
    if (query.size === 0 || limit <= 0) return [];
    const df = await this.documentFrequencies(ownerType, [...query.keys(), DOC_COUNT]);
    const docs = df.get(DOC_COUNT) ?? 0;
    const idfOf = (g: string) => idf(df.get(g) ?? 0, docs);
    const skip = new Set(opts.excludeIds ?? []);
    if (typeof source === 'number') skip.add(source);
    const allowed = opts.filterIds ? new Set(opts.filterIds) : null;
    const candidates = await this.candidates(ownerType, query, df, typeof source === 'number' ? 2 : 1, (id) => !skip.has(id) && (!allowed || allowed.has(id)));
    const best = [...candidates].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, Math.max(MIN_CANDIDATES, limit * 5)).map(([id]) => id);
    const vectors = await this.vectorsOf(ownerType, best);
    const unknown = new Set<string>();
    for (const v of vectors.values()) for (const g of v.keys()) if (!df.has(g)) unknown.add(g);
    for (const [g, n] of await this.documentFrequencies(ownerType, [...unknown])) df.set(g, n);
    return best
      .map((id) => ({ id, score: Math.round(cosine(query, vectors.get(id) ?? new Map(), idfOf) * 10000) / 10000 }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }

  /** Partial dot products over the postings of the query's rarest grams, per candidate record. */
  private async candidates(ownerType: string, query: Map<string, number>, df: Map<string, number>, minDf: number, keep: (id: number) => boolean): Promise<Map<number, number>> {
    const docs = df.get(DOC_COUNT) ?? 0;
    const ranked = [...query.keys()].filter((g) => (df.get(g) ?? 0) >= minDf).sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
    const probes: string[] = [];
    let postings = 0;
    for (const g of ranked) {
      if (probes.length >= PROBE_GRAMS || (probes.length >= 4 && postings + df.get(g)! > PROBE_POSTINGS)) break;
      probes.push(g);
      postings += df.get(g)!;
    }
    const scores = new Map<number, number>();
    if (probes.length === 0) return scores;
    const rows: Array<{ ownerId: number | string; gram: string; tf: number | string }> = await this.ds.query(
      `SELECT ownerId, gram, tf FROM text_grams WHERE ownerType = ? AND gram IN (${marks(probes.length)})`,
      [ownerType, ...probes],
    );
    for (const row of rows) {
      const id = Number(row.ownerId);
      if (!keep(id)) continue;
      const w = idf(df.get(row.gram) ?? 0, docs);
      scores.set(id, (scores.get(id) ?? 0) + weight(query.get(row.gram)!, w) * weight(Number(row.tf), w));
    }
    return scores;
  }

  /** Term-frequency maps of indexed records. */
  private async vectorsOf(ownerType: string, ids: number[]): Promise<Map<number, Map<string, number>>> {
    const out = new Map<number, Map<string, number>>();
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows: Array<{ ownerId: number | string; gram: string; tf: number | string }> = await this.ds.query(
        `SELECT ownerId, gram, tf FROM text_grams WHERE ownerType = ? AND ownerId IN (${marks(part.length)})`,
        [ownerType, ...part],
      );
      for (const row of rows) {
        const id = Number(row.ownerId);
        let v = out.get(id);
        if (!v) out.set(id, (v = new Map()));
        v.set(row.gram, Number(row.tf));
      }
    }
    return out;
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
  private matchSubquery(ownerType: string, grams: string[], p: string): { sql: string; params: Record<string, string> } {
    const params: Record<string, string> = { [`${p}t`]: ownerType };
    const joins = grams.slice(1).map((g, i) => {
      params[`${p}g${i + 1}`] = g;
      const a = `${p}a${i + 1}`;
      return ` INNER JOIN text_grams ${a} ON ${a}.ownerType = ${p}a0.ownerType AND ${a}.gram = :${p}g${i + 1} AND ${a}.ownerId = ${p}a0.ownerId`;
    });
    params[`${p}g0`] = grams[0];
    return { sql: `SELECT ${p}a0.ownerId FROM text_grams ${p}a0${joins.join('')} WHERE ${p}a0.ownerType = :${p}t AND ${p}a0.gram = :${p}g0`, params };
  }

  /**
   * Adds the changes to the document frequencies in one upsert per chunk, in gram order so that
   * concurrent reindexing transactions lock the shared rows in the same order (no deadlock cycle).
   */
  private async adjustDocumentFrequencies(em: EntityManager, ownerType: string, delta: Map<string, number>): Promise<void> {
    const rows = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const upsert = this.mysql ? 'ON DUPLICATE KEY UPDATE df = df + VALUES(df)' : 'ON CONFLICT (ownerType, gram) DO UPDATE SET df = df + excluded.df';
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await em.query(`INSERT INTO text_gram_df (ownerType, gram, df) VALUES ${part.map(() => '(?, ?, ?)').join(', ')} ${upsert}`, part.flatMap(([g, n]) => [ownerType, g, n]));
    }
  }
}
