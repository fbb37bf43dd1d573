'use strict';
/**
 * Similar records as raw SQL: the statements TextIndexService.similar sends for one indexed record, in the same
 * order with the same limits (SIMILAR_LIMITS) — its grams, their document frequencies, the candidates from the
 * postings of its rarest grams weighted by idf, the shared mass read through the owner index (forced, as the
 * service does), the candidates' masses — then the exact weighted Jaccard and the shown rows. Used by
 * bench/opinions and bench/proposals as the baseline of `GET /…/:id/similar`, so the ratio compares like with like.
 *
 * `query(sql, params)` resolves to the rows (wrap mysql2's `[rows]` answer); `engine` is 'sqlite' or 'mariadb'.
 * `shown(ids)` returns the ids that may be shown (not drafts), as the service's own row query.
 */
const { idf } = require('../../dist/search/bigrams');
const { SIMILAR_LIMITS } = require('../../dist/search/text-index.service');

const { IN_CHUNK, PROBE_GRAMS, PROBE_POSTINGS, MIN_CANDIDATES } = SIMILAR_LIMITS;
const marks = (n) => Array.from({ length: n }, () => '?').join(', ');
const chunks = (xs, n) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

async function rawSimilar(query, { engine, ownerType, id, limit, shown }) {
  const vector = new Map(
    (await query('SELECT gram, tf FROM text_grams WHERE ownerType = ? AND ownerId = ?', [ownerType, id])).map((r) => [
      r.gram,
      Number(r.tf),
    ]),
  );
  if (!vector.size) return [];
  const df = new Map();
  for (const part of chunks([...vector.keys(), ''], IN_CHUNK))
    for (const r of await query(
      `SELECT gram, df FROM text_gram_df WHERE ownerType = ? AND gram IN (${marks(part.length)}) AND df > 0`,
      [ownerType, ...part],
    ))
      df.set(r.gram, Number(r.df));
  const docs = df.get('') ?? 0;
  const ranked = [...vector.keys()]
    .filter((g) => (df.get(g) ?? 0) >= 2)
    .sort((a, b) => df.get(a) - df.get(b) || (a < b ? -1 : 1));
  const probes = [];
  let postings = 0;
  for (const g of ranked) {
    if (probes.length >= PROBE_GRAMS || (probes.length >= 4 && postings + df.get(g) > PROBE_POSTINGS)) break;
    probes.push(g);
    postings += df.get(g);
  }
  if (!probes.length) return [];
  const count = Math.max(MIN_CANDIDATES, limit * 3);
  const cands = await query(
    `SELECT ownerId + 0 AS owner, SUM(CASE gram ${probes.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END) AS s FROM text_grams` +
      ` WHERE ownerType = ? AND gram IN (${marks(probes.length)}) AND ownerId NOT IN (?)` +
      ' GROUP BY ownerId + 0 ORDER BY s DESC, owner LIMIT ?',
    [
      ...probes.flatMap((g) => [g, (1 + Math.log(vector.get(g))) * idf(df.get(g), docs)]),
      ownerType,
      ...probes,
      id,
      count,
    ],
  );
  const ids = cands.map((c) => Number(c.owner));
  if (!ids.length) return [];
  const byOwner = engine === 'sqlite' ? 'INDEXED BY IDX_text_grams_owner' : 'FORCE INDEX (IDX_text_grams_owner)';
  const common = new Map();
  for (const grams of chunks([...vector.keys()], 4 * IN_CHUNK))
    for (const r of await query(
      `SELECT ownerId, gram, tf FROM text_grams ${byOwner} WHERE ownerType = ? AND ownerId IN (${marks(ids.length)}) AND gram IN (${marks(grams.length)})`,
      [ownerType, ...ids, ...grams],
    ))
      common.set(
        Number(r.ownerId),
        (common.get(Number(r.ownerId)) ?? 0) + Math.min(Number(r.tf), vector.get(r.gram) ?? 0),
      );
  const mass = new Map(
    (
      await query(`SELECT ownerId, mass FROM text_docs WHERE ownerType = ? AND ownerId IN (${marks(ids.length)})`, [
        ownerType,
        ...ids,
      ])
    ).map((r) => [Number(r.ownerId), Number(r.mass)]),
  );
  let queryMass = 0;
  for (const tf of vector.values()) queryMass += tf;
  const hits = ids
    .map((owner) => {
      const shared = common.get(owner) ?? 0;
      const union = queryMass + (mass.get(owner) ?? 0) - shared;
      return { id: owner, score: union > 0 ? Math.round((shared / union) * 10000) / 10000 : 0 };
    })
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
  if (!hits.length) return [];
  const visible = new Set(await shown(hits.map((h) => h.id)));
  return hits.filter((h) => visible.has(h.id));
}

module.exports = { rawSimilar, marks };
