import { Cast, Facilitator } from '../support/accounts';
import { api } from '../support/api';
import { atTime, plus, QUIET_SWEEPS, shanghai, sweepStepsAt } from '../support/deadlines';
import { startTestApp, TestApp } from '../support/test-app';
import { raise } from '../support/topics';
import { Agent, csrfIn, mainOf, webCast, webFacilitator } from '../support/web-client';

const MIN = 60_000;
const POLICY_252 = { responsePolicy: '252', level: 'grid' };

/**
 * The 响应承诺 pages: the panel of a topic with the “252” promise, 已回应 and 答复 through the page, the 响应超时
 * list per role, the home page's count and the dashboard's tile. Every step at a set time (`t.clock`).
 */
describe('response promise pages', () => {
  let t: TestApp;
  let c: Cast;
  let web: Record<string, Agent>;
  let host: Facilitator;
  let other: Facilitator;
  /** A: raised by a member for host's point, answered late; B: other's, 回应 missed at the sweep; C: host's, kept; D: host's, no promise. */
  const ids = { a: 0, b: 0, c: 0, d: 0 };
  const T0 = shanghai('2026-03-22T09:00');
  const T1 = new Date(T0.getTime() + 60 * MIN);

  beforeAll(async () => {
    t = await startTestApp(QUIET_SWEEPS);
    ({ c, web } = await webCast(t));
    host = await webFacilitator(t, web, 'host', '清水湾社区协商议事室');
    other = await webFacilitator(t, web, 'otherhost', '恩和社区协商议事室');
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  const at = <T>(when: Date, fn: () => Promise<T>): Promise<T> => atTime(t, when, fn);
  const page = async (who: string, path: string, status = 200) =>
    mainOf((await web[who].get(path).expect(status)).text);
  /** POSTs a form of the topic's page with its CSRF token and the version the page shows for that form. */
  async function post(who: string, id: number, action: string, fields: Record<string, string>, status = 303) {
    const html = (await web[who].get(`/topics/${id}`).expect(200)).text;
    const form = html.slice(html.indexOf(`action="/topics/${id}/${action}"`));
    const version = /name="version" value="(\d+)"/.exec(form)?.[1];
    return web[who]
      .post(`/topics/${id}/${action}`)
      .type('form')
      .send({ _csrf: csrfIn(html), ...(version ? { version } : {}), ...fields })
      .expect(status);
  }
  /** The row of one clock in the panel. */
  const clockRow = (html: string, clock: string) => {
    const start = html.indexOf(`promise__clock--${clock}`);
    return html.slice(start, html.indexOf('</tr>', start));
  };

  it('shows the three clocks with their deadlines in Beijing time; the organiser gets 已回应 and 答复, a member and a leader neither', async () => {
    ids.a = await at(T0, () =>
      raise(t, c.lead, { type: 'point', id: host.pointId }, { ...POLICY_252, title: '幸福食堂老年人就餐补助' }),
    );
    ids.d = await at(T0, () => raise(t, host, { type: 'point', id: host.pointId }, { title: '没有响应承诺的议题' }));
    const shown = await at(plus(T0, 30_000), () => page('host', `/topics/${ids.a}`));
    expect(shown).toContain('<h2 class="heading-m" id="promise-heading">响应承诺</h2>');
    expect(shown).toContain('“252”工作法：2分钟内回应、5分钟内答复、2天内解决');
    expect(clockRow(shown, 'acknowledge')).toMatch(
      /<th scope="row">回应<\/th>\s*<td>2026年3月22日 09:02前<\/td>\s*<td>未回应<\/td>[\s\S]*tag--grey">待回应</,
    );
    expect(clockRow(shown, 'answer')).toContain('2026年3月22日 09:05前');
    expect(clockRow(shown, 'solve')).toContain('2026年3月24日 09:00前');
    expect(shown).not.toContain('超时');
    expect(shown).toContain(`action="/topics/${ids.a}/acknowledge"`);
    expect(shown).toContain(`action="/topics/${ids.a}/answer"`);
    for (const who of ['lead', 'leader']) {
      const read = await at(plus(T0, 30_000), () => page(who, `/topics/${ids.a}`));
      expect([
        who,
        read.includes('id="promise-heading"'),
        read.includes(`/topics/${ids.a}/acknowledge`),
        read.includes(`/topics/${ids.a}/answer`),
      ]).toEqual([who, true, false, false]);
    }
    // Staff organise every topic: offered both.
    expect(await at(plus(T0, 30_000), () => page('staff', `/topics/${ids.a}`))).toContain(
      `action="/topics/${ids.a}/acknowledge"`,
    );
    // A topic without a promise has no panel.
    expect(await page('host', `/topics/${ids.d}`)).not.toContain('id="promise-heading"');
  });

  it('the facilitator acknowledges in time and answers late through the page: 按时回应, 答复 超时 in red with the answer', async () => {
    const ack = await at(plus(T0, MIN), () => post('host', ids.a, 'acknowledge', {}));
    expect(ack.headers.location).toBe(`/topics/${ids.a}?done=acknowledged`);
    const acknowledged = await at(plus(T0, MIN + 5000), () => page('host', `/topics/${ids.a}?done=acknowledged`));
    expect(acknowledged).toContain('已回应，请在答复时限内答复。');
    expect(clockRow(acknowledged, 'acknowledge')).toMatch(/<td>2026年3月22日 09:01<\/td>[\s\S]*tag--green">按时回应</);
    expect(acknowledged).not.toContain(`action="/topics/${ids.a}/acknowledge"`);
    // Past 答复's deadline, not yet answered: 超时 already, before any sweep.
    const waiting = await at(plus(T0, 6 * MIN), () => page('host', `/topics/${ids.a}`));
    expect(clockRow(waiting, 'answer')).toMatch(/<td>未答复<\/td>[\s\S]*tag--red promise__late">超时</);
    // An answer needs its text: the form comes back open with the message.
    const blank = mainOf((await at(plus(T0, 7 * MIN), () => post('host', ids.a, 'answer', { text: '  ' }, 400))).text);
    expect(blank).toContain('请填写答复内容');
    expect(blank).toMatch(/<details class="details" open>\s*<summary class="details__summary">答复/);
    await at(plus(T0, 8 * MIN), () =>
      post('host', ids.a, 'answer', { text: '已联系食堂运营方，三天内组织板凳会协商补助标准。' }),
    );
    const answered = await at(plus(T0, 9 * MIN), () => page('host', `/topics/${ids.a}?done=answered`));
    expect(answered).toContain('答复已保存。');
    expect(clockRow(answered, 'answer')).toMatch(/<td>2026年3月22日 09:08<\/td>[\s\S]*tag--red promise__late">超时</);
    expect(clockRow(answered, 'acknowledge')).toContain('按时回应');
    expect(answered).toContain('已联系食堂运营方，三天内组织板凳会协商补助标准。');
    expect(answered).not.toContain(`action="/topics/${ids.a}/answer"`);
    expect((await api(t, c.staff, 'get', `/topics/${ids.a}`)).promise).toMatchObject({
      breached: ['answer'],
      answer: '已联系食堂运营方，三天内组织板凳会协商补助标准。',
    });
    // Once only: posting 已回应 again (by hand) is the service's 409, said on the page.
    const again = mainOf(
      (
        await at(plus(T0, 10 * MIN), () =>
          web.host
            .post(`/topics/${ids.a}/acknowledge`)
            .type('form')
            .send({ _csrf: csrfIn(answered) })
            .expect(409),
        )
      ).text,
    );
    expect(again).toContain('该议题已经回应过');
  });

  it("refuses another point's facilitator (404 page, 403/404 post), members and leaders (403)", async () => {
    await page('otherhost', `/topics/${ids.a}`, 404);
    const html = (await web.otherhost.get('/topics').expect(200)).text;
    for (const step of ['acknowledge', 'answer']) {
      const res = await web.otherhost
        .post(`/topics/${ids.a}/${step}`)
        .type('form')
        .send({ _csrf: csrfIn(html), text: '答复' });
      expect([step, [403, 404].includes(res.status)]).toEqual([step, true]);
    }
    for (const who of ['lead', 'leader', 'unit']) {
      const own = (await web[who].get('/').expect(200)).text;
      const res = await web[who]
        .post(`/topics/${ids.a}/acknowledge`)
        .type('form')
        .send({ _csrf: csrfIn(own) });
      expect([who, res.status]).toEqual([who, 403]);
    }
    expect((await api(t, c.staff, 'get', `/topics/${ids.d}`)).promise).toBeNull();
  });

  it('lists the breaches per role under 响应超时, with the clocks missed; the board and the home page lead there', async () => {
    ids.b = await at(T1, () =>
      raise(t, other, { type: 'point', id: other.pointId }, { ...POLICY_252, title: '恩和社区路灯不亮' }),
    );
    ids.c = await at(T1, () =>
      raise(t, host, { type: 'point', id: host.pointId }, { ...POLICY_252, title: '5号楼单元门禁损坏' }),
    );
    await at(plus(T1, MIN), () => api(t, host, 'post', `/topics/${ids.c}/acknowledge`, {}));
    await at(plus(T1, 2 * MIN), () =>
      api(t, host, 'post', `/topics/${ids.c}/answer`, { text: '已通知物业明天上午更换读卡器。' }),
    );
    // The sweep past 回应's deadline marks B.
    expect((await sweepStepsAt(t, plus(T1, 3 * MIN))).topics).toEqual({ breaches: 1, overdueOutcomes: 0 });

    const listed = (html: string) =>
      [...html.matchAll(/<a href="\/topics\/(\d+)">/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
    const rowOf = (html: string, id: number) =>
      html.slice(
        html.indexOf(`<a href="/topics/${id}">`),
        html.indexOf('</tr>', html.indexOf(`<a href="/topics/${id}">`)),
      );
    const staffList = await page('staff', '/topics?breached=1');
    expect(listed(staffList)).toEqual([ids.a, ids.b]);
    expect(rowOf(staffList, ids.a)).toContain('<strong class="tag tag--red">答复超时</strong>');
    expect(rowOf(staffList, ids.a)).not.toContain('回应超时');
    expect(rowOf(staffList, ids.b)).toContain('<strong class="tag tag--red">回应超时</strong>');
    expect(rowOf(staffList, ids.b)).toContain('恩和社区协商议事室');
    expect(listed(await page('host', '/topics?breached=1'))).toEqual([ids.a]);
    expect(listed(await page('otherhost', '/topics?breached=1'))).toEqual([ids.b]);
    expect(listed(await page('leader', '/topics?breached=true'))).toEqual([ids.a, ids.b]);
    // By the clock missed.
    expect(listed(await page('staff', '/topics?breached=1&missed=answer'))).toEqual([ids.a]);
    expect(listed(await page('staff', '/topics?breached=1&missed=solve'))).toEqual([]);
    expect(await page('staff', '/topics?breached=1&missed=solve')).toContain('没有响应超时的议题。');
    expect(await page('staff', '/topics?missed=moon', 400)).toContain('超时的时限须为回应、答复或解决');

    // The board's tab with its count (staff, leaders, facilitators), none for members and units.
    const tab = (html: string) =>
      /aria-current="page">五题看板<\/a><\/li>\s*<li><a class="sub-nav__link" href="([^"]+)">响应超时 <span class="tag tag--red">(\d+)<\/span>/.exec(
        html,
      );
    expect(tab(await page('staff', '/topics'))?.slice(1)).toEqual(['/topics?breached&#x3D;1', '2']);
    expect(tab(await page('host', '/topics'))?.[2]).toBe('1');
    expect(tab(await page('staff', `/topics?organizer=point:${other.pointId}`))?.[1]).toBe(
      `/topics?organizer&#x3D;point%3A${other.pointId}&amp;breached&#x3D;1`,
    );
    for (const who of ['lead', 'unit']) expect(await page(who, '/topics')).not.toContain('响应超时');

    // The home page of the organisers: a 待办 line, already overdue, with the count and a link to the list.
    const breachLine = (count: number) =>
      new RegExp(
        `<li class="todo todo--overdue" data-todo="\\w+\\.topics\\.breached">\\s*<a class="todo__link" href="/topics\\?breached&#x3D;1">响应超时的协商议题</a>\\s*<span class="todo__count"><strong>${count}</strong> 件</span>`,
      );
    expect(await page('host', '/')).toMatch(breachLine(1));
    expect(await page('staff', '/')).toMatch(breachLine(2));
    for (const who of ['lead', 'leader', 'unit']) expect(await page(who, '/')).not.toContain('响应超时');

    // The API's list filters by the clock too.
    const missed = await api(t, c.staff, 'get', '/topics?missed=acknowledge');
    expect(missed.items.map((x: { id: number }) => x.id)).toEqual([ids.b]);
  });

  it("shows the year's promises on the dashboard: with a promise, kept, missed, misses by clock, each linked to its list", async () => {
    const html = await page('leader', '/dashboard?year=2026');
    const tile = html.slice(html.indexOf('id="promises"'));
    expect(tile).toMatch(
      /<dt>有响应承诺的议题<\/dt><dd>3 个<span class="stat-card__detail">按时履约 <a href="\/topics\?year=2026&amp;breached=0">1 个<\/a>/,
    );
    expect(tile).toContain('<dt>有超时的议题</dt><dd><a href="/topics?year=2026&amp;breached=1">2 个</a>');
    expect(tile).toContain(
      '<dt>回应超时</dt><dd><a href="/topics?year=2026&amp;breached=1&amp;missed=acknowledge">1 次</a>',
    );
    expect(tile).toContain(
      '<dt>答复超时</dt><dd><a href="/topics?year=2026&amp;breached=1&amp;missed=answer">1 次</a>',
    );
    expect(tile).toContain('<dt>解决超时</dt><dd><a href="/topics?year=2026&amp;breached=1&amp;missed=solve">0 次</a>');
    const ids2 = (s: string) =>
      [...s.matchAll(/<a href="\/topics\/(\d+)">/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
    // The lists behind the numbers.
    expect(ids2(await page('leader', '/topics?year=2026&breached=1'))).toEqual([ids.a, ids.b]);
    expect(ids2(await page('leader', '/topics?year=2026&breached=1&missed=answer'))).toEqual([ids.a]);
    const kept = await page('leader', '/topics?year=2026&breached=0');
    expect(kept).toContain('仅显示按时履行响应承诺（未超时）的议题。');
    expect(ids2(kept)).toEqual([ids.c]);
    // Another year has none.
    expect((await page('leader', '/dashboard?year=2025')).slice(0)).toContain(
      '<dt>有超时的议题</dt><dd><a href="/topics?year=2025&amp;breached=1">0 个</a>',
    );
    // The API's dashboard carries the same figures.
    const d = await api(t, c.leader, 'get', '/stats/dashboard?year=2026');
    expect(d.promises).toEqual({
      topics: 3,
      breachedTopics: 2,
      breaches: [
        { clock: 'acknowledge', label: '回应超时', count: 1 },
        { clock: 'answer', label: '答复超时', count: 1 },
        { clock: 'solve', label: '解决超时', count: 0 },
      ],
    });
  });
});
