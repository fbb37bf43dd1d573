import { Role } from '../../src/common/roles';
import { TestApp } from './test-app';

/** A signed-in account with what it is linked to. */
export interface Account {
  token: string;
  userId: number;
  memberId: number | null;
  unitId: number | null;
  auth: { Authorization: string };
}

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}p${++n}`;

/** The account behind a token, with its links. */
export async function accountOf(t: TestApp, token: string): Promise<Account> {
  const me = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { token, userId: me.body.id, memberId: me.body.memberId ?? null, unitId: me.body.unitId ?? null, auth: { Authorization: `Bearer ${token}` } };
}

/** A new account of `role`, linked to a new member or unit where the role needs one. */
export async function account(t: TestApp, role: Role): Promise<Account> {
  return accountOf(t, (await t.signInAs(role)).token);
}

/** Everyone a proposal meets on its way: lead member, two co-signers, staff, leader, a lead unit and a co-unit. */
export interface Cast {
  lead: Account;
  co1: Account;
  co2: Account;
  staff: Account;
  leader: Account;
  unit: Account;
  coUnit: Account;
  sessionId: number;
}

export async function cast(t: TestApp): Promise<Cast> {
  const [lead, co1, co2, staff, leader, unit, coUnit] = [
    await account(t, 'member'),
    await account(t, 'member'),
    await account(t, 'member'),
    await account(t, 'staff'),
    await account(t, 'leader'),
    await account(t, 'unit'),
    await account(t, 'unit'),
  ];
  const session = await t.make.session({ name: uniq('十二届二次会议') });
  return { lead, co1, co2, staff, leader, unit, coUnit, sessionId: session.id };
}

export const draftBody = (sessionId: number, extra: object = {}) => ({
  sessionId,
  kind: 'individual',
  title: uniq('关于推进老旧小区加装电梯的建议'),
  category: 'society',
  background: '我市老旧小区多建于上世纪九十年代，无电梯，老年居民出行困难。',
  suggestions: ['简化加装电梯审批流程', '设立专项补贴资金'],
  ...extra,
});

/** An individual proposal by `lead`, as a draft: its id. */
export async function draft(t: TestApp, lead: Account, sessionId: number, extra: object = {}): Promise<number> {
  const res = await t.http().post('/api/v1/proposals').set(lead.auth).send(draftBody(sessionId, extra));
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export type Stage = 'draft' | 'submitted' | 'accepted' | 'assigned' | 'replied' | 'completed';
const ORDER: Stage[] = ['draft', 'submitted', 'accepted', 'assigned', 'replied', 'completed'];

async function step(t: TestApp, who: Account, id: number, action: string, body: object = {}, expected = 200): Promise<Record<string, unknown>> {
  const res = await t.http().post(`/api/v1/proposals/${id}/${action}`).set(who.auth).send(body);
  if (res.status !== expected) throw new Error(`${action} #${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An individual proposal of `c.lead` carried to `stage` through the API: assigned to `c.unit`
 * alone (co-unit `c.coUnit` when `withCoUnit`), replied after one recorded communication.
 * `draft` adds fields to the draft's body; `whileDraft` runs before submission (e.g. an upload).
 */
export async function proposalAt(
  t: TestApp,
  c: Cast,
  stage: Stage,
  opts: { withCoUnit?: boolean; lead?: Account; unit?: Account; draft?: object; whileDraft?: (id: number) => Promise<unknown> } = {},
): Promise<number> {
  const lead = opts.lead ?? c.lead;
  const unit = opts.unit ?? c.unit;
  const id = await draft(t, lead, c.sessionId, opts.draft);
  await opts.whileDraft?.(id);
  const upTo = ORDER.indexOf(stage);
  if (upTo >= 1) await step(t, lead, id, 'submit');
  if (upTo >= 2) await step(t, c.staff, id, 'review', { decision: 'accept' });
  if (upTo >= 3) await step(t, c.staff, id, 'assign', { leadUnitId: unit.unitId, ...(opts.withCoUnit ? { coUnitIds: [c.coUnit.unitId] } : {}) });
  if (upTo >= 4) {
    await step(t, unit, id, 'communications', { mode: 'phone', summary: '电话联系提案人，了解诉求' }, 201);
    if (opts.withCoUnit) await step(t, c.coUnit, id, 'co-opinions', { content: '同意主办单位意见' }, 201);
    await step(t, unit, id, 'reply', { classification: 'B', content: '已列入明年计划。', public: true });
  }
  if (upTo >= 5) await step(t, lead, id, 'evaluate', { rating: 'satisfied' });
  return id;
}

export { step };
