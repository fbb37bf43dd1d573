import { Member } from '../../src/directory/directory.entities';
import { Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { expectA4, expectSubsetTrueType } from '../support/pdf-tools';
import { signedOff } from '../support/signoff';
import { startTestApp, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, webCast } from '../support/web-client';
import { issueYearly } from '../support/yearly-documents';

/**
 * 社情民意信息工作通报: drafted from the year's 社情民意 statistics (报送, 编报, 采用 by level), the issues signed in
 * the year and the 批示 on them; edited, signed with its 文号 (`bulletinPrefix`), delivered; the PDF read back with
 * pdftotext. Only staff ask for it.
 */
describe('社情民意信息工作通报', () => {
  let t: TestApp;
  let c: Cast;
  let n = 0;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
    c = await cast(t);
  }, 180_000);
  afterAll(() => t?.close());

  /** An item of `who`, submitted and reviewed with `decision`. */
  const reviewed = async (who: Account, decision: 'accept' | 'return') => {
    const o = await api(
      t,
      who,
      'post',
      '/opinions',
      {
        title: `关于城市内涝点整治的情况反映${++n}`,
        content: '部分下穿通道每逢暴雨即积水，排水管网标准偏低。建议分批改造并公布进度。',
        category: 'governance',
      },
      201,
    );
    await api(t, who, 'post', `/opinions/${o.id}/submit`, {});
    return api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision, reason: '理由' });
  };
  const adopt = (id: number, level: string, bodyName: string) =>
    api(
      t,
      c.staff,
      'post',
      `/opinions/${id}/adoptions`,
      { level, bodyName, issueText: '《政协信息》第15期', adoptedOn: `${year}-11-20` },
      201,
    );

  it('refuses members, units and leaders (403)', async () => {
    for (const who of [c.lead, c.unit, c.leader]) {
      const res = await t
        .http()
        .post('/api/v1/reports')
        .set(who.auth)
        .send({ kind: 'opinion-annual', params: { year } });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('您无权生成社情民意信息工作通报');
    }
  });

  it('says in words that a year without items has none: no rate, no 0 %, no 附件', async () => {
    const { pdf } = await issueYearly(t, c, 'opinion-annual', year - 20, 'next', '明年继续做好信息工作。');
    const text = pdf.squeezed.replace(/—\d+—/g, '');
    expect(text).toContain(
      `${year - 20}年，尚未收到委员和各界别、各专门委员会报送的社情民意信息，编报率、采用率暂不计算。`,
    );
    expect(text).toContain('本年度暂无被上级采用的社情民意信息，不作通报表扬。');
    expect(text).not.toContain('附件');
    expect(text).not.toMatch(/\d%/);
  });

  it('is drafted from the year’s figures, edited, signed with a 文号 and delivered; the PDF has the figures, the praise and the 版记', async () => {
    const a = await reviewed(c.lead, 'accept');
    await adopt(a.id, 'provincial', '自治区政协办公厅');
    await adopt(a.id, 'national', '全国政协办公厅');
    await reviewed(c.lead, 'accept');
    await reviewed(c.lead, 'return');
    const d = await reviewed(c.co1, 'accept');
    await adopt(d.id, 'city_party', '市委办公室');
    // A 专报 of the first item, signed and delivered; a leader's 批示 on it.
    const issue = await api(t, c.staff, 'post', '/opinions/issues', { opinionIds: [a.id], form: 'special' }, 201);
    await signedOff(t, c.staff, c.leader, issue.report.id);
    await api(t, c.staff, 'post', `/opinions/issues/${issue.report.id}/deliver`, {});
    await api(
      t,
      c.leader,
      'post',
      '/instructions',
      { target: { type: 'report', id: issue.report.id }, text: '请市住建局研究。', leaderLevel: '副市长' },
      201,
    );
    const lead = await t.ds.getRepository(Member).findOneByOrFail({ id: c.lead.memberId! });

    const edited = '下一步，我们将围绕乡村振兴和城市更新组织专题信息约稿。';
    const { report, draft, pdf } = await issueYearly(t, c, 'opinion-annual', year, 'next', edited);
    expect(report).toMatchObject({ kind: 'opinion-annual', kindLabel: '社情民意信息工作通报', stage: 'signed' });
    expect(draft.sections.map((s) => s.heading)).toEqual([
      '基本情况',
      '采用和批示情况',
      '表扬',
      '存在的问题和下一步工作',
    ]);
    const text = pdf.squeezed.replace(/—\d+—/g, '');
    expect(text).toMatch(
      new RegExp(`政协吴忠市委员会办公室吴政协办〔${year}〕\\d+号关于${year}年度社情民意信息工作情况的通报`),
    );
    expect(text).not.toContain('签发人');
    expect(text).toContain('各专门委员会，各界别，各位委员：');
    expect(text).toContain(`${year}年，共收到委员和各界别、各专门委员会报送的社情民意信息4条，涉及委员2人`);
    expect(text).toContain('经审核采用编报3条，编报率75.0%。');
    expect(text).toContain('全年编发《社情民意》1期（专报1期），报送市委、市政府、自治区政协。');
    expect(text).toContain(
      '全年被上级采用信息2条，采用率50.0%，其中全国政协采用1条、自治区政协采用1条、市委采用1条（一条信息被多家采用的，各层级分别计算）。',
    );
    expect(text).toContain('编发的《社情民意》获得领导批示1件次');
    expect(text).toContain(`委员：${lead.name}委员（被上级采用1条，采用编报2条）`);
    expect(text).toContain(edited);
    expect(text).not.toContain('我们将加强信息的编报');
    // The 附件 on its own page after the signature: the table by member with the lead first.
    expect(text.indexOf(`附件：${year}年度社情民意信息报送采用情况统计表`)).toBeLessThan(text.indexOf('（一）按界别'));
    expect(text).toContain(`1${lead.name}321`);
    expect(text).toContain('抄送：市委办公室，市政府办公室，各县（市、区）政协。');
    expect(text).not.toContain('送审稿');
    expectSubsetTrueType(pdf);
    expectA4(pdf);
  });
});

describe('信息统计 page: 起草年度通报', () => {
  let t: TestApp;
  let web: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestApp({ XS_REPORT_REUSE_MINUTES: '0' });
    ({ web } = await webCast(t));
  }, 180_000);
  afterAll(() => t?.close());

  it('offers staff the button for the year shown, which opens the draft; leaders see no button', async () => {
    const page = await web.staff.get('/opinions/stats?year=2025').expect(200);
    const html = mainOf(page.text);
    expect(html).toContain('<button type="submit" class="button button--secondary">起草年度通报</button>');
    expect(html).toContain('name="kind" value="opinion-annual"');
    expect(html).toContain('name="year" value="2025"');
    expect((await web.leader.get('/opinions/stats').expect(200)).text).not.toContain('起草年度通报');
    const res = await web.staff
      .post('/reports')
      .type('form')
      .send({ _csrf: csrfIn(page.text), kind: 'opinion-annual', year: '2025' });
    expect(res.status).toBe(303);
    expect(mainOf((await web.staff.get(res.headers.location).expect(200)).text)).toContain(
      '关于2025年度社情民意信息工作情况的通报',
    );
  });
});
