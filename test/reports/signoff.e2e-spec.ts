import { createHash } from 'node:crypto';
import { AuditEntry } from '../../src/audit/audit.entities';
import { ORGANIZATION, Organization } from '../../src/config/organization';
import { api } from '../support/api';
import { binary } from '../support/http';
import { pdfFacts } from '../support/pdf-tools';
import { signedOff } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, topicCast, TopicCast } from '../support/topics';

type Who = { auth: Record<string, string> };
const R = '/api/v1/reports';

/**
 * Documents the office issues are drafted, edited, signed off (签发) and then delivered (issue 16, item 1):
 * the draft pre-filled from the data, each save a revision with its preview, 提交签发 / 退回修改 / 签发 and
 * their refusals, the number taken at 签发 in signing order, and the delivered file the signed one byte for byte.
 */
describe('reports: draft → 签发 → deliver', () => {
  let t: TestApp;
  let c: TopicCast;

  beforeAll(async () => {
    t = await startTestApp();
    c = await topicCast(t);
  });
  afterAll(() => t?.close());

  /** A committee's topic held once, with two outcomes (one without a unit). */
  async function topic(title = '关于盘活工业低效用地的重点协商'): Promise<number> {
    const id = (
      await api(
        t,
        c.staff,
        'post',
        '/topics',
        {
          title,
          description: '我市部分工业园区存在土地闲置、低效利用问题。',
          level: 'city',
          source: 'plan',
          organizer: { type: 'committee', id: c.committeeId },
        },
        201,
      )
    ).id;
    await api(t, c.staff, 'post', `/topics/${id}/settle`, {});
    const meetingId = (await api(t, c.staff, 'post', `/topics/${id}/meetings`, meetingBody({ kind: 'key' }), 201)).id;
    await api(t, c.staff, 'post', `/meetings/${meetingId}/hold`, {
      minutes: '委员们认为低效用地底数不清、处置手段单一。',
    });
    for (const o of [
      {
        kind: 'recommendation',
        theme: '拉网排查，摸清家底',
        text: '建立低效用地台账并动态更新',
        unitId: c.unit.unitId,
      },
      { kind: 'recommendation', theme: '源头管控，长效管理', text: '严格新增工业项目准入标准' },
    ])
      await api(t, c.staff, 'post', `/topics/${id}/outcomes`, o, 201);
    return id;
  }

  async function draft(topicId: number): Promise<Record<string, any>> {
    const res = await t
      .http()
      .post(R)
      .set(c.staff.auth)
      .send({ kind: 'briefing', subject: { type: 'topic', id: topicId } });
    expect(res.status).toBe(202);
    await t.jobs.finished('reports', `report:${res.body.id}`);
    return (await t.http().get(`${R}/${res.body.id}`).set(c.staff.auth)).body;
  }

  const pdf = async (who: Who, url: string) =>
    (await t.http().get(url).set(who.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
  const post = (who: Who, url: string, body: object = {}) => t.http().post(url).set(who.auth).send(body);
  const audits = async (id: number) =>
    await t.ds
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'report', entityId: String(id) }, order: { id: 'ASC' } });

  it('makes a draft pre-filled from the data: the title in the office form, every outcome, no number yet; the preview is a 送审稿', async () => {
    const report = await draft(await topic());
    expect(report).toMatchObject({ stage: 'draft', stageLabel: '草稿', revision: 1, issueNo: null, status: 'done' });
    const { body } = await t.http().get(`${R}/${report.id}/text`).set(c.staff.auth).expect(200);
    expect(body.revision).toBe(1);
    expect(body.text.title).toBe('市政协就盘活工业低效用地开展重点协商');
    expect(body.text.sections.map((s: { key: string }) => s.key)).toEqual([
      'background',
      'findings',
      'findings.1',
      'recommendations',
      'recommendations.1',
      'recommendations.2',
    ]);
    const all = JSON.stringify(body.text);
    for (const outcome of ['建立低效用地台账并动态更新', '严格新增工业项目准入标准']) expect(all).toContain(outcome);
    const squeezed = pdfFacts(await pdf(c.staff, `${R}/${report.id}/file`)).squeezed;
    expect(squeezed).toContain('送审稿');
    expect(squeezed).toContain('第期');
    expect(squeezed).not.toMatch(/第\d+期/);
  });

  it('saves an edit as revision 2 whose preview prints the edited text; revision 1 stays downloadable; limits and structure are checked', async () => {
    const report = await draft(await topic());
    const { body: first } = await t.http().get(`${R}/${report.id}/text`).set(c.staff.auth);
    const edited = {
      ...first.text,
      title: '市政协就盘活低效工业用地开展专题协商',
      sections: first.text.sections.map((s: { key: string; paragraphs: string[] }) =>
        s.key === 'background' ? { ...s, paragraphs: ['全市排查出低效用地一万二千亩<b>。', ...s.paragraphs] } : s,
      ),
      baseRevision: 1,
    };
    const saved = await t.http().put(`${R}/${report.id}/text`).set(c.staff.auth).send(edited);
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
    // Someone saving on the old revision does not overwrite it.
    expect((await t.http().put(`${R}/${report.id}/text`).set(c.staff.auth).send(edited)).status).toBe(409);
    await t.jobs.finished('reports', `report:${report.id}:r2`);
    const revisions = (await t.http().get(`${R}/${report.id}/revisions`).set(c.staff.auth).expect(200)).body;
    expect(revisions.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [2, 'done'],
      [1, 'done'],
    ]);
    expect(revisions[0].editedBy).toMatchObject({ id: c.staff.userId });
    expect(revisions[1].editedBy).toBeNull();
    const second = pdfFacts(await pdf(c.staff, `${R}/${report.id}/revisions/2/file`)).squeezed;
    expect(second).toContain('市政协就盘活低效工业用地开展专题协商');
    expect(second).toContain('全市排查出低效用地一万二千亩<b>。');
    const firstPdf = pdfFacts(await pdf(c.staff, `${R}/${report.id}/revisions/1/file`)).squeezed;
    expect(firstPdf).toContain('市政协就盘活工业低效用地开展重点协商');
    expect(firstPdf).not.toContain('一万二千亩');
    // The report's own file is the newest preview; its title follows the text.
    expect(pdfFacts(await pdf(c.staff, `${R}/${report.id}/file`)).squeezed).toContain('一万二千亩');
    expect((await t.http().get(`${R}/${report.id}`).set(c.staff.auth)).body.title).toBe(edited.title);

    const put = (body: object) => t.http().put(`${R}/${report.id}/text`).set(c.staff.auth).send(body);
    const long = await put({ ...edited, baseRevision: undefined, title: '长'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('标题不能超过 100 个字');
    const moved = await put({ ...edited, baseRevision: undefined, sections: edited.sections.slice(1) });
    expect(moved.status).toBe(400);
    expect(moved.body.message).toContain('段落结构与草稿不一致');
    expect((await put({ ...edited, baseRevision: undefined, colour: 'red' })).status).toBe(400);
    expect(
      (await put({ ...edited, baseRevision: undefined, sections: [{ ...edited.sections[0], extra: 1 }] })).status,
    ).toBe(400);
    expect((await post(c.staff, `${R}/${report.id}/submit`, { now: true })).status).toBe(400);
  });

  it('moves draft → 提交签发 → 退回修改 → 提交签发 → 签发, refusing wrong steps with 409 and wrong people with 403', async () => {
    const report = await draft(await topic());
    const url = (step: string) => `${R}/${report.id}/${step}`;
    expect((await post(c.leader, url('sign'))).status).toBe(404); // a draft is not the leader's to see yet
    // Staff draft; only leaders (and configured 签发人) send back or sign.
    expect((await post(c.staff, url('return'), { note: '请补充' })).status).toBe(403);
    const submitted = await post(c.staff, url('submit'));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ stage: 'submitted', stageLabel: '待签发' });
    expect((await post(c.staff, url('submit'))).status).toBe(409);
    const editing = await t.http().put(url('text')).set(c.staff.auth).send({ title: 'x', sections: [] });
    expect(editing.status).toBe(409);
    expect(editing.body.message).toContain('只有草稿可以修改');
    // Staff who are not a configured 签发人 do not sign.
    expect((await post(c.staff, url('sign'))).status).toBe(403);
    const notices = (await t.http().get('/api/v1/notifications').set(c.leader.auth)).body.items;
    expect(notices.some((n: { title: string }) => n.title === `待签发：${report.title}`)).toBe(true);

    expect((await post(c.leader, url('return'), {})).status).toBe(400);
    const returned = await post(c.leader, url('return'), { note: '请补充落实情况的时间表' });
    expect(returned.status).toBe(200);
    const back = (await t.http().get(`${R}/${report.id}`).set(c.staff.auth)).body;
    expect(back).toMatchObject({ stage: 'draft', returnNote: '请补充落实情况的时间表' });
    const drafter = (await t.http().get('/api/v1/notifications').set(c.staff.auth)).body.items;
    expect(drafter.some((n: { kind: string }) => n.kind === 'report.returned')).toBe(true);

    await post(c.staff, url('submit')).expect(200);
    const signed = await post(c.leader, url('sign'));
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ stage: 'signed', issueNo: expect.any(Number), signed: { revision: 1 } });
    expect((await post(c.leader, url('sign'))).status).toBe(409);
    expect((await post(c.leader, url('return'), { note: '再改' })).status).toBe(409);
    await t.jobs.finished('reports', `report:${report.id}:signed`);
    const final = pdfFacts(await pdf(c.staff, url('file'))).squeezed;
    expect(final).toContain(`第${signed.body.issueNo}期`);
    expect(final).toContain(`签发人：${signed.body.signed.signer}`);
    expect(final).not.toContain('送审稿');

    const actions = (await audits(report.id)).map((a) => [
      a.action,
      a.fromState,
      JSON.parse(a.toState ?? 'null')?.stage,
    ]);
    for (const step of [
      ['report.submit', '"draft"', 'submitted'],
      ['report.return', '"submitted"', 'draft'],
      ['report.sign', '"submitted"', 'signed'],
    ])
      expect(actions).toContainEqual(step);
  });

  it('numbers at 签发: two drafts signed in reverse order get consecutive numbers in signing order', async () => {
    const a = await draft(await topic('关于发展夜间经济的重点协商'));
    const b = await draft(await topic('关于完善养老服务体系的重点协商'));
    const signedB = await signedOff(t, c.staff, c.leader, b.id);
    const signedA = await signedOff(t, c.staff, c.leader, a.id);
    expect(signedA.issueNo).toBe(signedB.issueNo + 1);
    expect(pdfFacts(await pdf(c.staff, `${R}/${a.id}/file`)).squeezed).toContain(`第${signedA.issueNo}期`);
  });

  it('lets a staff account named in `signers` of organization.json sign; other staff are refused', async () => {
    const director = await t.signIn(`director${process.pid}`, ['staff']);
    const auth = { Authorization: `Bearer ${director.token}` };
    const org = t.app.get<Organization>(ORGANIZATION);
    const report = await draft(await topic('关于推进数字政府建设的重点协商'));
    await post(c.staff, `${R}/${report.id}/submit`).expect(200);
    expect((await t.http().post(`${R}/${report.id}/sign`).set(auth).send({})).status).toBe(403);
    org.signers.push(`director${process.pid}`);
    try {
      const signed = await t.http().post(`${R}/${report.id}/sign`).set(auth).send({});
      expect(signed.status).toBe(200);
      expect(signed.body.signed).toMatchObject({ by: { id: director.userId } });
    } finally {
      org.signers.pop();
    }
  });

  it('delivers only after 签发, and the leader downloads the signed bytes exactly', async () => {
    const report = await draft(await topic('关于优化营商环境的重点协商'));
    const deliver = () => post(c.staff, `${R}/${report.id}/deliver`, { leaderUserIds: [c.leader.userId] });
    const early = await deliver();
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REPORT_NOT_SIGNED', message: '文稿草稿，签发后才能送达' });
    const signed = await signedOff(t, c.staff, c.leader, report.id);
    expect((await deliver()).status).toBe(200);
    const bytes = await pdf(c.leader, `${R}/${report.id}/file`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(sha).toBe(signed.sha256);
    const entries = await audits(report.id);
    const render = entries.find(
      (e) => e.action === 'report.render' && JSON.parse(e.toState ?? '{}').stage === 'signed',
    );
    expect(JSON.parse(render!.toState!)).toMatchObject({ sha256: sha, revision: 1 });
    const delivered = entries.find((e) => e.action === 'report.deliver');
    expect(JSON.parse(delivered!.toState!)).toMatchObject({ sha256: sha });
    // The leader finds it in 收文.
    const inbox = (await t.http().get('/api/v1/inbox').set(c.leader.auth)).body.items;
    expect(inbox.map((i: { report: { id: number } }) => i.report.id)).toContain(report.id);
  });

  it('refuses members, units and facilitators every step of an issued document; kinds not signed off answer 409', async () => {
    const report = await draft(await topic('关于加强社区治理的重点协商'));
    for (const who of [c.member, c.unit, c.facilitator]) {
      expect((await t.http().get(`${R}/${report.id}/text`).set(who.auth)).status).toBe(403);
      expect(
        (await t.http().put(`${R}/${report.id}/text`).set(who.auth).send({ title: 'x', sections: [] })).status,
      ).toBe(403);
      expect((await t.http().get(`${R}/${report.id}/revisions`).set(who.auth)).status).toBe(403);
      expect((await t.http().get(`${R}/${report.id}/revisions/1/file`).set(who.auth)).status).toBe(403);
      for (const step of ['submit', 'sign']) expect((await post(who, `${R}/${report.id}/${step}`)).status).toBe(403);
      expect((await post(who, `${R}/${report.id}/return`, { note: '改' })).status).toBe(403);
    }
    // A point's 协商结果公示 is the point's own: no 签发.
    const own = await t
      .http()
      .post(R)
      .set(c.facilitator.auth)
      .send({
        kind: 'briefing',
        subject: { type: 'topic', id: (await (await import('../support/topics')).topicAt(t, c, 'deliberating')).id },
      });
    expect(own.body.stage).toBe('final');
    await t.jobs.finished('reports', `report:${own.body.id}`);
    const notIssued = await t.http().get(`${R}/${own.body.id}/text`).set(c.staff.auth);
    expect(notIssued.status).toBe(409);
    expect(notIssued.body.code).toBe('REPORT_NOT_ISSUED');
  });
});
