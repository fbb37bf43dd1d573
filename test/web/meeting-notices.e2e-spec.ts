import { Notification } from '../../src/notifications/notification.entity';
import { Cast } from '../support/accounts';
import { api } from '../support/api';
import { startTestApp, TestApp } from '../support/test-app';
import { meetingBody, topicAt, TopicCast } from '../support/topics';
import { createVisit, visitBody } from '../support/visits';
import { Agent, csrfIn, mainOf, webCast, webFacilitator } from '../support/web-client';

/** Times still to come (the suites run in real time; 2030 is ahead of them). */
const AHEAD = { startsAt: '2030-03-18T09:00:00+08:00', endsAt: '2030-03-18T11:30:00+08:00' };

/** 会议通知 on a visit's and a meeting's page: the form (附言, 紧急) and the 通知回执 table, as a browser posts them. */
describe('会议通知 on the pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let tc: TopicCast;

  beforeAll(async () => {
    t = await startTestApp();
    ({ c, web } = await webCast(t));
    const host = await webFacilitator(t, web, 'host', '清水湾社区协商议事室');
    tc = {
      staff: c.staff,
      leader: c.leader,
      facilitator: host,
      member: c.lead,
      member2: c.co1,
      unit: c.unit,
      unit2: c.coUnit,
      committeeId: (await t.make.committee()).id,
    };
  });
  afterAll(() => t.close());

  const page = async (who: string, path: string, status = 200) =>
    mainOf((await web[who].get(path).expect(status)).text);
  /** Posts the 会议通知 form of the page `from` (with its CSRF token). */
  async function send(who: string, from: string, fields: Record<string, string>, status = 303) {
    const html = (await web[who].get(from).expect(200)).text;
    return web[who]
      .post(`${from}/notice`)
      .type('form')
      .send({ _csrf: csrfIn(html), ...fields })
      .expect(status);
  }
  const inbox = (userId: number, link: string) =>
    t.ds.getRepository(Notification).find({ where: { userId, link }, order: { id: 'ASC' } });

  it('a visit: staff send it from the page (附言, 紧急) and read the 通知回执; members see neither', async () => {
    const body = visitBody(tc.committeeId, {
      ...AHEAD,
      stops: [{ at: AHEAD.startsAt, place: '市政府东门' }],
      participantMemberIds: [c.lead.memberId, c.co1.memberId],
      allowConflicts: true,
    });
    const v = await createVisit(t, c.staff, body);
    const path = `/visits/${v.id}`;
    await api(t, c.co1, 'post', `${path}/rsvp`, { answer: 'decline', reason: '外出学习' });

    const before = await page('staff', path);
    expect(before).toContain('<h2 class="heading-m" id="notice-heading">会议通知</h2>');
    expect(before).toContain('尚未发送会议通知');
    expect(before).toContain('>发送会议通知</button>');
    expect(before).not.toContain('通知回执');
    for (const who of ['lead', 'co1']) expect(await page(who, path)).not.toContain('会议通知');

    const tooLong = mainOf((await send('staff', path, { note: '长'.repeat(301) }, 400)).text);
    expect(tooLong).toContain('附言最多 300 个字');
    expect(await inbox(c.lead.userId, path)).toHaveLength(1); // the invitation only

    const ok = await send('staff', path, { note: '请着正装', urgent: '1' });
    expect(ok.headers.location).toBe(`${path}?done=notice#notice`);
    const after = await page('staff', `${path}?done=notice`);
    expect(after).toContain('会议通知已发送');
    expect(after).toContain('已发送 1 次');
    expect(after).toContain('<h3 class="heading-s">通知回执</h3>');
    expect(after).toContain('<table class="table table--small table--labelled">');
    expect(after).toMatch(
      /<th scope="col">姓名<\/th><th scope="col">回复<\/th><th scope="col">站内已读<\/th><th scope="col">邮件<\/th><th scope="col">短信<\/th>/,
    );
    expect(after).toMatch(/<td>王建国<\/td>\s*<td>待答复<\/td>\s*<td>未读<\/td>/);
    expect(after).toMatch(/<td>李附议<\/td>\s*<td>请假：外出学习<\/td>\s*<td>未通知<\/td>/);
    const [, notice] = await inbox(c.lead.userId, path);
    expect(notice).toMatchObject({ kind: 'visit.notice', urgent: true });
    expect(notice.body).toContain('附言：请着正装。');

    const refused = await send('lead', path, {}, 403);
    expect(mainOf(refused.text)).toContain('您的角色无权执行此操作');
  });

  it('a meeting: its facilitator sends it from the page, staff read the 通知回执 too; a participant sees neither; a held one is refused', async () => {
    const f = await topicAt(t, tc, 'settled');
    const m = await api(t, tc.facilitator, 'post', `/topics/${f.id}/meetings`, meetingBody(AHEAD), 201);
    const people = [
      { memberId: c.lead.memberId, side: 'member' },
      { name: '李大爷', side: 'resident' },
    ];
    await api(t, tc.facilitator, 'post', `/meetings/${m.id}/participants`, people, 201);
    const path = `/meetings/${m.id}`;

    const before = await page('host', path);
    expect(before).toContain('尚未发送会议通知');
    expect(before).toContain('>发送会议通知</button>');
    expect(await page('lead', path)).not.toContain('会议通知');

    const ok = await send('host', path, { note: '请带上居民意见' });
    expect(ok.headers.location).toBe(`${path}?done=notice-sent#notice`);
    const after = await page('host', `${path}?done=notice-sent`);
    expect(after).toContain('会议通知已发送。');
    expect(after).toMatch(/<th scope="col">姓名<\/th><th scope="col">出席<\/th>/);
    expect(after).toMatch(/<td>王建国<\/td>\s*<td>未登记<\/td>\s*<td>未读<\/td>/);
    expect(after).toMatch(/<td>李大爷<\/td>\s*<td>未登记<\/td>\s*<td>未通知<\/td>/);
    expect(await page('staff', path)).toContain('已发送 1 次');
    const [notice] = await inbox(c.lead.userId, path);
    expect(notice).toMatchObject({ kind: 'meeting.notice', urgent: false });

    await api(t, tc.facilitator, 'post', `${path}/hold`, { minutes: '已协商' });
    const held = await page('host', path);
    expect(held).not.toContain('>发送会议通知</button>');
    expect(held).toContain('通知回执');
    const refused = mainOf((await send('host', path, {}, 409)).text);
    expect(refused).toContain('协商会已召开或已结束，不能再发送会议通知');
    expect(mainOf((await send('lead', path, {}, 403)).text)).toContain('您的角色无权执行此操作');
  });
});
