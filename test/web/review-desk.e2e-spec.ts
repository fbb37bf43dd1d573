import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { draft } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, mainOf, submit, webCast } from '../support/web-client';

/**
 * 提案审查 as a desk (issue 17 item 4): the proposal open beside the form, only the similar proposals at or above
 * `similarMinPercent` (30 % shipped) offered, and one of them compared beside it with its differing words marked.
 */
describe('the review desk', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let reviewed: number;
  let duplicate: number;
  let unrelated: number;

  const ELDERLY = {
    title: '关于完善社区居家养老服务体系的建议',
    background: '我市老年人口占比已超过百分之十八，居家养老是主要方式，但社区养老服务设施不足，专业护理人员短缺。',
    suggestions: ['建设智慧养老服务平台', '推动医疗机构与养老机构签约合作', '加强养老护理人员培训'],
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t));
    const filed = async (who: typeof c.lead, text: object) => {
      const id = await draft(t, who, c.sessionId, text);
      await api(t, who, 'post', `/proposals/${id}/submit`, {});
      return id;
    };
    // The same matter in a few other words, by another member: a near-duplicate.
    duplicate = await filed(c.co1, {
      ...ELDERLY,
      background: ELDERLY.background.replace('我市', '全市').replace('专业护理人员短缺', '护理人员待遇偏低'),
    });
    unrelated = await filed(c.co2, {
      title: '关于推动制造业智能化改造的提案',
      background: '规模以上工业企业设备老化，数字化车间少，企业技术改造投入意愿不强，融资渠道单一。',
      suggestions: ['设立技术改造专项资金', '培育工业互联网平台'],
    });
    reviewed = await filed(c.lead, ELDERLY);
  });
  afterAll(() => t.close());

  it('shows the proposal under review open beside the form, and offers only the similar proposals at or above the threshold', async () => {
    const api30 = await t.http().get(`/api/v1/proposals/${reviewed}/similar`).set(c.staff.auth).expect(200);
    const scores = new Map<number, number>(api30.body.map((s: { id: number; score: number }) => [s.id, s.score]));
    expect(scores.get(duplicate)).toBeGreaterThanOrEqual(0.3);
    expect(scores.has(unrelated)).toBe(false);

    const desk = mainOf((await web.staff.get(`/proposals/${reviewed}/review`).expect(200)).text);
    // The text reviewed is open (no folded <details>), in its own column before the form.
    expect(desk).not.toContain('<details');
    const texts = desk.slice(desk.indexOf('data-review-texts'), desk.indexOf('data-review-form'));
    expect(texts).toContain('审查中的提案');
    expect(texts).toContain(ELDERLY.background);
    for (const s of ELDERLY.suggestions) expect(texts).toContain(`<li>${s}</li>`);
    expect(texts).toContain('王建国（领衔人）');
    expect(desk).not.toContain('id="compare-panel"');
    // Offered: the near-duplicate, as a link that opens it beside, and in the 并案 choice; never the unrelated one.
    expect(desk).toContain('相似度不低于 30%');
    expect(desk).toMatch(
      new RegExp(`href="/proposals/${reviewed}/review\\?compare=${duplicate}" data-compare-link>${ELDERLY.title}</a>`),
    );
    expect(desk).toMatch(new RegExp(`<option value="${duplicate}">${ELDERLY.title}（已提交）</option>`));
    expect(desk).not.toContain(`compare=${unrelated}`);
    expect(desk).not.toContain(`<option value="${unrelated}"`);
    expect(desk).not.toContain('制造业智能化改造');
  });

  it('offers nothing for 并案 when no proposal reaches the threshold', async () => {
    const desk = mainOf((await web.staff.get(`/proposals/${unrelated}/review`).expect(200)).text);
    expect(desk).toContain('没有相似度达到 30% 的提案，不能并案');
    expect(desk).toContain('没有可并入的相似提案');
    expect(desk).not.toMatch(/<option value="\d+">/);
  });

  it('compares a similar proposal beside the one reviewed, its differing words marked <ins> and <del>', async () => {
    const desk = mainOf((await web.staff.get(`/proposals/${reviewed}/review?compare=${duplicate}`).expect(200)).text);
    const panel = desk.slice(desk.indexOf('id="compare-panel"'), desk.indexOf('data-similar-list'));
    expect(panel).toContain(`对照：${ELDERLY.title}`);
    expect(panel).toMatch(/相似度 \d+%/);
    // Only in the one compared: underlined; only in the one reviewed: struck through.
    expect(panel).toContain('<ins class="diff__added">全市</ins>');
    expect(panel).toContain('<del class="diff__removed">我市</del>');
    expect(panel).toMatch(/<ins class="diff__added">[^<]*待遇偏低[^<]*<\/ins>/);
    expect(panel).toMatch(/<del class="diff__removed">[^<]*短缺[^<]*<\/del>/);
    expect(panel).not.toMatch(/<(ins|del)[^>]*>[^<]*智慧养老/);
    expect(panel).toContain('下划线</ins>：仅此提案有的文字');
    expect(panel).toContain(`<a class="link" href="/proposals/${reviewed}/review" data-compare-link>关闭对照</a>`);
    // Still the reviewed text beside it, the form after, posting back to the desk with the comparison.
    expect(desk).toContain(ELDERLY.background);
    // (Handlebars writes the `=` of the address as &#x3D;, which the browser reads back as `=`.)
    expect(desk).toContain(`action="/proposals/${reviewed}/review?compare&#x3D;${duplicate}"`);
    expect(desk).toMatch(new RegExp(`compare=${duplicate}" data-compare-link aria-current="true">`));
  });

  it('keeps the comparison and what was typed when the review is refused, and saves it from the desk', async () => {
    const path = `/proposals/${reviewed}/review?compare=${duplicate}`;
    const refused = mainOf((await submit(web.staff, path, { decision: 'merge', reason: '内容相同' }, 400)).text);
    expect(refused).toContain('id="compare-panel"');
    expect(refused).toContain('<ins class="diff__added">全市</ins>');
    expect(refused).toContain('内容相同</textarea>');
    const html = (await web.staff.get(path).expect(200)).text;
    const version = /name="version" value="(\d+)"/.exec(html)![1];
    const saved = await submit(
      web.staff,
      path,
      { version, decision: 'merge', mergeIntoId: String(duplicate), reason: '' },
      303,
    );
    expect(saved.headers.location).toBe(`/proposals/${reviewed}?done=reviewed`);
  });

  it('refuses a comparison that is not another proposal: a bad id 400, itself 400, a draft 404', async () => {
    const other = await draft(t, c.co2, c.sessionId);
    for (const [compare, status] of [
      ['abc', 400],
      ['0', 400],
      [String(duplicate), 400],
      [String(other), 404],
    ] as const) {
      const res = await web.staff.get(`/proposals/${duplicate}/review?compare=${compare}`);
      expect([compare, res.status]).toEqual([compare, status]);
    }
  });

  it('refuses the desk and its comparisons to a member and a unit (403), as the API refuses them the similar list', async () => {
    for (const who of ['lead', 'unit'] as const) {
      for (const path of [`/proposals/${duplicate}/review`, `/proposals/${duplicate}/review?compare=${unrelated}`]) {
        const res = await web[who].get(path);
        expect([who, path, res.status]).toEqual([who, path, 403]);
        expect(res.text).not.toContain('compare-panel');
      }
      await t.http().get(`/api/v1/proposals/${duplicate}/similar`).set(c[who].auth).expect(403);
    }
  });
});
