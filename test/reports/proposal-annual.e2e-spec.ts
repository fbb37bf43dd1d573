import { Unit } from '../../src/directory/directory.entities';
import { cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { expectA4, expectSubsetTrueType, pdfFacts, PdfFacts } from '../support/pdf-tools';
import { proposalAt } from '../support/proposals';
import { issued } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The 提案办理情况报告 read as the 主席会议 reads it: masthead and 文号, the five sections written from the
 * figures of a session the test builds, rates without data said in words, and the units' full names.
 */
describe('提案办理情况报告', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
  });
  afterAll(() => t?.close());

  async function report(c: Cast): Promise<PdfFacts> {
    const res = await t
      .http()
      .post('/api/v1/reports')
      .set(c.staff.auth)
      .send({ kind: 'proposal-annual', subject: { type: 'session', id: c.sessionId } });
    expect(res.status).toBe(202);
    // As issued: the 文号 is taken at 签发.
    const view = await issued(t, c.staff, res.body.id, c.leader);
    expect(view.status).toBe('done');
    const file = await t.http().get(`/api/v1/reports/${res.body.id}/file`).set(c.staff.auth).buffer(true).parse(binary);
    return pdfFacts(file.body as Buffer);
  }

  /** The text without the page numbers 「— N —」. */
  const prose = (facts: PdfFacts) => facts.squeezed.replace(/—\d+—/g, '');

  it('prints the masthead, a 文号 with 〔year〕, the five sections written from the figures, and full unit names', async () => {
    const c = await cast(t);
    // A unit whose full name is longer than a chart label line: it must appear whole.
    const longName = `吴忠市住房和城乡建设局城市更新专班${c.unit.unitId}`;
    await t.ds.getRepository(Unit).update(c.unit.unitId!, { name: longName });
    await proposalAt(t, c, 'replied');
    await proposalAt(t, c, 'replied');
    await proposalAt(t, c, 'completed');
    await proposalAt(t, c, 'assigned', { withCoUnit: true });
    await proposalAt(t, c, 'submitted');
    const key = await proposalAt(t, c, 'assigned');
    await api(t, c.leader, 'post', `/proposals/${key}/key`, {});

    const facts = await report(c);
    const text = prose(facts);
    const year = new Date().getFullYear();
    expect(text).toContain('政协吴忠市委员会提案委员会');
    expect(text).toMatch(new RegExp(`吴政协提办〔${year}〕\\d+号`));
    expect(text.indexOf('吴政协提办')).toBeLessThan(text.indexOf('提案办理情况的报告'));
    expect(text).toContain('政协吴忠市委员会主席会议：');
    const headings = ['一、基本情况', '二、主要做法', '三、办理成效', '四、存在问题', '五、下一步工作'];
    const at = headings.map((h) => text.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // 6 received, 5 accepted and assigned, 3 of them replied (one completed), 1 still in review.
    expect(text).toContain('以来，共收到提案6件，经审查立案5件，立案率100.0%；尚在审查1件。');
    expect(text).toContain('已交办的5件提案中，已办复3件，办复率60.0%；尚在办理2件。');
    expect(text).toContain('已交办提案5件，涉及承办单位2个，其中由一个单位主办的5件（其中会同其他单位会办的1件）。');
    expect(text).toContain('确定重点提案1件，均由领导领衔督办');
    expect(text).toContain('承办单位与提案人沟通3次');
    expect(text).toContain('所提问题列入计划拟解决或正在解决的B类3件，占100.0%');
    expect(text).toContain('对办理结果满意或基本满意的1件，满意率100.0%');
    expect(text).toContain('没有超过办理期限未答复的提案');
    expect(text).toContain('下一步，我们将继续加强与承办单位的沟通联系');
    // The figures follow as 附件, after the signature; the unit's name whole in its table, never cut.
    expect(text.indexOf('附件：')).toBeGreaterThan(text.indexOf('五、下一步工作'));
    expect(text.indexOf('附件：')).toBeLessThan(text.indexOf('（一）主要指标'));
    expect(text).toContain(`${longName}`);
    expect(text).not.toMatch(/\.\.\.|…/);
    expect(text).toContain('图3承办单位办理情况');
    expect(text).toContain('抄送：');
    expectSubsetTrueType(facts);
    expectA4(facts);
  });

  it('says in words that a session without replies has no 办复率 or 满意率 yet: no 「—」 and no 0% for them', async () => {
    const c = await cast(t);
    await proposalAt(t, c, 'assigned');
    await proposalAt(t, c, 'assigned');

    const text = prose(await report(c));
    expect(text).toContain('以来，共收到提案2件，经审查立案2件，立案率100.0%。');
    expect(text).toContain('已交办的2件提案均在办理中，尚无已办复提案，办复率暂不计算。');
    expect(text).toContain('承办单位尚未答复，答复分类暂无统计。');
    expect(text).toContain('尚无已办复提案，提案人评价暂未开展，满意率暂无评价。');
    expect(text).toContain('100.0%尚无办复暂无评价暂无评价（2/2）（0/2）（0/0）（0/0）');
    expect(text).not.toContain('—');
    expect(text).not.toMatch(/(^|[^0-9.])0(\.0)?%/);
  });
});
