import { Role, ROLES } from '../../src/common/roles';
import { Tx } from '../../src/database/tx';
import { NotificationDelivery } from '../../src/notifications/delivery.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { accountOf, Cast, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { draftAt } from '../support/drafts';
import { tinyPdf } from '../support/file-fixtures';
import { tinyPng } from '../support/file-fixtures';
import { draft, draftBody, proposalAt } from '../support/proposals';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { meetingBody, topicAt, topicBody, TopicCast, TopicFixture } from '../support/topics';
import { visitBody } from '../support/visits';

/**
 * Who may call what: every JSON endpoint × every role → the status it answers. A new endpoint
 * without a row here fails the last test, so access is decided on purpose, not by default.
 */
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];
const WRITERS: Role[] = ['admin', 'staff'];

interface Row {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As in the OpenAPI document; `{id}` is filled with a record of the path's resource. */
  route: string;
  /** Roles that get `ok`; 'signed-in' is every role; 'public' includes the anonymous caller. */
  who: Role[] | 'signed-in' | 'public';
  ok: number;
  body?: () => object;
  /** A multipart upload in the field `file` instead of a JSON body. */
  upload?: () => { name: string; bytes: Buffer };
  /** The call ends or changes the caller's own session or password: each caller uses a new account. */
  ownAccount?: true;
  /** Records the route's `{…}` stand for, made for this row (default: `{id}` of the path's resource). */
  fixture?: () => Promise<Record<string, number>>;
  /** A query string for the path (without `?`). */
  query?: () => string;
  /** Callers whose answer is decided by ownership, not role: e.g. 404 for someone else's draft. */
  except?: Partial<Record<Caller, number>>;
}

/** The account the login row signs in with. */
const MATRIX_LOGIN = 'matrixlogin';

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}m${++n}`;
const session = () => ({
  code: `${Math.floor(++n / 90) + 1}-${(n % 90) + 1}`,
  name: uniq('矩阵会次'),
  opensAt: '2026-11-01T09:00:00+08:00',
  closesAt: '2027-01-20T17:00:00+08:00',
});

/** The record a `{id}` stands for, by the path's resource; filled in beforeAll. */
const fixtures: Record<string, number> = {};
const sectorId = () => fixtures.sectors;

const directory = (resource: string, create: () => object, change: () => object): Row[] => [
  { method: 'get', route: `/api/v1/${resource}`, who: 'signed-in', ok: 200 },
  { method: 'get', route: `/api/v1/${resource}/{id}`, who: 'signed-in', ok: 200 },
  { method: 'post', route: `/api/v1/${resource}`, who: WRITERS, ok: 201, body: create },
  { method: 'patch', route: `/api/v1/${resource}/{id}`, who: WRITERS, ok: 200, body: change },
];

const ROWS: Row[] = [
  {
    method: 'post',
    route: '/api/v1/auth/login',
    who: 'public',
    ok: 200,
    // A leader's account: it signs in with the password alone (admin and staff need a second factor).
    body: () => ({ username: MATRIX_LOGIN, password: TEST_PASSWORD }),
  },
  /** By SMS code: open to everyone; this app has no SMS provider, so asking for a code is 409 and a code is never right. */
  {
    method: 'post',
    route: '/api/v1/auth/sms-code',
    who: 'public',
    ok: 409,
    body: () => ({ mobile: '13800138000', purpose: 'login' }),
  },
  {
    method: 'post',
    route: '/api/v1/auth/login/sms',
    who: 'public',
    ok: 401,
    body: () => ({ mobile: '13800138000', code: '123456' }),
  },
  {
    method: 'post',
    route: '/api/v1/auth/password-reset',
    who: 'public',
    ok: 401,
    body: () => ({ mobile: '13800138000', code: '123456', newPassword: 'Renewed-2026x' }),
  },
  { method: 'post', route: '/api/v1/auth/logout', who: 'signed-in', ok: 204, ownAccount: true },
  { method: 'get', route: '/api/v1/users/me', who: 'signed-in', ok: 200 },
  {
    method: 'post',
    route: '/api/v1/users/me/password',
    who: 'signed-in',
    ok: 204,
    ownAccount: true,
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'Changed2026pw' }),
  },
  // Every caller's own account: admin and staff are enrolled already (409), the others may enrol (200).
  {
    method: 'post',
    route: '/api/v1/users/me/second-factor/setup',
    who: 'signed-in',
    ok: 200,
    ownAccount: true,
    except: { admin: 409, staff: 409 },
  },
  // A code that cannot be right: enrolled (admin, staff) or not set up, each is refused as such, not by role.
  {
    method: 'post',
    route: '/api/v1/users/me/second-factor/confirm',
    who: 'signed-in',
    ok: 409,
    body: () => ({ code: '000000' }),
  },
  {
    method: 'post',
    route: '/api/v1/users/me/second-factor/recovery-codes',
    who: 'signed-in',
    ok: 400,
    body: () => ({ code: '000000' }),
  },
  {
    method: 'post',
    route: '/api/v1/users/{id}/second-factor/reset',
    who: ['admin'],
    ok: 204,
    fixture: async () => ({ id: (await t.signInAs('staff')).userId }),
  },
  { method: 'get', route: '/api/v1/users', who: ['admin'], ok: 200 },
  {
    method: 'post',
    route: '/api/v1/users',
    who: ['admin'],
    ok: 201,
    body: () => ({ username: uniq('mx'), password: 'Welcome2026', displayName: '矩阵用户', roles: ['staff'] }),
  },
  { method: 'get', route: '/api/v1/users/{id}', who: ['admin'], ok: 200 },
  {
    method: 'patch',
    route: '/api/v1/users/{id}',
    who: ['admin'],
    ok: 200,
    body: () => ({ displayName: uniq('改名') }),
  },
  { method: 'get', route: '/api/v1/audit', who: ['admin'], ok: 200 },
  { method: 'get', route: '/api/v1/audit/verify', who: ['admin'], ok: 200 },
  { method: 'get', route: '/api/v1/security-events', who: ['admin'], ok: 200 },
  ...directory(
    'sectors',
    () => ({ name: uniq('矩阵界别') }),
    () => ({ sortOrder: ++n }),
  ),
  ...directory(
    'committees',
    () => ({ name: uniq('矩阵委员会') }),
    () => ({ sortOrder: ++n }),
  ),
  ...directory(
    'members',
    () => ({ name: uniq('矩阵委员'), sectorId: sectorId() }),
    () => ({ phone: `0571-${10000 + ++n}` }),
  ),
  ...directory(
    'units',
    () => ({ name: uniq('矩阵局'), kind: 'government' }),
    () => ({ contactName: uniq('联系人') }),
  ),
  ...directory(
    'consultation-points',
    () => ({ name: uniq('矩阵议事点') }),
    () => ({ grid: uniq('网格') }),
  ),
  ...directory('sessions', session, () => ({ name: uniq('改名会次') })),
  { method: 'get', route: '/api/v1/notifications', who: 'signed-in', ok: 200 },
  { method: 'post', route: '/api/v1/notifications/read-all', who: 'signed-in', ok: 200 },
  /** 待办: every signed-in person gets their own items; anonymous callers 401. */
  { method: 'get', route: '/api/v1/todos', who: 'signed-in', ok: 200 },
  // Every role may mark its own messages read; `{id}` belongs to another account, so each caller gets 404.
  { method: 'post', route: '/api/v1/notifications/{id}/read', who: 'signed-in', ok: 404 },
  /** 通知设置: each person's own. */
  { method: 'get', route: '/api/v1/users/me/notice-settings', who: 'signed-in', ok: 200 },
  {
    method: 'put',
    route: '/api/v1/users/me/notice-settings',
    who: 'signed-in',
    ok: 200,
    body: () => ({ digest: false, categories: [{ category: 'proposal', email: true, sms: true }] }),
  },
  /** 发送记录 and 重发: the office's staff. */
  { method: 'get', route: '/api/v1/notifications/deliveries', who: ['staff'], ok: 200 },
  {
    method: 'post',
    route: '/api/v1/notifications/deliveries/{id}/retry',
    who: ['staff'],
    ok: 200,
    fixture: async () => ({ id: (await failedDelivery()).id }),
  },
];

/** A delivery whose provider refused it, for the 重发 row. */
const failedDelivery = () => {
  const now = new Date();
  return t.ds.getRepository(NotificationDelivery).save({
    notificationId: fixtures.notifications,
    userId: fixtures.users,
    channel: 'sms' as const,
    address: '13800000000',
    status: 'failed' as const,
    reason: 'rejected',
    notBefore: now,
    attempts: 1,
    answer: 'isv.MOBILE_NUMBER_ILLEGAL',
    createdAt: now,
    updatedAt: now,
  });
};

/*
 * Proposals are ownership-scoped: each row makes its own proposal in the state the action
 * needs, led by the matrix's member account and assigned to the matrix's unit account, so
 * the role that may act is also the right person. Ownership in detail: proposals/access.
 */
let c: Cast;
const proposal =
  (stage: Parameters<typeof proposalAt>[2], opts: Parameters<typeof proposalAt>[3] = {}) =>
  async () => ({ id: await proposalAt(t, c, stage, opts) });
/** A proposal of the matrix's member with one attachment, uploaded while draft, then carried to `stage`. */
const attached = (stage: 'draft' | 'assigned') => async () => {
  let attachmentId = 0;
  const upload = async (id: number) => {
    attachmentId = (
      await t.http().post(`${P}/${id}/attachments`).set(c.lead.auth).attach('file', tinyPdf(), '附件.pdf').expect(201)
    ).body.id;
  };
  return { id: await proposalAt(t, c, stage, { whileDraft: upload }), attachmentId };
};
const P = '/api/v1/proposals';
const readers: Role[] = ['staff', 'leader', 'member', 'unit'];
let t: TestApp;

ROWS.push(
  { method: 'get', route: P, who: readers, ok: 200 },
  { method: 'post', route: P, who: ['member'], ok: 201, body: () => draftBody(c.sessionId) },
  { method: 'get', route: `${P}/{id}`, who: readers, ok: 200, fixture: proposal('assigned') },
  {
    method: 'patch',
    route: `${P}/{id}`,
    who: ['member'],
    ok: 200,
    fixture: proposal('draft'),
    except: { staff: 404 },
    body: () => ({ title: uniq('改后的案由') }),
  },
  { method: 'get', route: `${P}/{id}/history`, who: readers, ok: 200, fixture: proposal('assigned') },
  { method: 'get', route: `${P}/{id}/similar`, who: ['staff'], ok: 200, fixture: proposal('submitted') },
  {
    method: 'post',
    route: `${P}/{id}/cosign`,
    who: ['member'],
    ok: 200,
    fixture: async () => ({
      id: await draft(t, c.co1, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.lead.memberId] }),
    }),
  },
  {
    method: 'post',
    route: `${P}/{id}/decline-cosign`,
    who: ['member'],
    ok: 204,
    fixture: async () => ({
      id: await draft(t, c.co1, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.lead.memberId] }),
    }),
  },
  {
    method: 'post',
    route: `${P}/{id}/submit`,
    who: ['member'],
    ok: 200,
    fixture: proposal('draft'),
    except: { staff: 404 },
  },
  { method: 'post', route: `${P}/{id}/withdraw`, who: ['member'], ok: 200, fixture: proposal('submitted') },
  {
    method: 'post',
    route: `${P}/{id}/review`,
    who: ['staff'],
    ok: 200,
    fixture: proposal('submitted'),
    body: () => ({ decision: 'accept' }),
  },
  {
    method: 'post',
    route: `${P}/{id}/assign`,
    who: ['staff'],
    ok: 200,
    fixture: proposal('accepted'),
    body: () => ({ leadUnitId: c.unit.unitId }),
  },
  {
    method: 'post',
    route: `${P}/{id}/return`,
    who: ['unit'],
    ok: 200,
    fixture: proposal('assigned'),
    body: () => ({ reason: '不属于本单位职责' }),
  },
  {
    method: 'post',
    route: `${P}/{id}/communications`,
    who: ['unit'],
    ok: 201,
    fixture: proposal('assigned'),
    body: () => ({ mode: 'phone', summary: '电话沟通' }),
  },
  {
    method: 'post',
    route: `${P}/{id}/co-opinions`,
    who: ['unit'],
    ok: 201,
    body: () => ({ content: '同意' }),
    fixture: async () => ({
      id: await proposalAt(t, { ...c, coUnit: c.unit }, 'assigned', { withCoUnit: true, unit: c.coUnit }),
    }),
  },
  {
    method: 'post',
    route: `${P}/{id}/reply`,
    who: ['unit'],
    ok: 200,
    body: () => ({ classification: 'A', content: '已采纳', public: true }),
    fixture: async () => {
      const id = await proposalAt(t, c, 'assigned');
      await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'visit', summary: '面商' }, 201);
      return { id };
    },
  },
  {
    method: 'post',
    route: `${P}/{id}/evaluate`,
    who: ['member'],
    ok: 200,
    fixture: proposal('replied'),
    body: () => ({ rating: 'satisfied' }),
  },
  { method: 'post', route: `${P}/{id}/key`, who: ['leader'], ok: 200, fixture: proposal('accepted') },
  { method: 'post', route: `${P}/{id}/excellent`, who: ['staff'], ok: 200, fixture: proposal('accepted') },
  // A leader may chase only the key proposals they supervise; this one is not key.
  {
    method: 'post',
    route: `${P}/{id}/chase`,
    who: ['staff'],
    ok: 200,
    fixture: proposal('assigned'),
    body: () => ({ note: '请抓紧办理' }),
  },
  {
    method: 'post',
    route: `${P}/{id}/extensions`,
    who: ['unit'],
    ok: 201,
    fixture: proposal('assigned'),
    body: () => ({ months: 1, reason: '需要调研' }),
  },
  {
    method: 'post',
    route: `${P}/{id}/extensions/{extensionId}/decision`,
    who: ['staff'],
    ok: 200,
    body: () => ({ approve: true }),
    fixture: async () => {
      const id = await proposalAt(t, c, 'assigned');
      const asked = await api(t, c.unit, 'post', `/proposals/${id}/extensions`, { months: 1, reason: '需要调研' }, 201);
      return { id, extensionId: (asked.extensions as { id: number }[])[0].id };
    },
  },
  {
    method: 'post',
    route: `${P}/{id}/attachments`,
    who: ['member'],
    ok: 201,
    fixture: proposal('draft'),
    except: { staff: 404 },
    upload: () => ({ name: '附件.pdf', bytes: tinyPdf() }),
  },
  { method: 'get', route: `${P}/{id}/attachments`, who: readers, ok: 200, fixture: attached('assigned') },
  {
    method: 'get',
    route: `${P}/{id}/attachments/{attachmentId}`,
    who: readers,
    ok: 200,
    fixture: attached('assigned'),
  },
  {
    method: 'delete',
    route: `${P}/{id}/attachments/{attachmentId}`,
    who: ['member'],
    ok: 204,
    fixture: attached('draft'),
    except: { staff: 404 },
  },
  { method: 'get', route: '/api/v1/stats/proposals', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/stats/dashboard', who: ['staff', 'leader'], ok: 200 },
  // The matrix's member reads another member's record: 403 (their own: stats/records.e2e-spec).
  { method: 'get', route: '/api/v1/members/{id}/record', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/records', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/records/export.xlsx', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: `${P}/export.xlsx`, who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/public/proposals', who: 'public', ok: 200 },
  { method: 'get', route: '/api/v1/public/topics', who: 'public', ok: 200 },
);

/** 回头看: a commitment of a B reply by the matrix's unit to the matrix's member, reported by the unit when asked. */
const committed = (reported: boolean) => async () => {
  const proposalId = await proposalAt(t, c, 'assigned');
  await api(t, c.unit, 'post', `/proposals/${proposalId}/communications`, { mode: 'visit', summary: '面商' }, 201);
  const dueDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const commitments = [{ text: '明年完成', dueDate }];
  await api(t, c.unit, 'post', `/proposals/${proposalId}/reply`, {
    classification: 'B',
    content: '已列入计划',
    public: true,
    commitments,
  });
  const [{ id }] = (await api(t, c.unit, 'get', `/proposals/${proposalId}/commitments`)) as unknown as { id: number }[];
  if (reported) await api(t, c.unit, 'post', `/commitments/${id}/report`, { text: '已完成' });
  return { id };
};
ROWS.push(
  { method: 'get', route: '/api/v1/commitments', who: readers, ok: 200 },
  { method: 'get', route: '/api/v1/commitments/rates', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/commitments/export.xlsx', who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: '/api/v1/commitments/{id}', who: readers, ok: 200, fixture: committed(false) },
  { method: 'get', route: `${P}/{id}/commitments`, who: readers, ok: 200, fixture: proposal('replied') },
  {
    method: 'post',
    route: '/api/v1/commitments/{id}/report',
    who: ['unit'],
    ok: 200,
    fixture: committed(false),
    body: () => ({ text: '已完成' }),
  },
  {
    method: 'post',
    route: '/api/v1/commitments/{id}/verdict',
    who: ['member'],
    ok: 200,
    fixture: committed(true),
    body: () => ({ kept: true }),
  },
);

/*
 * Reports: a 提案单 of a proposal every reader role may see, so the request row shows the role rule;
 * the rows on one report use a report staff requested and delivered to the matrix's leader.
 */
const R = '/api/v1/reports';
const sheetOf = (id: number) => ({ kind: 'proposal-sheet', subject: { type: 'proposal', id } });
let assignedForReports = 0;
async function deliveredReport(): Promise<Record<string, number>> {
  const res = await t.http().post(R).set(c.staff.auth).send(sheetOf(assignedForReports));
  await t.jobs.finished('reports', `report:${res.body.id}`);
  await t
    .http()
    .post(`${R}/${res.body.id}/deliver`)
    .set(c.staff.auth)
    .send({ leaderUserIds: [c.leader.userId] });
  return { id: res.body.id, reportId: res.body.id };
}
ROWS.push(
  { method: 'post', route: R, who: readers, ok: 202, body: () => sheetOf(assignedForReports) },
  { method: 'get', route: R, who: [...readers, 'facilitator'], ok: 200 },
  // Staff and the recipient; to others who print reports, one they neither asked for nor received does not exist.
  {
    method: 'get',
    route: `${R}/{id}`,
    who: ['staff', 'leader'],
    ok: 200,
    fixture: deliveredReport,
    except: { member: 404, unit: 404, facilitator: 404 },
  },
  {
    method: 'get',
    route: `${R}/{id}/file`,
    who: ['staff', 'leader'],
    ok: 200,
    fixture: deliveredReport,
    except: { member: 404, unit: 404, facilitator: 404 },
  },
  {
    method: 'post',
    route: `${R}/{id}/deliver`,
    who: ['staff'],
    ok: 200,
    fixture: deliveredReport,
    body: () => ({ leaderUserIds: [c.leader.userId] }),
  },
  { method: 'get', route: '/api/v1/inbox', who: ['leader'], ok: 200 },
);

/*
 * 文稿与签发: a 协商要报 of a committee's topic, as a draft (staff edit and submit it) or submitted (leaders
 * read it, sign it or send it back; staff who are not a configured 签发人 get 403 from the service).
 * Members, units and facilitators are refused every step by role.
 */
let draftText: Record<string, unknown> = {};
async function issuedDraft(): Promise<Record<string, number>> {
  const topic = await topicAt(t, tc, 'deliberating', {
    organizer: { type: 'committee', id: tc.committeeId },
    by: tc.staff,
  });
  const res = await t
    .http()
    .post(R)
    .set(c.staff.auth)
    .send({ kind: 'briefing', subject: { type: 'topic', id: topic.id } });
  await t.jobs.finished('reports', `report:${res.body.id}`);
  draftText = (await t.http().get(`${R}/${res.body.id}/text`).set(c.staff.auth).expect(200)).body.text;
  return { id: res.body.id, revision: 1 };
}
async function submittedDraft(): Promise<Record<string, number>> {
  const ids = await issuedDraft();
  await t.http().post(`${R}/${ids.id}/submit`).set(c.staff.auth).send({}).expect(200);
  return ids;
}
const signers: Role[] = ['staff', 'leader'];
ROWS.push(
  { method: 'get', route: `${R}/{id}/text`, who: signers, ok: 200, fixture: submittedDraft },
  { method: 'put', route: `${R}/{id}/text`, who: ['staff'], ok: 200, fixture: issuedDraft, body: () => draftText },
  { method: 'get', route: `${R}/{id}/revisions`, who: signers, ok: 200, fixture: submittedDraft },
  { method: 'get', route: `${R}/{id}/revisions/{revision}/file`, who: signers, ok: 200, fixture: submittedDraft },
  { method: 'post', route: `${R}/{id}/submit`, who: ['staff'], ok: 200, fixture: issuedDraft, body: () => ({}) },
  {
    method: 'post',
    route: `${R}/{id}/return`,
    who: ['leader'],
    ok: 200,
    fixture: submittedDraft,
    body: () => ({ note: '请补充落实情况' }),
  },
  { method: 'post', route: `${R}/{id}/sign`, who: ['leader'], ok: 200, fixture: submittedDraft, body: () => ({}) },
  { method: 'post', route: '/api/v1/inbox/{reportId}/read', who: ['leader'], ok: 204, fixture: deliveredReport },
);

/*
 * Topics: the GET rows and the steps both staff and a facilitator take use a topic of the matrix
 * facilitator's point, with the matrix member and unit at its meeting and the unit responsible for
 * its outcome. Steps that move the topic once use a committee's topic run by staff, so the
 * facilitator's answer is that of another point's (403); the facilitator's own path is in
 * topics/community.
 */
let tc: TopicCast;
let participantId = 0;
const T = '/api/v1/topics';
const topicReaders: Role[] = ['staff', 'leader', 'member', 'unit', 'facilitator'];
const organisers: Role[] = ['staff', 'facilitator'];
const byCommittee = () => ({ organizer: { type: 'committee' as const, id: tc.committeeId }, by: tc.staff });
/** A committee's topic with the "252" response promise: its clocks are acknowledged and answered once. */
const promised = () => ({ ...byCommittee(), topic: { responsePolicy: '252' } });
const topic =
  (
    stage: Parameters<typeof topicAt>[2],
    opts: () => Parameters<typeof topicAt>[3] = () => ({}),
    pick: (f: TopicFixture) => number | null = (f) => f.id,
  ) =>
  async () => {
    const f = await topicAt(t, tc, stage, opts());
    if (f.meetingId) participantId = (await api(t, tc.staff, 'get', `/meetings/${f.meetingId}`)).participants[0].id;
    return { id: pick(f)! };
  };
/** A meeting still to come of a settled topic of the matrix facilitator's point, the matrix member taking part. */
const meetingAhead = async () => {
  const f = await topicAt(t, tc, 'settled');
  const body = meetingBody({ startsAt: '2030-03-18T09:00:00+08:00', endsAt: '2030-03-18T11:30:00+08:00' });
  const m = await api(t, tc.facilitator, 'post', `/topics/${f.id}/meetings`, body, 201);
  await api(
    t,
    tc.facilitator,
    'post',
    `/meetings/${m.id}/participants`,
    [{ memberId: tc.member.memberId, side: 'member' }],
    201,
  );
  return { id: m.id as number };
};
ROWS.push(
  { method: 'get', route: T, who: topicReaders, ok: 200 },
  {
    method: 'post',
    route: T,
    who: ['staff', 'facilitator', 'member'],
    ok: 201,
    body: () => topicBody({ type: 'point', id: tc.facilitator.pointId }),
  },
  { method: 'get', route: `${T}/{id}`, who: topicReaders, ok: 200, fixture: topic('deliberating') },
  { method: 'get', route: `${T}/{id}/history`, who: topicReaders, ok: 200, fixture: topic('deliberating') },
  { method: 'post', route: `${T}/{id}/settle`, who: ['staff'], ok: 200, fixture: topic('raised', byCommittee) },
  {
    method: 'post',
    route: `${T}/{id}/decline`,
    who: ['staff'],
    ok: 200,
    fixture: topic('raised', byCommittee),
    body: () => ({ reason: '不属于协商范围' }),
  },
  {
    method: 'post',
    route: `${T}/{id}/meetings`,
    who: organisers,
    ok: 201,
    fixture: topic('settled'),
    body: () => meetingBody(),
  },
  {
    method: 'post',
    route: `${T}/{id}/outcomes`,
    who: organisers,
    ok: 201,
    fixture: topic('settled'),
    body: () => ({ kind: 'decision', text: '增设停车位' }),
  },
  { method: 'post', route: `${T}/{id}/resolve`, who: ['staff'], ok: 200, fixture: topic('deliberating', byCommittee) },
  { method: 'post', route: `${T}/{id}/publish`, who: ['staff'], ok: 200, fixture: topic('deliberating', byCommittee) },
  { method: 'post', route: `${T}/{id}/acknowledge`, who: ['staff'], ok: 200, fixture: topic('raised', promised) },
  {
    method: 'post',
    route: `${T}/{id}/answer`,
    who: ['staff'],
    ok: 200,
    fixture: topic('raised', promised),
    body: () => ({ text: '已受理，正在协调' }),
  },
  { method: 'get', route: '/api/v1/outcomes', who: ['staff', 'leader', 'unit', 'facilitator'], ok: 200 },
  { method: 'get', route: '/api/v1/stats/topics', who: ['staff', 'leader'], ok: 200 },
  {
    method: 'post',
    route: `${T}/{id}/evaluations`,
    who: ['member', 'unit'],
    ok: 201,
    body: () => ({ score: 4 }),
    fixture: async () => {
      const f = await topicAt(t, tc, 'resolving');
      await api(t, tc.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' });
      return { id: f.id };
    },
  },
  {
    method: 'post',
    route: `${T}/{id}/close`,
    who: ['staff'],
    ok: 200,
    fixture: async () => {
      t.clock.advance(-16 * 86_400_000);
      try {
        const f = await topicAt(t, tc, 'resolving');
        await api(t, tc.unit, 'patch', `/outcomes/${f.outcomeId}`, { status: 'done', feedback: '已完成' });
        return { id: f.id };
      } finally {
        t.clock.reset();
      }
    },
  },
  {
    method: 'get',
    route: '/api/v1/meetings/{id}',
    who: topicReaders,
    ok: 200,
    fixture: topic('deliberating', undefined, (f) => f.meetingId),
  },
  {
    method: 'post',
    route: '/api/v1/meetings/{id}/participants',
    who: organisers,
    ok: 201,
    fixture: topic('deliberating', undefined, (f) => f.meetingId),
    body: () => [{ name: '居民代表', side: 'resident' }],
  },
  {
    method: 'post',
    route: '/api/v1/meetings/{id}/attendance',
    who: organisers,
    ok: 200,
    fixture: topic('deliberating', undefined, (f) => f.meetingId),
    body: () => [{ participantId, present: true }],
  },
  {
    method: 'post',
    route: '/api/v1/meetings/{id}/speeches',
    who: organisers,
    ok: 201,
    fixture: topic('deliberating', undefined, (f) => f.meetingId),
    body: () => ({ participantId, summary: '建议增设停车位' }),
  },
  {
    method: 'post',
    route: '/api/v1/meetings/{id}/hold',
    who: ['staff'],
    ok: 200,
    fixture: topic(
      'resolving',
      () => ({ ...byCommittee(), spareMeeting: true }),
      (f) => f.spareMeetingId,
    ),
    body: () => ({ minutes: '会议纪要' }),
  },
  {
    method: 'post',
    route: '/api/v1/meetings/{id}/notice',
    who: organisers,
    ok: 200,
    fixture: meetingAhead,
    body: () => ({ note: '请准时参加', urgent: false }),
  },
  { method: 'get', route: '/api/v1/meetings/{id}/notice-receipts', who: organisers, ok: 200, fixture: meetingAhead },
  {
    method: 'patch',
    route: '/api/v1/outcomes/{id}',
    who: ['staff', 'facilitator', 'unit'],
    ok: 200,
    fixture: topic('deliberating', undefined, (f) => f.outcomeId),
    body: () => ({ status: 'in_progress', feedback: '正在办理' }),
  },
);

/*
 * 征求意见: drafts of the matrix facilitator's point under a topic where the matrix member and unit take
 * part (so they are participants), and, for the steps taken once, a committee's draft run by staff (the
 * facilitator hears it is another point's: 403). Organisers commenting must name a paper form's author: 400.
 */
const D = '/api/v1/drafts';
const pointDraft =
  (stage: Parameters<typeof draftAt>[2], extra: Parameters<typeof draftAt>[3] = {}) =>
  async () => {
    const f = await topicAt(t, tc, 'deliberating');
    return { id: (await draftAt(t, tc.facilitator, stage, { topicId: f.id, ...extra })).id };
  };
const committeeDraft = (stage: Parameters<typeof draftAt>[2]) => async () => ({
  id: (await draftAt(t, tc.staff, stage, { organizer: { type: 'committee', id: tc.committeeId } })).id,
});
ROWS.push(
  { method: 'get', route: D, who: topicReaders, ok: 200 },
  {
    method: 'post',
    route: D,
    who: organisers,
    ok: 201,
    body: () => ({
      title: uniq('居民公约'),
      organizer: { type: 'point', id: tc.facilitator.pointId },
      text: '第一条 爱护环境',
    }),
  },
  { method: 'get', route: `${D}/{id}`, who: topicReaders, ok: 200, fixture: pointDraft('open') },
  { method: 'get', route: `${D}/{id}/history`, who: topicReaders, ok: 200, fixture: pointDraft('open') },
  {
    method: 'patch',
    route: `${D}/{id}`,
    who: organisers,
    ok: 200,
    fixture: pointDraft('editing'),
    body: () => ({ title: uniq('改名公约') }),
  },
  {
    method: 'post',
    route: `${D}/{id}/open`,
    who: ['staff'],
    ok: 200,
    fixture: committeeDraft('editing'),
    body: () => ({ closesAt: '2099-01-01T00:00:00+08:00' }),
  },
  { method: 'post', route: `${D}/{id}/close`, who: ['staff'], ok: 200, fixture: committeeDraft('open') },
  {
    method: 'post',
    route: `${D}/{id}/comments`,
    who: ['member', 'unit'],
    ok: 201,
    fixture: pointDraft('open'),
    except: { staff: 400, facilitator: 400 },
    body: () => ({ comments: [{ text: '建议增加文明停车' }] }),
  },
  { method: 'get', route: `${D}/{id}/summary`, who: organisers, ok: 200, fixture: pointDraft('closed') },
  { method: 'get', route: `${D}/{id}/export.xlsx`, who: organisers, ok: 200, fixture: pointDraft('closed') },
  {
    method: 'post',
    route: `${D}/{id}/revisions`,
    who: ['staff'],
    ok: 201,
    fixture: committeeDraft('closed'),
    body: () => ({ text: '第一条 修订后的条款' }),
  },
  {
    method: 'patch',
    route: '/api/v1/draft-comments/{id}',
    who: organisers,
    ok: 200,
    body: () => ({ disposition: 'adopted' }),
    fixture: async () => {
      const { id } = await pointDraft('closed')();
      const summary = await api(t, tc.staff, 'get', `/drafts/${id}/summary`);
      return { id: summary.clauses.flatMap((c: { comments: { id: number }[] }) => c.comments)[0].id };
    },
  },
  {
    method: 'get',
    route: '/api/v1/public/drafts/{id}',
    who: 'public',
    ok: 200,
    fixture: pointDraft('open', { openToPublic: true }),
  },
  {
    method: 'post',
    route: '/api/v1/public/drafts/{id}/comments',
    who: 'public',
    ok: 201,
    fixture: pointDraft('open', { openToPublic: true }),
    body: () => ({ name: '居民', comments: [{ text: '赞成' }] }),
  },
);

/* 年度协商计划: staff draw it up and carry it out, leaders read it. */
let planYear = 2040;
const planItem = { title: '盘活工业低效用地', form: 'key', quarter: 2 };
async function plan(approved: boolean): Promise<{ id: number; itemId: number }> {
  const p = await api(t, tc.staff, 'post', '/plans', { year: ++planYear }, 201);
  const item = await api(
    t,
    tc.staff,
    'post',
    `/plans/${p.id}/items`,
    { ...planItem, organizer: { type: 'committee', id: tc.committeeId } },
    201,
  );
  if (approved) await api(t, tc.staff, 'post', `/plans/${p.id}/approve`, {});
  return { id: p.id, itemId: item.id };
}
const planFixture = (approved: boolean, pick: 'plan' | 'item') => async () => {
  const p = await plan(approved);
  return { id: pick === 'plan' ? p.id : p.itemId };
};
ROWS.push(
  { method: 'get', route: '/api/v1/plans', who: ['staff', 'leader'], ok: 200 },
  { method: 'post', route: '/api/v1/plans', who: ['staff'], ok: 201, body: () => ({ year: ++planYear }) },
  { method: 'get', route: '/api/v1/plans/{id}', who: ['staff', 'leader'], ok: 200, fixture: planFixture(true, 'plan') },
  {
    method: 'post',
    route: '/api/v1/plans/{id}/items',
    who: ['staff'],
    ok: 201,
    fixture: planFixture(false, 'plan'),
    body: () => ({ ...planItem, organizer: { type: 'committee', id: tc.committeeId } }),
  },
  { method: 'post', route: '/api/v1/plans/{id}/approve', who: ['staff'], ok: 200, fixture: planFixture(false, 'plan') },
  {
    method: 'patch',
    route: '/api/v1/plan-items/{id}',
    who: ['staff'],
    ok: 200,
    fixture: planFixture(false, 'item'),
    body: () => ({ quarter: 3 }),
  },
  { method: 'delete', route: '/api/v1/plan-items/{id}', who: ['staff'], ok: 204, fixture: planFixture(false, 'item') },
  {
    method: 'post',
    route: '/api/v1/plan-items/{id}/start',
    who: ['staff'],
    ok: 200,
    fixture: planFixture(true, 'item'),
  },
);

/*
 * Visits: each row's visit is planned by the matrix's staff with the matrix member and a person of the
 * matrix unit invited (conflicts allowed: every fixture is at the same time), so readers by invitation
 * read it; the member's RSVP and proposal are their own. Calendars are the matrix member's.
 */
const V = '/api/v1/visits';
const visitReaders: Role[] = ['staff', 'leader', 'member', 'unit'];
const visit =
  (extra: (id: number, v: Record<string, any>) => Promise<Record<string, number>> = async () => ({})) =>
  async () => {
    const body = visitBody(fixtures.committees, {
      participantMemberIds: [c.lead.memberId],
      invitedUnitPeople: [{ unitId: c.unit.unitId, name: uniq('科长') }],
      allowConflicts: true,
    });
    const v = await api(t, c.staff, 'post', '/visits', body, 201);
    return { id: v.id, ...(await extra(v.id, v)) };
  };
const withPhoto = visit(async (id) => ({
  photoId: (
    await t.http().post(`${V}/${id}/photos`).set(c.staff.auth).attach('file', tinyPng(), '现场.png').expect(201)
  ).body.id,
}));
const ownCalendar = async () => ({ id: c.lead.memberId! });
const planning = () =>
  `memberIds=${c.lead.memberId},${c.co1.memberId}&startsAt=${encodeURIComponent('2026-06-18T09:00:00+08:00')}&endsAt=${encodeURIComponent('2026-06-18T10:00:00+08:00')}`;
ROWS.push(
  { method: 'get', route: V, who: visitReaders, ok: 200 },
  { method: 'post', route: V, who: ['staff'], ok: 201, body: () => visitBody(fixtures.committees) },
  {
    method: 'get',
    route: `${V}/free-busy`,
    who: ['staff'],
    ok: 200,
    query: () => `memberIds=${c.lead.memberId},${c.co1.memberId}&from=2026-06-01&to=2026-06-30`,
  },
  { method: 'get', route: `${V}/conflicts`, who: ['staff'], ok: 200, query: planning },
  { method: 'get', route: `${V}/{id}`, who: visitReaders, ok: 200, fixture: visit() },
  { method: 'get', route: `${V}/{id}/history`, who: visitReaders, ok: 200, fixture: visit() },
  {
    method: 'patch',
    route: `${V}/{id}`,
    who: ['staff'],
    ok: 200,
    fixture: visit(),
    body: () => ({ title: uniq('改后的活动名称') }),
  },
  {
    method: 'post',
    route: `${V}/{id}/participants`,
    who: ['staff'],
    ok: 201,
    fixture: visit(),
    body: () => ({ invitedUnitPeople: [{ unitId: c.coUnit.unitId, name: uniq('主任') }] }),
  },
  {
    method: 'delete',
    route: `${V}/{id}/participants/{participantId}`,
    who: ['staff'],
    ok: 200,
    fixture: visit(async (_, v) => ({ participantId: v.participants[0].id })),
  },
  // Only the invited member answers; staff, not invited here, are refused like any other role.
  {
    method: 'post',
    route: `${V}/{id}/rsvp`,
    who: ['member'],
    ok: 200,
    fixture: visit(),
    body: () => ({ answer: 'accept' }),
  },
  {
    method: 'post',
    route: `${V}/{id}/notice`,
    who: ['staff'],
    ok: 200,
    fixture: visit(),
    body: () => ({ note: '请准时集合', urgent: false }),
  },
  { method: 'get', route: `${V}/{id}/notice-receipts`, who: ['staff'], ok: 200, fixture: visit() },
  {
    method: 'post',
    route: `${V}/{id}/findings`,
    who: ['staff'],
    ok: 201,
    fixture: visit(),
    body: () => ({ problem: '培训与岗位需求脱节', suggestion: '培训补贴与持证挂钩' }),
  },
  {
    method: 'post',
    route: `${V}/{id}/photos`,
    who: ['staff'],
    ok: 201,
    fixture: visit(),
    upload: () => ({ name: '现场.png', bytes: tinyPng() }),
  },
  { method: 'get', route: `${V}/{id}/photos/{photoId}`, who: visitReaders, ok: 200, fixture: withPhoto },
  { method: 'post', route: `${V}/{id}/complete`, who: ['staff'], ok: 200, fixture: visit() },
  {
    method: 'post',
    route: `${V}/{id}/cancel`,
    who: ['staff'],
    ok: 200,
    fixture: visit(),
    body: () => ({ reason: '改期' }),
  },
  {
    method: 'post',
    route: `${V}/{id}/topics`,
    who: ['staff'],
    ok: 201,
    fixture: visit(),
    body: () => ({ title: uniq('推动家政服务业提质扩容'), description: '据视察调研提出', level: 'city' }),
  },
  {
    method: 'post',
    route: `${V}/{id}/proposals`,
    who: ['member'],
    ok: 201,
    fixture: visit(),
    body: () => ({
      sessionId: c.sessionId,
      title: uniq('关于家政服务业的建议'),
      category: 'society',
      background: '调研发现的问题',
      suggestions: ['建立培训补贴机制'],
    }),
  },
  { method: 'get', route: '/api/v1/members/{id}/calendar.ics', who: ['member'], ok: 200, fixture: ownCalendar },
  { method: 'get', route: '/api/v1/members/{id}/calendar-feed', who: ['member'], ok: 200, fixture: ownCalendar },
  { method: 'post', route: '/api/v1/members/{id}/calendar-feed', who: ['member'], ok: 201, fixture: ownCalendar },
  { method: 'delete', route: '/api/v1/members/{id}/calendar-feed', who: ['member'], ok: 204, fixture: ownCalendar },
);

/*
 * 社情民意信息: items of the matrix's member (the staff account sees another's draft as nothing: 404);
 * only members and staff have a part, and staff alone review and see similar items.
 */
const OP = '/api/v1/opinions';
const opinionBody = () => ({
  title: uniq('关于充电难的情况反映'),
  content: '老旧小区缺少充电设施。',
  category: 'livelihood',
});
const opinion = (submitted: boolean) => async () => {
  const o = await api(t, c.lead, 'post', '/opinions', opinionBody(), 201);
  if (submitted) await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, {});
  return { id: o.id as number };
};
ROWS.push(
  { method: 'get', route: OP, who: ['member', 'staff'], ok: 200 },
  { method: 'post', route: OP, who: ['member'], ok: 201, body: opinionBody },
  { method: 'get', route: `${OP}/{id}`, who: ['member', 'staff'], ok: 200, fixture: opinion(true) },
  {
    method: 'patch',
    route: `${OP}/{id}`,
    who: ['member'],
    ok: 200,
    fixture: opinion(false),
    except: { staff: 404 },
    body: () => ({ title: uniq('改后的标题') }),
  },
  {
    method: 'post',
    route: `${OP}/{id}/submit`,
    who: ['member'],
    ok: 200,
    fixture: opinion(false),
    except: { staff: 404 },
  },
  {
    method: 'post',
    route: `${OP}/{id}/review`,
    who: ['staff'],
    ok: 200,
    fixture: opinion(true),
    body: () => ({ decision: 'accept' }),
  },
  { method: 'get', route: `${OP}/{id}/similar`, who: ['staff'], ok: 200, fixture: opinion(true) },
);

/* 社情民意附件: the submitter uploads and removes while a draft; members and staff who read the item read them. */
const opinionWithFile = (submitted: boolean) => async () => {
  const { id } = await opinion(false)();
  const attachmentId = (
    await t
      .http()
      .post(`${OP}/${id}/attachments`)
      .set(c.lead.auth)
      .attach('file', tinyPdf(), '现场照片说明.pdf')
      .expect(201)
  ).body.id as number;
  if (submitted) await api(t, c.lead, 'post', `/opinions/${id}/submit`, {});
  return { id, attachmentId };
};
ROWS.push(
  {
    method: 'post',
    route: `${OP}/{id}/attachments`,
    who: ['member'],
    ok: 201,
    fixture: opinion(false),
    except: { staff: 404 },
    upload: () => ({ name: '附件.pdf', bytes: tinyPdf() }),
  },
  { method: 'get', route: `${OP}/{id}/attachments`, who: ['member', 'staff'], ok: 200, fixture: opinionWithFile(true) },
  {
    method: 'get',
    route: `${OP}/{id}/attachments/{attachmentId}`,
    who: ['member', 'staff'],
    ok: 200,
    fixture: opinionWithFile(true),
  },
  {
    method: 'delete',
    route: `${OP}/{id}/attachments/{attachmentId}`,
    who: ['member'],
    ok: 204,
    fixture: opinionWithFile(false),
    except: { staff: 404 },
  },
);

/* 综合 merge and issues of 《社情民意》: staff alone; a leader reads an issue once it is submitted or signed. */
const acceptedOpinion = async (): Promise<number> => {
  const { id } = await opinion(true)();
  await api(t, c.staff, 'post', `/opinions/${id}/review`, { decision: 'accept' });
  return id;
};
let mergeIds: number[] = [];
let compileIds: number[] = [];
const issueOf = (signed: boolean) => async () => {
  const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [await acceptedOpinion()] }, 201);
  const id = issue.report.id as number;
  if (signed) {
    await t.jobs.finished('reports', `report:${id}`);
    await api(t, c.staff, 'post', `/reports/${id}/submit`, {});
    await api(t, c.leader, 'post', `/reports/${id}/sign`, {});
    await t.jobs.finished('reports', `report:${id}:signed`);
  }
  return { id };
};
ROWS.push(
  {
    method: 'post',
    route: `${OP}/merge`,
    who: ['staff'],
    ok: 201,
    fixture: async () => ((mergeIds = [await acceptedOpinion(), await acceptedOpinion()]), {}),
    body: () => ({ ids: mergeIds, title: uniq('综合信息'), content: '综合。' }),
  },
  {
    method: 'post',
    route: `${OP}/issues`,
    who: ['staff'],
    ok: 201,
    fixture: async () => ((compileIds = [await acceptedOpinion()]), {}),
    body: () => ({ opinionIds: compileIds }),
  },
  {
    method: 'get',
    route: `${OP}/issues/{id}`,
    who: ['staff'],
    ok: 200,
    fixture: issueOf(false),
    except: { leader: 404 },
  },
  { method: 'post', route: `${OP}/issues/{id}/deliver`, who: ['staff'], ok: 200, fixture: issueOf(true) },
);

/* 社情民意 采用 (staff record on an accepted item; its readers read them) and the year's statistics (staff, leaders). */
const acceptedOpinionFixture = async () => ({ id: await acceptedOpinion() });
ROWS.push(
  { method: 'get', route: `${OP}/stats`, who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: `${OP}/stats.xlsx`, who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: `${OP}/{id}/adoptions`, who: ['member', 'staff'], ok: 200, fixture: acceptedOpinionFixture },
  {
    method: 'post',
    route: `${OP}/{id}/adoptions`,
    who: ['staff'],
    ok: 201,
    fixture: acceptedOpinionFixture,
    body: () => ({ level: 'provincial', bodyName: '省政协办公厅', issueText: '第1期', adoptedOn: '2026-11-20' }),
  },
  // Removing a 采用 entered by mistake: staff only (every other role is refused by role, before the record).
  {
    method: 'delete',
    route: `${OP}/{id}/adoptions/{adoptionId}`,
    who: ['staff'],
    ok: 204,
    fixture: async () => {
      const id = await acceptedOpinion();
      const a = await api(
        t,
        c.staff,
        'post',
        `/opinions/${id}/adoptions`,
        { level: 'provincial', bodyName: '省政协办公厅', issueText: '第2期', adoptedOn: '2026-11-21' },
        201,
      );
      return { id, adoptionId: a.id as number };
    },
  },
);

/* 信息员名单: staff alone appoint, adjust and end; each POST appoints a new member (a member is on it once a year). */
const IN = `${OP}/informants`;
let informantMemberId = 0;
const informant = async () => ({
  id: (await api(t, c.staff, 'post', '/opinions/informants', { memberId: (await t.make.member()).id }, 201))
    .id as number,
});
ROWS.push(
  { method: 'get', route: IN, who: ['staff'], ok: 200 },
  {
    method: 'post',
    route: IN,
    who: ['staff'],
    ok: 201,
    fixture: async () => ((informantMemberId = (await t.make.member()).id), {}),
    body: () => ({ memberId: informantMemberId }),
  },
  {
    method: 'patch',
    route: `${IN}/{id}`,
    who: ['staff'],
    ok: 200,
    fixture: informant,
    body: () => ({ monthlyQuota: 3 }),
  },
);

/*
 * 领导批示: on a 提案单 delivered to the matrix's leader (made once), recorded by that leader; items handed to the
 * matrix's unit. Staff record paper ones and hand items out; the unit reports; members and facilitators: 403.
 */
const I = '/api/v1/instructions';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
let instructionReport: Promise<Record<string, number>> | null = null;
const instructionTarget = () => (instructionReport ??= deliveredReport());
async function instructionFixture(): Promise<Record<string, number>> {
  const { id } = await instructionTarget();
  const res = await t
    .http()
    .post(I)
    .set(c.leader.auth)
    .send({ target: { type: 'report', id }, text: '请研究落实。', leaderLevel: '副市长' })
    .expect(201);
  return { id: res.body.id };
}
const instructionItem = (reported: boolean) => async (): Promise<Record<string, number>> => {
  const { id } = await instructionFixture();
  const item = await t
    .http()
    .post(`${I}/${id}/items`)
    .set(c.staff.auth)
    .send({ unitId: c.unit.unitId, task: '制定工作方案', dueOn: today() })
    .expect(201);
  if (reported)
    await t.http().post(`${I}/items/${item.body.id}/report`).set(c.unit.auth).send({ text: '已制定' }).expect(200);
  return { id: item.body.id };
};
let instructionReportId = 0;
ROWS.push(
  { method: 'get', route: `${I}/items`, who: ['staff', 'leader', 'unit'], ok: 200 },
  {
    method: 'get',
    route: `${I}/items/{id}`,
    who: ['staff', 'leader', 'unit'],
    ok: 200,
    fixture: instructionItem(false),
  },
  {
    method: 'post',
    route: `${I}/items/{id}/report`,
    who: ['unit'],
    ok: 200,
    fixture: instructionItem(false),
    body: () => ({ text: '已完成' }),
  },
  {
    method: 'post',
    route: `${I}/items/{id}/accept`,
    who: ['staff'],
    ok: 200,
    fixture: instructionItem(true),
    body: () => ({}),
  },
  {
    method: 'post',
    route: `${I}/items/{id}/return`,
    who: ['staff'],
    ok: 200,
    fixture: instructionItem(true),
    body: () => ({ text: '请补充' }),
  },
  {
    method: 'post',
    route: I,
    who: ['staff', 'leader'],
    ok: 201,
    fixture: async () => {
      instructionReportId = (await instructionTarget()).id;
      return {};
    },
    body: () => ({
      target: { type: 'report', id: instructionReportId },
      text: '同意。',
      leaderLevel: '市长',
      leaderName: '王市长',
      instructedOn: today(),
    }),
  },
  { method: 'get', route: I, who: ['staff', 'leader'], ok: 200 },
  { method: 'get', route: `${I}/{id}`, who: ['staff', 'leader'], ok: 200, fixture: instructionFixture },
  {
    method: 'post',
    route: `${I}/{id}/items`,
    who: ['staff'],
    ok: 201,
    fixture: instructionFixture,
    body: () => ({ unitId: c.unit.unitId, task: '研究提出方案', dueOn: today() }),
  },
  { method: 'get', route: '/api/v1/stats/instructions', who: ['staff', 'leader'], ok: 200 },
);

const key = (method: string, route: string) => `${method.toUpperCase()} ${route}`;

function expected(row: Row): Record<Caller, number> {
  const allowed = (c: Caller) =>
    row.who === 'public' || (c !== 'anonymous' && (row.who === 'signed-in' || row.who.includes(c)));
  return Object.fromEntries(
    CALLERS.map((c) => [c, row.except?.[c] ?? (allowed(c) ? row.ok : c === 'anonymous' ? 401 : 403)]),
  ) as Record<Caller, number>;
}

describe('role matrix of the JSON API', () => {
  beforeAll(async () => {
    t = await startTestApp();
    fixtures.users = (await t.signInAs('staff')).userId;
    await t.signIn(MATRIX_LOGIN, ['leader']);
    fixtures.sectors = (await t.make.sector()).id;
    fixtures.committees = (await t.make.committee()).id;
    fixtures.members = (await t.make.member({ sectorId: fixtures.sectors })).id;
    fixtures.units = (await t.make.unit()).id;
    fixtures['consultation-points'] = (await t.make.point()).id;
    fixtures.sessions = (await t.make.session()).id;
    const as = async (role: Role) => accountOf(t, await t.tokenFor(role));
    const other = async (role: Role) => accountOf(t, (await t.signInAs(role)).token);
    c = {
      lead: await as('member'),
      co1: await other('member'),
      co2: await other('member'),
      staff: await as('staff'),
      leader: await as('leader'),
      unit: await as('unit'),
      coUnit: await other('unit'),
      sessionId: fixtures.sessions,
    };
    const host = await as('facilitator');
    const me = await t.http().get('/api/v1/users/me').set(host.auth).expect(200);
    tc = {
      staff: c.staff,
      leader: c.leader,
      facilitator: { ...host, pointId: me.body.pointId } as Facilitator,
      member: c.lead,
      member2: c.co1,
      unit: c.unit,
      unit2: c.coUnit,
      committeeId: fixtures.committees,
    };
    assignedForReports = await proposalAt(t, c, 'assigned');
    await t.app.get(Tx).run((em) =>
      t.app.get(NotificationsService).notify(em, [fixtures.users], {
        kind: 'test.matrix',
        title: '矩阵消息',
        body: '只有本人可读',
        dedupeKey: 'matrix',
      }),
    );
    fixtures.notifications = (await t.ds.getRepository(Notification).findOneByOrFail({ dedupeKey: 'matrix' })).id;
  });
  afterAll(() => t.close());

  const tokenOf = async (caller: Caller, row: Row): Promise<string | null> => {
    if (caller === 'anonymous') return null;
    return row.ownAccount ? (await t.signInAs(caller)).token : t.tokenFor(caller);
  };

  it.each(ROWS.map((row) => [key(row.method, row.route), row] as const))('%s', async (_, row) => {
    const ids = row.fixture ? await row.fixture() : { id: fixtures[row.route.split('/')[3]] };
    const path =
      row.route.replace(/\{(\w+)\}/g, (_, name: string) => String(ids[name])) + (row.query ? `?${row.query()}` : '');
    const actual = {} as Record<Caller, number>;
    for (const caller of CALLERS) {
      const token = await tokenOf(caller, row);
      const req = t.http()[row.method](path);
      if (token) req.set('Authorization', `Bearer ${token}`);
      const file = row.upload?.();
      const res = await (file ? req.attach('file', file.bytes, file.name) : row.body ? req.send(row.body()) : req);
      actual[caller] = res.status;
      if (res.status === 401 || res.status === 403)
        expect(res.body).toMatchObject({
          statusCode: res.status,
          code: expect.any(String),
          message: expect.stringMatching(/[\u4e00-\u9fa5]/),
        });
    }
    expect(actual).toEqual(expected(row));
  });

  it('lists every /api/v1 endpoint of the OpenAPI document, and only those', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([route]) => route.startsWith('/api/v1/'))
      .flatMap(([route, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => key(m, route)),
      );
    const listed = ROWS.map((r) => key(r.method, r.route));
    expect({
      withoutRow: documented.filter((k) => !listed.includes(k)),
      notDocumented: listed.filter((k) => !documented.includes(k)),
    }).toEqual({ withoutRow: [], notDocumented: [] });
    expect(new Set(listed).size).toBe(listed.length);
  });
});
