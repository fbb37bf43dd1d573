import request from 'supertest';
import type { Role } from '../../src/common/roles';
import { Account, accountOf, Cast, Facilitator } from './accounts';
import { TEST_PASSWORD, TestApp } from './test-app';

export type Agent = ReturnType<typeof request.agent>;

/** The hidden `_csrf` field of the first form on a page. */
export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error('page has no _csrf field');
  return m[1];
}

/** The main content of a page, without the header and menu. */
export function mainOf(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

/** The main menu of a page ('' when it has none). */
export function navOf(html: string): string {
  const start = html.indexOf('<nav class="service-nav"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</nav>', start));
}

/**
 * A browser-like client (keeps cookies) signed in through the login form, and — for an account that needs a
 * second factor — through the 两步验证 step with a code of the app (enrolled through the API first if need be).
 */
export async function signInWeb(t: TestApp, username: string, password: string): Promise<Agent> {
  for (let attempt = 1; ; attempt++) {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfIn(form.text), username, password })
      .expect(303);
    const to = res.headers.location as string;
    if (to.startsWith('/account/second-factor') && attempt === 1) {
      await t.login(username, password); // enrols; the half session of the form ends with it
      continue;
    }
    if (to.startsWith('/login/second-factor')) {
      const step = await agent.get(to).expect(200);
      await agent
        .post('/login/second-factor')
        .type('form')
        .send({ _csrf: csrfIn(step.text), code: t.secondFactorCode(username) })
        .expect(303);
    }
    return agent;
  }
}

/** GET a form page, then POST it back with its CSRF token and these fields; checks the status of the answer. */
export async function submit(agent: Agent, path: string, fields: Record<string, string | string[]>, status: number) {
  const page = await agent.get(path).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfIn(page.text), ...fields })
    .expect(status);
}

/**
 * The proposal cast (lead, two other members, staff, leader, two units, a session) signed in twice each:
 * a bearer token for setting things up through the API, and a cookie session in `web[username]` for the pages.
 * Usernames: lead, co1, co2, staff, leader, unit, counit.
 */
export async function webCast(
  t: TestApp,
  names: { members?: [string, string, string]; units?: [string, string] } = {},
): Promise<{ c: Cast; web: Record<string, Agent> }> {
  const web: Record<string, Agent> = {};
  const person = async (
    username: string,
    roles: Role[],
    links: { memberId?: number; unitId?: number } = {},
  ): Promise<Account> => {
    const { token } = await t.signIn(username, roles, links);
    web[username] = await signInWeb(t, username, TEST_PASSWORD);
    return accountOf(t, token);
  };
  const [m1, m2, m3] = names.members ?? ['王建国', '李附议', '赵其他'];
  const [u1, u2] = names.units ?? ['市住建局', '市财政局'];
  const c: Cast = {
    lead: await person('lead', ['member'], { memberId: (await t.make.member({ name: m1 })).id }),
    co1: await person('co1', ['member'], { memberId: (await t.make.member({ name: m2 })).id }),
    co2: await person('co2', ['member'], { memberId: (await t.make.member({ name: m3 })).id }),
    staff: await person('staff', ['staff']),
    leader: await person('leader', ['leader']),
    unit: await person('unit', ['unit'], { unitId: (await t.make.unit({ name: u1 })).id }),
    coUnit: await person('counit', ['unit'], { unitId: (await t.make.unit({ name: u2 })).id }),
    sessionId: (await t.make.session({ name: '十二届二次会议' })).id,
  };
  return { c, web };
}

/** A facilitator of a new consultation point `pointName`, signed in both ways (its page session in `web[username]`). */
export async function webFacilitator(
  t: TestApp,
  web: Record<string, Agent>,
  username: string,
  pointName: string,
): Promise<Facilitator> {
  const pointId = (await t.make.point({ name: pointName })).id;
  const { token } = await t.signIn(username, ['facilitator'], { pointId });
  web[username] = await signInWeb(t, username, TEST_PASSWORD);
  return { ...(await accountOf(t, token)), pointId };
}
