import { Proposal } from '../../src/proposals/proposal.entities';
import type { Cast } from '../support/accounts';
import { tinyPdf } from '../support/file-fixtures';
import { binary } from '../support/http';
import { pdfFacts } from '../support/pdf-tools';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, webCast } from '../support/web-client';

/** Markup and template payloads: each must come out of every page as text, never as markup. */
export const XSS_PAYLOADS = [
  '<script>alert("xs1")</script>',
  '"><img src=x onerror=alert("xs2")>',
  "'><svg onload=alert('xs3')>",
  '</textarea><script>alert("xs4")</script>',
  '<a href="javascript:alert(\'xs5\')">点我</a>',
  '{{constructor.constructor(\'alert("xs6")\')()}}',
  '<iframe srcdoc="<script>alert(\'xs7\')</script>">',
  '<style>body{display:none}</style>xs8',
];

/** Strings that break naive SQL: through every filter of every list, they must stay plain data. */
export const SQL_PAYLOADS = [
  "' OR '1'='1",
  "1' OR 1=1 -- ",
  '1; DROP TABLE proposals; --',
  "%' UNION SELECT username, passwordHash FROM users -- ",
  '\\',
  "'; WAITFOR DELAY '0:0:5' --",
  '1) OR (1=1',
  '０x27',
];

/** Same-origin links of a page worth following (not files, downloads or sign-out). */
function linksOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (/^\/(assets|logout|api)\b|\.(pdf|xlsx|ics|png|jpg)\b|\/file\b|\/attachments\/\d+/.test(href)) continue;
    out.add(href);
  }
  return [...out];
}

/** Post forms of a page: [action, field names]. */
function formsOf(html: string, page: string): Array<{ action: string; fields: string[] }> {
  const out: Array<{ action: string; fields: string[] }> = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(m[1])) continue;
    const action = (/action="([^"]*)"/.exec(m[1])?.[1] ?? page).replace(/&amp;/g, '&');
    const fields = [...m[2].matchAll(/name="([^"]+)"/g)].map((f) => f[1]).filter((f) => f !== '_csrf');
    out.push({ action, fields });
  }
  return out;
}

/** Every page reachable from the home page by links, for this signed-in browser (at most `limit`). */
async function crawl(agent: Agent, limit = 120): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const queue = ['/'];
  while (queue.length && pages.size < limit) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const res = await agent.get(path);
    if (res.status !== 200 || !/text\/html/.test(res.headers['content-type'] ?? '')) {
      pages.set(path, '');
      continue;
    }
    pages.set(path, res.text);
    for (const link of linksOf(res.text)) if (!pages.has(link)) queue.push(link);
  }
  return pages;
}

/**
 * The security suite: security headers and cookie flags; every form of every page each role can reach
 * refuses a post without its CSRF token; XSS payloads through the fields pages and PDFs print come out as
 * text; SQL-injection strings through every filter of every list in the OpenAPI document stay data.
 * (Forged, expired and disabled-account tokens, throttling and the password policy: auth/auth.e2e-spec;
 * every endpoint × every role: auth/role-matrix.e2e-spec; upload types and sizes: attachments suites.)
 */
describe('security', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let payloadProposal: number;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t, {
      members: ['王建国', XSS_PAYLOADS[1], '赵其他'],
      units: [XSS_PAYLOADS[2], '市财政局'],
    }));
    // Payloads in the fields pages and PDFs print: title, background, suggestions, a reply, a co-signer's and a unit's name.
    payloadProposal = await proposalAt(t, c, 'replied', {
      draft: {
        title: `关于${XSS_PAYLOADS[0]}的建议`,
        background: XSS_PAYLOADS.join('\n'),
        suggestions: XSS_PAYLOADS.slice(3),
      },
    });
    await proposalAt(t, c, 'submitted', { draft: { title: XSS_PAYLOADS[3].slice(0, 60) } });
  });
  afterAll(() => t?.close());

  it('sends the security headers on pages and on the API', async () => {
    for (const path of ['/login', '/api/v1/users/me']) {
      const res = await t.http().get(path);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ — and Secure behind an https proxy', async () => {
    const login = async (proto?: string) => {
      const agent = (await import('supertest')).default.agent(t.app.getHttpServer());
      const form = await agent.get('/login');
      const csrf = /name="_csrf" value="([^"]*)"/.exec(form.text)![1];
      const req = agent.post('/login').type('form');
      if (proto) req.set('X-Forwarded-Proto', proto);
      const res = await req.send({ _csrf: csrf, username: 'staff', password: 'Passw0rd2026' }).expect(303);
      return (res.headers['set-cookie'] as unknown as string[]).find((s) => /^xs_session=/.test(s))!;
    };
    const plain = await login();
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).toMatch(/Path=\//);
    expect(plain).not.toMatch(/Secure/i);
    expect(await login('https')).toMatch(/;\s*Secure/i);
  });

  it('every post form of every page each role reaches refuses a post without, or with a wrong, CSRF token (403, nothing changed)', async () => {
    const checked = new Set<string>();
    const before = await t.ds.getRepository(Proposal).count();
    for (const who of ['lead', 'co1', 'staff', 'leader', 'unit']) {
      const pages = await crawl(web[who]);
      for (const [page, html] of pages) {
        for (const form of formsOf(html, page)) {
          const key = `${who} ${form.action}`;
          if (checked.has(key) || form.action === '/logout') continue;
          checked.add(key);
          const body = Object.fromEntries(form.fields.map((f) => [f, '1']));
          const none = await web[who].post(form.action).type('form').send(body);
          expect([form.action, none.status]).toEqual([form.action, 403]);
          const wrong = await web[who]
            .post(form.action)
            .type('form')
            .send({ ...body, _csrf: 'forged-token' });
          expect([form.action, wrong.status]).toEqual([form.action, 403]);
        }
      }
    }
    // The crawl reached the forms of the proposal journey (filing, review, reply, evaluation …), not just a few.
    expect(checked.size).toBeGreaterThanOrEqual(12);
    expect(await t.ds.getRepository(Proposal).count()).toBe(before);
  });

  it('XSS payloads in titles, texts, names and replies come out of every page as text, never as markup', async () => {
    let printed = 0;
    for (const who of ['lead', 'staff', 'unit', 'leader']) {
      const pages = await crawl(web[who]);
      for (const [page, html] of pages) {
        for (const payload of XSS_PAYLOADS) {
          expect([page, html.includes(payload)]).toEqual([page, false]);
        }
        // No element the payloads would create: a script, an event handler inside a tag, a javascript: link.
        expect([
          page,
          /<script>alert|<(img|svg|iframe)\b[^>]*\bon\w+=|<[^>]+(href|src)="javascript:|<iframe\b|<style>body/i.test(
            html,
          ),
        ]).toEqual([page, false]);
        if (html.includes('&lt;script&gt;alert(')) printed++;
      }
    }
    // The payloads were printed (escaped) somewhere: the lists and the proposal's own page.
    expect(printed).toBeGreaterThanOrEqual(3);
    const publicPage = await t.http().get('/public/proposals');
    for (const payload of XSS_PAYLOADS) expect(publicPage.text.includes(payload)).toBe(false);
  });

  it('XSS payloads print as literal text in the PDF (提案单 and 答复函)', async () => {
    for (const kind of ['proposal-sheet', 'reply-letter']) {
      const res = await t
        .http()
        .post('/api/v1/reports')
        .set(c.staff.auth)
        .send({ kind, subject: { type: 'proposal', id: payloadProposal } })
        .expect(202);
      await t.jobs.finished('reports', `report:${res.body.id}`);
      const file = await t
        .http()
        .get(`/api/v1/reports/${res.body.id}/file`)
        .set(c.staff.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const facts = pdfFacts(file.body as Buffer);
      expect(facts.squeezed).toContain('<script>alert("xs1")</script>'.replace(/\s+/g, ''));
    }
  });

  it('SQL-injection strings through every filter of every list in the OpenAPI document stay data: no 500, nothing dropped, nothing matched by a trick', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    const lists = Object.entries(doc.paths).filter(
      ([route, ops]) => ops.get && !route.includes('{') && (ops.get.parameters ?? []).some((p) => p.in === 'query'),
    );
    const before = await t.ds.getRepository(Proposal).count();
    let tried = 0;
    for (const [route, ops] of lists) {
      for (const param of (ops.get.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const payload of SQL_PAYLOADS) {
          const res = await t
            .http()
            .get(route)
            .query({ [param.name]: payload })
            .set(c.staff.auth);
          tried++;
          expect([route, param.name, payload, res.status < 500]).toEqual([route, param.name, payload, true]);
        }
      }
    }
    expect(lists.length).toBeGreaterThanOrEqual(8);
    expect(tried).toBeGreaterThanOrEqual(lists.length * SQL_PAYLOADS.length);
    expect(await t.ds.getRepository(Proposal).count()).toBe(before);
    // An always-true clause is searched for as words, not run: it does not bring back every record.
    const all = (await t.http().get('/api/v1/proposals').set(c.staff.auth).expect(200)).body.total;
    const q = await t.http().get('/api/v1/proposals').query({ q: "' OR '1'='1" }).set(c.staff.auth).expect(200);
    expect(all).toBeGreaterThanOrEqual(2);
    expect(q.body.total).toBeLessThan(all);
    const units = (await t.http().get('/api/v1/units').set(c.staff.auth).expect(200)).body.total;
    const unit = await t.http().get('/api/v1/units').query({ q: "' OR '1'='1" }).set(c.staff.auth).expect(200);
    expect(unit.body.total).toBeLessThan(units);
  });

  it('an upload named to climb out of the files folder is stored by checksum under it, its name cleaned', async () => {
    const id = (
      await t
        .http()
        .post('/api/v1/proposals')
        .set(c.lead.auth)
        .send({
          sessionId: c.sessionId,
          kind: 'individual',
          title: '附件名称测试',
          category: 'other',
          background: '背景',
          suggestions: ['建议'],
        })
        .expect(201)
    ).body.id;
    const res = await t
      .http()
      .post(`/api/v1/proposals/${id}/attachments`)
      .set(c.lead.auth)
      .attach('file', tinyPdf(), '../../../../etc/passwd.pdf')
      .expect(201);
    expect(res.body.name).not.toMatch(/[/\\]/);
    expect(res.body.name).toMatch(/\.pdf$/);
  });
});
