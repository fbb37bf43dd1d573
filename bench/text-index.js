#!/usr/bin/env node
/**
 * bench/text-index — the bigram text index at 10k and 100k generated Chinese proposals, on SQLite
 * and MariaDB. Each figure is printed beside a baseline measured in the same run on the same data:
 *   search  `q` as a list query (first page of 20 + total) narrowed by the index, vs the same
 *           list with `title LIKE '%q%' OR body LIKE '%q%'` (a full scan);
 *   similar the 10 most similar proposals to a rephrased duplicate (the submit case) and to an
 *           indexed proposal (the review case), vs a brute-force scan that reads every proposal and
 *           scores each pair (bigram-set Jaccard in JS).
 * Corpora are generated in the run (src/demo/proposal-text) and dropped afterwards.
 *
 * Loading dominates the run time: ~21.6M postings at 100k, ~4–5 min per engine on 2 shared cores
 * (13 min for both engines, both sizes); BENCH_SIZES=10000 takes about 2 min.
 *
 *   npm run build && node bench/text-index.js
 *   BENCH_SIZES=10000 BENCH_ENGINES=sqlite BENCH_QUERIES=50 BENCH_BRUTE_QUERIES=5 node bench/text-index.js
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { stats, time } = require('./lib/timing');
require('reflect-metadata');
const os = require('node:os');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/app-config');
const { appDataSourceOptions } = require('../dist/app.entities');
const { migrate } = require('../dist/database/migrate');
const { generateProposal, proposalFields, rephrase, seededRandom } = require('../dist/demo/proposal-text');
const { bigrams, jaccard, runs } = require('../dist/search/bigrams');
const { TextIndexService } = require('../dist/search/text-index.service');
const { LIKE_ESCAPE, likeContains } = require('../dist/common/pagination');

const SIZES = (process.env.BENCH_SIZES || '10000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ENGINES = (process.env.BENCH_ENGINES || 'sqlite,mariadb').split(',');
const QUERIES = Number(process.env.BENCH_QUERIES || 50);
const BRUTE_QUERIES = Number(process.env.BENCH_BRUTE_QUERIES || 5);
const BATCH = 1000;

const bodyOf = (p) => `${p.background}\n${p.suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;

/** Proposals [from, to) into the owner table (bench_docs) and the index, a transaction per batch. */
async function load(ds, index, from, to) {
  for (let start = from; start < to; start += BATCH) {
    const docs = [];
    for (let i = start; i < Math.min(start + BATCH, to); i++) docs.push({ id: i + 1, p: generateProposal(i) });
    await ds.transaction(async (em) => {
      await em.query(
        `INSERT INTO bench_docs (id, title, body) VALUES ${docs.map(() => '(?, ?, ?)').join(', ')}`,
        docs.flatMap((d) => [d.id, d.p.title, bodyOf(d.p)]),
      );
      await index.reindexMany(
        em,
        'proposal',
        docs.map((d) => ({ id: d.id, fields: proposalFields(d.p) })),
      );
    });
  }
}

/** Search terms a reviewer would type: 2 to 6 characters taken from random proposals, plus a few absent ones. */
function searchQueries(size, n) {
  const rng = seededRandom(size + 11);
  const out = [];
  while (out.length < n) {
    if (out.length % 10 === 9) {
      out.push(['量子计算', '航天育种', '冰雪运动'][out.length % 3]);
      continue;
    }
    const p = generateProposal(Math.floor(rng() * size));
    const chunks = runs(`${p.title}。${p.background}`).filter(
      (r) => Array.from(r).length >= 4 && /^\p{Script=Han}+$/u.test(r),
    );
    const run = Array.from(chunks[Math.floor(rng() * chunks.length)]);
    const len = Math.min(run.length, 2 + Math.floor(rng() * 5));
    const at = Math.floor(rng() * (run.length - len + 1));
    out.push(run.slice(at, at + len).join(''));
  }
  return out;
}

async function benchSearch(ds, index, size) {
  const queries = searchQueries(size, QUERIES);
  const indexed = [];
  const like = [];
  let disagree = 0;
  for (const q of queries) {
    const a = await time(async () => {
      const page = ds.createQueryBuilder().select('d.id', 'id').from('bench_docs', 'd');
      await index.applySearch(page, 'proposal', q, { idColumn: 'd.id', likeColumns: ['d.title', 'd.body'] });
      const count = page.clone().select('COUNT(*)', 'n');
      const rows = await page.orderBy('d.id', 'DESC').limit(20).getRawMany();
      const [{ n }] = await count.getRawMany();
      return { ids: rows.map((r) => Number(r.id)), total: Number(n) };
    });
    const b = await time(async () => {
      const where = `(d.title LIKE :q ${LIKE_ESCAPE} OR d.body LIKE :q ${LIKE_ESCAPE})`;
      const page = ds
        .createQueryBuilder()
        .select('d.id', 'id')
        .from('bench_docs', 'd')
        .where(where, { q: likeContains(q) });
      const rows = await page.clone().orderBy('d.id', 'DESC').limit(20).getRawMany();
      const [{ n }] = await page.clone().select('COUNT(*)', 'n').getRawMany();
      return { ids: rows.map((r) => Number(r.id)), total: Number(n) };
    });
    indexed.push(a.ms);
    like.push(b.ms);
    // The index means "holds every bigram", LIKE means "holds the string": the index may find more, never fewer.
    if (a.result.total < b.result.total)
      throw new Error(`index found ${a.result.total} for ${q}, LIKE ${b.result.total}`);
    if (a.result.total !== b.result.total) disagree++;
  }
  return {
    indexed: stats(indexed),
    like: stats(like),
    note: `${disagree}/${queries.length} queries matched more by bigrams than by LIKE`,
  };
}

async function benchSimilar(ds, index, size) {
  const rng = seededRandom(size + 23);
  const picks = Array.from({ length: QUERIES }, () => Math.floor(rng() * size));
  const byText = [];
  const byId = [];
  let firstRight = 0;
  for (const k of picks) {
    const dup = proposalFields(rephrase(generateProposal(k), k));
    const a = await time(() => index.similar('proposal', dup, { limit: 10 }));
    byText.push(a.ms);
    if (a.result[0] && a.result[0].id === k + 1) firstRight++;
    byId.push((await time(() => index.similar('proposal', k + 1, { limit: 10 }))).ms);
  }
  const brute = [];
  let bruteRight = 0;
  for (const k of picks.slice(0, BRUTE_QUERIES)) {
    const query = new Set(
      bigrams(
        proposalFields(rephrase(generateProposal(k), k))
          .map((f) => f.text)
          .join('\n'),
      ),
    );
    const b = await time(async () => {
      let best = { id: 0, score: -1 };
      const top = [];
      for (let from = 0; from < size; from += 10000) {
        const rows = await ds.query('SELECT id, title, body FROM bench_docs WHERE id > ? AND id <= ?', [
          from,
          from + 10000,
        ]);
        for (const r of rows) {
          const score = jaccard(query, new Set(bigrams(`${r.title}\n${r.body}`)));
          top.push(score);
          if (score > best.score) best = { id: Number(r.id), score };
        }
      }
      return best;
    });
    brute.push(b.ms);
    if (b.result.id === k + 1) bruteRight++;
  }
  return {
    byText: stats(byText),
    byId: stats(byId),
    brute: stats(brute),
    note: `rephrased duplicate ranked first: index ${firstRight}/${picks.length}, brute force ${bruteRight}/${brute.length}`,
  };
}

async function benchEngine(engine) {
  const db = await databaseFor(engine, 'bench_text');
  const ds = new DataSource(appDataSourceOptions(loadConfig({ DATABASE_URL: db.url })));
  await ds.initialize();
  const rows = [];
  try {
    await migrate(ds);
    await ds.query(
      'CREATE TABLE bench_docs (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL, body TEXT NOT NULL)',
    );
    const index = new TextIndexService(ds);
    let loaded = 0;
    for (const size of SIZES) {
      const t = await time(() => load(ds, index, loaded, size));
      loaded = size;
      const [{ n }] = await ds.query("SELECT COUNT(*) AS n FROM text_grams WHERE ownerType = 'proposal'");
      process.stderr.write(`${engine} ${size}: loaded in ${(t.ms / 1000).toFixed(0)} s, ${n} postings\n`);
      const search = await benchSearch(ds, index, size);
      const similar = await benchSimilar(ds, index, size);
      rows.push({ engine, size, postings: Number(n), search, similar });
    }
  } finally {
    await ds.destroy();
    await db.drop();
  }
  return rows;
}

(async () => {
  const results = [];
  for (const engine of ENGINES) results.push(...(await benchEngine(engine)));
  const pad = (s, n) => String(s).padEnd(n);
  const f = (x) => x.toFixed(1);
  console.log(
    `\nbench/text-index — ${os.cpus().length} cores, node ${process.version}, ${QUERIES} queries each (brute force: ${BRUTE_QUERIES}); times in ms`,
  );
  console.log(
    pad('engine', 9) +
      pad('docs', 8) +
      pad('operation', 44) +
      pad('median', 9) +
      pad('p95', 9) +
      pad('baseline', 46) +
      pad('median', 9) +
      pad('p95', 9) +
      'speed-up',
  );
  for (const r of results) {
    const line = (op, a, baseName, b) =>
      console.log(
        pad(r.engine, 9) +
          pad(r.size, 8) +
          pad(op, 44) +
          pad(f(a.median), 9) +
          pad(f(a.p95), 9) +
          pad(baseName, 46) +
          pad(f(b.median), 9) +
          pad(f(b.p95), 9) +
          `×${(b.median / a.median).toFixed(1)}`,
      );
    line('search: page of 20 + total, via index', r.search.indexed, 'same list, title/body LIKE %q%', r.search.like);
    line('similar: rephrased text, top 10', r.similar.byText, 'brute force: read all, Jaccard each', r.similar.brute);
    line(
      'similar: indexed proposal by id, top 10',
      r.similar.byId,
      'brute force: read all, Jaccard each',
      r.similar.brute,
    );
    console.log(pad('', 17) + `${r.postings} postings; ${r.search.note}; ${r.similar.note}`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
