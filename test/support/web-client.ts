import request from 'supertest';
import { TestApp } from './test-app';

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

/** A browser-like client (keeps cookies) signed in through the login form. */
export async function signInWeb(t: TestApp, username: string, password: string): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ _csrf: csrfIn(form.text), username, password }).expect(303);
  return agent;
}

/** GET a form page, then POST it back with its CSRF token and these fields; checks the status of the answer. */
export async function submit(agent: Agent, path: string, fields: Record<string, string | string[]>, status: number) {
  const page = await agent.get(path).expect(200);
  return agent.post(path).type('form').send({ _csrf: csrfIn(page.text), ...fields }).expect(status);
}
