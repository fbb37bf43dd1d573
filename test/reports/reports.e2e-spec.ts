import { Member } from '../../src/directory/directory.entities';
import { PdfRenderer } from '../../src/reports/pdf-renderer';
import { Report } from '../../src/reports/report.entities';
import { cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts } from '../support/pdf-tools';
import { draft, proposalAt } from '../support/proposals';
import { TEST_REDIS_URL } from '../support/redis-keys';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Report requests end to end: POST → 202 queued → the `reports:render` job in real Chromium → the stored
 * PDF, checked with poppler → delivery to a leader's inbox with the read receipt.
 */
describe('reports', () => {
  let t: TestApp;
  let c: Cast;
  let replied: number;
  let submitted: number;

  beforeAll(async () => {
    // The tests print the same document again on purpose: no reuse of a rendered one (test/reports/quota.e2e-spec.ts).
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
    c = await cast(t);
    replied = await proposalAt(t, c, 'replied');
    submitted = await proposalAt(t, c, 'submitted');
  });
  afterAll(() => t?.close());

  /** Requests a report and waits for its render job: the final report view. */
  async function rendered(who: { auth: Record<string, string> }, body: object): Promise<Record<string, any>> {
    const res = await t.http().post('/api/v1/reports').set(who.auth).send(body);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    await t.jobs.finished('reports', `report:${res.body.id}`).catch(() => undefined);
    return (await t.http().get(`/api/v1/reports/${res.body.id}`).set(who.auth)).body;
  }

  const sheetOf = (id: number) => ({ kind: 'proposal-sheet', subject: { type: 'proposal', id } });

  const download = (who: { auth: Record<string, string> }, id: number) =>
    t.http().get(`/api/v1/reports/${id}/file`).set(who.auth).buffer(true).parse(binary);

  it("renders a 提案单 in Chromium: the proposal's Chinese text, embedded subset TrueType fonts, A4, and the stored facts", async () => {
    const proposal = (await t.http().get(`/api/v1/proposals/${replied}`).set(c.staff.auth)).body;
    const report = await rendered(c.staff, { kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } });
    expect(report).toMatchObject({
      kind: 'proposal-sheet',
      kindLabel: '提案单',
      status: 'done',
      statusLabel: '已生成',
      attempts: 1,
      error: null,
    });
    const file = await download(c.staff, report.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
    const pdf = file.body as Buffer;
    expect(report.bytes).toBe(pdf.length);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const facts = pdfFacts(pdf);
    expect(facts.squeezed).toContain(proposal.title.replace(/\s+/g, ''));
    expect(facts.squeezed).toContain(proposal.numberLabel.replace(/\s+/g, ''));
    expect(facts.squeezed).toContain('简化加装电梯审批流程');
    expect(facts.squeezed).toContain('提案人');
    expect(facts.pages).toBe(report.pages);
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it('renders a 答复函 with the unit, the class with its label, the reply and 抄送 提案委员会', async () => {
    const report = await rendered(c.staff, { kind: 'reply-letter', subject: { type: 'proposal', id: replied } });
    expect(report.status).toBe('done');
    const facts = pdfFacts((await download(c.staff, report.id)).body);
    const unit = (await t.http().get(`/api/v1/proposals/${replied}`).set(c.staff.auth)).body.leadUnit.name;
    expect(facts.squeezed).toContain(unit);
    expect(facts.squeezed).toContain('已列入明年计划。');
    expect(facts.squeezed).toContain('现答复如下');
    expect(facts.squeezed).toContain('抄送：政协吴忠市委员会提案委员会');
    // The class with its label, on the line under the masthead rule.
    expect(facts.squeezed).toContain('答复类别：B类');
    expectSubsetTrueType(facts);
  });

  it('frames a reply typed as a whole letter once: one salutation, one 收悉 sentence, one closing, the organ signed once, the 文号 at the right, no page number on page 1', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话联系提案人' }, 201);
    const proposal = (await t.http().get(`/api/v1/proposals/${id}`).set(c.staff.auth)).body;
    const unit: string = proposal.leadUnit.name;
    // Long enough for a second page, to see its page number.
    const middle = Array.from(
      { length: 14 },
      (_, i) => `第${i + 1}项，我们已会同有关部门开展专题调研，摸清底数，制定方案，逐项推进落实。`,
    );
    const letter = [
      '尊敬的提案人委员：',
      '您好！',
      ...middle,
      '感谢您对我们工作的关心和支持！',
      unit,
      '2026年5月8日',
      '联系人：王五',
      '联系电话：0953-7654321',
    ].join('\n');
    await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'B',
      content: letter,
      public: true,
      letterNo: '吴资规函〔2026〕4号',
      contact: '李明 0953-1234567',
    });
    const report = await rendered(c.staff, { kind: 'reply-letter', subject: { type: 'proposal', id } });
    expect(report.status).toBe('done');
    const facts = pdfFacts((await download(c.staff, report.id)).body);
    const count = (needle: string) => facts.squeezed.split(needle).length - 1;
    expect(count('委员：')).toBe(1);
    expect(count('您好')).toBe(0);
    const no = /第\d+号$/.exec(proposal.numberLabel)![0];
    expect(count(`您提出的《${proposal.title.replace(/\s+/g, '')}》（${no}）收悉。现答复如下：`)).toBe(1);
    expect(count('收悉')).toBe(1);
    expect(count('感谢您对我们工作的关心和支持')).toBe(1);
    expect(count('第14项')).toBe(1);
    // The organ's name: the masthead (the first line of page 1) and the signature, nowhere else (no 印发 line in a 函).
    const lines = facts.text.split('\n').filter((l) => l.trim());
    expect(lines[0].replace(/\s+/g, '')).toBe(unit);
    expect(count(unit)).toBe(2);
    expect(count('2026年5月8日')).toBe(0);
    expect(count('联系人')).toBe(1);
    expect(facts.squeezed).toContain('联系人及电话：李明0953-1234567');
    expect(count('王五')).toBe(0);
    expect(facts.squeezed).toContain('抄送：政协吴忠市委员会提案委员会。');
    expect(count('印发')).toBe(0);
    // 答复类别 on the left, the 文号 at the right edge, on the line under the rule.
    expect(lines[1]).toMatch(/^\s*答复类别：B类\s{4,}吴资规函〔2026〕4号$/);
    // 信函格式: no page number on the first page; the second has its own.
    const pages = facts.text.split('\f');
    expect(facts.pages).toBeGreaterThanOrEqual(2);
    expect(pages[0]).not.toMatch(/—\s*\d+\s*—/);
    expect(pages[1]).toMatch(/—\s*2\s*—/);
  });

  it('renders a 提案办理情况报告 for a leader: figures, rates, units, key proposals and ECharts charts whose text is real text in our fonts', async () => {
    const key = await proposalAt(t, c, 'assigned');
    await api(t, c.leader, 'post', `/proposals/${key}/key`, {});
    const keyTitle = (await t.http().get(`/api/v1/proposals/${key}`).set(c.staff.auth)).body.title;
    const report = await rendered(c.leader, { kind: 'proposal-annual', subject: { type: 'session', id: c.sessionId } });
    expect(report).toMatchObject({ kind: 'proposal-annual', kindLabel: '提案办理情况报告', status: 'done' });
    const facts = pdfFacts((await download(c.leader, report.id)).body);
    const unit = (await t.http().get(`/api/v1/proposals/${key}`).set(c.staff.auth)).body.leadUnit.name;
    for (const text of [
      '提案办理情况的报告',
      '立案率',
      '办复率',
      '办理结果满意率',
      '重点提案办理情况',
      keyTitle.slice(0, 12),
      unit,
      '图1立案、办复和满意情况',
      '图3承办单位办理情况',
    ])
      expect(facts.squeezed).toContain(text);
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it('refuses the 提案办理情况报告 to members and units, and for a session that does not exist', async () => {
    const post = (who: { auth: Record<string, string> }, body: object) =>
      t.http().post('/api/v1/reports').set(who.auth).send(body);
    expect(
      (await post(c.lead, { kind: 'proposal-annual', subject: { type: 'session', id: c.sessionId } })).status,
    ).toBe(403);
    expect(
      (await post(c.unit, { kind: 'proposal-annual', subject: { type: 'session', id: c.sessionId } })).status,
    ).toBe(403);
    expect((await post(c.staff, { kind: 'proposal-annual', subject: { type: 'session', id: 999999 } })).status).toBe(
      404,
    );
    expect((await post(c.staff, { kind: 'proposal-annual', subject: { type: 'proposal', id: replied } })).status).toBe(
      400,
    );
  });

  it("prints the 领衔人's 工作单位及职务 and 联系电话 on the 提案单 for staff and the member, and leaves both out for the unit", async () => {
    await t.ds
      .getRepository(Member)
      .update({ id: c.lead.memberId! }, { employer: '吴忠市第一中学 副校长', phone: '0953-2011234' });
    const sheet = async (who: { auth: Record<string, string> }) =>
      pdfFacts((await download(who, (await rendered(who, sheetOf(replied))).id)).body as Buffer).squeezed;
    for (const who of [c.staff, c.lead]) {
      const text = await sheet(who);
      // Table cells come out of pdftotext in their own order: each piece, not the row as one string.
      for (const piece of ['工作单位', '及职务', '吴忠市第一中学', '0953-2011234', '联系电话'])
        expect(text).toContain(piece);
    }
    const unitCopy = await sheet(c.unit);
    expect(unitCopy).toContain('提案人');
    expect(unitCopy).not.toMatch(/工作单位|吴忠市第一中学|0953-2011234/);
  });

  it('lets a unit print the reply letter of a proposal it handles, and a member the sheet of their own', async () => {
    expect((await rendered(c.unit, { kind: 'reply-letter', subject: { type: 'proposal', id: replied } })).status).toBe(
      'done',
    );
    expect(
      (await rendered(c.lead, { kind: 'proposal-sheet', subject: { type: 'proposal', id: submitted } })).status,
    ).toBe('done');
  });

  it('refuses bad requests with the Chinese error shape and stores nothing', async () => {
    const before = await t.ds.getRepository(Report).count();
    const post = (who: { auth: Record<string, string> }, body: object) =>
      t.http().post('/api/v1/reports').set(who.auth).send(body);
    const unknownKind = await post(c.staff, { kind: 'horoscope', subject: { type: 'proposal', id: replied } });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(unknownKind.body.details.fields.kind[0]).toContain('未知的报告类型');
    expect(
      (await post(c.staff, { kind: 'proposal-sheet', subject: { type: 'proposal', id: replied }, colour: 'red' }))
        .status,
    ).toBe(400);
    expect((await post(c.staff, { kind: 'proposal-sheet' })).status).toBe(400);
    expect((await post(c.staff, { kind: 'proposal-sheet', subject: { type: 'visit', id: replied } })).status).toBe(400);
    expect(
      (
        await post(c.staff, {
          kind: 'proposal-sheet',
          subject: { type: 'proposal', id: replied },
          params: { year: 2026 },
        })
      ).status,
    ).toBe(400);
    const missing = await post(c.staff, { kind: 'proposal-sheet', subject: { type: 'proposal', id: 999999 } });
    expect(missing.status).toBe(404);
    const notReplied = await post(c.staff, { kind: 'reply-letter', subject: { type: 'proposal', id: submitted } });
    expect(notReplied.status).toBe(409);
    expect(notReplied.body.message).toContain('尚无答复');
    // Someone who may not read the subject: another member, a unit it was not assigned to.
    expect((await post(c.co1, { kind: 'proposal-sheet', subject: { type: 'proposal', id: submitted } })).status).toBe(
      403,
    );
    expect((await post(c.coUnit, { kind: 'reply-letter', subject: { type: 'proposal', id: replied } })).status).toBe(
      403,
    );
    // Roles that print no reports, and nobody signed in.
    for (const role of ['admin', 'facilitator'] as const) {
      const res = await t
        .http()
        .post('/api/v1/reports')
        .set('Authorization', `Bearer ${await t.tokenFor(role)}`)
        .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } });
      expect(res.status).toBe(403);
    }
    expect(
      (
        await t
          .http()
          .post('/api/v1/reports')
          .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } })
      ).status,
    ).toBe(401);
    expect(await t.ds.getRepository(Report).count()).toBe(before);
  });

  it('shows a report only to staff, its requester and its recipients; others get 404 for it and its file', async () => {
    const report = await rendered(c.lead, { kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } });
    expect((await t.http().get(`/api/v1/reports/${report.id}`).set(c.staff.auth)).status).toBe(200);
    for (const who of [c.co1, c.unit, c.leader]) {
      expect((await t.http().get(`/api/v1/reports/${report.id}`).set(who.auth)).status).toBe(404);
      expect((await t.http().get(`/api/v1/reports/${report.id}/file`).set(who.auth)).status).toBe(404);
    }
    const mine = (await t.http().get('/api/v1/reports').set(c.co1.auth)).body;
    expect(mine.items.map((r: { id: number }) => r.id)).not.toContain(report.id);
    expect(
      (await t.http().get('/api/v1/reports').set(c.lead.auth)).body.items.map((r: { id: number }) => r.id),
    ).toContain(report.id);
  });

  it('delivers to leaders: their inbox and a notification, the read receipt when they open it, staff see who read it', async () => {
    const other = await t.signInAs('leader');
    const otherAuth = { Authorization: `Bearer ${other.token}` };
    const report = await rendered(c.staff, { kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } });
    const deliver = (who: { auth: Record<string, string> }, leaderUserIds: number[]) =>
      t.http().post(`/api/v1/reports/${report.id}/deliver`).set(who.auth).send({ leaderUserIds });

    expect((await deliver(c.lead, [c.leader.userId])).status).toBe(403);
    expect(
      (await deliver({ auth: { Authorization: `Bearer ${await t.tokenFor('leader')}` } }, [c.leader.userId])).status,
    ).toBe(403);
    const notLeader = await deliver(c.staff, [c.leader.userId, c.lead.userId]);
    expect(notLeader.status).toBe(400);
    expect(notLeader.body.details.fields.leaderUserIds[0]).toContain('不是在用的领导账号');

    const done = await deliver(c.staff, [c.leader.userId, other.userId]);
    expect(done.status).toBe(200);
    expect(done.body.deliveries).toHaveLength(2);
    expect((await deliver(c.staff, [c.leader.userId])).body.deliveries).toHaveLength(2);

    const inbox = (await t.http().get('/api/v1/inbox').set(c.leader.auth)).body;
    const item = inbox.items.find((i: { report: { id: number } }) => i.report.id === report.id);
    expect(item).toMatchObject({ readAt: null, deliveredBy: { id: c.staff.userId } });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    const notes = (await t.http().get('/api/v1/notifications').set(c.leader.auth)).body.items;
    expect(
      notes.filter(
        (n: { kind: string; link: string }) => n.kind === 'report.delivered' && n.link === `/reports/${report.id}`,
      ),
    ).toHaveLength(1);

    // The recipient may open it; another leader may not.
    expect((await t.http().get(`/api/v1/reports/${report.id}`).set(c.leader.auth)).body.readAt).toBeNull();
    expect((await download(c.leader, report.id)).status).toBe(200);
    const receipts = (await t.http().get(`/api/v1/reports/${report.id}`).set(c.staff.auth)).body.deliveries;
    expect(
      receipts.find((d: { recipient: { id: number } }) => d.recipient.id === c.leader.userId).readAt,
    ).not.toBeNull();
    expect(receipts.find((d: { recipient: { id: number } }) => d.recipient.id === other.userId).readAt).toBeNull();
    expect((await t.http().get(`/api/v1/reports/${report.id}`).set(c.leader.auth)).body.deliveries).toBeUndefined();

    expect((await t.http().post(`/api/v1/inbox/${report.id}/read`).set(otherAuth)).status).toBe(204);
    expect((await t.http().get('/api/v1/inbox').set(otherAuth)).body.items[0].readAt).not.toBeNull();
    expect((await t.http().post(`/api/v1/inbox/${report.id}/read`).set(c.lead.auth)).status).toBe(403);
    expect((await t.http().get('/api/v1/inbox').set(c.staff.auth)).status).toBe(403);
  });

  it("keeps the number of a report's render job: enqueueing it again does not render it twice", async () => {
    const report = await rendered(c.staff, { kind: 'proposal-sheet', subject: { type: 'proposal', id: replied } });
    const again = await t.jobs.enqueue('reports', 'render', { reportId: report.id }, { jobId: `report:${report.id}` });
    expect(again.added).toBe(false);
    const rerun = await t.jobs.runNow('reports', 'render', { reportId: report.id });
    expect(rerun).toEqual({ skipped: 'done' });
    expect((await t.http().get(`/api/v1/reports/${report.id}`).set(c.staff.auth)).body).toMatchObject({
      attempts: 1,
      sha256: report.sha256,
    });
  });
});

describe('reports whose render keeps failing', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    // A browser that cannot start: every try fails the way a broken Chromium install would.
    t = await startTestApp({ CHROMIUM_PATH: '/nonexistent/chromium', XS_JOB_ATTEMPTS: '2', XS_JOB_BACKOFF_MS: '10' });
    c = await cast(t);
  });
  afterAll(() => t?.close());

  it('ends as failed with the Chinese reason after the last try, never stuck in rendering, and cannot be delivered', async () => {
    const id = await proposalAt(t, c, 'submitted');
    const res = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id } });
    expect(res.status).toBe(202);
    await expect(t.jobs.finished('reports', `report:${res.body.id}`)).rejects.toThrow();
    const report = (await t.http().get(`/api/v1/reports/${res.body.id}`).set(c.staff.auth)).body;
    expect(report).toMatchObject({ status: 'failed', statusLabel: '生成失败', attempts: 2 });
    expect(report.error).toContain('Chromium 无法启动');
    expect((await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(c.staff.auth)).status).toBe(409);
    const deliver = await t
      .http()
      .post(`/api/v1/reports/${res.body.id}/deliver`)
      .set(c.staff.auth)
      .send({ leaderUserIds: [c.leader.userId] });
    expect(deliver.status).toBe(409);
    expect(deliver.body.message).toContain('生成失败');
  });
});

describe('reports on Bull (REDIS_URL), rendered by this process as a worker', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp({
      REDIS_URL: TEST_REDIS_URL,
      XS_INLINE_WORKER: '1',
      XS_JOB_ATTEMPTS: '3',
      XS_JOB_BACKOFF_MS: '10',
    });
    c = await cast(t);
  });
  afterAll(() => t?.close());

  const request = async (id: number): Promise<number> =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .set(c.staff.auth)
        .send({ kind: 'proposal-sheet', subject: { type: 'proposal', id } })
        .expect(202)
    ).body.id;
  const statusOf = async (id: number) => (await t.ds.getRepository(Report).findOneByOrFail({ id })).status;

  it('retries a render whose Chromium was killed mid-way: a new browser, the report done on the second try', async () => {
    const renderer = t.app.get(PdfRenderer);
    await t.jobs.finished('reports', `report:${await request(await proposalAt(t, c, 'submitted'))}`);
    const first = renderer.browserPid();
    expect(first).not.toBeNull();
    // About 60 pages: long enough to be killed while Chromium prints it.
    const long = await draft(t, c.lead, c.sessionId, {
      suggestions: Array.from(
        { length: 30 },
        (_, i) => `第${i + 1}条建议：${'加快推进老旧小区改造，完善配套设施。'.repeat(70)}`,
      ),
    });
    await api(t, c.lead, 'post', `/proposals/${long}/submit`, {});
    const id = await request(long);
    while ((await statusOf(id)) !== 'rendering' || renderer.activeRenders() === 0)
      await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 20));
    process.kill(first!, 'SIGKILL');
    await t.jobs.finished('reports', `report:${id}`);
    const report = (await t.http().get(`/api/v1/reports/${id}`).set(c.staff.auth)).body;
    expect(report).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(report.pages).toBeGreaterThan(20);
    expect(renderer.browserPid()).not.toBe(first);
  });
});
