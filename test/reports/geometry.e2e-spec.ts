import { FONT_ENV, FONT_ROLES, FontRole } from '../../src/config/fonts';
import { readFaceInfo } from '../../src/reports/fonts';
import { binary } from '../support/http';
import { expectGbt9704 } from '../support/pdf-geometry';
import { PdfFacts } from '../support/pdf-tools';
import { proposalAt } from '../support/proposals';
import { seedYear, SeededYear } from '../support/records';
import { startTestApp, TestApp } from '../support/test-app';
import { topicAt, topicCast } from '../support/topics';

/**
 * The GB/T 9704 geometry of every report kind, measured on the rendered PDF with poppler
 * (test/support/pdf-geometry.ts): A4, the 版心, the line pitch, 28 characters a line, page numbers and their
 * side, the 版记 at the foot of the last page, no half-empty page, fonts, and the PDF's Creator 「协商」.
 * The title face (and the 楷体 of the kinds with （一） headings) is the configured one, embedded as CID TrueType.
 * XS_FONT_* in the environment replace the default faces: bench/pdf-faces.js runs this suite with the old ones.
 */
const facesFromEnv = Object.fromEntries(
  FONT_ROLES.map((role) => [FONT_ENV[role], process.env[FONT_ENV[role]]]).filter(([, file]) => file),
) as Record<string, string>;

describe('reports: the layout of every kind (GB/T 9704)', () => {
  let t: TestApp;
  let s: SeededYear;
  let replied: number;
  let topicId: number;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0', ...facesFromEnv });
    s = await seedYear(t);
    replied = await proposalAt(t, s.c, 'replied');
    topicId = (await topicAt(t, await topicCast(t), 'evaluated')).id;
  });
  afterAll(() => t?.close());

  /** The roles' faces are in the PDF under the PostScript names their files give (pdffonts: `ABCDEF+name`). */
  function expectFaces(fonts: PdfFacts['fonts'], roles: FontRole[]): void {
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    for (const role of roles) expect(names).toContain(readFaceInfo(t.config.pdf.fonts[role]).postscriptName);
  }

  async function pdfOf(kind: string, subject: object, params?: object): Promise<Buffer> {
    const staff = s.c.staff;
    const res = await t
      .http()
      .post('/api/v1/reports')
      .set(staff.auth)
      .send({ kind, subject, ...(params ? { params } : {}) });
    if (res.status !== 202) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    const report = (await t.http().get(`/api/v1/reports/${res.body.id}`).set(staff.auth)).body;
    if (report.status !== 'done') throw new Error(`${kind}: ${report.status} ${report.error}`);
    return (
      await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(staff.auth).buffer(true).parse(binary).expect(200)
    ).body as Buffer;
  }

  it('提案单: one page when it fits, the review block with the rest', async () => {
    const g = expectGbt9704(await pdfOf('proposal-sheet', { type: 'proposal', id: replied }));
    expect(g.pages).toHaveLength(1);
    expectFaces(g.fonts, ['title', 'hei']);
  });

  it('答复函 (信函格式: no page number on the first page, a 版记 of 抄送 only)', async () => {
    const g = expectGbt9704(await pdfOf('reply-letter', { type: 'proposal', id: replied }), {
      firstPageUnnumbered: true,
    });
    expectFaces(g.fonts, ['title']);
  });

  it('提案办理情况报告', async () => {
    const g = expectGbt9704(await pdfOf('proposal-annual', { type: 'session', id: s.c.sessionId }));
    expectFaces(g.fonts, ['title', 'hei', 'kai']);
  });

  it('协商要报 of a topic', async () => {
    const g = expectGbt9704(await pdfOf('briefing', { type: 'topic', id: topicId }));
    expectFaces(g.fonts, ['title', 'hei', 'kai']);
  });

  it('视察调研报告', async () => {
    const g = expectGbt9704(await pdfOf('visit-report', { type: 'visit', id: s.visits.v1 }));
    expectFaces(g.fonts, ['title', 'hei', 'kai']);
  });

  it('委员履职档案: nothing internal printed (no checksum, no 「（默认）」)', async () => {
    const pdf = await pdfOf('member-record', { type: 'member', id: s.a.memberId }, { year: 2026 });
    const g = expectGbt9704(pdf);
    expectFaces(g.fonts, ['title', 'hei']);
    const text = g.pages.flatMap((p) => p.lines.map((l) => l.text)).join('');
    expect(text).not.toMatch(/校验值|默认/);
  });
});
