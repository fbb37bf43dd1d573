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

/** A signed-in facilitator with the consultation point they run. */
export type Facilitator = Account & { pointId: number };

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}p${++n}`;

/** The account behind a token, with its links. */
export async function accountOf(t: TestApp, token: string): Promise<Account> {
  const me = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
  return {
    token,
    userId: me.body.id,
    memberId: me.body.memberId ?? null,
    unitId: me.body.unitId ?? null,
    auth: { Authorization: `Bearer ${token}` },
  };
}

/** A new account of `role`, linked to a new member or unit where the role needs one. */
export async function account(t: TestApp, role: Role): Promise<Account> {
  return accountOf(t, (await t.signInAs(role)).token);
}

/** A new account of `role` (linked to a new member, unit or point); for a facilitator, with its point. */
export async function topicAccount(t: TestApp, role: Role): Promise<Account & { pointId: number | null }> {
  const { token } = await t.signInAs(role);
  const me = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { ...(await accountOf(t, token)), pointId: me.body.pointId ?? null };
}

export const facilitator = async (t: TestApp): Promise<Facilitator> =>
  (await topicAccount(t, 'facilitator')) as Facilitator;

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
