import { Account } from '../support/accounts';
import { api } from '../support/api';
import { tinyPdf, tinyPng } from '../support/file-fixtures';
import { binary } from '../support/http';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb } from '../support/web-client';

/** 我的社情民意 and the review desk, through a cookie session as a browser would post them. */
describe('社情民意 pages', () => {
  let t: TestApp;
  let member: Account;
  let staff: Account;
  const web: Record<string, Agent> = {};
  let id = 0;
  const CONTENT =
    '老旧小区普遍缺少集中充电设施，居民飞线充电、楼道停放现象多，存在较大消防隐患。建议统筹建设充电车棚。';

  beforeAll(async () => {
    t = await startTestApp();
    const memberId = (await t.make.member({ name: '王晓梅' })).id;
    await t.make.member({ name: '李建国' });
    const m = await t.signIn('wangxm', ['member'], { memberId });
    member = { token: m.token, userId: m.userId, memberId, unitId: null, auth: { Authorization: `Bearer ${m.token}` } };
    const s = await t.signIn('opoffice', ['staff']);
    staff = {
      token: s.token,
      userId: s.userId,
      memberId: null,
      unitId: null,
      auth: { Authorization: `Bearer ${s.token}` },
    };
    await t.signIn('opleader', ['leader']);
    for (const u of ['wangxm', 'opoffice', 'opleader']) web[u] = await signInWeb(t, u, TEST_PASSWORD);
  }, 180_000);
  afterAll(() => t.close());

  it('the menu offers 我的社情民意 to members and 社情民意 to staff, and neither to leaders', async () => {
    expect(navOf((await web.wangxm.get('/').expect(200)).text)).toContain('href="/opinions/mine"');
    expect(navOf((await web.opoffice.get('/').expect(200)).text)).toContain('href="/opinions"');
    const leader = navOf((await web.opleader.get('/').expect(200)).text);
    expect(leader).not.toContain('href="/opinions');
    expect((await web.opleader.get('/opinions').expect(403)).text).toContain('无权');
  });

  it('a member files an item jointly on the form, is told what is wrong, and submits it', async () => {
    const form = await web.wangxm.get('/opinions/new').expect(200);
    expect(mainOf(form.text)).toContain('不超过 1500 字');
    const tooLong = await web.wangxm
      .post('/opinions/new')
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        submitterKind: 'member',
        title: '充电难',
        category: 'livelihood',
        content: '字'.repeat(1501),
      })
      .expect(400);
    expect(mainOf(tooLong.text)).toContain('正文最多 1500 字（一事一议），当前 1501 字');
    const unknown = await web.wangxm
      .post('/opinions/new')
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        submitterKind: 'member',
        title: '充电难',
        category: 'livelihood',
        content: CONTENT,
        coContributorNames: '查无此人',
      })
      .expect(400);
    expect(mainOf(unknown.text)).toContain('找不到在任委员：查无此人');
    const made = await web.wangxm
      .post('/opinions/new')
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        submitterKind: 'member',
        title: '关于老旧小区电动自行车充电难的情况反映',
        category: 'livelihood',
        content: CONTENT,
        coContributorNames: '李建国',
      })
      .expect(303);
    id = Number(/\/opinions\/(\d+)/.exec(made.headers.location)![1]);
    const page = await web.wangxm.get(`/opinions/${id}?done=created`).expect(200);
    expect(mainOf(page.text)).toContain('已保存为草稿');
    expect(mainOf(page.text)).toContain('王晓梅、李建国');
    const version = String((await api(t, member, 'get', `/opinions/${id}`)).version);
    await web.wangxm
      .post(`/opinions/${id}/submit`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), version })
      .expect(303);
    const mine = mainOf((await web.wangxm.get('/opinions/mine').expect(200)).text);
    expect(mine).toContain('关于老旧小区电动自行车充电难的情况反映');
    expect(mine).toContain('已报送');
  });

  it('staff find it on the desk, edit its text keeping the original, and return it with a note the member reads', async () => {
    const desk = mainOf((await web.opoffice.get('/opinions').expect(200)).text);
    expect(desk).toContain(`href="/opinions/${id}"`);
    const page = await web.opoffice.get(`/opinions/${id}`).expect(200);
    expect(mainOf(page.text)).toContain('相似信息和提案');
    expect(mainOf(page.text)).toContain('采用编报');
    const edit = await web.opoffice.get(`/opinions/${id}/edit`).expect(200);
    expect(mainOf(edit.text)).toContain('编辑社情民意信息');
    const version = () => api(t, member, 'get', `/opinions/${id}`).then((o) => String(o.version));
    await web.opoffice
      .post(`/opinions/${id}/edit`)
      .type('form')
      .send({
        _csrf: csrfIn(edit.text),
        title: '关于加快老旧小区充电设施建设的建议',
        category: 'livelihood',
        content: '经编辑的正文：建议统筹建设充电车棚。',
        version: await version(),
      })
      .expect(303);
    const noNote = await web.opoffice
      .post(`/opinions/${id}/review`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), decision: 'return', reason: '', version: await version() })
      .expect(400);
    expect(mainOf(noNote.text)).toContain('退回修改须写明修改意见');
    await web.opoffice
      .post(`/opinions/${id}/review`)
      .type('form')
      .send({
        _csrf: csrfIn(page.text),
        decision: 'return',
        reason: '请补充充电设施覆盖率数据',
        version: await version(),
      })
      .expect(303);
    const seen = mainOf((await web.wangxm.get(`/opinions/${id}`).expect(200)).text);
    expect(seen).toContain('退回修改');
    expect(seen).toContain('请补充充电设施覆盖率数据');
    expect(seen).toContain('查看编辑前的原文');
    expect(seen).toContain(CONTENT);
    expect(seen).toContain('重新报送');
    const stale = await web.opoffice
      .post(`/opinions/${id}/review`)
      .type('form')
      .send({ _csrf: csrfIn(page.text), decision: 'accept', reason: '', version: await version() })
      .expect(409);
    expect(mainOf(stale.text)).toContain('不能采用编报');
  });

  it('staff file an organisation’s item on the form; another member’s item is not found', async () => {
    const form = await web.opoffice.get('/opinions/new').expect(200);
    expect(mainOf(form.text)).toContain('民主党派、工商联等组织');
    const made = await web.opoffice
      .post('/opinions/new')
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        submitterKind: 'organisation',
        groupName: '民革市委会',
        sectorId: '',
        committeeId: '',
        title: '关于民营企业账款拖欠的情况反映',
        category: 'economy',
        content: '部分中小民营企业反映账款拖欠问题突出。',
      })
      .expect(303);
    const orgId = Number(/\/opinions\/(\d+)/.exec(made.headers.location)![1]);
    expect(mainOf((await web.opoffice.get(`/opinions/${orgId}`).expect(200)).text)).toContain('民革市委会');
    await web.wangxm.get(`/opinions/${orgId}`).expect(404);
  });
  it('the member attaches a photo to a draft on its page, downloads and removes it; refused files come back named; staff only read', async () => {
    const draft = await api(
      t,
      member,
      'post',
      '/opinions',
      {
        title: '关于背街小巷积水的情况反映',
        content: CONTENT,
        category: 'governance',
      },
      201,
    );
    const page = await web.wangxm.get(`/opinions/${draft.id}`).expect(200);
    expect(mainOf(page.text)).toContain('上传附件');
    const post = (name: string, bytes: Buffer, csrf = csrfIn(page.text)) =>
      web.wangxm.post(`/opinions/${draft.id}/attachments`).field('_csrf', csrf).attach('file', bytes, name);
    await post('积水.png', tinyPng(), 'forged').expect(403);
    const refused = await post('说明.txt', Buffer.from('纯文本')).expect(303);
    expect(refused.headers.location).toBe(`/opinions/${draft.id}?fileError=type#attachments`);
    expect(mainOf((await web.wangxm.get(refused.headers.location).expect(200)).text)).toContain(
      '只能上传 PDF、Word、JPEG 或 PNG 文件',
    );
    const added = (await post('积水.png', tinyPng()).expect(303)).headers.location;
    expect(added).toBe(`/opinions/${draft.id}?done=attached#attachments`);
    const shown = mainOf((await web.wangxm.get(added).expect(200)).text);
    expect(shown).toContain('附件已上传');
    const href = /href="(\/opinions\/\d+\/attachments\/(\d+))" download>积水\.png/.exec(shown)!;
    const file = await web.wangxm.get(href[1]).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(file.body as Buffer, tinyPng())).toBe(0);

    // Submitted: staff download it and see no upload or 删除; the member's upload now comes back refused.
    await api(t, member, 'post', `/opinions/${draft.id}/submit`, {});
    const desk = mainOf((await web.opoffice.get(`/opinions/${draft.id}`).expect(200)).text);
    expect(desk).toContain('积水.png');
    expect(desk).not.toContain('上传附件');
    await web.opoffice.get(href[1]).expect(200);
    const late = await post('补充.pdf', tinyPdf(), csrfIn((await web.wangxm.get(`/opinions/${draft.id}`)).text));
    expect(late.headers.location).toBe(`/opinions/${draft.id}?fileError=state#attachments`);
    await web.opleader.get(href[1]).expect(403);

    // Returned for changes: the member removes it again.
    await api(t, staff, 'post', `/opinions/${draft.id}/review`, {
      decision: 'return',
      reason: '请补充积水点位置',
    });
    const again = await web.wangxm.get(`/opinions/${draft.id}`).expect(200);
    const removed = await web.wangxm
      .post(`/opinions/${draft.id}/attachments/${href[2]}/delete`)
      .type('form')
      .send({ _csrf: csrfIn(again.text) })
      .expect(303);
    expect(removed.headers.location).toBe(`/opinions/${draft.id}?done=detached#attachments`);
    expect(mainOf((await web.wangxm.get(`/opinions/${draft.id}`).expect(200)).text)).toContain('尚未上传附件');
  });
});
