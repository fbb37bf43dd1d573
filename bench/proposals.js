#!/usr/bin/env node
/**
 * bench/proposals — the proposal pages at 10k and 100k realistic Chinese proposals on MariaDB, through
 * the real HTTP API (the app as its own process, a staff token), each beside the raw mysql2 time of
 * the equivalent SQL in the same run, alternating, and their ratio:
 *   floor    `GET /users/me`: what any authenticated request costs;
 *   default  the staff's list without filters (all but others' drafts), first page of 20 with the total;
 *   list     status + category + sessionId, first page of 20 with the total;
 *   search   `q` with a two-word Chinese phrase (the bigram index, confirmed by LIKE);
 *   similar  `GET /proposals/:id/similar` for a rephrased duplicate filed through the API
 *            (the original must rank first);
 *   overdue  `overdue=true`, first page.
 * Proposals are generated (src/demo/proposal-text.ts) over five sessions with statuses, kinds,
 * signers and unit assignments spread as in a real council, inserted with multi-row INSERTs and
 * indexed with TextIndexService.reindexMany; the database is dropped afterwards.
 *
 *   npm run build && node bench/proposals.js                  # 10k and 100k, 8–9 min on 2 busy cores
 *   node bench/proposals.js --sizes 10000 --runs 9
 *   BENCH_KEEP=1 node bench/proposals.js …                   # keep the database to EXPLAIN its queries
 */
'use strict';
const { databaseFor } = require('./lib/databases');
const { ADMIN_PASSWORD, login, startApp, stopApp, waitForHealth } = require('./lib/app');
const { compare: compareTimes, matches, option, time, pad } = require('./lib/timing');
require('reflect-metadata');
const os = require('node:os');
const mysql = require('mysql2/promise');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/app-config');
const { appDataSourceOptions } = require('../dist/app.entities');
const { generateProposal, proposalFields, rephrase, seededRandom } = require('../dist/demo/proposal-text');
const { loadProposalConfig } = require('../dist/proposals/proposals.config');
const { searchTerms } = require('../dist/search/bigrams');
const { rawSimilar: similarSql } = require('./lib/similar');
const { TextIndexService } = require('../dist/search/text-index.service');

const SIZES = option('sizes', process.env.BENCH_SIZES || '10000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const RUNS = Number(option('runs', process.env.BENCH_RUNS || 15));
const WARMUP = 3;
const PORT = Number(process.env.BENCH_PORT || 3930);
/** Proposals per multi-row INSERT, and per reindexMany call (its postings are sorted by gram, so bigger calls write the index in longer runs). */
const INSERT_ROWS = 1000;
const INDEX_DOCS = 10000;
const PHRASE = '加装电梯 补贴';

const DAY = 86_400_000;
const SESSIONS = [1, 2, 3, 4, 5].map((n) => ({
  code: `5-${n}`,
  name: `五届${'一二三四五'[n - 1]}次会议`,
  opensAt: new Date(Date.UTC(2021 + n, 9, 1)),
  closesAt: new Date(Date.UTC(2022 + n, 0, 20, 10)),
}));
const NOW = new Date('2026-11-27T02:00:00Z');
const CATEGORY = new Map(loadProposalConfig().categories.map((c) => [c.label, c.code]));
const MIN_SIMILAR = loadProposalConfig().similarMinPercent / 100;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = [
  '建国',
  '秀英',
  '志刚',
  '丽娟',
  '海燕',
  '国强',
  '玉兰',
  '文华',
  '明远',
  '晓燕',
  '振华',
  '桂芳',
  '宏伟',
  '雅琴',
  '立新',
  '红梅',
  '建平',
  '淑芬',
  '国栋',
  '美玲',
  '志勇',
  '慧敏',
  '立军',
  '雨婷',
  '建设',
  '秀兰',
  '佳',
  '婉清',
  '振东',
  '亮',
];
const MEMBERS = 600;
const UNIT_NAMES = [
  '市发展和改革委员会',
  '市教育局',
  '市科学技术局',
  '市工业和信息化局',
  '市公安局',
  '市民政局',
  '市司法局',
  '市财政局',
  '市人力资源和社会保障局',
  '市自然资源局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市交通运输局',
  '市水务局',
  '市农业农村局',
  '市商务局',
  '市文化旅游广电局',
  '市卫生健康委员会',
  '市退役军人事务局',
  '市应急管理局',
  '市审计局',
  '市市场监督管理局',
  '市统计局',
  '市医疗保障局',
  '市乡村振兴局',
  '市城市管理局',
  '市数据局',
  '市中级人民法院',
  '市人民检察院',
  '市妇女联合会',
  '市总工会',
  '团市委',
  '市残疾人联合会',
  '市供电公司',
  '市自来水公司',
  '利通区人民政府',
  '红寺堡区人民政府',
  '青铜峡市人民政府',
  '盐池县人民政府',
  '同心县人民政府',
];

const unitKind = (name) =>
  /法院|检察院/.test(name)
    ? 'judicial'
    : /公司/.test(name)
      ? 'enterprise'
      : /工会|团市委|联合会/.test(name)
        ? 'people_org'
        : 'government';

/** Status shares: closed sessions are mostly completed; the current one is at every stage. */
const CLOSED_STATUSES = [
  ['completed', 0.8],
  ['rejected', 0.05],
  ['converted', 0.05],
  ['merged', 0.03],
  ['withdrawn', 0.01],
  ['replied', 0.02],
  ['assigned', 0.02],
  ['draft', 0.02],
];
const CURRENT_STATUSES = [
  ['draft', 0.1],
  ['submitted', 0.15],
  ['accepted', 0.08],
  ['assigned', 0.35],
  ['replied', 0.1],
  ['completed', 0.1],
  ['rejected', 0.04],
  ['converted', 0.04],
  ['merged', 0.03],
  ['withdrawn', 0.01],
];
const KINDS = [
  ['individual', 0.62],
  ['joint', 0.25],
  ['sector', 0.05],
  ['committee', 0.04],
  ['party', 0.04],
];
const NUMBERED = new Set(['accepted', 'assigned', 'replied', 'completed']);
const HANDLED = new Set(['assigned', 'replied', 'completed']);

const COLUMNS = [
  'id',
  'sessionId',
  'number',
  'kind',
  'title',
  'category',
  'background',
  'suggestions',
  'agreeToPublish',
  'plenary',
  'status',
  'leadMemberId',
  'filedByUserId',
  'sectorId',
  'committeeId',
  'groupName',
  'handlingMode',
  'handlingStartedAt',
  'deadline',
  'extensionMonths',
  'rehandleCount',
  'mergedIntoId',
  'reviewGround',
  'reviewReason',
  'isKey',
  'supervisorUserId',
  'excellent',
  'overdue',
  'submittedAt',
  'reviewedAt',
  'assignedAt',
  'repliedAt',
  'completedAt',
  'withdrawnAt',
  'createdAt',
  'updatedAt',
  'version',
];

const weighted = (rng, table) => {
  let x = rng();
  for (const [value, p] of table) if ((x -= p) < 0) return value;
  return table[table.length - 1][0];
};
const between = (rng, from, days) => new Date(from.getTime() + Math.floor(rng() * days * DAY));
const addMonths = (at, n) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + n, at.getUTCDate(), at.getUTCHours()));

/** The directory the proposals refer to, inserted in bulk: sessions, members with accounts, units; staff and a leader through the API. */
async function seedDirectory(ds, port, admin) {
  const now = NOW;
  await ds.query(
    `INSERT INTO sessions (code, name, opensAt, closesAt, disabled, createdAt, updatedAt, version) VALUES ${SESSIONS.map(() => '(?, ?, ?, ?, 0, ?, ?, 1)').join(', ')}`,
    SESSIONS.flatMap((s) => [s.code, s.name, s.opensAt, s.closesAt, now, now]),
  );
  const sectors = (await ds.query('SELECT id, name FROM sectors ORDER BY id')).map((r) => ({
    id: Number(r.id),
    name: r.name,
  }));
  const committees = (await ds.query('SELECT id, name FROM committees ORDER BY id')).map((r) => ({
    id: Number(r.id),
    name: r.name,
  }));
  const members = Array.from({ length: MEMBERS }, (_, i) => [
    `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i >= SURNAMES.length * GIVEN.length ? i : ''}`,
    sectors[i % sectors.length].id,
  ]);
  await ds.query(
    `INSERT INTO members (name, gender, sectorId, term, status, disabled, createdAt, updatedAt, version) VALUES ${members.map(() => "(?, ?, ?, '第五届', 'active', 0, ?, ?, 1)").join(', ')}`,
    members.flatMap(([name, sectorId], i) => [name, i % 2 ? 'female' : 'male', sectorId, now, now]),
  );
  const memberRows = (await ds.query('SELECT id, sectorId FROM members ORDER BY id')).map((r) => ({
    id: Number(r.id),
    sectorId: Number(r.sectorId),
  }));
  // Accounts for every member (proposals are filed by them); nobody signs in as them, so one hash serves.
  const hash = require('bcryptjs').hashSync('not-used-by-the-bench', 4);
  await ds.query(
    `INSERT INTO users (username, displayName, passwordHash, roleList, memberId, disabled, createdAt, updatedAt, version) VALUES ${memberRows.map(() => "(?, '委员', ?, 'member', ?, 0, ?, ?, 1)").join(', ')}`,
    memberRows.flatMap((m) => [`m${m.id}`, hash, m.id, now, now]),
  );
  const userOfMember = new Map(
    (await ds.query('SELECT id, memberId FROM users WHERE memberId IS NOT NULL')).map((r) => [
      Number(r.memberId),
      Number(r.id),
    ]),
  );
  await ds.query(
    `INSERT INTO units (name, kind, disabled, createdAt, updatedAt, version) VALUES ${UNIT_NAMES.map(() => '(?, ?, 0, ?, ?, 1)').join(', ')}`,
    UNIT_NAMES.flatMap((n) => [n, unitKind(n), now, now]),
  );
  const units = (await ds.query('SELECT id FROM units ORDER BY id')).map((r) => Number(r.id));
  const sessions = (await ds.query('SELECT id FROM sessions ORDER BY opensAt')).map((r) => Number(r.id));
  const account = async (username, roles, extra = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username, password: ADMIN_PASSWORD, displayName: username, roles, ...extra }),
    });
    if (!res.ok) throw new Error(`account ${username}: ${res.status} ${await res.text()}`);
    return (await res.json()).id;
  };
  const staffUserId = await account('bench-staff', ['staff']);
  const leaderUserId = await account('bench-leader', ['leader']);
  await account('bench-member', ['member'], { memberId: memberRows[0].id });
  return { sectors, committees, members: memberRows, userOfMember, units, sessions, staffUserId, leaderUserId };
}

/**
 * Proposal number `seed` of the corpus as rows: the proposal, its signers, its units and its index
 * document. Sessions are drawn at random (not by id), so the first 10k are a sample of the 100k.
 */
function generateRows(seed, id, dir, counters) {
  const rng = seededRandom(seed * 7 + 3);
  const text = generateProposal(seed);
  const s = Math.floor(rng() * SESSIONS.length);
  const session = SESSIONS[s];
  const current = s === SESSIONS.length - 1;
  let status = weighted(rng, current ? CURRENT_STATUSES : CLOSED_STATUSES);
  if (status === 'merged' && id < 100) status = 'rejected';
  const kind = weighted(rng, KINDS);
  const group = kind === 'sector' || kind === 'committee' || kind === 'party';
  const lead = group ? null : dir.members[Math.floor(rng() * dir.members.length)];
  const sector = group ? dir.sectors[Math.floor(rng() * dir.sectors.length)] : null;
  const committee = kind === 'committee' ? dir.committees[Math.floor(rng() * dir.committees.length)] : null;
  const plenary = rng() < 0.8;
  // Filed in the session's window (大会提案) or in the year after it (平时提案); the current session's up to now.
  const submittedAt = current
    ? between(rng, session.opensAt, (NOW - session.opensAt) / DAY - 20)
    : plenary
      ? between(rng, addMonths(session.closesAt, -3), 90)
      : between(rng, session.closesAt, 200);
  const reviewedAt = new Date(submittedAt.getTime() + (5 + Math.floor(rng() * 15)) * DAY);
  const assignedAt = new Date(reviewedAt.getTime() + (2 + Math.floor(rng() * 5)) * DAY);
  const repliedAt = new Date(
    assignedAt.getTime() + (current ? 5 + Math.floor(rng() * 10) : 30 + Math.floor(rng() * 60)) * DAY,
  );
  const completedAt = new Date(repliedAt.getTime() + (3 + Math.floor(rng() * 12)) * DAY);
  const handled = HANDLED.has(status);
  const number = NUMBERED.has(status) ? (counters[s] = (counters[s] ?? 0) + 1) : null;
  const isKey = NUMBERED.has(status) && rng() < 0.02;
  const row = {
    id,
    sessionId: dir.sessions[s],
    number,
    kind,
    title: text.title,
    category: CATEGORY.get(text.category) ?? 'other',
    background: text.background,
    suggestions: JSON.stringify(text.suggestions),
    agreeToPublish: rng() < 0.7 ? 1 : 0,
    plenary: status === 'draft' ? 0 : plenary || current ? 1 : 0,
    status,
    leadMemberId: lead?.id ?? null,
    filedByUserId: lead ? dir.userOfMember.get(lead.id) : dir.staffUserId,
    sectorId: lead ? lead.sectorId : kind === 'committee' ? null : sector.id,
    committeeId: committee?.id ?? null,
    groupName:
      kind === 'sector'
        ? sector.name
        : kind === 'committee'
          ? committee.name
          : kind === 'party'
            ? `${sector.name}吴忠市委员会`
            : null,
    handlingMode: handled ? (rng() < 0.85 ? 'lead' : 'split') : null,
    handlingStartedAt: handled ? assignedAt : null,
    deadline: handled ? addMonths(assignedAt, 3) : null,
    extensionMonths: 0,
    rehandleCount: 0,
    mergedIntoId: status === 'merged' ? id - 1 - Math.floor(rng() * Math.min(90, id - 2)) : null,
    reviewGround: status === 'rejected' ? 'several_matters' : null,
    reviewReason:
      status === 'rejected' ? '一案多事，请分别提出。' : status === 'converted' ? '转为社情民意信息。' : null,
    isKey: isKey ? 1 : 0,
    supervisorUserId: isKey ? dir.leaderUserId : null,
    excellent: status === 'completed' && rng() < 0.03 ? 1 : 0,
    // Closed sessions' proposals still without a reply are long past their deadline.
    overdue: status === 'assigned' && !current ? 1 : 0,
    submittedAt: status === 'draft' ? null : submittedAt,
    reviewedAt: status === 'draft' || status === 'submitted' || status === 'withdrawn' ? null : reviewedAt,
    assignedAt: handled ? assignedAt : null,
    repliedAt: status === 'replied' || status === 'completed' ? repliedAt : null,
    completedAt: status === 'completed' ? completedAt : null,
    withdrawnAt: status === 'withdrawn' ? reviewedAt : null,
    createdAt: submittedAt,
    updatedAt: status === 'completed' ? completedAt : submittedAt,
    version: 3,
  };
  if (Object.keys(row).join() !== COLUMNS.join()) throw new Error('generateRows and COLUMNS disagree');
  const signers = [];
  if (lead) {
    signers.push([id, lead.id, 'lead', 'confirmed', submittedAt, submittedAt]);
    if (kind === 'joint') {
      const taken = new Set([lead.id]);
      for (let k = 1 + Math.floor(rng() * 4); k > 0; k--) {
        const m = dir.members[Math.floor(rng() * dir.members.length)];
        if (taken.has(m.id)) continue;
        taken.add(m.id);
        const confirmed = status !== 'draft' || rng() < 0.5;
        signers.push([
          id,
          m.id,
          'cosigner',
          confirmed ? 'confirmed' : 'invited',
          submittedAt,
          confirmed ? submittedAt : null,
        ]);
      }
    }
  }
  const parts = [];
  if (handled) {
    const pick = () => dir.units[Math.floor(rng() * dir.units.length)];
    const chosen = new Set([pick()]);
    const extra = row.handlingMode === 'split' ? 1 + Math.floor(rng() * 2) : Math.floor(rng() * 3);
    for (let k = 0; k < extra; k++) chosen.add(pick());
    [...chosen].forEach((unitId, k) =>
      parts.push([
        id,
        unitId,
        row.handlingMode === 'split' ? 'split' : k === 0 ? 'lead' : 'co',
        1,
        assignedAt,
        row.repliedAt && (k === 0 || row.handlingMode === 'split') ? row.repliedAt : null,
      ]),
    );
  }
  return { row, signers, parts, doc: { id, fields: proposalFields(text) } };
}

async function insertRows(em, table, columns, rows) {
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    const part = rows.slice(at, at + INSERT_ROWS);
    const marks = `(${columns.map(() => '?').join(', ')})`;
    await em.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => marks).join(', ')}`,
      part.flat(),
    );
  }
}

/**
 * The owner index of the postings (ownerType, ownerId, gram, tf) is dropped while postings go in and
 * built afterwards in one sorted pass, with the columns read back from the schema: inserting into
 * it row by row in gram order touches it at random, which dominates a load that outgrows the buffer pool.
 */
async function withoutOwnerIndex(ds, fn) {
  const cols = (await ds.query("SHOW INDEX FROM text_grams WHERE Key_name = 'IDX_text_grams_owner'"))
    .sort((a, b) => a.Seq_in_index - b.Seq_in_index)
    .map((r) => r.Column_name);
  await ds.query('DROP INDEX IDX_text_grams_owner ON text_grams');
  const loaded = await fn();
  const t = await time(() => ds.query(`CREATE INDEX IDX_text_grams_owner ON text_grams (${cols.join(', ')})`));
  return { ...loaded, ownerIndexMs: t.ms };
}

/** Generated proposals [from, to) into the tables and the text index. */
async function load(ds, dir, from, to, counters) {
  const index = new TextIndexService(ds);
  let nextId = Number((await ds.query('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM proposals'))[0].n);
  let rowsMs = 0;
  let indexMs = 0;
  return withoutOwnerIndex(ds, async () => {
    for (let start = from; start < to; start += INDEX_DOCS) {
      const batch = [];
      for (let seed = start; seed < Math.min(to, start + INDEX_DOCS); seed++) {
        dir.seedOf.set(nextId, seed);
        batch.push(generateRows(seed, nextId++, dir, counters));
      }
      rowsMs += (
        await time(() =>
          ds.transaction(async (em) => {
            await insertRows(
              em,
              'proposals',
              COLUMNS,
              batch.map((b) => COLUMNS.map((c) => b.row[c])),
            );
            await insertRows(
              em,
              'proposal_signers',
              ['proposalId', 'memberId', 'role', 'status', 'invitedAt', 'confirmedAt'],
              batch.flatMap((b) => b.signers),
            );
            await insertRows(
              em,
              'proposal_units',
              ['proposalId', 'unitId', 'role', 'active', 'assignedAt', 'repliedAt'],
              batch.flatMap((b) => b.parts),
            );
          }),
        )
      ).ms;
      indexMs += (
        await time(() =>
          ds.transaction((em) =>
            index.reindexMany(
              em,
              'proposal',
              batch.map((b) => b.doc),
            ),
          ),
        )
      ).ms;
      process.stderr.write('.');
    }
    for (const [s, last] of Object.entries(counters)) {
      await ds.query(
        'INSERT INTO proposal_counters (sessionId, lastNumber) VALUES (?, ?) ON DUPLICATE KEY UPDATE lastNumber = VALUES(lastNumber)',
        [dir.sessions[s], last],
      );
    }
    return { rowsMs, indexMs };
  });
}

/** A request through the API as staff, returning the parsed body. */
function api(port, token) {
  return async (path, init = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** A page as hand-written SQL reads it: the total, the page's ids, those proposals with session and lead names, their units. */
async function rawPage(conn, where, params) {
  const [[{ n }]] = await conn.query(`SELECT COUNT(*) AS n FROM proposals p WHERE ${where}`, params);
  const [page] = await conn.query(`SELECT p.id FROM proposals p WHERE ${where} ORDER BY p.id DESC LIMIT 20`, params);
  const ids = page.map((r) => r.id);
  if (ids.length) {
    await conn.query(
      'SELECT p.*, s.name AS sessionName, m.name AS leadName FROM proposals p JOIN sessions s ON s.id = p.sessionId LEFT JOIN members m ON m.id = p.leadMemberId WHERE p.id IN (?)',
      [ids],
    );
    await conn.query(
      'SELECT pu.proposalId, pu.role, u.name FROM proposal_units pu JOIN units u ON u.id = pu.unitId WHERE pu.active = 1 AND pu.proposalId IN (?)',
      [ids],
    );
  }
  return { total: Number(n), ids };
}

/** `q`: the phrase's grams rarest first, the records holding all of them, confirmed by LIKE on the text columns. */
async function rawSearch(conn, q, staffUserId) {
  const { grams, phrases } = searchTerms(q);
  const [df] = await conn.query("SELECT gram, df FROM text_gram_df WHERE ownerType = 'proposal' AND gram IN (?)", [
    grams,
  ]);
  const order = df.sort((a, b) => a.df - b.df).map((r) => r.gram);
  const joins = order
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN text_grams g${i + 1} ON g${i + 1}.ownerType = g0.ownerType AND g${i + 1}.gram = ? AND g${i + 1}.ownerId = g0.ownerId`,
    )
    .join('');
  const like = phrases.map(() => '(p.title LIKE ? OR p.background LIKE ? OR p.suggestions LIKE ?)').join(' AND ');
  const where = `(p.status <> 'draft' OR p.filedByUserId = ?) AND p.id IN (SELECT g0.ownerId FROM text_grams g0${joins} WHERE g0.ownerType = 'proposal' AND g0.gram = ?) AND ${like}`;
  return rawPage(conn, where, [
    staffUserId,
    ...order.slice(1),
    order[0],
    ...phrases.flatMap((p) => [`%${p}%`, `%${p}%`, `%${p}%`]),
  ]);
}

/**
 * Similar proposals as raw SQL: the statements TextIndexService.similar sends (bench/lib/similar.js, shared with
 * bench/opinions) — limit 30, then the configured minimum and the shown rows (no drafts), as ProposalsService.similar.
 */
async function rawSimilar(conn, id) {
  const hits = await similarSql(async (sql, params) => (await conn.query(sql, params))[0], {
    engine: 'mariadb',
    ownerType: 'proposal',
    id,
    limit: 30,
    shown: async (ids) =>
      (
        await conn.query(
          "SELECT p.id, p.title, p.status, p.number, s.name FROM proposals p JOIN sessions s ON s.id = p.sessionId WHERE p.id IN (?) AND p.status <> 'draft'",
          [ids],
        )
      )[0].map((r) => Number(r.id)),
  });
  return hits.filter((h) => h.score >= MIN_SIMILAR).slice(0, 10);
}

/** A rephrased duplicate of a proposal of the session, filed and submitted by a member through the API; returns [original id, duplicate id]. */
async function fileDuplicate(ds, port, dir, size) {
  const [original] = await ds.query(
    "SELECT id FROM proposals WHERE status = 'accepted' AND sessionId = ? ORDER BY id LIMIT 1 OFFSET ?",
    [dir.sessions[4], Math.floor(size / 1000)],
  );
  const seed = dir.seedOf.get(Number(original.id));
  const text = rephrase(generateProposal(seed), seed);
  const member = api(port, await login(port, 'bench-member'));
  const created = await member('/proposals', {
    method: 'POST',
    body: JSON.stringify({
      sessionId: dir.sessions[4],
      kind: 'individual',
      title: text.title,
      category: CATEGORY.get(text.category) ?? 'other',
      background: text.background,
      suggestions: text.suggestions,
    }),
  });
  await member(`/proposals/${created.id}/submit`, {
    method: 'POST',
    body: JSON.stringify({ version: created.version }),
  });
  return [Number(original.id), created.id];
}

/** Medians of the API call and the raw SQL (bench/lib/timing.js), RUNS after WARMUP. */
const compare = (viaApi, viaSql) => compareTimes(viaApi, viaSql, RUNS, WARMUP);

async function benchSize(ds, conn, port, staff, dir, size) {
  const call = api(port, staff);
  const current = dir.sessions[4];
  const rows = [];
  const floor = await compare(
    () => call('/users/me'),
    () => conn.query('SELECT id FROM users WHERE id = ?', [dir.staffUserId]),
  );
  rows.push({ what: 'GET /users/me (the floor: auth + one row)', ...floor });
  const home = await compare(
    () => call('/proposals'),
    () => rawPage(conn, "(p.status <> 'draft' OR p.filedByUserId = ?)", [dir.staffUserId]),
  );
  rows.push({ what: "list: no filter (staff's default page)", note: matches(home), ...home });
  const list = await compare(
    () => call(`/proposals?status=assigned&category=society&sessionId=${current}`),
    () => rawPage(conn, "p.status = 'assigned' AND p.category = 'society' AND p.sessionId = ?", [current]),
  );
  rows.push({ what: 'list: status+category+session, page 1', note: matches(list), ...list });
  const search = await compare(
    () => call(`/proposals?q=${encodeURIComponent(PHRASE)}`),
    () => rawSearch(conn, PHRASE, dir.staffUserId),
  );
  rows.push({ what: `search: q=${PHRASE}`, note: matches(search), ...search });
  const [original, duplicate] = await fileDuplicate(ds, port, dir, size);
  const similar = await compare(
    () => call(`/proposals/${duplicate}/similar`),
    () => rawSimilar(conn, duplicate),
  );
  const first = similar.last.api[0];
  const rawFirst = similar.last.sql[0];
  rows.push({
    what: 'similar: rephrased duplicate, top 10',
    note: `original first: API ${first?.id === original ? 'yes' : 'NO'} (${first?.score}), SQL ${rawFirst?.id === original ? 'yes' : 'NO'} (${rawFirst?.score.toFixed(4)})`,
    ...similar,
  });
  const overdue = await compare(
    () => call('/proposals?overdue=true'),
    () => rawPage(conn, "p.status <> 'draft' AND p.overdue = 1", []),
  );
  rows.push({ what: 'overdue=true, page 1', note: matches(overdue), ...overdue });
  return rows;
}

(async () => {
  const started = Date.now();
  const db = await databaseFor('mariadb', 'bench_proposals');
  const app = startApp(db.url, PORT);
  const ds = new DataSource(appDataSourceOptions(loadConfig({ DATABASE_URL: db.url })));
  const conn = await mysql.createConnection(db.url);
  const results = [];
  try {
    await waitForHealth(PORT);
    await ds.initialize();
    const dir = await seedDirectory(ds, PORT, await login(PORT, 'admin'));
    const staff = await login(PORT, 'bench-staff');
    /** The generator's seed of each proposal id, to rephrase one. */
    dir.seedOf = new Map();
    const counters = {};
    let loaded = 0;
    for (const size of SIZES) {
      const t = await time(() => load(ds, dir, loaded, size, counters));
      loaded = size;
      const [[{ postings }]] = await conn.query(
        "SELECT COUNT(*) AS postings FROM text_grams WHERE ownerType = 'proposal'",
      );
      process.stderr.write(
        `\n${size}: loaded in ${(t.ms / 1000).toFixed(0)} s (rows ${(t.result.rowsMs / 1000).toFixed(0)} s, postings ${(t.result.indexMs / 1000).toFixed(0)} s, owner index ${(t.result.ownerIndexMs / 1000).toFixed(0)} s), ${postings} postings\n`,
      );
      results.push({
        size,
        load: t,
        postings: Number(postings),
        rows: await benchSize(ds, conn, PORT, staff, dir, size),
      });
    }
  } finally {
    await stopApp(app);
    await conn.end();
    if (ds.isInitialized) await ds.destroy();
    if (process.env.BENCH_KEEP) process.stderr.write(`kept the database: ${db.url}\n`);
    else await db.drop();
  }
  const f = (x) => x.toFixed(1);
  console.log(
    `\nbench/proposals — MariaDB, ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} runs after ${WARMUP} warm-up; ms; load at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
  );
  console.log(pad('proposals', 11) + pad('request', 44) + pad('API', 9) + pad('raw SQL', 9) + pad('ratio', 8) + 'note');
  for (const r of results) {
    console.log(pad(r.size, 11) + `loaded in ${(r.load.ms / 1000).toFixed(0)} s, ${r.postings} postings`);
    for (const row of r.rows)
      console.log(
        pad('', 11) +
          pad(row.what, 44) +
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
