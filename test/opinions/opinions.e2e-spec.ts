import { account, Account, cast, Cast } from '../support/accounts';
import { api } from '../support/api';
import { tinyPdf, tinyPng } from '../support/file-fixtures';
import { binary } from '../support/http';
import { draft } from '../support/proposals';
import { startTestApp, TestApp } from '../support/test-app';

/** 社情民意信息: filing, review, the rules and refusals, and a proposal converted into one. */
describe('社情民意信息', () => {
  let t: TestApp;
  let c: Cast;
  let n = 0;
  const O = '/api/v1/opinions';

  const body = (extra: object = {}) => ({
    title: `关于老旧小区电动自行车充电难的情况反映${++n}`,
    content: '老旧小区普遍缺少集中充电设施，居民“飞线”充电、楼道停放现象多，存在较大消防隐患。建议统筹建设充电车棚。',
    category: 'livelihood',
    ...extra,
  });
  const file = async (who: Account, extra: object = {}): Promise<Record<string, any>> =>
    api(t, who, 'post', '/opinions', body(extra), 201);
  const submitted = async (who: Account = c.lead, extra: object = {}) => {
    const o = await file(who, extra);
    return api(t, who, 'post', `/opinions/${o.id}/submit`, {});
  };
  const inbox = async (who: Account) =>
    (await api(t, who, 'get', '/notifications?pageSize=100')).items as Array<{ kind: string; body: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
  }, 180_000);
  afterAll(() => t.close());

  it('a member drafts, edits and submits an item; it shows in their list with its status and on the staff desk', async () => {
    const o = await file(c.lead);
    expect(o).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      submitterKind: 'member',
      categoryLabel: '民生保障',
    });
    expect(o.contributors).toEqual([expect.objectContaining({ position: 1, memberId: c.lead.memberId })]);
    expect(o.actions).toEqual(['edit', 'submit']);
    const edited = await api(t, c.lead, 'patch', `/opinions/${o.id}`, { title: '改后的标题', version: o.version });
    expect(edited.title).toBe('改后的标题');
    // Staff do not see another's draft.
    await api(t, c.staff, 'get', `/opinions/${o.id}`, undefined, 404);
    const sent = await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, { version: edited.version });
    expect(sent).toMatchObject({ status: 'submitted', statusLabel: '已报送', actions: [] });
    const mine = await api(t, c.lead, 'get', '/opinions?mine=true');
    expect(mine.items.find((i: { id: number }) => i.id === o.id)).toMatchObject({ status: 'submitted' });
    const desk = await api(t, c.staff, 'get', '/opinions?status=submitted&pageSize=100');
    expect(desk.items.map((i: { id: number }) => i.id)).toContain(o.id);
    expect((await inbox(c.staff)).some((m) => m.kind === 'opinion.submitted')).toBe(true);
  });

  it('refuses bad input with Chinese messages: too long, unknown field, unknown category, a stale version', async () => {
    const long = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ content: '字'.repeat(1501) }));
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('正文最多 1500 字（一事一议），当前 1501 字');
    expect(long.body.details.fields.content).toBeDefined();
    await api(t, c.lead, 'post', '/opinions', body({ content: '字'.repeat(1500) }), 201);
    const unknown = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ urgent: true }));
    expect(unknown.status).toBe(400);
    const category = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ category: 'weather' }));
    expect(category.status).toBe(400);
    expect(category.body.message).toBe('类别不正确');
    const empty = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ title: '  ' }));
    expect(empty.status).toBe(400);
    expect(empty.body.details.fields.title).toEqual(['请填写标题']);
    const o = await file(c.lead);
    await api(t, c.lead, 'patch', `/opinions/${o.id}`, { title: '第一次修改', version: o.version });
    const stale = await t.http().patch(`${O}/${o.id}`).set(c.lead.auth).send({ title: '又改', version: o.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const over = await t
      .http()
      .patch(`${O}/${o.id}`)
      .set(c.lead.auth)
      .send({ content: '字'.repeat(1600) });
    expect(over.status).toBe(400);
  });

  it('files jointly: co-contributors read it and hear the outcome, but only the submitter edits and submits', async () => {
    const o = await file(c.lead, { coContributorMemberIds: [c.co1.memberId, c.co2.memberId] });
    expect(o.contributors.map((x: { memberId: number }) => x.memberId)).toEqual([
      c.lead.memberId,
      c.co1.memberId,
      c.co2.memberId,
    ]);
    expect((await api(t, c.co1, 'get', `/opinions/${o.id}`)).actions).toEqual([]);
    const edit = await t.http().patch(`${O}/${o.id}`).set(c.co1.auth).send({ title: '附名人修改' });
    expect(edit.status).toBe(403);
    const submit = await t.http().post(`${O}/${o.id}/submit`).set(c.co1.auth).send({});
    expect(submit.status).toBe(403);
    expect(submit.body.message).toBe('只有报送人可以报送该信息');
    const self = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ coContributorMemberIds: [c.lead.memberId] }));
    expect(self.status).toBe(400);
    await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, {});
    await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept', reason: '拟编入下期' });
    const heard = await inbox(c.co2);
    expect(heard.find((m) => m.kind === 'opinion.accepted')?.body).toContain('已采用编报');
    // Someone outside it finds nothing.
    const other = await account(t, 'member');
    await api(t, other, 'get', `/opinions/${o.id}`, undefined, 404);
    expect((await api(t, other, 'get', '/opinions')).total).toBe(0);
  });

  it('the submitter changes the co-contributors of a draft; the list each member sees follows', async () => {
    const o = await file(c.lead, { coContributorMemberIds: [c.co1.memberId] });
    const ids = async (who: Account) =>
      ((await api(t, who, 'get', '/opinions?mine=true&pageSize=100')).items as { id: number }[]).map((i) => i.id);
    expect(await ids(c.co1)).toContain(o.id);
    const changed = await api(t, c.lead, 'patch', `/opinions/${o.id}`, { coContributorMemberIds: [c.co2.memberId] });
    expect(changed.contributorNames.split('、')).toHaveLength(2);
    expect(await ids(c.co1)).not.toContain(o.id);
    expect(await ids(c.co2)).toContain(o.id);
    const unknown = await t
      .http()
      .patch(`${O}/${o.id}`)
      .set(c.lead.auth)
      .send({ coContributorMemberIds: [999999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('委员（编号 999999）不存在或不在任');
  });

  it('staff file for a sector, a committee or an organisation; members may not, and staff may not file as a member', async () => {
    const sector = await t.make.sector();
    const party = await file(c.staff, { submitterKind: 'organisation', groupName: '民革市委会' });
    expect(party).toMatchObject({
      submitterKind: 'organisation',
      groupName: '民革市委会',
      contributorNames: '民革市委会',
    });
    const group = await file(c.staff, { submitterKind: 'group', sectorId: sector.id });
    expect(group).toMatchObject({ groupName: sector.name, submitterKindLabel: '界别、专委会' });
    const submittedByStaff = await api(t, c.staff, 'post', `/opinions/${party.id}/submit`, {});
    expect(submittedByStaff.status).toBe('submitted');
    const noName = await t
      .http()
      .post(O)
      .set(c.staff.auth)
      .send(body({ submitterKind: 'organisation' }));
    expect(noName.status).toBe(400);
    expect(noName.body.message).toBe('请填写民主党派、工商联等组织的名称');
    const byMember = await t
      .http()
      .post(O)
      .set(c.lead.auth)
      .send(body({ submitterKind: 'organisation', groupName: '民盟' }));
    expect(byMember.status).toBe(403);
    const staffAsMember = await t.http().post(O).set(c.staff.auth).send(body());
    expect(staffAsMember.status).toBe(403);
    const committee = await t.make.committee();
    expect(await file(c.staff, { submitterKind: 'group', committeeId: committee.id })).toMatchObject({
      groupName: committee.name,
    });
    const both = await t
      .http()
      .post(O)
      .set(c.staff.auth)
      .send(body({ submitterKind: 'group', sectorId: sector.id, committeeId: committee.id }));
    expect(both.status).toBe(400);
    expect(both.body.message).toBe('请选择界别或专委会（二选一）');
    // 信息员 only from this year's roster: refused before, accepted once staff appoint the member.
    const notOnRoster = await t
      .http()
      .post(O)
      .set(c.co1.auth)
      .send(body({ submitterKind: 'informant' }));
    expect(notOnRoster.status).toBe(400);
    expect(notOnRoster.body.message).toBe('您不在本年度信息员名单中，请以委员本人身份报送');
    expect(notOnRoster.body.details.fields.submitterKind).toBeDefined();
    await api(t, c.staff, 'post', '/opinions/informants', { memberId: c.co1.memberId }, 201);
    const informant = await file(c.co1, { submitterKind: 'informant' });
    expect(informant.submitterKindLabel).toBe('信息员');
  });

  it('staff return with a note, the member edits and resubmits; archive needs a reason the member sees', async () => {
    const o = await submitted();
    const noNote = await t.http().post(`${O}/${o.id}/review`).set(c.staff.auth).send({ decision: 'return' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toBe('退回修改须写明修改意见');
    const back = await api(t, c.staff, 'post', `/opinions/${o.id}/review`, {
      decision: 'return',
      reason: '请补充本市充电设施覆盖率数据',
    });
    expect(back).toMatchObject({ status: 'returned', reviewNote: '请补充本市充电设施覆盖率数据' });
    const seen = await api(t, c.lead, 'get', `/opinions/${o.id}`);
    expect(seen).toMatchObject({ statusLabel: '退回修改', reviewNote: '请补充本市充电设施覆盖率数据' });
    expect(seen.actions).toEqual(['edit', 'submit']);
    expect((await inbox(c.lead)).find((m) => m.kind === 'opinion.returned')?.body).toContain('修改意见');
    await api(t, c.lead, 'patch', `/opinions/${o.id}`, { content: `${o.content}全市覆盖率不足三成。` });
    const again = await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, {});
    expect(again.status).toBe('submitted');
    const noReason = await t.http().post(`${O}/${o.id}/review`).set(c.staff.auth).send({ decision: 'archive' });
    expect(noReason.status).toBe(400);
    const archived = await api(t, c.staff, 'post', `/opinions/${o.id}/review`, {
      decision: 'archive',
      reason: '与已编报的信息重复',
    });
    expect(archived.status).toBe('archived');
    expect(await api(t, c.lead, 'get', `/opinions/${o.id}`)).toMatchObject({
      statusLabel: '存档',
      reviewNote: '与已编报的信息重复',
    });
    expect((await inbox(c.lead)).find((m) => m.kind === 'opinion.archived')?.body).toContain('与已编报的信息重复');
  });

  it('refuses invalid transitions with 409 and review by anyone but staff', async () => {
    const o = await submitted();
    const byMember = await t.http().post(`${O}/${o.id}/review`).set(c.lead.auth).send({ decision: 'accept' });
    expect(byMember.status).toBe(403);
    await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' });
    const twice = await t
      .http()
      .post(`${O}/${o.id}/review`)
      .set(c.staff.auth)
      .send({ decision: 'return', reason: '再改' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'OPINION_WRONG_STATE',
      message: '社情民意信息当前为“采用编报”，不能退回修改',
    });
    const resubmit = await t.http().post(`${O}/${o.id}/submit`).set(c.lead.auth).send({});
    expect(resubmit.status).toBe(409);
    const edit = await t.http().patch(`${O}/${o.id}`).set(c.lead.auth).send({ title: '采用后修改' });
    expect(edit.status).toBe(409);
    const draftReview = await t
      .http()
      .post(`${O}/${(await file(c.lead)).id}/review`)
      .set(c.staff.auth)
      .send({
        decision: 'accept',
      });
    expect(draftReview.status).toBe(404);
  });

  it('staff edit a submitted item and the original stays readable to staff and the submitter', async () => {
    const o = await submitted();
    const edited = await api(t, c.staff, 'patch', `/opinions/${o.id}`, {
      title: '关于加快老旧小区充电设施建设的建议',
      content: '经编辑的正文。',
    });
    expect(edited).toMatchObject({ edited: true, originalTitle: o.title, originalContent: o.content });
    const twice = await api(t, c.staff, 'patch', `/opinions/${o.id}`, { content: '再次编辑的正文。' });
    expect(twice.originalContent).toBe(o.content);
    expect(await api(t, c.lead, 'get', `/opinions/${o.id}`)).toMatchObject({
      content: '再次编辑的正文。',
      originalContent: o.content,
    });
    const cosigners = await t
      .http()
      .patch(`${O}/${o.id}`)
      .set(c.staff.auth)
      .send({ coContributorMemberIds: [c.co1.memberId] });
    expect(cosigners.status).toBe(400);
  });

  it('is for members and staff: leaders, units and facilitators are refused', async () => {
    const o = await submitted();
    for (const role of ['leader', 'unit', 'facilitator'] as const) {
      const who = await account(t, role);
      expect((await t.http().get(O).set(who.auth)).status).toBe(403);
      expect((await t.http().get(`${O}/${o.id}`).set(who.auth)).status).toBe(403);
      expect((await t.http().post(O).set(who.auth).send(body())).status).toBe(403);
    }
    expect((await t.http().get(O)).status).toBe(401);
  });

  it('finds items by q through the bigram index and shows similar items and proposals beside one', async () => {
    const text = '城郊结合部农村生活污水直排河道，水体发黑发臭，群众反映强烈。建议加快农村污水管网建设，实行统一运维。';
    const first = await submitted(c.lead, {
      title: '关于城郊农村生活污水治理的建议',
      content: text,
      category: 'ecology',
    });
    const second = await submitted(c.co1, {
      title: '关于加快城郊农村生活污水治理的情况反映',
      content: `${text}部分村庄污水设施建而未用。`,
      category: 'ecology',
    });
    const prop = await draft(t, c.lead, c.sessionId, {
      title: '关于城郊农村生活污水治理的提案',
      background: text,
      suggestions: ['加快农村污水管网建设', '实行统一运维'],
    });
    await api(t, c.lead, 'post', `/proposals/${prop}/submit`, {});
    const found = await api(t, c.staff, 'get', `/opinions?q=${encodeURIComponent('污水直排')}`);
    expect(found.items.map((i: { id: number }) => i.id).sort()).toEqual([first.id, second.id].sort());
    expect((await api(t, c.staff, 'get', `/opinions?q=${encodeURIComponent('无此内容词语')}`)).total).toBe(0);
    const similar = await api(t, c.staff, 'get', `/opinions/${second.id}/similar`);
    expect(similar.opinions[0]).toMatchObject({ id: first.id, status: 'submitted', statusLabel: '已报送' });
    expect(similar.proposals[0]).toMatchObject({ id: prop, statusLabel: '已提交' });
    expect((await t.http().get(`${O}/${second.id}/similar`).set(c.lead.auth)).status).toBe(403);
  });

  it('takes in a proposal converted by review, with its text and proposers, and tells them', async () => {
    const prop = await draft(t, c.lead, c.sessionId, {
      kind: 'joint',
      coSignerMemberIds: [c.co1.memberId],
      title: '关于规范校外培训机构收费的建议',
      suggestions: ['建立预收费监管账户', '公开收费标准'],
    });
    await api(t, c.co1, 'post', `/proposals/${prop}/cosign`, {});
    await api(t, c.lead, 'post', `/proposals/${prop}/submit`, {});
    await api(t, c.staff, 'post', `/proposals/${prop}/review`, { decision: 'convert', reason: '宜作社情民意信息报送' });
    const list = await api(t, c.co1, 'get', '/opinions?pageSize=100');
    const item = list.items.find((i: { title: string }) => i.title === '关于规范校外培训机构收费的建议');
    expect(item).toMatchObject({ status: 'submitted', submitterKind: 'member' });
    const o = await api(t, c.staff, 'get', `/opinions/${item.id}`);
    expect(o.proposalId).toBe(prop);
    expect(o.content).toContain('1. 建立预收费监管账户');
    expect(o.contributors.map((x: { memberId: number }) => x.memberId)).toEqual([c.lead.memberId, c.co1.memberId]);
    expect((await inbox(c.co1)).find((m) => m.kind === 'opinion.converted')?.body).toContain('宜作社情民意信息报送');
    // Staff review it like any other item.
    expect((await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'accept' })).status).toBe('accepted');
    const audit = await t.ds.query(
      "SELECT action FROM audit_entries WHERE entityType = 'opinion' AND entityId = ? ORDER BY seq",
      [String(o.id)],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['opinion.convert_in', 'opinion.accept']);
  });
  it('takes 附件 from the submitter while a draft or returned; readers download them; others are refused', async () => {
    const o = await file(c.lead, { coContributorMemberIds: [c.co1.memberId] });
    const url = (id: number, attachmentId?: number) =>
      `${O}/${id}/attachments${attachmentId ? `/${attachmentId}` : ''}`;
    const upload = (who: Account, name: string, bytes: Buffer) =>
      t.http().post(url(o.id)).set(who.auth).attach('file', bytes, name);
    const photo = tinyPng();
    const added = (await upload(c.lead, '现场照片.png', photo).expect(201)).body;
    expect(added).toMatchObject({ name: '现场照片.png', mime: 'image/png', bytes: photo.length });
    // A co-contributor reads it but may not add; another member's upload finds no such item.
    expect((await upload(c.co1, '补充.pdf', tinyPdf()).expect(403)).body.message).toBe('只有报送人可以修改该信息');
    const stranger = await account(t, 'member');
    await upload(stranger, '补充.pdf', tinyPdf()).expect(404);
    // Not a file type it takes: 415, nothing kept.
    await upload(c.lead, '说明.txt', Buffer.from('纯文本')).expect(415);
    expect((await api(t, c.co1, 'get', `/opinions/${o.id}/attachments`)).map((a: { name: string }) => a.name)).toEqual([
      '现场照片.png',
    ]);
    const got = await t.http().get(url(o.id, added.id)).set(c.co1.auth).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(got.body as Buffer, photo)).toBe(0);
    await t.http().get(url(o.id, added.id)).set(stranger.auth).expect(404);
    await t.http().get(url(o.id)).set(c.unit.auth).expect(403);

    // Once submitted: staff read it, nobody adds or removes (409) until it is returned.
    await api(t, c.lead, 'post', `/opinions/${o.id}/submit`, {});
    expect((await api(t, c.staff, 'get', `/opinions/${o.id}/attachments`)).length).toBe(1);
    const late = (await upload(c.lead, '补充.pdf', tinyPdf()).expect(409)).body;
    expect(late.message).toBe('社情民意信息当前为“已报送”，不能修改');
    await t.http().delete(url(o.id, added.id)).set(c.lead.auth).expect(409);
    await api(t, c.staff, 'post', `/opinions/${o.id}/review`, { decision: 'return', reason: '请补充数据来源' });
    await upload(c.lead, '数据来源.pdf', tinyPdf()).expect(201);
    await t.http().delete(url(o.id, added.id)).set(c.lead.auth).expect(204);
    expect((await api(t, c.lead, 'get', `/opinions/${o.id}/attachments`)).map((a: { name: string }) => a.name)).toEqual(
      ['数据来源.pdf'],
    );
  });
});
