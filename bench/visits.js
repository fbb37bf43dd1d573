#!/usr/bin/env node
/**
 * bench/visits — planning a visit against a full archive: 5,000 visits and meetings over 2026 (half
 * each), 300 members taking part in them (about 150 events a member a year), through the real HTTP API
 * (the app as its own process, a staff token), each beside the raw SQL of the same question in the
 * same run, alternating, and their ratio:
 *   floor       `GET /users/me`: what any authenticated request costs;
 *   conflicts   `GET /visits/conflicts` for 30 members over a morning: their overlapping visits and
 *               meetings (the check `POST /visits` makes before writing);
 *   409         `POST /visits` inviting the same 30 members then: the check, refused with every conflict,
 *               nothing written;
 *   free/busy   `GET /visits/free-busy` for 30 members over June 2026: every visit and meeting of theirs
 *               that month, and who is busy each Beijing day.
 * The raw side is one UNION ALL over visit_participants ⋈ visits and meeting_participants ⋈ meetings with
 * the members' names (what the API answers), on mysql2 or better-sqlite3 directly. The counts of both
 * sides are checked equal.
 *
 *   npm run build && node bench/visits.js                  # MariaDB and SQLite
 *   BENCH_ENGINES=sqlite node bench/visits.js --runs 9
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
const { compare: compareTimes, option, time, pad } = require('./lib/timing');
require('reflect-metadata');
const os = require('node:os');
const mysql = require('mysql2/promise');
const Sqlite = require('better-sqlite3');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/app-config');
const { appDataSourceOptions } = require('../dist/app.entities');
const { seededRandom } = require('../dist/demo/proposal-text');

const ENGINES = (process.env.BENCH_ENGINES || 'mariadb,sqlite').split(',');
const RUNS = Number(option('runs', process.env.BENCH_RUNS || 15));
const WARMUP = 3;
const PORT = Number(process.env.BENCH_PORT || 3931);
const VISITS = 2500;
const MEETINGS = 2500;
const MEMBERS = 300;
const PARTY = 30;
const ROWS_PER_INSERT = 400;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Beijing time
const KINDS = ['inspection', 'research', 'call', 'observation'];
const PLACES = [
  '大武口区家政龙头企业',
  '石嘴山市家政服务行业协会',
  '惠农区养老服务中心',
  '平罗县现代农业产业园',
  '市人民医院',
  '星海湖湿地公园',
  '经济技术开发区',
  '市职业技术学院',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧';

/** `2026-06-18 00:30:00.000`: how both engines take a UTC time as a plain parameter. */
const sqlTime = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/** A working-hours event somewhere in 2026: start 08:30–15:00 Beijing time, 1.5–4 hours. */
function slot(rng) {
  const day = Math.floor(rng() * 365);
  const start = YEAR_START + day * DAY + (8.5 + Math.floor(rng() * 14) * 0.5) * 3_600_000;
  return [new Date(start), new Date(start + (1.5 + Math.floor(rng() * 6) * 0.5) * 3_600_000)];
}

function someMembers(rng, members, min, max) {
  const chosen = new Set();
  for (let k = min + Math.floor(rng() * (max - min + 1)); chosen.size < k;) chosen.add(pick(rng, members));
  return [...chosen];
}

async function insert(ds, table, columns, rows) {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const part = rows.slice(at, at + ROWS_PER_INSERT);
    await ds.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
      part.flat(),
    );
  }
}

/** Members, 2,500 topics' meetings with member participants, 2,500 visits with stops and answered invitations. */
async function seed(ds, staffUserId) {
  const rng = seededRandom(2026);
  const now = sqlTime(new Date());
  const sectors = (await ds.query('SELECT id FROM sectors ORDER BY id')).map((r) => Number(r.id));
  const committees = (await ds.query('SELECT id FROM committees ORDER BY id')).map((r) => Number(r.id));
  await insert(
    ds,
    'members',
    ['name', 'sectorId', 'term', 'status', 'disabled', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: MEMBERS }, (_, i) => [
      `${SURNAMES[i % SURNAMES.length]}委员${i + 1}`,
      sectors[i % sectors.length],
      '第五届',
      'active',
      0,
      now,
      now,
      1,
    ]),
  );
  const members = (await ds.query('SELECT id FROM members ORDER BY id')).map((r) => Number(r.id));

  // One topic per 10 meetings, each meeting with 5–12 members (some excused).
  const topics = MEETINGS / 10;
  await insert(
    ds,
    'topics',
    [
      'title',
      'description',
      'level',
      'source',
      'organizerType',
      'organizerId',
      'raisedByUserId',
      'status',
      'published',
      'createdAt',
      'updatedAt',
      'version',
    ],
    Array.from({ length: topics }, (_, i) => [
      `协商议题${i + 1}`,
      '议题说明',
      'city',
      'plan',
      'committee',
      pick(rng, committees),
      staffUserId,
      'deliberating',
      0,
      now,
      now,
      1,
    ]),
  );
  const topicIds = (await ds.query('SELECT id FROM topics ORDER BY id')).map((r) => Number(r.id));
  const meetings = Array.from({ length: MEETINGS }, (_, i) => {
    const [s, e] = slot(rng);
    return [
      topicIds[Math.floor(i / 10)],
      (i % 10) + 1,
      'thematic',
      `第${(i % 10) + 1}次协商会`,
      sqlTime(s),
      sqlTime(e),
      '市政协三楼会议室',
      '主持人',
      now,
      now,
      1,
    ];
  });
  await insert(
    ds,
    'meetings',
    [
      'topicId',
      'sequence',
      'kind',
      'title',
      'startsAt',
      'endsAt',
      'venue',
      'chair',
      'createdAt',
      'updatedAt',
      'version',
    ],
    meetings,
  );
  const meetingRows = await ds.query('SELECT id, topicId FROM meetings ORDER BY id');
  await insert(
    ds,
    'meeting_participants',
    ['meetingId', 'topicId', 'memberId', 'side', 'attendance'],
    meetingRows.flatMap((m) =>
      someMembers(rng, members, 5, 12).map((memberId) => [
        Number(m.id),
        Number(m.topicId),
        memberId,
        'member',
        rng() < 0.08 ? 'excused' : null,
      ]),
    ),
  );

  const visits = Array.from({ length: VISITS }, (_, i) => {
    const [s, e] = slot(rng);
    const status = rng() < 0.05 ? 'cancelled' : s.getTime() < Date.UTC(2026, 10, 1) ? 'completed' : 'planned';
    return [
      pick(rng, KINDS),
      `视察调研${i + 1}`,
      '了解情况，提出意见建议',
      'committee',
      pick(rng, committees),
      sqlTime(s),
      sqlTime(e),
      status,
      staffUserId,
      now,
      now,
      2,
      s,
      e,
    ];
  });
  await insert(
    ds,
    'visits',
    [
      'kind',
      'title',
      'purpose',
      'organizerType',
      'organizerId',
      'startsAt',
      'endsAt',
      'status',
      'createdByUserId',
      'createdAt',
      'updatedAt',
      'version',
    ],
    visits.map((v) => v.slice(0, 12)),
  );
  const visitIds = (await ds.query('SELECT id FROM visits ORDER BY id')).map((r) => Number(r.id));
  await insert(
    ds,
    'visit_stops',
    ['visitId', 'position', 'at', 'place'],
    visitIds.flatMap((id, i) => [
      [id, 1, sqlTime(visits[i][12]), pick(rng, PLACES)],
      [id, 2, sqlTime(new Date((visits[i][12].getTime() + visits[i][13].getTime()) / 2)), pick(rng, PLACES)],
    ]),
  );
  await insert(
    ds,
    'visit_participants',
    ['visitId', 'kind', 'memberId', 'answer', 'reason', 'invitedAt', 'answeredAt'],
    visitIds.flatMap((id) =>
      someMembers(rng, members, 6, 15).map((memberId) => {
        const x = rng();
        const answer = x < 0.7 ? 'accepted' : x < 0.8 ? 'declined' : 'pending';
        return [
          id,
          'member',
          memberId,
          answer,
          answer === 'declined' ? '另有公务' : null,
          now,
          answer === 'pending' ? null : now,
        ];
      }),
    ),
  );
  return members;
}

/** The raw side: both kinds of engagement of these members overlapping [from, to), with their names. */
function rawBusy(engine, conn) {
  const sql = (n) => `
    SELECT p.memberId, mb.name, 'visit' AS type, v.id AS id, v.title, v.startsAt, v.endsAt FROM visit_participants p
      JOIN visits v ON v.id = p.visitId JOIN members mb ON mb.id = p.memberId
      WHERE p.memberId IN (${n}) AND v.status <> 'cancelled' AND p.answer <> 'declined' AND v.startsAt < ? AND v.endsAt > ?
    UNION ALL
    SELECT mp.memberId, mb.name, 'meeting' AS type, m.id AS id, m.title, m.startsAt, m.endsAt FROM meeting_participants mp
      JOIN meetings m ON m.id = mp.meetingId JOIN members mb ON mb.id = mp.memberId
      WHERE mp.memberId IN (${n}) AND (mp.attendance IS NULL OR mp.attendance <> 'excused') AND m.startsAt < ? AND m.endsAt > ?
    ORDER BY startsAt, id`;
  if (engine === 'sqlite') {
    return async (ids, from, to) =>
      conn
        .prepare(sql(ids.map(() => '?').join(', ')))
        .all(...ids, sqlTime(to), sqlTime(from), ...ids, sqlTime(to), sqlTime(from));
  }
  return async (ids, from, to) =>
    (await conn.query(sql('?'), [ids, sqlTime(to), sqlTime(from), ids, sqlTime(to), sqlTime(from)]))[0];
}

const compare = (viaApi, viaSql) => compareTimes(viaApi, viaSql, RUNS, WARMUP);

function same(apiCount, sqlCount) {
  if (apiCount !== sqlCount) throw new Error(`the API found ${apiCount}, the SQL ${sqlCount}`);
  return `${apiCount} match`;
}

async function benchEngine(engine) {
  const db = await databaseFor(engine, 'bench_visits');
  const app = startApp(db.url, PORT);
  const ds = new DataSource(appDataSourceOptions(loadConfig({ DATABASE_URL: db.url })));
  let conn = null;
  try {
    await waitForHealth(PORT);
    await ds.initialize();
    const admin = await login(PORT, 'admin');
    const created = await fetch(`http://127.0.0.1:${PORT}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        username: 'bench-staff',
        password: ADMIN_PASSWORD,
        displayName: '调研处',
        roles: ['staff'],
      }),
    });
    const staffUserId = (await created.json()).id;
    const loadTime = await time(() => seed(ds, staffUserId));
    const [[counts]] = [
      await ds.query(
        'SELECT (SELECT COUNT(*) FROM visits) AS visits, (SELECT COUNT(*) FROM meetings) AS meetings, (SELECT COUNT(*) FROM visit_participants) AS invitations, (SELECT COUNT(*) FROM meeting_participants) AS seats',
      ),
    ];
    conn =
      engine === 'sqlite'
        ? new Sqlite(db.url.slice('sqlite:'.length), { readonly: true })
        : await mysql.createConnection({ uri: db.url, timezone: 'Z' });
    const token = await login(PORT, 'bench-staff');
    const call = async (path, init = {}) => {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: await res.json() };
    };
    const members = (await ds.query('SELECT id FROM members ORDER BY id')).map((r) => Number(r.id)).slice(0, PARTY);
    const raw = rawBusy(engine, conn);
    const rows = [];
    const floor = await compare(
      () => call('/users/me'),
      () =>
        engine === 'sqlite'
          ? conn.prepare('SELECT id FROM users WHERE id = ?').get(staffUserId)
          : conn.query('SELECT id FROM users WHERE id = ?', [staffUserId]),
    );
    rows.push({ what: 'GET /users/me (the floor)', ...floor });

    // A Thursday morning in June, when most of the 30 are somewhere.
    const [from, to] = [new Date('2026-06-18T08:30:00+08:00'), new Date('2026-06-18T12:00:00+08:00')];
    const q = `memberIds=${members.join(',')}&startsAt=${encodeURIComponent('2026-06-18T08:30:00+08:00')}&endsAt=${encodeURIComponent('2026-06-18T12:00:00+08:00')}`;
    const conflicts = await compare(
      () => call(`/visits/conflicts?${q}`),
      () => raw(members, from, to),
    );
    rows.push({
      what: `conflict check: ${PARTY} members, one morning`,
      note: same(conflicts.last.api.body.length, conflicts.last.sql.length),
      ...conflicts,
    });

    const visit = {
      kind: 'research',
      title: '家政服务业发展情况专题调研',
      purpose: '了解情况',
      organizer: { type: 'committee', id: Number((await ds.query('SELECT id FROM committees ORDER BY id'))[0].id) },
      startsAt: '2026-06-18T08:30:00+08:00',
      endsAt: '2026-06-18T12:00:00+08:00',
      stops: [{ at: '2026-06-18T08:30:00+08:00', place: PLACES[0] }],
      participantMemberIds: members,
    };
    const refused = await compare(
      () => call('/visits', { method: 'POST', body: JSON.stringify(visit) }),
      () => raw(members, from, to),
    );
    if (refused.last.api.status !== 409) throw new Error(`POST /visits answered ${refused.last.api.status}`);
    rows.push({
      what: `POST /visits, ${PARTY} invited → 409`,
      note: same(refused.last.api.body.details.conflicts.length, refused.last.sql.length),
      ...refused,
    });

    const [monthFrom, monthTo] = [new Date('2026-06-01T00:00:00+08:00'), new Date('2026-07-01T00:00:00+08:00')];
    const freeBusy = await compare(
      () => call(`/visits/free-busy?memberIds=${members.join(',')}&from=2026-06-01&to=2026-06-30`),
      () => raw(members, monthFrom, monthTo),
    );
    const apiItems = freeBusy.last.api.body.members.reduce((n, m) => n + m.busy.length, 0);
    rows.push({
      what: `free/busy: ${PARTY} members, June 2026`,
      note: same(apiItems, freeBusy.last.sql.length),
      ...freeBusy,
    });
    return { engine, load: loadTime.ms, counts, rows };
  } finally {
    await stopApp(app);
    if (conn) await (engine === 'sqlite' ? conn.close() : conn.end());
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

(async () => {
  const started = Date.now();
  const results = [];
  for (const engine of ENGINES) results.push(await benchEngine(engine));
  const f = (x) => x.toFixed(1);
  console.log(
    `\nbench/visits — ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} runs after ${WARMUP} warm-up; ms; load at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
  );
  console.log(pad('engine', 9) + pad('request', 40) + pad('API', 9) + pad('raw SQL', 9) + pad('ratio', 8) + 'note');
  for (const r of results) {
    const c = r.counts;
    console.log(
      pad(r.engine, 9) +
        `${c.visits} visits, ${c.meetings} meetings, ${c.invitations} invitations, ${c.seats} meeting seats; loaded in ${(r.load / 1000).toFixed(1)} s`,
    );
    for (const row of r.rows)
      console.log(
        pad('', 9) +
          pad(row.what, 40) +
          pad(f(row.api), 9) +
          pad(f(row.sql), 9) +
          pad(`×${row.ratio.toFixed(1)}`, 8) +
          (row.note ?? ''),
      );
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
