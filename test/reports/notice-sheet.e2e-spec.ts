import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Report } from '../../src/reports/report.entities';
import { facilitator } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';
import { startTestApp, TestApp } from '../support/test-app';
import { KEY_CONSULTATION_THEMES, topicAt, topicCast, TopicCast } from '../support/topics';

const BASE = 'https://xieshang.example.gov.cn/xs';

/** What a phone reads off the printed page: the first page at 150 dpi, decoded by jsQR (not our own code). */
function decodeQr(pdf: Buffer): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-qr-'));
  try {
    fs.writeFileSync(path.join(dir, 'sheet.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', '-singlefile', 'sheet.pdf', 'page'], {
      cwd: dir,
    });
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 公示单 of a consultation point's topic (issue 16, item 5): one A4 page for the notice board with the results,
 * who carries them out and by when, the 公示期, and a QR code that decodes to the public topic page. Its
 * facilitator and staff may print it; another point's facilitator, members and units may not; a city topic
 * has its 协商要报 instead.
 */
describe('reports: 公示单 of a consultation point topic', () => {
  let t: TestApp;
  let c: TopicCast;

  beforeAll(async () => {
    t = await startTestApp({ XS_PUBLIC_BASE_URL: `${BASE}/`, XS_REPORT_REUSE_MINUTES: '0' });
    c = await topicCast(t);
  });
  afterAll(() => t?.close());

  type Who = { auth: Record<string, string> };
  const post = (who: Who, id: number) =>
    t
      .http()
      .post('/api/v1/reports')
      .set(who.auth)
      .send({ kind: 'notice-sheet', subject: { type: 'topic', id } });

  async function pdfOf(who: Who, topicId: number): Promise<Buffer> {
    const res = await post(who, topicId);
    expect(res.status).toBe(202);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    const report = (await t.http().get(`/api/v1/reports/${res.body.id}`).set(who.auth)).body;
    expect(report).toMatchObject({ status: 'done', pages: 1, kind: 'notice-sheet' });
    return (
      await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(who.auth).buffer(true).parse(binary).expect(200)
    ).body as Buffer;
  }

  /** A point topic of the cast's facilitator, its one outcome done and its outcomes made public. */
  async function publishedPointTopic(stage: 'deliberating' | 'evaluated' = 'evaluated'): Promise<number> {
    const f = await topicAt(t, c, stage);
    await api(t, c.facilitator, 'post', `/topics/${f.id}/publish`, {});
    return f.id;
  }

  it('gives the facilitator one A4 page: the heading, the point, the topic, the result with unit and date, the 公示期, and a QR code to the public page', async () => {
    const id = await publishedPointTopic();
    const topic = await api(t, c.staff, 'get', `/topics/${id}`);
    const pdf = await pdfOf(c.facilitator, id);
    const facts = pdfFacts(pdf);
    expect(facts.pages).toBe(1);
    expectA4(facts);
    expectSubsetTrueType(facts);
    expect(facts.squeezed).toContain('协商结果公示');
    expect(facts.squeezed).toContain(topic.organizer.name);
    expect(facts.squeezed).toContain(`议题：${topic.title}`);
    // The meeting of 2026-06-18 with the member and the unit's 王科长 present: 委员、部门等2人参加.
    expect(facts.squeezed).toContain('2026年6月18日召开协商议事会，委员、部门等2人参加');
    expect(facts.squeezed).toContain(
      `增设停车位37个（责任单位：${topic.outcomes[0].unit.name}；完成时限：2026年9月30日）`,
    );
    expect(facts.squeezed).toMatch(/公示期：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（7天）/);
    expect(facts.squeezed).toContain('意见反馈');
    expect(facts.text).not.toMatch(/— 1 —|印发/);

    const url = `${BASE}/public/topics/${id}`;
    expect(decodeQr(pdf)).toBe(url);
    // …and that address is a page anyone can open, with the result on it.
    const publicPage = await t.http().get(`/public/topics/${id}`).expect(200);
    expect(publicPage.text).toContain('增设停车位37个');
  });

  it('still prints one page with the 18 条建议 of a key consultation, each whole, the QR code still readable', async () => {
    const f = await topicAt(t, c, 'deliberating');
    const items = KEY_CONSULTATION_THEMES.flatMap(([theme, texts]) => texts.map((text) => ({ theme, text })));
    // The topic has one outcome already (增设停车位37个): 17 more make 18.
    for (const item of items.slice(0, 17))
      await api(
        t,
        c.facilitator,
        'post',
        `/topics/${f.id}/outcomes`,
        {
          kind: 'recommendation',
          ...item,
          unitId: c.unit.unitId,
          dueAt: '2026-12-31T17:00:00+08:00',
        },
        201,
      );
    await api(t, c.facilitator, 'post', `/topics/${f.id}/publish`, {});
    const pdf = await pdfOf(c.facilitator, f.id);
    const facts = pdfFacts(pdf);
    expect(facts.pages).toBe(1);
    expect(facts.squeezed).toContain('形成协商结果18项');
    for (const { text } of items.slice(0, 17)) expect(facts.squeezed).toContain(text.replace(/\s+/g, ''));
    expect(decodeQr(pdf)).toBe(`${BASE}/public/topics/${f.id}`);
  });

  it('lets staff print it too', async () => {
    const pdf = await pdfOf(c.staff, await publishedPointTopic('deliberating'));
    expect(pdfFacts(pdf).pages).toBe(1);
  });

  it("refuses another point's facilitator, a member and a unit who took part, a city topic, and outcomes not yet public; nothing is recorded", async () => {
    const before = await t.ds.getRepository(Report).count();
    const own = await publishedPointTopic();
    const other = await topicAt(t, c, 'evaluated', {
      organizer: { type: 'committee', id: c.committeeId },
      by: c.staff,
    });
    await api(t, c.staff, 'post', `/topics/${other.id}/publish`, {});

    const otherPoint = await facilitator(t);
    expect(otherPoint.pointId).not.toBe(c.facilitator.pointId);
    expect((await post(otherPoint, own)).status).toBe(404);
    expect((await post(c.member, own)).status).toBe(403);
    expect((await post(c.unit, own)).status).toBe(403);

    const city = await post(c.staff, other.id);
    expect(city.status).toBe(409);
    expect(city.body).toMatchObject({ code: 'NOT_A_POINT_TOPIC' });
    expect(city.body.message).toContain('公示单用于协商议事点的议题');

    const unpublished = (await topicAt(t, c, 'deliberating')).id;
    const early = await post(c.facilitator, unpublished);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('协商成果尚未公开');
    expect(await t.ds.getRepository(Report).count()).toBe(before);
  });
});
