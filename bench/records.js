#!/usr/bin/env node
/**
 * bench/records — the duty records 履职档案 and the leaders' dashboard over a large archive on MariaDB:
 * 500 members, 100k proposals over five yearly sessions (2022–2026) with signers and unit assignments,
 * 2k topics with 20k meetings (participants with attendance, speeches) and outcomes, and 5k field visits with
 * 6–15 members invited each (answers: 参加 / 请假 / none). Each request goes through the real HTTP API (the app as
 * its own process, a staff token) beside the raw mysql2 time of hand-written SQL giving the same answer,
 * alternating, median of --runs after 3 warm-ups, and their ratio:
 *   floor      `GET /users/me`: what any authenticated request costs;
 *   record     `GET /members/:id/record?year=2026` of the busiest member (counts and every points line);
 *   ranking    `GET /records?year=2026`: all 500 members' records, ranked, first page;
 *   export     `GET /records/export.xlsx?year=2026` (the SQL side: the ranking's queries; no workbook);
 *   dashboard  `GET /stats/dashboard?year=2026`.
 * The archive goes straight into the tables with multi-row INSERTs (no text index: nothing here searches).
 * The record's and the ranking's points are checked equal to the SQL's under the shipped rules.
 *
 *   npm run build && node bench/records.js
 *   node bench/records.js --proposals 10000 --meetings 2000 --visits 1000 --runs 9
 *   BENCH_KEEP=1 node bench/records.js …     # keep the database to EXPLAIN its queries
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
const { compare: compareTimes, time, pad } = require('./lib/timing');
const os = require('node:os');
const mysql = require('mysql2/promise');
const { seededRandom } = require('../dist/demo/proposal-text');
const { loadRecordRules } = require('../dist/stats/record-rules');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const PROPOSALS = Number(option('proposals', 100000));
const MEETINGS = Number(option('meetings', 20000));
const MEMBERS = Number(option('members', 500));
const VISITS = Number(option('visits', 5000));
const RUNS = Number(option('runs', 15));
const WARMUP = 3;
const PORT = Number(process.env.BENCH_PORT || 3931);
const YEAR = 2026;
/** 1 January of YEAR and of the next, in Asia/Shanghai, as UTC. */
const FROM = new Date(Date.UTC(YEAR - 1, 11, 31, 16));
const TO = new Date(Date.UTC(YEAR, 11, 31, 16));
const DAY = 86_400_000;
const NOW = new Date('2026-11-27T02:00:00Z');
const SESSIONS = [2022, 2023, 2024, 2025, 2026].map((y, i) => ({
  code: `5-${i + 1}`,
  name: `五届${'一二三四五'[i]}次会议`,
  opensAt: new Date(Date.UTC(y - 1, 9, 1)),
  closesAt: new Date(Date.UTC(y, 0, 20, 2)),
}));
const ACCEPTED = ['accepted', 'assigned', 'replied', 'completed'];
const STATUSES = [
  ['completed', 0.55],
  ['assigned', 0.12],
  ['replied', 0.08],
  ['accepted', 0.05],
  ['submitted', 0.05],
  ['rejected', 0.06],
  ['converted', 0.04],
  ['merged', 0.02],
  ['withdrawn', 0.01],
  ['draft', 0.02],
];
const KINDS = ['thematic', 'counterpart', 'sector', 'proposal', 'key', 'deliberation', 'other'];
const INSERT_ROWS = 1000;

const weighted = (rng, table) => {
  let x = rng();
  for (const [value, p] of table) if ((x -= p) < 0) return value;
  return table[table.length - 1][0];
};

async function insertRows(conn, table, columns, rows) {
  const marks = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    const part = rows.slice(at, at + INSERT_ROWS);
    await conn.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => marks).join(', ')}`,
      part.flat(),
    );
  }
}

/** Members with accounts, sessions, units; the staff and leader accounts through the API. */
async function seedDirectory(conn, admin) {
  const now = NOW;
  await insertRows(
    conn,
    'sessions',
    ['code', 'name', 'opensAt', 'closesAt', 'disabled', 'createdAt', 'updatedAt', 'version'],
    SESSIONS.map((s) => [s.code, s.name, s.opensAt, s.closesAt, 0, now, now, 1]),
  );
  const [sectors] = await conn.query('SELECT id FROM sectors ORDER BY id');
  const [committees] = await conn.query('SELECT id FROM committees ORDER BY id');
  await insertRows(
    conn,
    'members',
    ['name', 'sectorId', 'status', 'disabled', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: MEMBERS }, (_, i) => [
      `委员${String(i + 1).padStart(4, '0')}`,
      sectors[i % sectors.length].id,
      'active',
      0,
      now,
      now,
      1,
    ]),
  );
  const [members] = await conn.query('SELECT id FROM members ORDER BY id');
  await insertRows(
    conn,
    'member_committees',
    ['memberId', 'committeeId'],
    members.map((m, i) => [m.id, committees[i % committees.length].id]),
  );
  const hash = require('bcryptjs').hashSync('not-used-by-the-bench', 4);
  await insertRows(
    conn,
    'users',
    [
      'username',
      'displayName',
      'passwordHash',
      'roleList',
      'memberId',
      'disabled',
      'createdAt',
      'updatedAt',
      'version',
    ],
    members.map((m) => [`m${m.id}`, '委员', hash, 'member', m.id, 0, now, now, 1]),
  );
  const [users] = await conn.query('SELECT id, memberId FROM users WHERE memberId IS NOT NULL');
  await insertRows(
    conn,
    'units',
    ['name', 'kind', 'disabled', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: 40 }, (_, i) => [`承办单位${i + 1}`, 'government', 0, now, now, 1]),
  );
  const [units] = await conn.query('SELECT id FROM units ORDER BY id');
  const [sessions] = await conn.query('SELECT id FROM sessions ORDER BY closesAt');
  const account = async (username, roles) => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username, password: ADMIN_PASSWORD, displayName: username, roles }),
    });
    if (!res.ok) throw new Error(`account ${username}: ${res.status} ${await res.text()}`);
    return (await res.json()).id;
  };
  return {
    members: members.map((m) => Number(m.id)),
    userOfMember: users.map((u) => Number(u.id)),
    units: units.map((u) => Number(u.id)),
    sessions: sessions.map((s) => Number(s.id)),
    staffUserId: await account('bench-staff', ['staff']),
    leaderUserId: await account('bench-leader', ['leader']),
  };
}

/** 100k proposals, a fifth per session, with their signers (one lead; joint ones 1–3 co-signers) and units. */
async function loadProposals(conn, dir) {
  const rng = seededRandom(7);
  const cols = [
    'sessionId',
    'number',
    'kind',
    'title',
    'category',
    'background',
    'suggestions',
    'status',
    'leadMemberId',
    'filedByUserId',
    'sectorId',
    'isKey',
    'supervisorUserId',
    'excellent',
    'overdue',
    'reviewedAt',
    'createdAt',
    'updatedAt',
    'version',
  ];
  const counters = new Map();
  for (let start = 0; start < PROPOSALS; start += 10000) {
    const rows = [];
    const plans = [];
    for (let i = start; i < Math.min(PROPOSALS, start + 10000); i++) {
      const s = i % SESSIONS.length;
      const status = weighted(rng, STATUSES);
      const lead = Math.floor(rng() * dir.members.length);
      const accepted = ACCEPTED.includes(status);
      const number = accepted ? (counters.set(s, (counters.get(s) ?? 0) + 1), counters.get(s)) : null;
      const key = accepted && rng() < 0.02;
      const reviewedAt = new Date(SESSIONS[s].closesAt.getTime() + Math.floor(rng() * 30) * DAY);
      rows.push([
        dir.sessions[s],
        number,
        rng() < 0.3 ? 'joint' : 'individual',
        `关于第${i + 1}号事项的建议`,
        'society',
        '情况分析',
        '["建议"]',
        status,
        dir.members[lead],
        dir.userOfMember[lead],
        null,
        key ? 1 : 0,
        key ? dir.leaderUserId : null,
        status === 'completed' && rng() < 0.03 ? 1 : 0,
        status === 'assigned' && rng() < 0.3 ? 1 : 0,
        accepted ? reviewedAt : null,
        reviewedAt,
        reviewedAt,
        1,
      ]);
      plans.push({
        lead,
        joint: rows[rows.length - 1][2] === 'joint',
        handled: ['assigned', 'replied', 'completed'].includes(status),
        at: reviewedAt,
      });
    }
    const [res] = await conn.query(`SELECT COALESCE(MAX(id), 0) AS last FROM proposals`);
    await insertRows(conn, 'proposals', cols, rows);
    let id = Number(res[0].last);
    const signers = [];
    const parts = [];
    for (const p of plans) {
      id += 1;
      signers.push([id, dir.members[p.lead], 'lead', 'confirmed', p.at, p.at]);
      if (p.joint) {
        const taken = new Set([p.lead]);
        for (let k = 1 + Math.floor(rng() * 3); k > 0; k--) {
          const m = Math.floor(rng() * dir.members.length);
          if (taken.has(m)) continue;
          taken.add(m);
          signers.push([id, dir.members[m], 'cosigner', 'confirmed', p.at, p.at]);
        }
      }
      if (p.handled) parts.push([id, dir.units[Math.floor(rng() * dir.units.length)], 'lead', 1, p.at, null]);
    }
    await insertRows(
      conn,
      'proposal_signers',
      ['proposalId', 'memberId', 'role', 'status', 'invitedAt', 'confirmedAt'],
      signers,
    );
    await insertRows(
      conn,
      'proposal_units',
      ['proposalId', 'unitId', 'role', 'active', 'assignedAt', 'repliedAt'],
      parts,
    );
    process.stderr.write('p');
  }
  for (const [s, last] of counters)
    await conn.query('INSERT INTO proposal_counters (sessionId, lastNumber) VALUES (?, ?)', [dir.sessions[s], last]);
}

/** 2k topics over 2022–2026 (a fifth raised by members), ten meetings each with 8 members and 3 speeches, four outcomes. */
async function loadTopics(conn, dir) {
  const rng = seededRandom(11);
  const topics = Math.max(1, Math.round(MEETINGS / 10));
  const [committees] = await conn.query('SELECT id FROM committees ORDER BY id LIMIT 1');
  const topicRows = [];
  for (let i = 0; i < topics; i++) {
    const createdAt = new Date(Date.UTC(2022 + (i % 5), Math.floor(rng() * 10), 1 + Math.floor(rng() * 27)));
    const raisedBy = rng() < 0.2 ? dir.userOfMember[Math.floor(rng() * dir.members.length)] : dir.staffUserId;
    topicRows.push([
      `议题${i + 1}`,
      '议题说明',
      'city',
      'plan',
      'committee',
      committees[0].id,
      raisedBy,
      weighted(rng, [
        ['deliberating', 0.3],
        ['resolving', 0.3],
        ['evaluated', 0.3],
        ['settled', 0.1],
      ]),
      0,
      createdAt,
      createdAt,
      1,
    ]);
  }
  await insertRows(
    conn,
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
    topicRows,
  );
  const [ids] = await conn.query('SELECT id, createdAt FROM topics ORDER BY id');
  const meetings = [];
  const outcomes = [];
  for (const t of ids) {
    for (let k = 1; k <= 10; k++) {
      const startsAt = new Date(new Date(t.createdAt).getTime() + k * 7 * DAY);
      meetings.push([
        t.id,
        k,
        KINDS[Math.floor(rng() * KINDS.length)],
        `议题${t.id}第${k}次协商`,
        startsAt,
        new Date(startsAt.getTime() + 2 * 3600_000),
        '会议室',
        '主持人',
        startsAt,
        startsAt,
        startsAt,
        1,
      ]);
    }
    for (let k = 1; k <= 4; k++) {
      const status = weighted(rng, [
        ['done', 0.5],
        ['in_progress', 0.2],
        ['open', 0.2],
        ['not_adopted', 0.1],
      ]);
      const closedAt =
        status === 'done' || status === 'not_adopted'
          ? new Date(new Date(t.createdAt).getTime() + (90 + k * 10) * DAY)
          : null;
      outcomes.push([
        t.id,
        'recommendation',
        '主题',
        1,
        k,
        `成果${k}`,
        status,
        closedAt,
        dir.staffUserId,
        t.createdAt,
        t.createdAt,
        1,
      ]);
    }
  }
  await insertRows(
    conn,
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
      'heldAt',
      'createdAt',
      'updatedAt',
      'version',
    ],
    meetings,
  );
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
      'status',
      'closedAt',
      'createdByUserId',
      'createdAt',
      'updatedAt',
      'version',
    ],
    outcomes,
  );
  const [meetingIds] = await conn.query('SELECT id, topicId, startsAt FROM meetings ORDER BY id');
  for (let start = 0; start < meetingIds.length; start += 2000) {
    const parts = [];
    for (const m of meetingIds.slice(start, start + 2000)) {
      const taken = new Set();
      while (taken.size < Math.min(8, dir.members.length))
        taken.add(dir.members[Math.floor(rng() * dir.members.length)]);
      for (const memberId of taken)
        parts.push([
          m.id,
          m.topicId,
          memberId,
          'member',
          weighted(rng, [
            ['present', 0.8],
            ['excused', 0.1],
            ['absent', 0.08],
            [null, 0.02],
          ]),
        ]);
    }
    await insertRows(conn, 'meeting_participants', ['meetingId', 'topicId', 'memberId', 'side', 'attendance'], parts);
    process.stderr.write('m');
  }
  const [present] = await conn.query(
    "SELECT id, meetingId FROM meeting_participants WHERE attendance = 'present' ORDER BY id",
  );
  const speeches = present
    .filter(() => rng() < 3 / 6.4)
    .map((p) => [p.meetingId, p.id, '发言摘要', dir.staffUserId, NOW]);
  await insertRows(
    conn,
    'meeting_speeches',
    ['meetingId', 'participantId', 'summary', 'recordedByUserId', 'at'],
    speeches,
  );
}

/** 5k field visits over 2022–2026 (6–15 members invited each: 75 % 参加, 10 % 请假, the rest no answer); before NOW 90 % completed, 5 % cancelled, 5 % still planned. */
async function loadVisits(conn, dir) {
  const rng = seededRandom(13);
  const [committees] = await conn.query('SELECT id FROM committees ORDER BY id LIMIT 1');
  const visits = [];
  for (let i = 0; i < VISITS; i++) {
    const startsAt = new Date(Date.UTC(2022 + (i % 5), Math.floor(rng() * 12), 1 + Math.floor(rng() * 27), 1));
    const status =
      startsAt > NOW
        ? 'planned'
        : weighted(rng, [
            ['completed', 0.9],
            ['cancelled', 0.05],
            ['planned', 0.05],
          ]);
    visits.push([
      'research',
      `视察调研${i + 1}`,
      '了解情况',
      'committee',
      committees[0].id,
      startsAt,
      new Date(startsAt.getTime() + 3 * 3600_000),
      status,
      dir.staffUserId,
      status === 'completed' ? startsAt : null,
      status === 'cancelled' ? startsAt : null,
      startsAt,
      startsAt,
      1,
    ]);
  }
  await insertRows(
    conn,
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
      'completedAt',
      'cancelledAt',
      'createdAt',
      'updatedAt',
      'version',
    ],
    visits,
  );
  const [ids] = await conn.query('SELECT id, startsAt FROM visits ORDER BY id');
  const parts = [];
  for (const v of ids) {
    const taken = new Set();
    const n = Math.min(6 + Math.floor(rng() * 10), dir.members.length);
    while (taken.size < n) taken.add(dir.members[Math.floor(rng() * dir.members.length)]);
    for (const memberId of taken) {
      const answer = weighted(rng, [
        ['accepted', 0.75],
        ['declined', 0.1],
        ['pending', 0.15],
      ]);
      parts.push([
        v.id,
        'member',
        memberId,
        answer,
        answer === 'declined' ? '另有公务' : null,
        v.startsAt,
        answer === 'pending' ? null : v.startsAt,
      ]);
    }
  }
  await insertRows(
    conn,
    'visit_participants',
    ['visitId', 'kind', 'memberId', 'answer', 'reason', 'invitedAt', 'answeredAt'],
    parts,
  );
}

const YEAR_SESSIONS = 'SELECT id FROM sessions WHERE closesAt >= ? AND closesAt < ?';
const VISITS_OF_YEAR =
  "FROM visit_participants vp JOIN visits v ON v.id = vp.visitId WHERE vp.memberId IS NOT NULL AND v.status = 'completed' AND v.startsAt >= ? AND v.startsAt < ?";
const sum = (cond) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/** The counters of the year by member, as hand-written SQL (the records' four grouped queries), and the points under `set`. */
async function rawCounters(conn, set, memberId) {
  const only = (col) => (memberId ? ` AND ${col} = ${Number(memberId)}` : '');
  const acc = `p.status IN ('${ACCEPTED.join("','")}')`;
  const [[props], [meet], [speech], [adopted], [visits]] = await Promise.all([
    conn.query(
      `SELECT s.memberId, ${sum("s.role = 'lead'")} AS led, ${sum(`s.role = 'lead' AND ${acc}`)} AS la, ${sum(`s.role = 'lead' AND ${acc} AND p.isKey = 1`)} AS k, ${sum(`s.role = 'lead' AND ${acc} AND p.excellent = 1`)} AS e, ${sum("s.role = 'cosigner'")} AS co, ${sum(`s.role = 'cosigner' AND ${acc}`)} AS ca
       FROM proposal_signers s JOIN proposals p ON p.id = s.proposalId
       WHERE (s.role = 'lead' OR (s.role = 'cosigner' AND s.status = 'confirmed')) AND p.status NOT IN ('draft', 'withdrawn') AND p.sessionId IN (${YEAR_SESSIONS})${only('s.memberId')} GROUP BY s.memberId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT mp.memberId, COUNT(*) AS invited, ${sum("mp.attendance = 'present'")} AS att, ${sum("mp.attendance = 'excused'")} AS exc, ${sum("mp.attendance = 'absent'")} AS abs
       FROM meeting_participants mp JOIN meetings m ON m.id = mp.meetingId WHERE mp.memberId IS NOT NULL AND m.startsAt >= ? AND m.startsAt < ?${only('mp.memberId')} GROUP BY mp.memberId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT mp.memberId, COUNT(*) AS n FROM meeting_participants mp JOIN meetings m ON m.id = mp.meetingId JOIN meeting_speeches sp ON sp.meetingId = mp.meetingId AND sp.participantId = mp.id
       WHERE mp.memberId IS NOT NULL AND m.startsAt >= ? AND m.startsAt < ?${only('mp.memberId')} GROUP BY mp.memberId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT u.memberId, COUNT(*) AS n FROM topic_outcomes o JOIN topics t ON t.id = o.topicId JOIN users u ON u.id = t.raisedByUserId
       WHERE u.memberId IS NOT NULL AND o.status = 'done' AND o.closedAt >= ? AND o.closedAt < ?${only('u.memberId')} GROUP BY u.memberId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT vp.memberId, COUNT(*) AS invited, ${sum("vp.answer = 'accepted'")} AS att, ${sum("vp.answer = 'declined'")} AS exc, ${sum("vp.answer = 'pending'")} AS abs ${VISITS_OF_YEAR}${only('vp.memberId')} GROUP BY vp.memberId`,
      [FROM, TO],
    ),
  ]);
  const points = new Map();
  const add = (rows, score) =>
    rows.forEach((r) => points.set(Number(r.memberId), (points.get(Number(r.memberId)) ?? 0) + score(r)));
  const P = set.points;
  add(
    props,
    (r) =>
      P.proposalLeadAccepted * r.la +
      P.proposalKey * r.k +
      P.proposalExcellent * r.e +
      P.proposalCosignedAccepted * r.ca,
  );
  add(meet, (r) => P.meetingAttended * r.att + P.meetingExcused * r.exc + P.meetingAbsent * r.abs);
  add(speech, (r) => P.speech * r.n);
  add(adopted, (r) => P.outcomeAdopted * r.n);
  add(visits, (r) => P.visitAttended * r.att + P.visitExcused * r.exc + P.visitAbsent * r.abs);
  return points;
}

/** One member's record as hand-written SQL: the counters plus the rows behind its lines. */
async function rawRecord(conn, set, memberId) {
  const acc = `('${ACCEPTED.join("','")}')`;
  const [points] = await Promise.all([
    rawCounters(conn, set, memberId),
    conn.query(
      `SELECT s.role, p.id, p.title, p.isKey, p.excellent, p.reviewedAt FROM proposal_signers s JOIN proposals p ON p.id = s.proposalId
       WHERE s.memberId = ? AND (s.role = 'lead' OR (s.role = 'cosigner' AND s.status = 'confirmed')) AND p.status IN ${acc} AND p.sessionId IN (${YEAR_SESSIONS}) ORDER BY p.reviewedAt, p.id`,
      [memberId, FROM, TO],
    ),
    conn.query(
      'SELECT m.id, m.title, m.kind, m.startsAt, m.topicId, mp.attendance FROM meeting_participants mp JOIN meetings m ON m.id = mp.meetingId WHERE mp.memberId = ? AND m.startsAt >= ? AND m.startsAt < ?',
      [memberId, FROM, TO],
    ),
    conn.query(
      'SELECT m.id, m.title FROM meeting_participants mp JOIN meetings m ON m.id = mp.meetingId JOIN meeting_speeches sp ON sp.meetingId = mp.meetingId AND sp.participantId = mp.id WHERE mp.memberId = ? AND m.startsAt >= ? AND m.startsAt < ?',
      [memberId, FROM, TO],
    ),
    conn.query(
      "SELECT o.id, o.text, o.closedAt, t.title FROM topic_outcomes o JOIN topics t ON t.id = o.topicId JOIN users u ON u.id = t.raisedByUserId WHERE u.memberId = ? AND o.status = 'done' AND o.closedAt >= ? AND o.closedAt < ?",
      [memberId, FROM, TO],
    ),
    conn.query(`SELECT v.id, v.title, v.kind, v.startsAt, vp.answer ${VISITS_OF_YEAR} AND vp.memberId = ?`, [
      FROM,
      TO,
      memberId,
    ]),
    conn.query(
      'SELECT m.id, m.name, s.name AS sector FROM members m JOIN sectors s ON s.id = m.sectorId WHERE m.id = ?',
      [memberId],
    ),
  ]);
  return points.get(memberId) ?? 0;
}

/** The ranking as hand-written SQL: the members with their sectors and committees, the counters, sorted. */
async function rawRanking(conn, set) {
  const [[members], points] = await Promise.all([
    conn.query(
      'SELECT m.id, m.name, m.sectorId, s.name AS sector FROM members m JOIN sectors s ON s.id = m.sectorId WHERE m.disabled = 0',
    ),
    rawCounters(conn, set, null),
    conn.query('SELECT mc.memberId, c.name FROM member_committees mc JOIN committees c ON c.id = mc.committeeId'),
  ]);
  return members.map((m) => ({ id: m.id, points: points.get(Number(m.id)) ?? 0 })).sort((a, b) => b.points - a.points);
}

/** The dashboard as hand-written SQL: proposal facets, units, satisfaction, key proposals, topics by step, and the ranking by sector. */
async function rawDashboard(conn, set) {
  const inYear = `p.sessionId IN (${YEAR_SESSIONS})`;
  await Promise.all([
    conn.query(
      `SELECT p.status, p.category, p.sectorId, COUNT(*) n, SUM(p.isKey) k, SUM(p.excellent) e, SUM(p.overdue) o FROM proposals p WHERE p.status <> 'draft' AND ${inYear} GROUP BY p.status, p.category, p.sectorId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT pu.unitId, COUNT(*), SUM(pu.repliedAt IS NOT NULL OR p.status IN ('replied','completed')), SUM(p.overdue = 1 AND p.status = 'assigned' AND pu.repliedAt IS NULL) FROM proposal_units pu JOIN proposals p ON p.id = pu.proposalId WHERE pu.active = 1 AND p.status IN ('assigned','replied','completed') AND ${inYear} GROUP BY pu.unitId`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT COUNT(*) FROM proposal_evaluations e JOIN proposals p ON p.id = e.proposalId WHERE e.round = (SELECT MAX(e2.round) FROM proposal_evaluations e2 WHERE e2.proposalId = e.proposalId) AND ${inYear}`,
      [FROM, TO],
    ),
    conn.query(
      `SELECT p.id, p.number, p.title, p.status, u.displayName FROM proposals p LEFT JOIN users u ON u.id = p.supervisorUserId WHERE p.isKey = 1 AND ${inYear} ORDER BY p.number LIMIT 50`,
      [FROM, TO],
    ),
    conn.query(`SELECT COUNT(*) FROM proposals p WHERE p.isKey = 1 AND ${inYear}`, [FROM, TO]),
    conn.query('SELECT t.status, COUNT(*) FROM topics t WHERE t.createdAt >= ? AND t.createdAt < ? GROUP BY t.status', [
      FROM,
      TO,
    ]),
    conn.query(
      "SELECT t.status, COUNT(*), SUM(o.status = 'done') FROM topic_outcomes o JOIN topics t ON t.id = o.topicId WHERE t.createdAt >= ? AND t.createdAt < ? GROUP BY t.status",
      [FROM, TO],
    ),
    conn.query('SELECT id, name FROM sessions WHERE closesAt >= ? AND closesAt < ?', [FROM, TO]),
    conn.query('SELECT v.status, COUNT(*) FROM visits v WHERE v.startsAt >= ? AND v.startsAt < ? GROUP BY v.status', [
      FROM,
      TO,
    ]),
    rawRanking(conn, set),
  ]);
}

function api(token) {
  return async (path, raw = false) => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return raw ? Buffer.from(await res.arrayBuffer()) : res.json();
  };
}

const compare = (viaApi, viaSql) => compareTimes(viaApi, viaSql, RUNS, WARMUP);

(async () => {
  const started = Date.now();
  const db = await databaseFor('mariadb', 'bench_records');
  const app = startApp(db.url, PORT);
  const conn = await mysql.createConnection(db.url);
  const set = loadRecordRules().ruleSets[0];
  const rows = [];
  let loadMs = 0;
  try {
    await waitForHealth(PORT);
    const dir = await seedDirectory(conn, await login(PORT, 'admin'));
    loadMs = (
      await time(async () => {
        await loadProposals(conn, dir);
        await loadTopics(conn, dir);
        await loadVisits(conn, dir);
      })
    ).ms;
    const call = api(await login(PORT, 'bench-staff'));
    const [[busiest]] = await conn.query(
      `SELECT s.memberId FROM proposal_signers s JOIN proposals p ON p.id = s.proposalId WHERE p.sessionId IN (${YEAR_SESSIONS}) GROUP BY s.memberId ORDER BY COUNT(*) DESC LIMIT 1`,
      [FROM, TO],
    );
    const memberId = Number(busiest.memberId);
    const floor = await compare(
      () => call('/users/me'),
      () => conn.query('SELECT id FROM users WHERE id = ?', [dir.staffUserId]),
    );
    rows.push({ what: 'GET /users/me (the floor)', ...floor });
    const record = await compare(
      () => call(`/members/${memberId}/record?year=${YEAR}`),
      () => rawRecord(conn, set, memberId),
    );
    if (record.last.api.points !== record.last.sql)
      throw new Error(`record: API ${record.last.api.points} points, SQL ${record.last.sql}`);
    rows.push({
      what: 'record of the busiest member',
      note: `${record.last.api.lines.length} lines, ${record.last.api.points} points, match`,
      ...record,
    });
    const ranking = await compare(
      () => call(`/records?year=${YEAR}`),
      () => rawRanking(conn, set),
    );
    if (
      ranking.last.api.items[0].points !== ranking.last.sql[0].points ||
      ranking.last.api.total !== ranking.last.sql.length
    )
      throw new Error('ranking: the API and the SQL disagree');
    rows.push({
      what: `ranking of ${MEMBERS} members, page 1`,
      note: `top ${ranking.last.sql[0].points} points, match`,
      ...ranking,
    });
    const exported = await compare(
      () => call(`/records/export.xlsx?year=${YEAR}`, true),
      () => rawRanking(conn, set),
    );
    rows.push({
      what: 'export.xlsx (SQL: the ranking only)',
      note: `${(exported.last.api.length / 1024).toFixed(0)} KB`,
      ...exported,
    });
    const dashboard = await compare(
      () => call(`/stats/dashboard?year=${YEAR}`),
      () => rawDashboard(conn, set),
    );
    rows.push({
      what: 'dashboard of the year',
      note: `${dashboard.last.api.proposals.total} proposals, ${dashboard.last.api.topics.total} topics, ${dashboard.last.api.visits.completed} visits held`,
      ...dashboard,
    });
  } finally {
    await stopApp(app);
    await conn.end();
    if (process.env.BENCH_KEEP) process.stderr.write(`kept the database: ${db.url}\n`);
    else await db.drop();
  }
  console.log(
    `\nbench/records — MariaDB, ${MEMBERS} members, ${PROPOSALS} proposals, ${MEETINGS} meetings, ${VISITS} visits, loaded in ${(loadMs / 1000).toFixed(0)} s; ${os.cpus().length} cores, median of ${RUNS} after ${WARMUP} warm-ups; ms; load at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
  );
  console.log(pad('request', 40) + pad('API', 9) + pad('raw SQL', 9) + pad('ratio', 8) + 'note');
  for (const r of rows)
    console.log(
      pad(r.what, 40) +
        pad(r.api.toFixed(1), 9) +
        pad(r.sql.toFixed(1), 9) +
        pad(`×${r.ratio.toFixed(1)}`, 8) +
        (r.note ?? ''),
    );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
