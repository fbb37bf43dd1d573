#!/usr/bin/env node
/**
 * bench/opinions — 社情民意 at 100k items, through the real HTTP API (the app as its own process, a staff token),
 * each request beside the same query as hand-written SQL on the same database in the same run, alternating,
 * median of --runs after 3 warm-ups, and their ratio:
 *   floor    `GET /users/me`: what any authenticated request costs;
 *   list     the staff's desk, no filter (every item but others' drafts), first page of 20 with the total;
 *   search   `q` with a two-word Chinese phrase (the bigram index, confirmed by LIKE);
 *   similar  `GET /opinions/:id/similar` of an item: the SQL side sends the statements the service sends
 *            (bench/lib/similar.js, shared with bench/proposals) for the opinions' half — the proposals' half
 *            finds an empty index here;
 *   stats    `GET /opinions/stats?year=2026`: the five grouped statements of `statsSql`, run raw with the same
 *            parameters (the totals must agree).
 * Items are generated (src/demo/proposal-text.ts) over 2024–2026 with statuses as an office sees them, one to
 * three contributors, 3 % taken up by an upper body, inserted with multi-row INSERTs and indexed with
 * TextIndexService.reindexMany; the database is dropped afterwards.
 *
 *   npm run build && node bench/opinions.js                      # SQLite, 100k
 *   node bench/opinions.js --engine mariadb                      # MariaDB, 100k: about 6 min on 2 busy cores
 *   node bench/opinions.js --engine mariadb --items 20000 --runs 9
 *   BENCH_KEEP=1 node bench/opinions.js …                        # keep the database to EXPLAIN its queries
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
const { compare: compareTimes, matches, option, time, pad } = require('./lib/timing');
require('reflect-metadata');
const os = require('node:os');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/app-config');
const { appDataSourceOptions } = require('../dist/app.entities');
const { generateProposal, seededRandom } = require('../dist/demo/proposal-text');
const { searchTerms } = require('../dist/search/bigrams');
const { rawSimilar: similarSql } = require('./lib/similar');
const { TextIndexService } = require('../dist/search/text-index.service');
const { opinionFields } = require('../dist/opinions/opinion-text');
const { loadAdoptionLevels } = require('../dist/opinions/opinion-outcomes');
const { loadOpinionConfig } = require('../dist/opinions/opinions.config');
const { statsSql, statsParams } = require('../dist/opinions/opinion-stats.service');

const ENGINE = option('engine', process.env.BENCH_ENGINE || 'sqlite');
const ITEMS = Number(option('items', process.env.BENCH_ITEMS || 100000));
const MEMBERS = Number(option('members', 500));
const RUNS = Number(option('runs', process.env.BENCH_RUNS || 15));
const WARMUP = 3;
const PORT = Number(process.env.BENCH_PORT || 3953);
const BATCH = 1000;
const NOW = new Date('2026-11-27T02:00:00Z');
const YEAR = 2026;
const PHRASE = '养老 服务';
const CATEGORIES = ['economy', 'livelihood', 'governance', 'culture', 'ecology', 'rule_of_law', 'other'];
const STATUSES = [
  ['archived', 0.55],
  ['accepted', 0.3],
  ['submitted', 0.08],
  ['returned', 0.03],
  ['draft', 0.04],
];
const LEVELS = loadAdoptionLevels();
const MIN_SIMILAR = loadOpinionConfig().similarMinPercent / 100;
/** A value as the engine's driver takes it: SQLite stores times as UTC text, as TypeORM writes them. */
const sqlValue = (v) =>
  v instanceof Date && ENGINE === 'sqlite' ? v.toISOString().replace('T', ' ').replace('Z', '') : v;
const marks = (n) => Array.from({ length: n }, () => '?').join(', ');

function draw(rng, weighted) {
  let x = rng();
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
}

async function insertRows(em, table, columns, rows) {
  const per = Math.max(1, Math.floor(900 / columns.length)); // SQLite's 999 variables
  for (let at = 0; at < rows.length; at += per) {
    const part = rows.slice(at, at + per);
    await em.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => `(${marks(columns.length)})`).join(', ')}`,
      part.flat().map(sqlValue),
    );
  }
}

async function seedDirectory(ds, port) {
  const admin = await login(port, 'admin');
  const sectors = (await ds.query('SELECT id FROM sectors ORDER BY id')).map((r) => Number(r.id));
  const committees = (await ds.query('SELECT id FROM committees ORDER BY id')).map((r) => Number(r.id));
  await insertRows(
    ds,
    'members',
    ['name', 'gender', 'sectorId', 'term', 'status', 'disabled', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: MEMBERS }, (_, i) => [
      `委员${i + 1}`,
      i % 2 ? 'female' : 'male',
      sectors[i % sectors.length],
      '第五届',
      'active',
      0,
      NOW,
      NOW,
      1,
    ]),
  );
  const members = (await ds.query('SELECT id, sectorId FROM members ORDER BY id')).map((r) => ({
    id: Number(r.id),
    sectorId: Number(r.sectorId),
  }));
  if (committees.length)
    await insertRows(
      ds,
      'member_committees',
      ['memberId', 'committeeId'],
      members.map((m, i) => [m.id, committees[i % committees.length]]),
    );
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ username: 'bench-staff', password: ADMIN_PASSWORD, displayName: '机关', roles: ['staff'] }),
  });
  if (!res.ok) throw new Error(`staff account: ${res.status} ${await res.text()}`);
  const staffUserId = (await res.json()).id;
  const [{ id: userId }] = await ds.query('SELECT MIN(id) AS id FROM users');
  return { members, committees, staffUserId, fileUserId: Number(userId) };
}

/** Items [0, ITEMS): rows, contributors, adoptions and the index, in batches. */
async function load(ds, dir) {
  const index = new TextIndexService(ds);
  const columns = [
    'id',
    'title',
    'content',
    'category',
    'status',
    'submitterKind',
    'leadMemberId',
    'filedByUserId',
    'sectorId',
    'committeeId',
    'reviewNote',
    'reviewedAt',
    'submittedAt',
    'createdAt',
    'updatedAt',
    'version',
  ];
  const span = Date.UTC(2026, 10, 26) - Date.UTC(2024, 0, 1);
  let rowsMs = 0;
  let indexMs = 0;
  for (let start = 0; start < ITEMS; start += BATCH) {
    const items = [];
    const contributors = [];
    const adoptions = [];
    const docs = [];
    for (let seed = start; seed < Math.min(ITEMS, start + BATCH); seed++) {
      const id = seed + 1;
      const rng = seededRandom(seed * 31 + 7);
      const text = generateProposal(seed);
      const content = text.background.slice(0, 1400);
      const status = draw(rng, STATUSES);
      const lead = dir.members[Math.floor(rng() * dir.members.length)];
      const submittedAt = status === 'draft' ? null : new Date(Date.UTC(2024, 0, 1) + Math.floor(rng() * span));
      const reviewedAt = ['accepted', 'archived', 'returned'].includes(status)
        ? new Date(submittedAt.getTime() + 86_400_000 * (1 + Math.floor(rng() * 20)))
        : null;
      items.push([
        id,
        text.title.slice(0, 200),
        content,
        CATEGORIES[seed % CATEGORIES.length],
        status,
        'member',
        lead.id,
        dir.fileUserId,
        lead.sectorId,
        null,
        status === 'archived' ? '未采用' : null,
        reviewedAt,
        submittedAt,
        submittedAt ?? NOW,
        reviewedAt ?? submittedAt ?? NOW,
        1,
      ]);
      const n = 1 + Math.floor(rng() * rng() * 3);
      const signers = new Set([lead.id]);
      while (signers.size < n) signers.add(dir.members[Math.floor(rng() * dir.members.length)].id);
      [...signers].forEach((m, i) => contributors.push([id, i + 1, m, null, null]));
      if (status === 'accepted' && rng() < 0.1) {
        const level = LEVELS[Math.floor(rng() * LEVELS.length)];
        const day = new Date(reviewedAt.getTime() + 86_400_000 * 10).toISOString().slice(0, 10);
        adoptions.push([id, level.code, level.label, `第${seed % 200}期`, day, null, dir.staffUserId, NOW]);
      }
      if (status !== 'draft') docs.push({ id, fields: opinionFields({ title: text.title, content }) });
    }
    rowsMs += (
      await time(() =>
        ds.transaction(async (em) => {
          await insertRows(em, 'opinions', columns, items);
          await insertRows(
            em,
            'opinion_contributors',
            ['opinionId', 'position', 'memberId', 'organisationName', 'sourceOpinionId'],
            contributors,
          );
          await insertRows(
            em,
            'opinion_adoptions',
            ['opinionId', 'level', 'bodyName', 'issueText', 'adoptedOn', 'note', 'recordedByUserId', 'createdAt'],
            adoptions,
          );
        }),
      )
    ).ms;
    indexMs += (await time(() => ds.transaction((em) => index.reindexMany(em, 'opinion', docs)))).ms;
    process.stderr.write('.');
  }
  return { rowsMs, indexMs };
}

function api(port, token) {
  return async (path) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** A page as hand-written SQL reads it: the total, the page's ids, those rows, their contributors with names. */
async function rawPage(ds, where, params) {
  const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM opinions o WHERE ${where}`, params);
  const page = await ds.query(`SELECT o.id FROM opinions o WHERE ${where} ORDER BY o.id DESC LIMIT 20`, params);
  const ids = page.map((r) => Number(r.id));
  if (ids.length) {
    await ds.query(`SELECT * FROM opinions WHERE id IN (${marks(ids.length)})`, ids);
    await ds.query(
      `SELECT c.opinionId, c.position, c.memberId, m.name FROM opinion_contributors c LEFT JOIN members m ON m.id = c.memberId WHERE c.opinionId IN (${marks(ids.length)}) ORDER BY c.position`,
      ids,
    );
  }
  return { total: Number(n), ids };
}

async function rawSearch(ds, q, staffUserId) {
  const { grams, phrases } = searchTerms(q);
  const df = await ds.query(
    `SELECT gram, df FROM text_gram_df WHERE ownerType = 'opinion' AND gram IN (${marks(grams.length)})`,
    grams,
  );
  const order = df.sort((a, b) => a.df - b.df).map((r) => r.gram);
  const joins = order
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN text_grams g${i + 1} ON g${i + 1}.ownerType = g0.ownerType AND g${i + 1}.gram = ? AND g${i + 1}.ownerId = g0.ownerId`,
    )
    .join('');
  const like = phrases.map(() => '(o.title LIKE ? OR o.content LIKE ?)').join(' AND ');
  return rawPage(
    ds,
    `(o.status <> 'draft' OR o.filedByUserId = ?) AND o.id IN (SELECT g0.ownerId FROM text_grams g0${joins} WHERE g0.ownerType = 'opinion' AND g0.gram = ?) AND ${like}`,
    [staffUserId, ...order.slice(1), order[0], ...phrases.flatMap((p) => [`%${p}%`, `%${p}%`])],
  );
}

/**
 * Similar items: the statements TextIndexService.similar sends (bench/lib/similar.js) for the opinions' half —
 * limit 30, then the configured minimum and no drafts, as OpinionsService.similar; its proposals' half finds an
 * empty index here.
 */
async function rawSimilar(ds, id) {
  const hits = await similarSql((sql, params) => ds.query(sql, params), {
    engine: ENGINE,
    ownerType: 'opinion',
    id,
    limit: 30,
    shown: async (ids) =>
      (await ds.query(`SELECT id FROM opinions WHERE id IN (${marks(ids.length)}) AND status <> 'draft'`, ids)).map(
        (r) => Number(r.id),
      ),
  });
  return hits.filter((h) => h.score >= MIN_SIMILAR).slice(0, 10);
}

/** The statistics' five statements, as the service sends them, with the year's parameters. */
async function rawStats(ds) {
  const params = statsParams(YEAR, 'Asia/Shanghai', LEVELS);
  const out = {};
  for (const dim of ['total', 'member', 'sector', 'committee', 'month']) {
    const [sql, bound] = ds.driver.escapeQueryWithParameters(statsSql(dim, LEVELS), params);
    out[dim] = await ds.query(sql, bound);
  }
  return { total: Number(out.total[0].submitted), members: out.member.length };
}

(async () => {
  const started = Date.now();
  const db = await databaseFor(ENGINE, 'bench_opinions');
  let app = startApp(db.url, PORT);
  const ds = new DataSource(appDataSourceOptions(loadConfig({ DATABASE_URL: db.url })));
  const rows = [];
  let loaded;
  try {
    await waitForHealth(PORT);
    await ds.initialize();
    const dir = await seedDirectory(ds, PORT);
    // The app is stopped while the archive goes in: on SQLite its jobs would wait on the loader's long transactions.
    await stopApp(app);
    loaded = await time(() => load(ds, dir));
    app = startApp(db.url, PORT);
    await waitForHealth(PORT);
    process.stderr.write(`\nloaded ${ITEMS} items in ${(loaded.ms / 1000).toFixed(0)} s\n`);
    const call = api(PORT, await login(PORT, 'bench-staff'));
    const compare = (viaApi, viaSql) => compareTimes(viaApi, viaSql, RUNS, WARMUP);
    const floor = await compare(
      () => call('/users/me'),
      () => ds.query('SELECT id FROM users WHERE id = ?', [dir.staffUserId]),
    );
    rows.push({ what: 'GET /users/me (the floor)', ...floor });
    const list = await compare(
      () => call('/opinions'),
      () => rawPage(ds, "(o.status <> 'draft' OR o.filedByUserId = ?)", [dir.staffUserId]),
    );
    rows.push({ what: "list: the staff's desk, page 1", note: matches(list), ...list });
    const search = await compare(
      () => call(`/opinions?q=${encodeURIComponent(PHRASE)}`),
      () => rawSearch(ds, PHRASE, dir.staffUserId),
    );
    rows.push({ what: `search: q=${PHRASE}`, note: matches(search), ...search });
    const [{ id: probe }] = await ds.query("SELECT MAX(id) AS id FROM opinions WHERE status = 'submitted'");
    const similar = await compare(
      () => call(`/opinions/${probe}/similar`),
      () => rawSimilar(ds, Number(probe)),
    );
    const first = similar.last.api.opinions[0];
    const rawFirst = similar.last.sql[0];
    rows.push({
      what: 'similar: one submitted item, top 10',
      note: `same first: ${first?.id === rawFirst?.id ? 'yes' : 'NO'} (${first?.id} / ${rawFirst?.id})`,
      ...similar,
    });
    const stats = await compare(
      async () => {
        const s = await call(`/opinions/stats?year=${YEAR}`);
        return { total: s.total.submitted, members: s.byMember.length };
      },
      () => rawStats(ds),
    );
    rows.push({ what: `stats: year ${YEAR}, five grouped queries`, note: matches(stats), ...stats });
  } finally {
    await stopApp(app);
    if (ds.isInitialized) await ds.destroy();
    if (process.env.BENCH_KEEP) process.stderr.write(`kept the database: ${db.url}\n`);
    else await db.drop();
  }
  const f = (x) => x.toFixed(1);
  console.log(
    `\nbench/opinions — ${ENGINE}, ${ITEMS} items, ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} runs after ${WARMUP} warm-up; ms; loaded in ${(loaded.ms / 1000).toFixed(0)} s (rows ${(loaded.result.rowsMs / 1000).toFixed(0)} s, index ${(loaded.result.indexMs / 1000).toFixed(0)} s); load at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
  );
  console.log(pad('request', 40) + pad('API', 9) + pad('raw SQL', 9) + pad('ratio', 8) + 'note');
  for (const row of rows)
    console.log(
      pad(row.what, 40) +
        pad(f(row.api), 9) +
        pad(f(row.sql), 9) +
        pad(`×${row.ratio.toFixed(1)}`, 8) +
        (row.note ?? ''),
    );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
