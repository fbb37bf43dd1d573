import { CouncilSession } from '../../src/directory/directory.entities';
import { ProposalCommitment } from '../../src/proposals/commitment.entities';
import { Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { expectA4, expectSubsetTrueType } from '../support/pdf-tools';
import { proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, webCast } from '../support/web-client';
import { issueYearly } from '../support/yearly-documents';

const DAY = 86_400_000;
/** A Shanghai day `days` from today. */
const dayFromNow = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

/**
 * 提案办理回头看情况报告: drafted from the year's commitments of B/C replies, edited, submitted, signed (its 文号
 * from the 提案办理情况报告's prefix and counter), delivered; the PDF read back with pdftotext. Only staff ask for it.
 */
describe('提案办理回头看情况报告', () => {
  let t: TestApp;
  let c: Cast;
  let year: number;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
    c = await cast(t);
    const session = await t.ds.getRepository(CouncilSession).findOneByOrFail({ id: c.sessionId });
    year = new Date(session.closesAt.getTime() + 8 * 3600_000).getUTCFullYear();
  }, 180_000);
  afterAll(() => t?.close());

  /** An assigned proposal of `c.lead` replied by `unit` with the class and commitments given; the commitments. */
  const replied = async (
    unit: Account,
    classification: string,
    commitments: Array<{ text: string; dueDate: string }>,
  ) => {
    const id = await proposalAt(t, c, 'assigned', { unit });
    await api(t, unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话沟通' }, 201);
    await api(t, unit, 'post', `/proposals/${id}/reply`, {
      classification,
      content: '已列入计划。',
      public: true,
      commitments,
    });
    return {
      id,
      items: (await api(t, c.staff, 'get', `/proposals/${id}/commitments`)) as Array<{ id: number; version: number }>,
    };
  };

  it('refuses members, units and leaders (403), and a year out of range (400)', async () => {
    for (const who of [c.lead, c.unit, c.leader]) {
      const res = await t
        .http()
        .post('/api/v1/reports')
        .set(who.auth)
        .send({ kind: 'commitment-review', params: { year } });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('您无权生成提案办理回头看情况报告');
    }
    const bad = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'commitment-review', params: { year: 1900 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields['params.year']).toEqual(['年度须为 2000 到 9999 的整数']);
    const subject = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'commitment-review', subject: { type: 'session', id: c.sessionId } });
    expect(subject.status).toBe(400);
  });

  it('says in words that a year without commitments has nothing to assess: no rate, no table', async () => {
    const { pdf } = await issueYearly(t, c, 'commitment-review', year - 20, 'next', '明年继续开展回头看。');
    const text = pdf.squeezed;
    expect(text).toContain(
      `${year - 20}年度提案的答复中，尚无作出承诺的B、C类答复，回头看暂无可评估的承诺事项，按期兑现率暂不计算。`,
    );
    expect(text).toContain('尚无承办单位在答复中作出承诺。');
    expect(text).not.toContain('按期兑现率达到');
    expect(text).not.toMatch(/\d%/);
  });

  it('is drafted from the commitments, edited, signed with a 文号 and delivered; the PDF has the figures, the table and the overdue ones', async () => {
    const unit2 = c.coUnit;
    const b = await replied(c.unit, 'B', [
      { text: '年底前建成东门停车场', dueDate: dayFromNow(30) },
      { text: '一季度内完成城东路灯改造', dueDate: dayFromNow(10) },
      { text: '明年完成背街小巷硬化', dueDate: dayFromNow(200) },
    ]);
    const cReply = await replied(unit2, 'C', [{ text: '条件成熟时增设公交线路', dueDate: dayFromNow(20) }]);
    // Kept on time: reported today, judged kept by the proposer.
    const [kept, late] = b.items;
    await api(t, c.unit, 'post', `/commitments/${kept.id}/report`, { text: '停车场已建成', version: kept.version });
    await api(t, c.lead, 'post', `/commitments/${kept.id}/verdict`, { kept: true });
    // Overdue: its day has passed and nothing was reported.
    const past = dayFromNow(-20);
    await t.ds.getRepository(ProposalCommitment).update(late.id, { dueAt: new Date(`${past}T00:00:00+08:00`) });
    // Not kept, in the proposer's view.
    const [refused] = cReply.items;
    await api(t, unit2, 'post', `/commitments/${refused.id}/report`, { text: '正在研究', version: refused.version });
    await api(t, c.lead, 'post', `/commitments/${refused.id}/verdict`, { kept: false, comment: '线路尚未开通' });

    const edited = '下一步，提案委员会将对逾期事项逐项督办，年底前再次开展回头看。';
    const { report, draft, pdf } = await issueYearly(t, c, 'commitment-review', year, 'next', edited);
    expect(report).toMatchObject({ kind: 'commitment-review', kindLabel: '提案办理回头看情况报告', stage: 'signed' });
    expect(draft.sections.map((s) => s.heading)).toEqual(['基本情况', '各单位落实情况', '存在问题', '下一步工作']);
    const text = pdf.squeezed.replace(/—\d+—/g, '');
    const signedYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(text).toMatch(new RegExp(`吴政协提办〔${signedYear}〕\\d+号签发人：`));
    expect(text).toContain('政协吴忠市委员会提案委员会');
    expect(text).toContain(`关于${year}年度提案办理回头看情况的报告`);
    expect(text).toContain('政协吴忠市委员会主席会议：');
    expect(text).toContain(
      `${year}年度提案的答复中，有2件B、C类答复作出承诺（B类1件、C类1件），涉及提案2件、承办单位2个，共承诺事项4项。`,
    );
    expect(text).toContain(
      '已到期或已报告落实情况的承诺事项3项，其中按期兑现1项，按期兑现率33.3%；提案人评判未兑现1项；已到期尚未报告落实情况1项。另有1项尚未到期。',
    );
    expect(text).toContain('提案人已对2项承诺事项的落实情况作出评判，认为已兑现的1项，占50.0%。');
    // The table: one row a unit and the 合计 (the rate of the unit without anything kept is a real 0.0%).
    expect(text).toContain('承办单位承诺事项按期兑现到期未报告按期兑现率');
    expect(text).toContain('合计41133.3%');
    // The overdue one by unit, with the proposal's title and its day.
    const [y, m, d] = past.split('-').map(Number);
    expect(text).toContain(`中“一季度内完成城东路灯改造”，应于${y}年${m}月${d}日前完成。`);
    expect(text).toContain('部分承诺事项经提案人评判未兑现，共1项：');
    expect(text).toContain(edited);
    expect(text).not.toContain('下一步，我们将会同市委、市政府督查部门');
    expect(text).toContain('抄送：政协吴忠市委员会主席会议成员，各提案承办单位。');
    expect(text).not.toContain('送审稿');
    expectSubsetTrueType(pdf);
    expectA4(pdf);
  });
});

describe('回头看 page: 起草回头看报告', () => {
  let t: TestApp;
  let web: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
    ({ web } = await webCast(t));
  }, 180_000);
  afterAll(() => t?.close());

  it('offers staff the button for the year filtered, which opens the draft; leaders and units see no button', async () => {
    const html = mainOf((await web.staff.get('/proposals/follow-up?year=2026').expect(200)).text);
    expect(html).toContain('<button type="submit" class="button button--secondary">起草回头看报告</button>');
    expect(html).toContain('name="kind" value="commitment-review"');
    expect(html).toContain('name="year" value="2026"');
    for (const who of ['leader', 'unit'])
      expect((await web[who].get('/proposals/follow-up').expect(200)).text).not.toContain('起草回头看报告');
    const page = await web.staff.get('/proposals/follow-up').expect(200);
    const res = await web.staff
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(page.text), kind: 'commitment-review', year: '2026' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/reports\/\d+$/);
    const shown = mainOf((await web.staff.get(res.headers.location).expect(200)).text);
    expect(shown).toContain('关于2026年度提案办理回头看情况的报告');
  });
});
