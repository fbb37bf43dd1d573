#!/usr/bin/env node
/**
 * bench/topics — the consultation board at 20k topics and 200k outcomes on MariaDB, through the real
 * HTTP API (the app as its own process), each request beside the raw mysql2 time of the equivalent
 * hand-written SQL in the same run, alternating, median of N, and their ratio:
 *   floor     `GET /users/me`: what any authenticated request costs;
 *   board     `GET /topics` (staff, no filter), then with status + level, then `breached=true`: the total,
 *             a page of 20 ids, those rows, their organisers, raisers, meeting and outcome counts, clocks;
 *   stats     `GET /stats/topics` and `?year=2026&level=grid`: the three grouped queries;
 *   overdue   `GET /outcomes?overdue=true` for staff and for one unit: the total, a page by due date,
 *             the rows, their feedback, units, topics and organisers.
 * Topics, clocks and outcomes are generated over three years (levels, organisers, steps, "252" on grid and
 * community matters, missed clocks, overdue outcomes) and inserted with multi-row INSERTs; accounts through
 * the API. The database is dropped afterwards.
 *
 *   npm run build && node bench/topics.js                 # 20k / 200k, a few minutes
 *   node bench/topics.js --topics 5000 --outcomes 50000 --runs 9
 *   BENCH_KEEP=1 node bench/topics.js                    # keep the database to EXPLAIN its queries
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
const { compare: compareTimes, matches, time, pad } = require('./lib/timing');
const os = require('node:os');
const mysql = require('mysql2/promise');
const { seededRandom } = require('../dist/demo/proposal-text');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const TOPICS = Number(option('topics', 20000));
const OUTCOMES = Number(option('outcomes', 200000));
const RUNS = Number(option('runs', process.env.BENCH_RUNS || 15));
const WARMUP = 3;
const PORT = Number(process.env.BENCH_PORT || 3947);
const INSERT_ROWS = 2000;
const POINTS = 200;
const DAY = 86_400_000;
const NOW = new Date('2026-11-27T02:00:00Z');
const START = new Date('2024-01-01T00:00:00Z');
const OPEN = ['open', 'in_progress'];

const LEVELS = [
  ['city', 0.05],
  ['district', 0.1],
  ['street', 0.2],
  ['community', 0.4],
  ['grid', 0.25],
];
const STATUSES = [
  ['raised', 0.08],
  ['settled', 0.07],
  ['declined', 0.05],
  ['deliberating', 0.2],
  ['resolving', 0.3],
  ['evaluated', 0.3],
];
const WITH_OUTCOMES = new Set(['deliberating', 'resolving', 'evaluated']);
const SUBJECTS = [
  '小区停车位规划',
  '老旧小区加装电梯',
  '背街小巷环境整治',
  '农贸市场改造',
  '社区养老服务',
  '学校周边交通安全',
  '垃圾分类收运',
  '口袋公园建设',
  '物业服务提升',
  '夜间噪音治理',
];
const THEMES = [
  '加强领导，高位推动',
  '完善机制，规范管理',
  '加大投入，强化保障',
  '广泛宣传，凝聚共识',
  '强化督查，抓好落实',
];
const UNITS = [
  '市发展和改革委员会',
  '市教育局',
  '市公安局',
  '市民政局',
  '市财政局',
  '市自然资源局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市交通运输局',
  '市城市管理局',
  '市卫生健康委员会',
  '市市场监督管理局',
  '利通区人民政府',
  '红寺堡区人民政府',
  '青铜峡市人民政府',
];

const weighted = (rng, table) => {
  let x = rng();
  for (const [value, p] of table) if ((x -= p) < 0) return value;
  return table[table.length - 1][0];
};

async function insertRows(conn, table, columns, rows) {
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    const part = rows.slice(at, at + INSERT_ROWS);
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [part]);
  }
}

async function account(port, admin, username, roles, extra = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ username, password: ADMIN_PASSWORD, displayName: username, roles, ...extra }),
  });
  if (!res.ok) throw new Error(`account ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

/** Points and units in bulk; staff, a facilitator of point 1 and an account of unit 1 through the API. */
async function seedDirectory(conn, port, admin) {
  await insertRows(
    conn,
    'consultation_points',
    ['name', 'district', 'disabled', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: POINTS }, (_, i) => [`第${i + 1}协商议事点`, '利通区', 0, NOW, NOW, 1]),
  );
  await insertRows(
    conn,
    'units',
    ['name', 'kind', 'disabled', 'createdAt', 'updatedAt', 'version'],
    UNITS.map((n) => [n, 'government', 0, NOW, NOW, 1]),
  );
  const ids = async (table) => (await conn.query(`SELECT id FROM ${table} ORDER BY id`))[0].map((r) => r.id);
  const dir = {
    points: await ids('consultation_points'),
    units: await ids('units'),
    committees: await ids('committees'),
    sectors: await ids('sectors'),
  };
  dir.staffUserId = await account(port, admin, 'bench-staff', ['staff']);
  await account(port, admin, 'bench-facilitator', ['facilitator'], { pointId: dir.points[0] });
  await account(port, admin, 'bench-unit', ['unit'], { unitId: dir.units[0] });
  return dir;
}

/** Topics with their clocks, then outcomes spread over the topics past 定题, all inserted in bulk. */
async function load(conn, dir) {
  const rng = seededRandom(20261127);
  const topics = [];
  const clocks = [];
  for (let id = 1; id <= TOPICS; id++) {
    const level = weighted(rng, LEVELS);
    const status = weighted(rng, STATUSES);
    const x = rng();
    const [organizerType, organizerId] =
      level === 'grid' || level === 'community' || x < 0.4
        ? ['point', dir.points[Math.floor(rng() * POINTS)]]
        : x < 0.8
          ? ['committee', dir.committees[Math.floor(rng() * dir.committees.length)]]
          : ['sector', dir.sectors[Math.floor(rng() * dir.sectors.length)]];
    const createdAt = new Date(
      START.getTime() + Math.floor(rng() * ((NOW - START) / DAY - 3)) * DAY + Math.floor(rng() * DAY),
    );
    const promise = (level === 'grid' || level === 'community') && rng() < 0.6;
    const at = (days) => new Date(createdAt.getTime() + days * DAY);
    topics.push([
      id,
      `关于${SUBJECTS[id % SUBJECTS.length]}的协商议题（${id}）`,
      '居民反映强烈，请求协商解决。',
      level,
      organizerType === 'point' ? 'public' : 'member',
      organizerType,
      organizerId,
      dir.staffUserId,
      status,
      status === 'declined' ? '不属于协商范围' : null,
      promise ? '252' : null,
      status === 'evaluated' && rng() < 0.5 ? 1 : 0,
      null,
      status === 'raised' || status === 'declined' ? null : at(1),
      ['resolving', 'evaluated'].includes(status) ? at(20) : null,
      status === 'evaluated' ? at(60) : null,
      createdAt,
      createdAt,
      3,
    ]);
    if (promise) {
      // Most promises kept; some acknowledged or answered late, some never answered, some solved late.
      const ack = rng() < 0.9 ? 60_000 : 180_000;
      const answer = rng() < 0.85 ? 240_000 : rng() < 0.5 ? 420_000 : null;
      const solved = ['resolving', 'evaluated'].includes(status) ? (rng() < 0.7 ? DAY : 3 * DAY) : null;
      // Missed: when the late step came, or (never done) when the sweep passed the deadline.
      const row = (clock, due, done) => {
        const dueAt = at(due / DAY);
        const doneAt = done === null ? null : at(done / DAY);
        const breachedAt = doneAt ? (done > due ? doneAt : null) : dueAt < NOW ? dueAt : null;
        return [id, clock, dueAt, doneAt, doneAt ? dir.staffUserId : null, null, breachedAt];
      };
      clocks.push(row('acknowledge', 120_000, ack), row('answer', 300_000, answer), row('solve', 2 * DAY, solved));
    }
  }
  await insertRows(
    conn,
    'topics',
    [
      'id',
      'title',
      'description',
      'level',
      'source',
      'organizerType',
      'organizerId',
      'raisedByUserId',
      'status',
      'declineReason',
      'responsePolicy',
      'published',
      'publishedAt',
      'settledAt',
      'resolvedAt',
      'evaluatedAt',
      'createdAt',
      'updatedAt',
      'version',
    ],
    topics,
  );
  await insertRows(
    conn,
    'topic_clocks',
    ['topicId', 'clock', 'dueAt', 'doneAt', 'doneByUserId', 'text', 'breachedAt'],
    clocks,
  );
  const hosts = topics.filter((t) => WITH_OUTCOMES.has(t[8]));
  const outcomes = [];
  for (let i = 0; i < OUTCOMES; i++) {
    const t = hosts[i % hosts.length];
    const position = Math.floor(i / hosts.length) + 1;
    const settledAt = t[13];
    const dueAt = rng() < 0.9 ? new Date(settledAt.getTime() + (30 + Math.floor(rng() * 300)) * DAY) : null;
    const status =
      t[8] === 'evaluated'
        ? rng() < 0.8
          ? 'done'
          : 'not_adopted'
        : weighted(rng, [
            ['open', 0.3],
            ['in_progress', 0.4],
            ['done', 0.25],
            ['not_adopted', 0.05],
          ]);
    const overdueAt = dueAt && OPEN.includes(status) && dueAt < NOW ? dueAt : null;
    const theme = (position - 1) % THEMES.length;
    outcomes.push([
      t[0],
      position % 3 ? 'recommendation' : 'decision',
      THEMES[theme],
      theme + 1,
      position,
      `${THEMES[theme]}：第${position}条建议`,
      dir.units[Math.floor(rng() * dir.units.length)],
      dueAt,
      status,
      overdueAt,
      OPEN.includes(status) ? null : new Date(settledAt.getTime() + 90 * DAY),
      dir.staffUserId,
      settledAt,
      settledAt,
      2,
    ]);
  }
  await insertRows(
    conn,
    'topic_outcomes',
    [
      'topicId',
      'kind',
      'theme',
      'themeOrder',
      'position',
      'text',
      'unitId',
      'dueAt',
      'status',
      'overdueAt',
      'closedAt',
      'createdByUserId',
      'createdAt',
      'updatedAt',
      'version',
    ],
    outcomes,
  );
  return { topics: topics.length, clocks: clocks.length, outcomes: outcomes.length };
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

/** A board page as hand-written SQL reads it: the total, the ids, the rows with their organisers and raisers, meeting and outcome counts, clocks. */
async function rawBoard(conn, where, params) {
  const [[{ n }]] = await conn.query(`SELECT COUNT(*) AS n FROM topics t WHERE ${where}`, params);
  const [page] = await conn.query(`SELECT t.id FROM topics t WHERE ${where} ORDER BY t.id DESC LIMIT 20`, params);
  const ids = page.map((r) => r.id);
  if (ids.length) {
    await conn.query(
      `SELECT t.*, COALESCE(c.name, s.name, p.name) AS organizerName, u.displayName FROM topics t
       LEFT JOIN committees c ON t.organizerType = 'committee' AND c.id = t.organizerId LEFT JOIN sectors s ON t.organizerType = 'sector' AND s.id = t.organizerId
       LEFT JOIN consultation_points p ON t.organizerType = 'point' AND p.id = t.organizerId JOIN users u ON u.id = t.raisedByUserId WHERE t.id IN (?)`,
      [ids],
    );
    await conn.query('SELECT topicId, COUNT(*) AS n FROM meetings WHERE topicId IN (?) GROUP BY topicId', [ids]);
    await conn.query(
      'SELECT topicId, status, COUNT(*) AS n FROM topic_outcomes WHERE topicId IN (?) GROUP BY topicId, status',
      [ids],
    );
    await conn.query('SELECT * FROM topic_clocks WHERE topicId IN (?)', [ids]);
  }
  return { total: Number(n) };
}

const BREACHED = 't.id IN (SELECT bc.topicId FROM topic_clocks bc WHERE bc.breachedAt IS NOT NULL)';

/** The statistics' three grouped queries. */
async function rawStats(conn, where, params) {
  const [topics] = await conn.query(
    `SELECT t.level, t.status, t.organizerType, t.organizerId, COUNT(*) AS n, SUM(t.responsePolicy IS NOT NULL) AS promised FROM topics t WHERE ${where} GROUP BY t.level, t.status, t.organizerType, t.organizerId`,
    params,
  );
  await conn.query(
    `SELECT t.organizerType, t.organizerId, o.status, COUNT(*) AS n, SUM(o.overdueAt IS NOT NULL AND o.status IN ('open', 'in_progress')) AS overdue FROM topic_outcomes o JOIN topics t ON t.id = o.topicId WHERE ${where} GROUP BY t.organizerType, t.organizerId, o.status`,
    params,
  );
  await conn.query(
    `SELECT c.clock, COUNT(*) AS n FROM topic_clocks c JOIN topics t ON t.id = c.topicId WHERE c.breachedAt IS NOT NULL AND ${where} GROUP BY c.clock`,
    params,
  );
  await conn.query(
    `SELECT COUNT(DISTINCT c.topicId) AS n FROM topic_clocks c JOIN topics t ON t.id = c.topicId WHERE c.breachedAt IS NOT NULL AND ${where}`,
    params,
  );
  return { total: topics.reduce((a, r) => a + Number(r.n), 0) };
}

/** The overdue outcomes as hand-written SQL: the total, a page by due date, the rows with unit and topic and organiser, their feedback. */
async function rawOverdue(conn, scope, params) {
  const where = `o.overdueAt IS NOT NULL AND o.status IN ('open', 'in_progress') AND o.dueAt IS NOT NULL${scope}`;
  const [[{ n }]] = await conn.query(`SELECT COUNT(*) AS n FROM topic_outcomes o WHERE ${where}`, params);
  const [page] = await conn.query(
    `SELECT o.id FROM topic_outcomes o WHERE ${where} ORDER BY o.dueAt, o.id LIMIT 20`,
    params,
  );
  const ids = page.map((r) => r.id);
  if (ids.length) {
    await conn.query(
      `SELECT o.*, un.name AS unitName, t.title, t.status AS topicStatus, COALESCE(c.name, s.name, p.name) AS organizerName FROM topic_outcomes o
       LEFT JOIN units un ON un.id = o.unitId JOIN topics t ON t.id = o.topicId LEFT JOIN committees c ON t.organizerType = 'committee' AND c.id = t.organizerId
       LEFT JOIN sectors s ON t.organizerType = 'sector' AND s.id = t.organizerId LEFT JOIN consultation_points p ON t.organizerType = 'point' AND p.id = t.organizerId WHERE o.id IN (?)`,
      [ids],
    );
    await conn.query(
      'SELECT f.*, u.displayName FROM outcome_feedback f JOIN users u ON u.id = f.byUserId WHERE f.outcomeId IN (?)',
      [ids],
    );
  }
  return { total: Number(n) };
}

const compare = (viaApi, viaSql) => compareTimes(viaApi, viaSql, RUNS, WARMUP);

async function bench(conn, port, dir) {
  const staff = api(port, await login(port, 'bench-staff'));
  const unit = api(port, await login(port, 'bench-unit'));
  const rows = [];
  const row = async (what, viaApi, viaSql, check = matches) => {
    const r = await compare(viaApi, viaSql);
    rows.push({ what, note: check(r), ...r });
  };
  await row(
    'GET /users/me (the floor)',
    () => staff('/users/me'),
    () => conn.query('SELECT id FROM users WHERE id = ?', [dir.staffUserId]),
    () => '',
  );
  await row(
    'GET /topics (staff, no filter)',
    () => staff('/topics'),
    () => rawBoard(conn, '1 = 1', []),
  );
  await row(
    'GET /topics?status=resolving&level=community',
    () => staff('/topics?status=resolving&level=community'),
    () => rawBoard(conn, "t.status = 'resolving' AND t.level = 'community'", []),
  );
  await row(
    'GET /topics?breached=true',
    () => staff('/topics?breached=true'),
    () => rawBoard(conn, BREACHED, []),
  );
  const year = [
    't.createdAt >= ? AND t.createdAt < ?',
    [new Date('2025-12-31T16:00:00Z'), new Date('2026-12-31T16:00:00Z')],
  ];
  await row(
    'GET /stats/topics',
    () => staff('/stats/topics'),
    () => rawStats(conn, '1 = 1', []),
  );
  await row(
    'GET /stats/topics?year=2026&level=grid',
    () => staff('/stats/topics?year=2026&level=grid'),
    () => rawStats(conn, `${year[0]} AND t.level = 'grid'`, year[1]),
  );
  await row(
    'GET /outcomes?overdue=true (staff)',
    () => staff('/outcomes?overdue=true'),
    () => rawOverdue(conn, '', []),
  );
  await row(
    'GET /outcomes?overdue=true (a unit)',
    () => unit('/outcomes?overdue=true'),
    () => rawOverdue(conn, ' AND o.unitId = ?', [dir.units[0]]),
  );
  return rows;
}

(async () => {
  const started = Date.now();
  const db = await databaseFor('mariadb', 'bench_topics');
  const app = startApp(db.url, PORT);
  const conn = await mysql.createConnection(db.url);
  let loaded;
  let rows;
  try {
    await waitForHealth(PORT);
    const dir = await seedDirectory(conn, PORT, await login(PORT, 'admin'));
    loaded = await time(() => load(conn, dir));
    process.stderr.write(
      `loaded ${loaded.result.topics} topics, ${loaded.result.clocks} clocks, ${loaded.result.outcomes} outcomes in ${(loaded.ms / 1000).toFixed(0)} s\n`,
    );
    await conn.query('ANALYZE TABLE topics, topic_clocks, topic_outcomes');
    rows = await bench(conn, PORT, dir);
  } finally {
    await stopApp(app);
    await conn.end();
    if (process.env.BENCH_KEEP) process.stderr.write(`kept the database: ${db.url}\n`);
    else await db.drop();
  }
  console.log(
    `\nbench/topics — MariaDB, ${loaded.result.topics} topics, ${loaded.result.outcomes} outcomes, ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} runs after ${WARMUP} warm-up; ms; load at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
  );
  console.log(pad('request', 48) + pad('API', 9) + pad('raw SQL', 9) + pad('ratio', 8) + 'note');
  for (const r of rows)
    console.log(
      pad(r.what, 48) + pad(r.api.toFixed(1), 9) + pad(r.sql.toFixed(1), 9) + pad(`×${r.ratio.toFixed(1)}`, 8) + r.note,
    );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
