import ExcelJS from 'exceljs';
import { Proposal, ProposalSigner } from '../../src/proposals/proposal.entities';
import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { binary } from '../support/http';
import { draft, proposalAt } from '../support/proposals';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { Agent, csrfIn, mainOf, navOf, signInWeb, submit, webCast } from '../support/web-client';

/** The proposal pages of the four roles, over the same services as the API. */
describe('proposal pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t));
  });
  afterAll(() => t.close());

  const page = async (who: string, path: string, status = 200) =>
    mainOf((await web[who].get(path).expect(status)).text);
  /** POSTs a button of the proposal's page (its CSRF token and version as the page has them). */
  async function press(who: string, id: number, action: string, status = 303, extra: Record<string, string> = {}) {
    const html = (await web[who].get(`/proposals/${id}`).expect(200)).text;
    const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
    return web[who]
      .post(`/proposals/${id}/${action}`)
      .type('form')
      .send({ _csrf: csrfIn(html), version, ...extra })
      .expect(status);
  }
  const proposal = (id: number) => t.ds.getRepository(Proposal).findOneByOrFail({ id });

  it('shows each role its proposal menu entries, and the home page links to its main list', async () => {
    const menus: Record<string, string[]> = {
      lead: ['我的提案'],
      staff: ['提案审查', '全部提案'],
      unit: ['我的办理'],
      leader: ['重点提案', '全部提案'],
    };
    const all = ['我的提案', '提案审查', '我的办理', '重点提案', '全部提案'];
    for (const [who, entries] of Object.entries(menus)) {
      const home = (await web[who].get('/').expect(200)).text;
      const nav = navOf(home);
      for (const entry of all)
        expect([who, entry, nav.includes(`>${entry}</a>`)]).toEqual([who, entry, entries.includes(entry)]);
    }
    expect(mainOf((await web.lead.get('/').expect(200)).text)).toContain('<a href="/proposals/mine">我的提案</a>');
    expect(mainOf((await web.unit.get('/').expect(200)).text)).toContain(
      '<a href="/proposals/assignments">我的办理</a>',
    );
    expect(mainOf((await web.staff.get('/').expect(200)).text)).toContain('<a href="/proposals/review">提案审查</a>');
    expect(mainOf((await web.leader.get('/').expect(200)).text)).toContain('<a href="/proposals/key">重点提案</a>');
    // 视察调研 has been open for a while: no home page says it is still to come.
    for (const who of Object.keys(menus))
      expect(mainOf((await web[who].get('/').expect(200)).text)).not.toContain('陆续开放');
  });

  it('refuses each page to the roles that must not see it: a 403 page, or the login page without a session', async () => {
    const id = await proposalAt(t, c, 'assigned');
    const refused: [string, string][] = [
      ['staff', '/proposals/mine'],
      ['staff', '/proposals/new'],
      ['unit', '/proposals/mine'],
      ['leader', `/proposals/${id}/evaluate`],
      ['lead', '/proposals/review'],
      ['lead', '/proposals'],
      ['lead', `/proposals/${id}/assign`],
      ['unit', '/proposals/key'],
      ['leader', '/proposals/assignments'],
      ['staff', `/proposals/${id}/reply`],
      ['lead', `/proposals/${id}/communicate`],
      ['unit', `/proposals/${id}/review`],
    ];
    for (const [who, path] of refused) {
      const res = await web[who].get(path);
      expect([who, path, res.status]).toEqual([who, path, 403]);
      expect(mainOf(res.text)).toContain('无权访问此页面');
    }
    const admin = await signInWeb(t, 'admin', ADMIN_PASSWORD);
    await admin.get(`/proposals/${id}`).expect(403);
    const anonymous = await t.http().get('/proposals/mine').expect(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fproposals%2Fmine');
    // Role is not enough: a member who does not sign it, a unit it is not assigned to.
    await page('co2', `/proposals/${id}`, 403);
    await page('counit', `/proposals/${id}`, 403);
    // A leader may not review, a member may not mark key (the POST routes check roles too).
    const leaderPage = (await web.leader.get(`/proposals/${id}`).expect(200)).text;
    await web.leader
      .post(`/proposals/${id}/review`)
      .type('form')
      .send({ _csrf: csrfIn(leaderPage), decision: 'accept' })
      .expect(403);
    const memberPage = (await web.lead.get(`/proposals/${id}`).expect(200)).text;
    await web.lead
      .post(`/proposals/${id}/key`)
      .type('form')
      .send({ _csrf: csrfIn(memberPage) })
      .expect(403);
    expect((await proposal(id)).isKey).toBe(false);
  });

  it('files a joint proposal through the form: errors in Chinese keep what was typed, then suggestions one per line and co-signers by name', async () => {
    const form = await page('lead', '/proposals/new');
    expect(form).toMatch(/<select[^>]*id="f-sessionId"[\s\S]*十二届二次会议/);
    expect(form).toMatch(/<textarea[^>]*id="f-suggestions" name="suggestions"/);
    expect(form).toContain('data-member-picker data-endpoint="/proposals/cosigner-search"');
    const fields = {
      sessionId: String(c.sessionId),
      category: 'society',
      title: '关于老旧小区加装电梯的建议',
      background: '老旧小区无电梯，老年人出行难。',
      suggestions: '',
      kind: 'joint',
      coSignerNames: '',
      agreeToPublish: '1',
    };
    const empty = mainOf((await submit(web.lead, '/proposals/new', fields, 400)).text);
    expect(empty).toContain('<a href="#f-suggestions">请至少填写一条具体建议</a>');
    // Drop-downs left at their blank choice ask for a choice, once, in words a member uses.
    const unchosen = mainOf(
      (await submit(web.lead, '/proposals/new', { ...fields, sessionId: '', category: '' }, 400)).text,
    );
    expect(unchosen.match(/<a href="#f-sessionId">[^<]*<\/a>/g)).toEqual(['<a href="#f-sessionId">请选择会次</a>']);
    expect(unchosen.match(/<a href="#f-category">[^<]*<\/a>/g)).toEqual(['<a href="#f-category">请选择类别</a>']);
    expect(unchosen).not.toMatch(/编号无效|代码不正确/);
    expect(empty).toMatch(/id="f-title"[^>]*value="关于老旧小区加装电梯的建议"/);
    expect(empty).toMatch(/id="f-agreeToPublish"[^>]*checked/);
    const noCoSigner = mainOf(
      (await submit(web.lead, '/proposals/new', { ...fields, suggestions: '1. 简化审批\n\n2、设立补贴' }, 400)).text,
    );
    expect(noCoSigner).toMatch(
      /id="f-coSignerNames-error"><span class="visually-hidden">错误：<\/span>联名提案须至少邀请一位附议人/,
    );
    expect(noCoSigner).toMatch(/name="suggestions"[^>]*>1\. 简化审批\n\n2、设立补贴<\/textarea>/);
    const unknown = mainOf(
      (
        await submit(
          web.lead,
          '/proposals/new',
          { ...fields, suggestions: '简化审批', coSignerNames: '李附议\n查无此人' },
          400,
        )
      ).text,
    );
    expect(unknown).toContain('<a href="#f-coSignerNames">找不到在任委员：查无此人，请核对姓名</a>');
    expect(unknown).toMatch(/name="coSignerNames"[^>]*>李附议\n查无此人<\/textarea>/);

    const created = await submit(
      web.lead,
      '/proposals/new',
      { ...fields, suggestions: '1. 简化审批\n\n2、设立补贴', coSignerNames: '李附议' },
      303,
    );
    const id = Number(/^\/proposals\/(\d+)\?done=created$/.exec(created.headers.location)![1]);
    const saved = await proposal(id);
    expect(saved).toMatchObject({
      kind: 'joint',
      status: 'draft',
      agreeToPublish: true,
      leadMemberId: c.lead.memberId,
    });
    expect(JSON.parse(saved.suggestions)).toEqual(['简化审批', '设立补贴']);
    expect(
      await t.ds.getRepository(ProposalSigner).findOneByOrFail({ proposalId: id, role: 'cosigner' }),
    ).toMatchObject({ memberId: c.co1.memberId, status: 'invited' });
    const shown = await page('lead', `/proposals/${id}?done=created`);
    expect(shown).toContain('提案已保存为草稿');
    expect(shown).toContain('等待附议人确认：李附议');
    expect(shown).not.toContain(`action="/proposals/${id}/submit"`);

    // Editing the draft: the form comes back filled in; the co-signers follow the names.
    const edit = await page('lead', `/proposals/${id}/edit`);
    expect(edit).toMatch(/name="suggestions"[^>]*>简化审批\n设立补贴<\/textarea>/);
    expect(edit).toMatch(/name="coSignerNames"[^>]*>李附议<\/textarea>/);
    const editFields = {
      sessionId: String(c.sessionId),
      category: 'society',
      title: '关于老旧小区加装电梯的建议（修改）',
      background: '老旧小区无电梯。',
      suggestions: '简化审批\n设立补贴\n试点先行',
      coSignerNames: '李附议',
      agreeToPublish: '1',
      version: String(saved.version),
    };
    await submit(web.lead, `/proposals/${id}/edit`, editFields, 303);
    expect(JSON.parse((await proposal(id)).suggestions)).toEqual(['简化审批', '设立补贴', '试点先行']);
    // The same form again carries a stale version: 409, said on the form, with the input kept.
    const stale = mainOf(
      (await submit(web.lead, `/proposals/${id}/edit`, { ...editFields, title: '过期的修改' }, 409)).text,
    );
    expect(stale).toContain('该记录已被他人修改，请刷新后重试');
    expect(stale).toMatch(/id="f-title"[^>]*value="过期的修改"/);
  });

  it('the co-signer confirms 附议 on the page, then the lead submits; another member gets the 404 page for the draft', async () => {
    const id = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    await page('co2', `/proposals/${id}`, 404);
    const mine = await page('co1', '/proposals/mine');
    expect(mine).toMatch(
      new RegExp(`href="/proposals/${id}">[^<]+</a> <strong class="tag tag--red">请确认附议</strong>`),
    );
    expect(await page('co1', `/proposals/${id}`)).toContain('领衔人 王建国 邀请您附议此提案');
    expect((await press('co1', id, 'cosign')).headers.location).toBe(`/proposals/${id}?done=cosigned`);
    expect(await page('co1', `/proposals/${id}?done=cosigned`)).toContain('您已确认附议此提案');
    // A second confirmation is refused on the page itself, in Chinese.
    expect(mainOf((await press('co1', id, 'cosign', 409)).text)).toMatch(
      /class="error-summary"[\s\S]*您已确认附议该提案/,
    );
    const leadPage = await page('lead', `/proposals/${id}`);
    expect(leadPage).toContain(`action="/proposals/${id}/submit"`);
    await press('lead', id, 'submit');
    expect((await proposal(id)).status).toBe('submitted');
    expect(await page('lead', `/proposals/${id}?done=submitted`)).toMatch(
      /提案已提交[\s\S]*<strong class="tag tag--status-submitted">已提交<\/strong>/,
    );
    // Pressing submit again: the workflow's 409 is shown on the proposal's page.
    const again = await web.lead
      .post(`/proposals/${id}/submit`)
      .type('form')
      .send({ _csrf: csrfIn((await web.lead.get(`/proposals/${id}`)).text) })
      .expect(409);
    expect(mainOf(again.text)).toMatch(/class="error-summary"[\s\S]*提案当前为“已提交”，不能提交/);
  });

  it('an invited co-signer declines 附议 on the page: out of the draft, the lead told, a joint draft left alone turns individual', async () => {
    const id = await draft(t, c.lead, c.sessionId, { kind: 'joint', coSignerMemberIds: [c.co1.memberId] });
    const invitation = await page('co1', `/proposals/${id}`);
    expect(invitation).toContain(`action="/proposals/${id}/decline-cosign"`);
    expect((await press('co1', id, 'decline-cosign')).headers.location).toBe('/proposals/mine?done=cosign-declined');
    const mine = await page('co1', '/proposals/mine?done=cosign-declined');
    expect(mine).toContain('您已谢绝附议');
    expect(mine).not.toContain(`href="/proposals/${id}"`);
    await page('co1', `/proposals/${id}`, 404);
    const after = await proposal(id);
    expect(after.kind).toBe('individual');
    expect(await t.ds.getRepository(ProposalSigner).countBy({ proposalId: id, role: 'cosigner' })).toBe(0);
    const inbox = (await api(t, c.lead, 'get', '/notifications')).items as Array<{ title: string; body: string }>;
    expect(inbox.find((n) => n.title === '附议邀请被谢绝')?.body).toMatch(/谢绝附议提案“/);
    // The lead submits it alone now; declining again is refused (no longer invited).
    await press('lead', id, 'submit');
    expect((await proposal(id)).status).toBe('submitted');
  });

  it('declining 附议: a confirmed co-signer 409, someone not invited 403 or 404, a submitted proposal 409 (API)', async () => {
    const id = await draft(t, c.lead, c.sessionId, {
      kind: 'joint',
      coSignerMemberIds: [c.co1.memberId, c.co2.memberId],
    });
    const version = async () => (await proposal(id)).version;
    await api(t, c.co1, 'post', `/proposals/${id}/cosign`, { version: await version() });
    const confirmed = await t
      .http()
      .post(`/api/v1/proposals/${id}/decline-cosign`)
      .set(c.co1.auth)
      .send({ version: await version() });
    expect(confirmed.status).toBe(409);
    expect(confirmed.body.message).toBe('您已确认附议该提案，不能再谢绝');
    const lead = await t
      .http()
      .post(`/api/v1/proposals/${id}/decline-cosign`)
      .set(c.lead.auth)
      .send({ version: await version() });
    expect(lead.status).toBe(403);
    const extra = await t
      .http()
      .post(`/api/v1/proposals/${id}/decline-cosign`)
      .set(c.co2.auth)
      .send({ version: await version(), reason: 'x' });
    expect(extra.status).toBe(400);
    await t
      .http()
      .post(`/api/v1/proposals/${id}/decline-cosign`)
      .set(c.co2.auth)
      .send({ version: await version() })
      .expect(204);
    // One co-signer stays: still joint.
    expect((await proposal(id)).kind).toBe('joint');
    await api(t, c.lead, 'post', `/proposals/${id}/submit`, { version: await version() });
    const late = await t
      .http()
      .post(`/api/v1/proposals/${id}/decline-cosign`)
      .set(c.co1.auth)
      .send({ version: await version() });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已提交');
  });

  it('staff review beside the similar proposals, accept (number shown), and assign with the default deadline shown', async () => {
    const earlier = await proposalAt(t, c, 'submitted');
    const id = await proposalAt(t, c, 'submitted');
    const queue = await page('staff', '/proposals/review');
    expect(queue).toContain(`href="/proposals/${id}/review"`);
    const reviewPage = (await web.staff.get(`/proposals/${id}/review`).expect(200)).text;
    expect(navOf(reviewPage)).toContain('href="/proposals/review" aria-current="page">提案审查');
    const review = mainOf(reviewPage);
    const earlierTitle = (await proposal(earlier)).title;
    expect(review).toMatch(
      new RegExp(
        `<aside[\\s\\S]*相似提案[\\s\\S]*href="/proposals/${id}/review\\?compare=${earlier}" data-compare-link>${earlierTitle}</a>\\s*<span class="similar__meta">相似度 \\d+%`,
      ),
    );
    expect(review).toMatch(new RegExp(`<option value="${earlier}">${earlierTitle}（已提交）</option>`));
    expect(review).toContain('不属于政协职能范围');
    const noReason = mainOf(
      (
        await submit(
          web.staff,
          `/proposals/${id}/review`,
          { decision: 'reject', ground: 'outside_remit', reason: '' },
          400,
        )
      ).text,
    );
    expect(noReason).toContain('不予立案须说明理由');
    expect(noReason).toMatch(/value="reject" checked/);
    expect(noReason).toMatch(/<option value="outside_remit" selected>/);
    await submit(web.staff, `/proposals/${id}/review`, { decision: 'accept', reason: '' }, 303);
    expect(await page('staff', `/proposals/${id}?done=reviewed`)).toMatch(/十二届二次会议 第\d{4}号[\s\S]*已立案/);

    const assign = await page('staff', `/proposals/${id}/assign`);
    expect(assign).toMatch(/不填则为默认期限：\d{4}年\d+月\d+日 \d\d:\d\d/);
    const split = mainOf(
      (
        await submit(
          web.staff,
          `/proposals/${id}/assign`,
          { mode: 'split', unitIds: String(c.unit.unitId), leadUnitId: String(c.coUnit.unitId) },
          400,
        )
      ).text,
    );
    expect(split).toContain('<a href="#f-unitIds">分办至少需要两个单位</a>');
    expect(split).toMatch(/value="split" checked/);
    await submit(
      web.staff,
      `/proposals/${id}/assign`,
      { mode: 'lead', leadUnitId: String(c.unit.unitId), coUnitIds: String(c.coUnit.unitId), deadline: '' },
      303,
    );
    const assigned = await proposal(id);
    expect(assigned.status).toBe('assigned');
    expect(assigned.deadline!.getTime() - Date.now()).toBeGreaterThan(85 * 86_400_000);
    expect(await page('staff', `/proposals/${id}`)).toMatch(/市住建局（主办）[\s\S]*市财政局（会办）/);
  });

  it('a unit lists its assignments with days left, records a communication and replies; the co-unit gives its opinion', async () => {
    const id = await proposalAt(t, c, 'assigned', { withCoUnit: true });
    const list = await page('unit', '/proposals/assignments');
    expect(list).toMatch(
      new RegExp(`href="/proposals/${id}">[\\s\\S]*?<td class="table__nowrap">主办</td>[\\s\\S]*?剩余 (8\\d|9\\d) 天`),
    );
    expect(await page('counit', '/proposals/assignments')).toMatch(
      new RegExp(`href="/proposals/${id}">[\\s\\S]*?<td class="table__nowrap">会办</td>`),
    );

    const noMode = mainOf(
      (
        await submit(
          web.unit,
          `/proposals/${id}/communicate`,
          { step: 'before', mode: '', summary: '电话联系王建国委员' },
          400,
        )
      ).text,
    );
    expect(noMode).toContain('沟通方式须为走访、电话、座谈会或书面之一');
    expect(noMode).toMatch(/name="summary"[^>]*>电话联系王建国委员<\/textarea>/);
    await submit(
      web.unit,
      `/proposals/${id}/communicate`,
      { step: 'before', mode: 'phone', summary: '电话联系王建国委员' },
      303,
    );
    // The reply waits for the co-unit's opinion: the workflow's 409 is said on the form.
    const early = mainOf(
      (
        await submit(
          web.unit,
          `/proposals/${id}/reply`,
          { classification: 'A', content: '已采纳。', public: 'yes' },
          409,
        )
      ).text,
    );
    expect(early).toContain('还有 1 个会办单位未提交会办意见，不能答复');
    expect(early).toMatch(/name="content"[^>]*>已采纳。<\/textarea>/);
    await submit(web.counit, `/proposals/${id}/co-opinion`, { content: '同意安排补贴资金' }, 303);
    const noClass = mainOf(
      (
        await submit(
          web.unit,
          `/proposals/${id}/reply`,
          { classification: '', content: '已列入计划。', public: '' },
          400,
        )
      ).text,
    );
    expect(noClass).toContain('<a href="#f-public">请选择答复是否公开</a>');
    await submit(
      web.unit,
      `/proposals/${id}/reply`,
      {
        classification: 'B',
        content: '已列入明年计划。',
        public: 'yes',
        letterNo: '市住建函〔2026〕8号',
        signer: '张局长',
        contact: '李明 0571-1234567',
      },
      303,
    );
    const shown = await page('unit', `/proposals/${id}?done=replied`);
    expect(shown).toMatch(
      /<h2 class="heading-m">答复<\/h2>[\s\S]*B类<\/strong> 列入计划拟解决或正在解决 · 市住建局[\s\S]*市住建函〔2026〕8号[\s\S]*已列入明年计划。/,
    );
    expect(shown).toMatch(/办前面商[\s\S]*电话[\s\S]*电话联系王建国委员/);
    expect((await proposal(id)).status).toBe('replied');
  });

  it('the reply form asks for the body only, flags the salutation and signature lines typed into it, trims them in one click and previews the whole letter', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.unit, 'post', `/proposals/${id}/communications`, { mode: 'phone', summary: '电话联系' }, 201);
    const path = `/proposals/${id}/reply`;
    const blank = await page('unit', path);
    expect(blank).toContain('只填写答复正文');
    expect(blank).not.toContain('答复内容中有答复函会自动生成的行');
    expect(blank).not.toContain('答复函全文预览');
    const frame = ['尊敬的王建国委员：', '您好！'];
    const signature = ['感谢您对我们工作的关心和支持！', '市住建局', '2026年5月8日', '联系电话：0571-1234567'];
    const body = '已列入明年计划，正在推进。\n一是开展调研；二是制定方案。';
    const fields = { classification: 'B', public: 'yes', letterNo: '', signer: '', contact: '' };
    const letter = [...frame, body, '', ...signature].join('\n');

    const flagged = mainOf(
      (await submit(web.unit, path, { ...fields, content: letter, _action: 'preview' }, 200)).text,
    );
    expect(flagged).toContain('答复内容中有答复函会自动生成的行');
    for (const line of [...frame, ...signature]) expect(flagged).toContain(`<code>${line}</code>`);
    expect(flagged).not.toContain('<code>已列入明年计划');
    expect(flagged).toContain(
      '<button type="submit" class="button button--secondary" name="_action" value="trim">去掉这些行</button>',
    );
    // The preview: the frame once around the body, without the typed frame lines.
    const preview = flagged.slice(flagged.indexOf('答复函全文预览'));
    expect(preview).toMatch(
      /<p>尊敬的.+委员：<\/p>\s*<p class="reply-preview__indent">您提出的《.+》（第\d+号）收悉。现答复如下：<\/p>\s*<p class="reply-preview__indent">已列入明年计划，正在推进。<\/p>\s*<p class="reply-preview__indent">一是开展调研；二是制定方案。<\/p>\s*<p class="reply-preview__indent">感谢您对我们工作的关心和支持。<\/p>\s*<p class="reply-preview__sign">市住建局/,
    );
    expect(preview).not.toContain('您好');
    expect((await proposal(id)).status).toBe('assigned');

    const trimmed = mainOf((await submit(web.unit, path, { ...fields, content: letter, _action: 'trim' }, 200)).text);
    expect(trimmed).toContain(`name="content" rows="12"`);
    expect(trimmed).toMatch(/name="content"[^>]*>已列入明年计划，正在推进。\n一是开展调研；二是制定方案。<\/textarea>/);
    expect(trimmed).not.toContain('答复内容中有答复函会自动生成的行');
    expect(trimmed).toMatch(/value="B" checked/);
    expect((await proposal(id)).status).toBe('assigned');

    await submit(web.unit, path, { ...fields, content: body }, 303);
    expect((await proposal(id)).status).toBe('replied');
  });

  it('a unit asks for more time and staff decide it from 提案审查; a unit returns a proposal with its reason', async () => {
    const id = await proposalAt(t, c, 'assigned');
    const noReason = mainOf(
      (await submit(web.unit, `/proposals/${id}/extension`, { months: '2', reason: '' }, 400)).text,
    );
    expect(noReason).toContain('请填写延期理由');
    await submit(web.unit, `/proposals/${id}/extension`, { months: '2', reason: '需协调多个部门' }, 303);
    expect(await page('staff', '/proposals/review?tab=extensions')).toContain(`href="/proposals/${id}">`);
    expect(await page('staff', '/proposals/review?tab=submitted')).not.toContain(`href="/proposals/${id}">`);
    const extensionId = /href="\/proposals\/\d+\/extensions\/(\d+)">审批延期申请/.exec(
      await page('staff', `/proposals/${id}`),
    )![1];
    const path = `/proposals/${id}/extensions/${extensionId}`;
    expect(await page('staff', path)).toMatch(/需协调多个部门[\s\S]*2 个月|2 个月[\s\S]*需协调多个部门/);
    expect(mainOf((await submit(web.staff, path, { approve: '', comment: '' }, 400)).text)).toContain(
      '请选择同意或不同意',
    );
    const before = (await proposal(id)).deadline!.getTime();
    await submit(web.staff, path, { approve: 'yes', comment: '同意' }, 303);
    expect((await proposal(id)).deadline!.getTime()).toBeGreaterThan(before + 55 * 86_400_000);
    expect(await page('staff', '/proposals/review?tab=extensions')).not.toContain(`href="/proposals/${id}">`);

    const other = await proposalAt(t, c, 'assigned');
    const returned = await submit(web.unit, `/proposals/${other}/return`, { reason: '属于市交通局职责' }, 303);
    expect(returned.headers.location).toBe('/proposals/assignments?done=returned');
    expect(await page('unit', returned.headers.location)).toContain('提案已退回提案委员会');
    expect((await proposal(other)).status).toBe('accepted');
    // The unit's message of the assignment stays, but no longer links to a proposal it may not open (a 403).
    const inbox = await page('unit', '/inbox');
    expect(inbox).toContain((await proposal(other)).title);
    expect(inbox).not.toContain(`href="/proposals/${other}"`);
    expect(inbox).toContain('该提案已不由您办理，无法查看。');
  });

  it('staff filter the full list by the API filters; a bad filter is a 400 page', async () => {
    const id = await proposalAt(t, c, 'assigned');
    await api(t, c.leader, 'post', `/proposals/${id}/key`, {});
    const title = (await proposal(id)).title;
    const byUnit = await page(
      'staff',
      `/proposals?status=assigned&unitId=${c.unit.unitId}&key=1&sessionId=${c.sessionId}&category=society`,
    );
    expect(byUnit).toContain(`href="/proposals/${id}">${title}</a> <strong class="tag tag--red">重点</strong>`);
    expect(byUnit).toMatch(new RegExp(`<option value="${c.unit.unitId}" selected>市住建局</option>`));
    expect(byUnit).toMatch(/id="f-key"[^>]*checked/);
    expect(await page('staff', `/proposals?status=assigned&unitId=${c.coUnit.unitId}&key=1`)).not.toContain(
      `href="/proposals/${id}"`,
    );
    expect(await page('staff', `/proposals?q=${encodeURIComponent(title)}`)).toContain(`href="/proposals/${id}"`);
    expect(await page('staff', '/proposals?overdue=1')).not.toContain(`href="/proposals/${id}"`);
    expect(await page('staff', '/proposals?status=nonsense', 400)).toContain('状态不正确');

    // 导出 Excel carries the filters: the file holds the listed proposal, read back.
    const href = /<a class="button button--secondary" href="([^"]+)" download>导出 Excel<\/a>/.exec(byUnit)![1];
    const decoded = href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toBe(
      `/proposals/export.xlsx?status=assigned&sessionId=${c.sessionId}&category=society&unitId=${c.unit.unitId}&key=1`,
    );
    const file = await web.staff.get(decoded).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const sheet = book.worksheets[0];
    const titleColumn = (sheet.getRow(1).values as unknown[]).indexOf('案由');
    expect(sheet.getColumn(titleColumn).values.slice(2)).toEqual([title]);
    await web.leader.get('/proposals/export.xlsx').expect(200);
    for (const refused of ['lead', 'unit']) await web[refused].get('/proposals/export.xlsx').expect(403);
  });

  it('a leader marks a proposal key on its page and finds it in 重点提案; staff mark it excellent', async () => {
    const id = await proposalAt(t, c, 'assigned');
    expect(await page('leader', '/proposals/key')).not.toContain(`href="/proposals/${id}"`);
    expect(await page('leader', `/proposals/${id}`)).toContain('确定为重点提案（本人督办）');
    await press('leader', id, 'key');
    expect(await page('leader', `/proposals/${id}?done=key`)).toMatch(
      /已确定为重点提案，由您督办[\s\S]*<strong class="tag tag--red">重点提案<\/strong>[\s\S]*督办领导<\/dt><dd>leader/,
    );
    expect(await page('leader', '/proposals/key')).toContain(`href="/proposals/${id}"`);
    expect(await page('leader', `/proposals/${id}`)).not.toContain('确定为重点提案（本人督办）');
    await press('staff', id, 'excellent', 303, { excellent: 'yes' });
    expect((await proposal(id)).excellent).toBe(true);
    expect(await page('staff', `/proposals/${id}`)).toContain('取消优秀提案');
  });

  it('the lead evaluates the reply: the choices are kept on an error, then the page shows 已办结 and the timeline in Chinese', async () => {
    const id = await proposalAt(t, c, 'replied');
    expect(await page('lead', `/proposals/${id}`)).toContain(`href="/proposals/${id}/evaluate"`);
    const missing = mainOf(
      (
        await submit(
          web.lead,
          `/proposals/${id}/evaluate`,
          { contact: 'phone', attitude: 'satisfied', rating: '', comment: '答复及时' },
          400,
        )
      ).text,
    );
    expect(missing).toContain('请选择对办理结果的评价：满意、基本满意或不满意');
    expect(missing).toMatch(/id="f-contact-phone"[^>]*value="phone" checked/);
    expect(missing).toMatch(/name="comment"[^>]*>答复及时<\/textarea>/);
    await submit(
      web.lead,
      `/proposals/${id}/evaluate`,
      { contact: 'phone', attitude: 'satisfied', rating: 'satisfied', comment: '答复及时' },
      303,
    );
    const done = await page('lead', `/proposals/${id}?done=evaluated`);
    expect(done).toContain('<strong class="tag tag--status-completed">已办结</strong>');
    expect(done).toMatch(/办理结果<\/dt><dd>满意/);
    const timeline = done.slice(done.indexOf('办理过程'));
    for (const [what, who] of [
      ['起草', 'lead'],
      ['提交', 'lead'],
      ['立案', 'staff'],
      ['交办', 'staff'],
      ['沟通协商', 'unit'],
      ['答复', 'unit'],
      ['评价', 'lead'],
    ]) {
      expect(timeline).toMatch(
        new RegExp(`${what}[\\s\\S]*?<p class="timeline__meta">\\d{4}年\\d+月\\d+日 \\d\\d:\\d\\d · ${who}</p>`),
      );
    }
    expect(timeline).toContain('<span class="timeline__change">已答复 → 已办结</span>');
    expect(timeline).toMatch(/立案编号 第\d{4}号/);
  });

  it("marks a unit's assignment late once past its deadline", async () => {
    const id = await proposalAt(t, c, 'assigned');
    t.clock.advance(100 * 86_400_000);
    try {
      // A session of its own: moving the clock ends the sessions signed in before.
      const unit = await signInWeb(t, 'unit', TEST_PASSWORD);
      const list = mainOf((await unit.get('/proposals/assignments').expect(200)).text);
      expect(list).toMatch(
        new RegExp(`<tr class="table__row--late">\\s*<td><a href="/proposals/${id}">[\\s\\S]*?已超期`),
      );
    } finally {
      t.clock.reset();
    }
  });

  it('refuses a page POST without the CSRF token and writes nothing', async () => {
    const before = await t.ds.getRepository(Proposal).count();
    const res = await web.lead
      .post('/proposals/new')
      .type('form')
      .send({
        sessionId: String(c.sessionId),
        category: 'society',
        title: '无令牌的提案',
        background: '内容',
        suggestions: '建议',
        kind: 'individual',
      })
      .expect(403);
    expect(mainOf(res.text)).toContain('表单已过期');
    expect(await t.ds.getRepository(Proposal).count()).toBe(before);
    const id = await proposalAt(t, c, 'submitted');
    await web.staff.post(`/proposals/${id}/review`).type('form').send({ decision: 'accept' }).expect(403);
    expect((await proposal(id)).status).toBe('submitted');
  });

  it('the co-signer picker finds serving members by name, never the member searching', async () => {
    const found = await web.lead
      .get(`/proposals/cosigner-search?q=${encodeURIComponent('附议')}`)
      .expect(200)
      .expect('Content-Type', /json/);
    expect(found.body.items).toEqual([{ id: c.co1.memberId, name: '李附议', sector: '教育界' }]);
    expect(
      (await web.lead.get(`/proposals/cosigner-search?q=${encodeURIComponent('王建国')}`).expect(200)).body.items,
    ).toEqual([]);
    await web.staff.get('/proposals/cosigner-search?q=a').expect(403);
  });
});
