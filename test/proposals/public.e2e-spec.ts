import { Member } from '../../src/directory/directory.entities';
import { Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { draft, proposalAt } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/** 公开的提案: completed, agreed to publication, final reply public — each condition on its own keeps a proposal out. */
describe('公开的提案 GET /public/proposals and /public/proposals page', () => {
  let t: TestApp;
  let c: Cast;
  const titles: Record<string, string> = {};
  const PHONE = '13912345678';
  const CONTACT = '王科长 0951-7654321';

  /** A proposal of c.lead taken through one handling round: replied with `public`, then evaluated 满意 unless `stopAtReply`. */
  async function handled(
    key: string,
    opts: { agree: boolean; public: boolean; stopAtReply?: boolean; lead?: Account },
  ): Promise<number> {
    titles[key] = `关于${key}的建议`;
    const id = await proposalAt(t, c, 'assigned', {
      lead: opts.lead,
      draft: { title: titles[key], agreeToPublish: opts.agree },
    });
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话联系提案人' }, 201);
    await api(t, c.unit, 'post', `/proposals/${id}/reply`, {
      classification: 'A',
      content: `${key}的答复：已采纳。\n明年实施。`,
      public: opts.public,
      contact: CONTACT,
      letterNo: '某政函〔2026〕1号',
    });
    if (!opts.stopAtReply)
      await api(t, opts.lead ?? c.lead, 'post', `/proposals/${id}/evaluate`, {
        rating: 'satisfied',
        attitude: 'satisfied',
        comment: '评价意见不公开',
      });
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    await t.ds.getRepository(Member).update({ id: c.lead.memberId! }, { phone: PHONE });
    const joint = await draft(t, c.lead, c.sessionId, {
      kind: 'joint',
      coSignerMemberIds: [c.co1.memberId],
      title: '关于公开联名提案的建议',
      agreeToPublish: true,
    });
    titles.joint = '关于公开联名提案的建议';
    await api(t, c.co1, 'post', `/proposals/${joint}/cosign`, {});
    await api(t, c.lead, 'post', `/proposals/${joint}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${joint}/review`, { decision: 'accept' });
    await api(t, c.staff, 'post', `/proposals/${joint}/assign`, { leadUnitId: c.unit.unitId });
    await api(t, c.unit, 'post', `/proposals/${joint}/communications`, { mode: 'visit', summary: '面商' }, 201);
    await api(t, c.unit, 'post', `/proposals/${joint}/reply`, {
      classification: 'B',
      content: '联名提案的答复',
      public: true,
    });
    await api(t, c.lead, 'post', `/proposals/${joint}/evaluate`, { rating: 'basically_satisfied' });

    await handled('公开', { agree: true, public: true });
    await handled('未办结', { agree: true, public: true, stopAtReply: true });
    await handled('不同意公开', { agree: false, public: true });
    await handled('答复不公开', { agree: true, public: false });
    // Re-handled: the first reply was public, the final one is not.
    const again = await handled('重新办理', { agree: true, public: true, stopAtReply: true });
    await api(t, c.lead, 'post', `/proposals/${again}/evaluate`, { rating: 'unsatisfied' });
    await api(t, c.unit, 'post', `/proposals/${again}/communications`, { mode: 'phone', summary: '再次沟通' }, 201);
    await api(t, c.unit, 'post', `/proposals/${again}/reply`, {
      classification: 'C',
      content: '重新办理的答复',
      public: false,
    });
    await api(t, c.lead, 'post', `/proposals/${again}/evaluate`, { rating: 'satisfied' });
    await draft(t, c.lead, c.sessionId, { title: '关于草稿的建议', agreeToPublish: true });
  });
  afterAll(() => t.close());

  const list = async (query = '') => (await t.http().get(`/api/v1/public/proposals${query}`).expect(200)).body;

  it('lists to anyone only the completed ones agreed to publication whose final reply is public', async () => {
    const page = await list();
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(page.items.map((p: { title: string }) => p.title)).toEqual([titles['公开'], titles.joint]);
  });

  it('shows the number, title, category, proposers, lead unit, the public reply and completion — nothing else', async () => {
    const [one, joint] = (await list()).items;
    const unitName = (await t.http().get(`/api/v1/units/${c.unit.unitId}`).set(c.staff.auth).expect(200)).body.name;
    const leadName = (await t.http().get(`/api/v1/members/${c.lead.memberId}`).set(c.staff.auth).expect(200)).body.name;
    const coName = (await t.http().get(`/api/v1/members/${c.co1.memberId}`).set(c.staff.auth).expect(200)).body.name;
    expect(one).toEqual({
      numberLabel: expect.stringMatching(/ 第\d{4}号$/),
      title: titles['公开'],
      categoryLabel: '社会建设',
      proposers: [leadName],
      leadUnit: unitName,
      replies: [
        {
          unit: unitName,
          classification: 'A',
          classificationLabel: '已解决或采纳',
          content: '公开的答复：已采纳。\n明年实施。',
        },
      ],
      completedAt: expect.any(String),
    });
    expect(joint).toMatchObject({
      proposers: [leadName, coName],
      replies: [{ classification: 'B', classificationLabel: '列入计划拟解决或正在解决' }],
    });
    const text = JSON.stringify(await list());
    for (const secret of [
      PHONE,
      '0951-7654321',
      '评价意见不公开',
      '某政函',
      '电话联系提案人',
      'memberId',
      'version',
      'rating',
    ])
      expect(text).not.toContain(secret);
  });

  it('pages like the other lists and searches by title', async () => {
    expect((await list('?pageSize=1&page=2')).items.map((p: { title: string }) => p.title)).toEqual([titles.joint]);
    expect((await list(`?q=${encodeURIComponent('联名')}`)).items.map((p: { title: string }) => p.title)).toEqual([
      titles.joint,
    ]);
    expect((await list(`?q=${encodeURIComponent('草稿')}`)).total).toBe(0);
    expect(
      (await t.http().get('/api/v1/public/proposals?pageSize=500').expect(400)).body.details.fields,
    ).toHaveProperty('pageSize');
    await t.http().get('/api/v1/public/proposals?status=draft').expect(400);
  });

  it('the public page renders without signing in, in Chinese, with the published titles only and a title search', async () => {
    const res = await t
      .http()
      .get('/public/proposals')
      .expect(200)
      .expect('Content-Type', /text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('<title>公开的提案 - ');
    expect(res.text).not.toMatch(/<script>|style="/);
    for (const key of ['公开', 'joint']) expect(res.text).toContain(titles[key]);
    for (const key of ['未办结', '不同意公开', '答复不公开', '重新办理']) expect(res.text).not.toContain(titles[key]);
    expect(res.text).not.toContain(PHONE);
    expect(res.text).toContain('<label class="label" for="f-q">按案由搜索</label>');
    const found = await t
      .http()
      .get(`/public/proposals?q=${encodeURIComponent('联名')}`)
      .expect(200);
    expect(found.text).toContain(titles.joint);
    expect(found.text).not.toContain(titles['公开']);
    expect(
      (
        await t
          .http()
          .get(`/public/proposals?q=${encodeURIComponent('没有这个')}`)
          .expect(200)
      ).text,
    ).toContain('没有找到案由包含“没有这个”的公开提案。');
  });
});
