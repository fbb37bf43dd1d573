import { AuditEntry } from '../../src/audit/audit.entities';
import {
  DEMO_ACCOUNTS,
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  DEMO_POINTS,
  DEMO_SESSIONS,
  DEMO_UNITS,
} from '../../src/demo/demo-data';
import { DemoLoader } from '../../src/demo/demo-loader';
import { textOf } from '../../src/demo/demo-proposal-loader';
import { DEMO_PROPOSALS, DEMO_UNIT } from '../../src/demo/demo-proposals';
import { DEMO_TOPIC_UNITS, DEMO_TOPICS } from '../../src/demo/demo-topics';
import { Member } from '../../src/directory/directory.entities';
import { Proposal } from '../../src/proposals/proposal.entities';
import { Report } from '../../src/reports/report.entities';
import { Meeting, MeetingParticipant, MeetingSpeech, Outcome, Topic } from '../../src/topics/topic.entities';
import { Visit } from '../../src/visits/visit.entities';
import { startTestApp, TestApp } from '../support/test-app';
import { mainOf, navOf, signInWeb } from '../support/web-client';

describe('demo data set (XS_DEMO=1)', () => {
  let t: TestApp;
  // The whole demo loads in this one start — a few thousand audited steps and three rendered documents, which on
  // MariaDB on a shared machine takes longer than the default minute; the tests themselves keep the default.
  beforeAll(async () => {
    t = await startTestApp({ XS_DEMO: '1' });
  }, 240_000);
  afterAll(() => t.close());

  it('loads the directory through the audited services', async () => {
    const staff = await login('staff');
    const members = await t.http().get('/api/v1/members?pageSize=100').auth(staff, { type: 'bearer' }).expect(200);
    expect(members.body.total).toBe(DEMO_MEMBERS.length);
    expect(members.body.items.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['张文华', '曹慧敏']),
    );
    const units = await t.http().get('/api/v1/units?pageSize=100').auth(staff, { type: 'bearer' }).expect(200);
    // The topics add the property company of the courtyard story.
    const added = DEMO_TOPIC_UNITS.filter((u) => !DEMO_UNITS.some((d) => d.name === u.unit));
    expect(units.body.total).toBe(DEMO_UNITS.length + added.length);
    const points = await t.http().get('/api/v1/consultation-points').auth(staff, { type: 'bearer' }).expect(200);
    expect(points.body.items.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(DEMO_POINTS.map((p) => p.name)),
    );
    const sessions = await t.http().get('/api/v1/sessions').auth(staff, { type: 'bearer' }).expect(200);
    expect(sessions.body.items.map((s: { name: string }) => s.name).sort()).toEqual(
      DEMO_SESSIONS.map((s) => s.name).sort(),
    );
    const created = await t.ds.getRepository(AuditEntry).countBy({ action: 'member.create' });
    expect(created).toBe(DEMO_MEMBERS.length);
  });

  it('gives every demo account its role and link, and the documented password signs it in', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const token = await login(account.username);
      const me = await t.http().get('/api/v1/users/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.roles).toEqual([...account.roles]);
      if ('member' in account) expect(me.body.memberId).toEqual(expect.any(Number));
      if ('unit' in account) expect(me.body.unitId).toEqual(expect.any(Number));
      if ('point' in account) expect(me.body.pointId).toEqual(expect.any(Number));
    }
  });

  it('shows each demo account its own menu on the home page', async () => {
    const staff = await signInWeb(t, 'staff', DEMO_PASSWORD);
    const staffHome = await staff.get('/').expect(200);
    expect(navOf(staffHome.text)).toContain('名录');
    expect(mainOf(staffHome.text)).toContain('田秀');
    const member = await signInWeb(t, 'member', DEMO_PASSWORD);
    const memberHome = await member.get('/').expect(200);
    expect(navOf(memberHome.text)).not.toContain('名录');
    expect(mainOf(memberHome.text)).toContain('张文华');
  });

  it('files the demo proposals through the audited services, at every status, numbered per session', async () => {
    const rows = await t.ds.getRepository(Proposal).find();
    expect(rows).toHaveLength(DEMO_PROPOSALS.length);
    expect(new Set(rows.map((p) => p.status))).toEqual(
      new Set([
        'draft',
        'submitted',
        'withdrawn',
        'accepted',
        'rejected',
        'converted',
        'merged',
        'assigned',
        'replied',
        'completed',
      ]),
    );
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'proposal.create' })).toBe(DEMO_PROPOSALS.length);
    for (const sessionId of new Set(rows.map((p) => p.sessionId))) {
      const numbers = rows
        .filter((p) => p.sessionId === sessionId && p.number !== null)
        .map((p) => p.number!)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    // Played on their days: the closed ones were filed last winter, the replies came before today.
    const heritage = byTitle(rows, 'heritage');
    expect(heritage.submittedAt!.getTime()).toBeLessThan(Date.now() - 300 * 86400_000);
    expect(heritage.completedAt!.getTime()).toBeGreaterThan(heritage.repliedAt!.getTime());
    expect(heritage).toMatchObject({ status: 'completed', isKey: true, excellent: true });
  });

  it('shows the demo member their own proposals: drafts, invitations to co-sign, and a reply to evaluate', async () => {
    const token = await login('member');
    const list = await t.http().get('/api/v1/proposals?pageSize=100').auth(token, { type: 'bearer' }).expect(200);
    const mine = DEMO_PROPOSALS.filter((p) => p.lead === '张文华' || p.coSigners?.includes('张文华')).map(
      (p) => textOf(p).title,
    );
    expect(list.body.items.map((p: { title: string }) => p.title).sort()).toEqual(mine.sort());
    const byStatus = (status: string) => list.body.items.filter((p: { status: string }) => p.status === status).length;
    expect(byStatus('draft')).toBe(2);
    expect(byStatus('replied')).toBe(1);
    const invitation = list.body.items.find(
      (p: { title: string }) => p.title === textOf(spec('joint-invitation')).title,
    );
    const detail = await t.http().get(`/api/v1/proposals/${invitation.id}`).auth(token, { type: 'bearer' }).expect(200);
    expect(detail.body.signers).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'cosigner', status: 'invited', name: '张文华' })]),
    );
  });

  it('shows the demo unit its current assignments, with communications, and not the one it returned', async () => {
    const token = await login('unit');
    const list = await t.http().get('/api/v1/proposals?pageSize=100').auth(token, { type: 'bearer' }).expect(200);
    const titles = list.body.items.map((p: { title: string }) => p.title);
    const assigned = DEMO_PROPOSALS.filter(
      (p) =>
        p.steps.some((s) => s.do === 'assign' && (s.lead === DEMO_UNIT || s.co?.includes(DEMO_UNIT))) &&
        !p.steps.some((s) => s.do === 'return'),
    );
    expect(titles.sort()).toEqual(assigned.map((p) => textOf(p).title).sort());
    expect(titles).not.toContain(textOf(spec('business')).title);
    const charging = list.body.items.find((p: { title: string }) => p.title === textOf(spec('charging')).title);
    const detail = await t.http().get(`/api/v1/proposals/${charging.id}`).auth(token, { type: 'bearer' }).expect(200);
    expect(detail.body.communications.map((c: { step: string }) => c.step)).toEqual(['before', 'during']);
  });

  it('gives the office a review queue, the leader the key proposals, and the overdue list its overdue one', async () => {
    const staff = await login('staff');
    const queue = await t.http().get('/api/v1/proposals?status=submitted').auth(staff, { type: 'bearer' }).expect(200);
    expect(queue.body.total).toBe(DEMO_PROPOSALS.filter((p) => p.steps.at(-1)?.do === 'submit').length);
    expect(queue.body.total).toBeGreaterThan(0);
    const overdue = await t.http().get('/api/v1/proposals?overdue=true').auth(staff, { type: 'bearer' }).expect(200);
    expect(overdue.body.items.map((p: { title: string }) => p.title)).toEqual([textOf(spec('overdue')).title]);
    const leader = await login('leader');
    const key = await t.http().get('/api/v1/proposals?key=true').auth(leader, { type: 'bearer' }).expect(200);
    expect(key.body.total).toBe(DEMO_PROPOSALS.filter((p) => p.steps.some((s) => s.do === 'key')).length);
  });

  it('ranks the accepted original first among the proposals similar to its near-duplicate', async () => {
    const staff = await login('staff');
    const duplicate = byTitle(await t.ds.getRepository(Proposal).find(), 'elderly-care-duplicate');
    const similar = await t
      .http()
      .get(`/api/v1/proposals/${duplicate.id}/similar`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(similar.body[0]).toMatchObject({ title: textOf(spec('elderly-care')).title, status: 'accepted' });
  });

  it('offers as similar only proposals on the same matter: the threshold (30 %) keeps out the unrelated ones', async () => {
    const staff = await login('staff');
    const topicOf = new Map(DEMO_PROPOSALS.map((p) => [textOf(p).title, p.topic]));
    const offered: string[] = [];
    for (const p of await t.ds.getRepository(Proposal).find()) {
      if (p.status === 'draft') continue;
      const similar = await t
        .http()
        .get(`/api/v1/proposals/${p.id}/similar`)
        .auth(staff, { type: 'bearer' })
        .expect(200);
      for (const s of similar.body as Array<{ title: string; score: number }>) {
        expect([p.title, s.title, topicOf.get(s.title)]).toEqual([p.title, s.title, topicOf.get(p.title)]);
        expect(s.score).toBeGreaterThanOrEqual(0.3);
        offered.push(p.title);
      }
    }
    expect(offered).toContain(textOf(spec('elderly-care-duplicate')).title);
  });

  it('plays the demo topics through the services: the key consultation, the courtyard parking, the grid matter and the rest at every step', async () => {
    const topics = await t.ds.getRepository(Topic).find();
    expect(topics).toHaveLength(DEMO_TOPICS.length);
    expect(new Set(topics.map((x) => x.status))).toEqual(
      new Set(['raised', 'settled', 'declined', 'deliberating', 'resolving', 'evaluated']),
    );
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'topic.create' })).toBe(DEMO_TOPICS.length);
    const staff = await login('staff');
    const get = async (path: string) =>
      (await t.http().get(`/api/v1${path}`).auth(staff, { type: 'bearer' }).expect(200)).body;

    // 重点协商会: 18 recommendations under 5 themes, at various statuses with several units, published.
    const key = await get(`/topics/${topicId(topics, 'key-consultation')}`);
    expect(key).toMatchObject({ status: 'resolving', published: true, level: 'city', outcomeCount: 18 });
    expect(key.outcomesByTheme.map((g: { theme: string }) => g.theme)).toEqual([
      '加强领导，高位推动',
      '拉网排查，摸清家底',
      '疏堵结合，因企施策',
      '强化保障，助力盘活',
      '源头管控，长效管理',
    ]);
    expect(key.outcomeCounts).toEqual({ open: 3, inProgress: 5, done: 8, notAdopted: 2 });
    expect(key.adoptionRate).toBeCloseTo(8 / 18, 3);
    expect(new Set(key.outcomes.map((o: { unit: { name: string } }) => o.unit.name)).size).toBeGreaterThanOrEqual(5);
    expect(key.meetings).toEqual([expect.objectContaining({ kind: 'key', heldAt: expect.any(String) })]);

    // 清水湾's 吉泰润园: one 居民协商议事会 of the four sides; 580 → 380 done; evaluated.
    const parking = await get(`/topics/${topicId(topics, 'parking')}`);
    expect(parking).toMatchObject({ status: 'evaluated', published: true, evaluationCount: 3, adoptionRate: 1 });
    expect(parking.meetings).toEqual([
      expect.objectContaining({ kindLabel: '协商议事会', heldAt: expect.any(String) }),
    ]);
    expect(parking.outcomes.find((o: { text: string }) => o.text === '停车费由每月580元下调至380元')).toMatchObject({
      kind: 'decision',
      status: 'done',
    });
    const sides = new Set(
      (await t.ds.getRepository(MeetingParticipant).findBy({ meetingId: parking.meetings[0].id })).map((p) => p.side),
    );
    expect(sides).toEqual(new Set(['organizer', 'party_member', 'resident', 'stakeholder', 'member', 'department']));

    // 金塔's 秦汉渠家属院: 党员、居民代表、秦汉渠管理处 over four 协商议事会, ending in 37 new spaces; published.
    const qinhanqu = await get(`/topics/${topicId(topics, 'qinhanqu')}`);
    expect(qinhanqu).toMatchObject({ status: 'resolving', published: true, adoptionRate: 1 });
    expect(qinhanqu.organizer.name).toBe('利通区金塔社区协商议事室');
    expect(
      qinhanqu.meetings.map((m: { sequenceLabel: string; kindLabel: string; heldAt: string | null }) => [
        m.sequenceLabel,
        m.kindLabel,
        m.heldAt !== null,
      ]),
    ).toEqual([1, 2, 3, 4].map((n) => [`第${n}次协商`, '协商议事会', true]));
    expect(qinhanqu.outcomes.find((o: { text: string }) => o.text.includes('增加停车位37个'))).toMatchObject({
      kind: 'decision',
      status: 'done',
    });
    const meetingIds = qinhanqu.meetings.map((m: { id: number }) => m.id);
    for (const meetingId of meetingIds) {
      const people = await t.ds.getRepository(MeetingParticipant).findBy({ meetingId });
      expect(new Set(people.map((p) => p.side))).toEqual(
        new Set(['organizer', 'party_member', 'resident', 'stakeholder', 'member']),
      );
      expect(people.map((p) => p.name)).toContain('秦汉渠管理处 杨科长');
      expect(people.every((p) => p.attendance !== null)).toBe(true);
      expect(await t.ds.getRepository(MeetingSpeech).countBy({ meetingId })).toBeGreaterThan(0);
      expect((await t.ds.getRepository(Meeting).findOneByOrFail({ id: meetingId })).minutes).toBeTruthy();
    }

    // 华新's 书记下午茶, chaired by its secretary 金萍.
    const gate = await get(`/topics/${topicId(topics, 'gate')}`);
    expect(gate.meetings).toEqual([expect.objectContaining({ kind: 'tea', chair: '金萍' })]);

    // The grid matter under “252”; a meeting still to come; the public page shows both published ones.
    expect(topics.find((x) => x.title === DEMO_TOPICS.find((d) => d.key === 'canteen')!.title)).toMatchObject({
      level: 'grid',
      responsePolicy: '252',
      status: 'deliberating',
    });
    // “252”: the canteen acknowledged within 2 minutes but answered after 9 (答复超时); the door kept in full.
    const canteen = await get(`/topics/${topicId(topics, 'canteen')}`);
    expect(Date.parse(canteen.promise.acknowledgedAt)).toBeLessThan(Date.parse(canteen.promise.acknowledgeBy));
    expect(Date.parse(canteen.promise.answeredAt)).toBeGreaterThan(Date.parse(canteen.promise.answerBy));
    expect(canteen.promise.breached).toContain('answer');
    expect(canteen.promise.breached).not.toContain('acknowledge');
    const door = await get(`/topics/${topicId(topics, 'door')}`);
    expect(door).toMatchObject({ level: 'grid', status: 'resolving', adoptionRate: 1 });
    expect(door.promise).toMatchObject({
      breached: [],
      answer: expect.stringContaining('读卡器'),
      solvedAt: expect.any(String),
    });
    expect(Date.parse(door.promise.solvedAt)).toBeLessThan(Date.parse(door.promise.solveBy));
    const breached = await get('/topics?breached=true');
    expect(breached.items.map((x: { id: number }) => x.id)).toContain(canteen.id);
    expect(breached.items.map((x: { id: number }) => x.id)).not.toContain(door.id);
    const upcoming = await t.ds.getRepository(Meeting).findOneByOrFail({ topicId: topicId(topics, 'courtyard') });
    expect(upcoming.heldAt).toBeNull();
    expect(upcoming.startsAt.getTime()).toBeGreaterThan(Date.now());
    const published = await t.http().get('/api/v1/public/topics').expect(200);
    expect(published.body.items.map((x: { title: string }) => x.title).sort()).toEqual(
      [key.title, parking.title, qinhanqu.title].sort(),
    );
  });

  it('plays the demo visits through the services: the 家政 research completed with findings, one next week inviting the demo member, one cancelled', async () => {
    const staff = await login('staff');
    const list = (await t.http().get('/api/v1/visits?pageSize=100').auth(staff, { type: 'bearer' }).expect(200)).body
      .items as Array<{ id: number; title: string; status: string; startsAt: string }>;
    expect(list.map((v) => [v.title, v.status]).sort()).toEqual(
      [
        ['养老服务体系建设情况视察', 'planned'],
        ['农村人居环境整治提升情况调研', 'cancelled'],
        ['家政服务业发展情况专题调研', 'completed'],
      ].sort(),
    );
    const jz = (
      await t
        .http()
        .get(`/api/v1/visits/${list.find((v) => v.status === 'completed')!.id}`)
        .auth(staff, { type: 'bearer' })
        .expect(200)
    ).body;
    expect(jz.organizer.name).toBe('经济和资源环境委员会');
    expect(jz.stops.map((s: { place: string }) => s.place)).toEqual([
      '大武口区家政龙头企业',
      '石嘴山市家政服务行业协会',
    ]);
    expect(jz.findings).toHaveLength(3);
    expect(jz.rsvp).toMatchObject({ accepted: 4, declined: 1 });
    expect(new Date(jz.startsAt).getTime()).toBeLessThan(Date.now());
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'visit.create' })).toBe(3);
    // The demo member sees the invitation next week on 我的日程, not yet answered.
    const planned = list.find((v) => v.status === 'planned')!;
    expect(new Date(planned.startsAt).getTime()).toBeGreaterThan(Date.now());
    const member = await signInWeb(t, 'member', DEMO_PASSWORD);
    const schedule = mainOf((await member.get('/schedule').expect(200)).text);
    expect(schedule).toContain('养老服务体系建设情况视察');
    expect(schedule).toContain('1 项邀请待答复');
    expect(navOf((await member.get('/').expect(200)).text)).toContain('我的日程');
  });

  it('shows the demo facilitator its point on the board, and the demo unit its outcomes to report on', async () => {
    const facilitator = await signInWeb(t, 'facilitator', DEMO_PASSWORD);
    const board = mainOf((await facilitator.get('/topics').expect(200)).text);
    for (const key of ['qinhanqu', 'courtyard', 'charter', 'arrears'])
      expect(board).toContain(DEMO_TOPICS.find((d) => d.key === key)!.title);
    expect(board).not.toContain(DEMO_TOPICS.find((d) => d.key === 'parking')!.title);
    const unit = await signInWeb(t, 'unit', DEMO_PASSWORD);
    const outcomes = mainOf((await unit.get('/outcomes').expect(200)).text);
    const unitId = (
      await t.ds.getRepository(Outcome).findOneByOrFail({ text: '利用卫星遥感监测，动态掌握闲置和低效用地变化' })
    ).unitId!;
    const open = await t.ds.getRepository(Outcome).count({
      where: [
        { status: 'open', unitId },
        { status: 'in_progress', unitId },
      ],
    });
    expect(open).toBeGreaterThan(0);
    expect(outcomes.match(/action="\/outcomes\/\d+"/g)).toHaveLength(open);
  });

  it("lists the canteen's missed answer under 响应超时 for its facilitator and staff, and counts it on their home pages", async () => {
    const canteen = DEMO_TOPICS.find((d) => d.key === 'canteen')!.title;
    const door = DEMO_TOPICS.find((d) => d.key === 'door')!.title;
    for (const who of ['enhe', 'staff']) {
      const agent = await signInWeb(t, who, DEMO_PASSWORD);
      const list = mainOf((await agent.get('/topics?breached=1').expect(200)).text);
      expect([who, list.includes(canteen), list.includes('答复超时'), list.includes(door)]).toEqual([
        who,
        true,
        true,
        false,
      ]);
      expect(mainOf((await agent.get('/').expect(200)).text)).toMatch(
        /data-todo="\w+\.topics\.breached">\s*<a class="todo__link" href="\/topics\?breached&#x3D;1">响应超时的协商议题<\/a>\s*<span class="todo__count"><strong>\d+<\/strong> 件/,
      );
    }
    const qingshuiwan = await signInWeb(t, 'qingshuiwan', DEMO_PASSWORD);
    expect(mainOf((await qingshuiwan.get('/topics?breached=1').expect(200)).text)).not.toContain(canteen);
  });

  it('does not load twice: a second run on a database with members, proposals, topics and visits adds nothing', async () => {
    const counts = async () => [
      await t.ds.getRepository(Member).count(),
      await t.ds.getRepository(Proposal).count(),
      await t.ds.getRepository(Topic).count(),
      await t.ds.getRepository(Visit).count(),
      await t.ds.getRepository(AuditEntry).count(),
    ];
    const before = await counts();
    expect(await t.app.get(DemoLoader).loadIfEmpty()).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('shows the leader two signed 协商要报 in 收文 (the 葡萄 界别协商 and the key consultation) beside the 《社情民意》 issues, and one submitted for 签发, made through the report services', async () => {
    const leader = await login('leader');
    const received = (await t.http().get('/api/v1/inbox').auth(leader, { type: 'bearer' }).expect(200)).body.items;
    // Beside the 协商要报, the year's issues of 《社情民意》 (DemoOpinionIssueLoader), numbered on their own counter.
    const kinds = (k: string) => received.filter((i: { report: { kind: string } }) => i.report.kind === k);
    const inbox = kinds('briefing');
    expect(kinds('opinion-issue').length).toBeGreaterThan(0);
    expect(inbox.length + kinds('opinion-issue').length).toBe(received.length);
    expect(
      inbox.map((i: { report: { title: string; issueNo: number; stage: string; status: string } }) => [
        i.report.issueNo,
        i.report.stage,
        i.report.status,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [1, 'signed', 'done'],
        [2, 'signed', 'done'],
      ]),
    );
    expect(inbox).toHaveLength(2);
    const byIssue = (n: number) => inbox.find((i: { report: { issueNo: number } }) => i.report.issueNo === n).report;
    expect(byIssue(1)).toMatchObject({ kind: 'briefing', subject: { type: 'topic' }, signed: { signer: '马国庆' } });
    expect(byIssue(1).title).toContain('先锋大青葡萄');
    expect(byIssue(2)).toMatchObject({
      kind: 'briefing',
      title: '市政协就盘活工业低效用地开展重点协商',
      signed: { signer: '马国庆', by: { displayName: '马国庆（副主席）' } },
    });
    const awaiting = (
      await t.http().get('/api/v1/reports?stage=submitted').auth(leader, { type: 'bearer' }).expect(200)
    ).body.items;
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]).toMatchObject({ kind: 'briefing', subject: { type: 'visit' }, status: 'done', issueNo: null });
    const steps = (await t.ds.getRepository(AuditEntry).find({ where: { entityType: 'report' } })).map((a) => a.action);
    for (const action of ['report.request', 'report.submit', 'report.sign', 'report.deliver'])
      expect(steps).toContain(action);
    expect(await t.app.get(DemoLoader).loadDocumentsIfNone()).toBe(false);
  });

  it('records the demo 批示: two 副市长’s on paper (one on a 《社情民意》 专报), carried out by 市自然资源局, and the leader’s own with its item open', async () => {
    const auth = async (who: string) => ({ Authorization: `Bearer ${await login(who)}` });
    const staff = await auth('staff');
    const list = (await t.http().get('/api/v1/instructions').set(staff).expect(200)).body.items;
    expect(
      list.map((i: Record<string, unknown>) => [i.leaderName, i.leaderLevel, i.onPaper, i.itemCount, i.carriedOut]),
    ).toEqual([
      ['马国庆', '市政协副主席', false, 1, false],
      ['张明', '副市长', true, 1, true],
      ['李建华', '副市长', true, 1, true],
    ]);
    expect(list[2].target.title).toContain('设施农业大棚闲置');
    expect(list[1].target.title).toContain('先锋大青葡萄');
    expect(list[0].target.title).toBe('市政协就盘活工业低效用地开展重点协商');
    const items = (
      await t
        .http()
        .get('/api/v1/instructions/items?open=true')
        .set(await auth('unit'))
        .expect(200)
    ).body;
    expect(items.items.map((i: { task: string; unitName: string }) => [i.task, i.unitName])).toEqual([
      ['制定低效工业用地分类处置办法（征求意见稿）', '市自然资源局'],
    ]);
    const stats = (await t.http().get('/api/v1/stats/instructions').set(staff).expect(200)).body;
    expect(stats).toMatchObject({ allTotal: 3, allCarriedOut: 2 });
    expect(await t.app.get(DemoLoader).loadDocumentsIfNone()).toBe(false);
  });

  it('carries the 先锋大青葡萄 界别协商 of the yearly plan to a held meeting and outcomes the units report on', async () => {
    const staff = await login('staff');
    const get = async (path: string) =>
      (await t.http().get(`/api/v1${path}`).auth(staff, { type: 'bearer' }).expect(200)).body;
    const grapes = await get(`/topics/${topicId(await t.ds.getRepository(Topic).find(), 'grapes')}`);
    expect(grapes).toMatchObject({ status: 'resolving', source: 'plan', organizer: { name: '农业界' } });
    expect(grapes.meetings).toEqual([expect.objectContaining({ kind: 'sector', heldAt: expect.any(String) })]);
    expect(grapes.outcomes).toHaveLength(6);
    expect(grapes.outcomeCounts).toEqual({ open: 1, inProgress: 2, done: 3, notAdopted: 0 });
    const meeting = await get(`/meetings/${grapes.meetings[0].id}`);
    expect(meeting.speeches.map((x: { speaker: string }) => x.speaker)).toEqual(
      expect.arrayContaining(['青铜峡市政协委员 郭杰', '青铜峡市政协委员 司雪', '群众代表 蒋文兵']),
    );

    // The 年度协商计划: approved, its key consultation and 界别协商 started as the topics, two more to come.
    const plans = await get('/plans');
    expect(plans.items).toHaveLength(1);
    expect(plans.items[0]).toMatchObject({ status: 'approved', progress: { total: 4, done: 2, notStarted: 2 } });
    const plan = await get(`/plans/${plans.items[0].id}`);
    expect(
      plan.items
        .filter((i: { topic: unknown }) => i.topic)
        .map((i: { form: string; topic: { title: string } }) => [i.form, i.topic.title]),
    ).toEqual([
      ['key', '关于盘活工业低效用地的重点协商'],
      ['sector', '推动先锋大青葡萄产业高质量发展'],
    ]);
  });

  it('puts the 居民公约 out for comment: 40 residents, most 征求意见表 typed in from paper, all disposed, then revised', async () => {
    const facilitator = await login('facilitator');
    const charter = topicId(await t.ds.getRepository(Topic).find(), 'charter');
    const drafts = (
      await t.http().get(`/api/v1/drafts?topicId=${charter}`).auth(facilitator, { type: 'bearer' }).expect(200)
    ).body.items;
    expect(drafts).toHaveLength(1);
    const draft = (
      await t.http().get(`/api/v1/drafts/${drafts[0].id}`).auth(facilitator, { type: 'bearer' }).expect(200)
    ).body;
    expect(draft).toMatchObject({ status: 'revised', revision: 2, title: '金塔社区居民公约（修订征求意见稿）' });
    expect(draft.clauses.map((c: { text: string }) => c.text).join('')).toContain('秦汉渠');
    const summary = (
      await t.http().get(`/api/v1/drafts/${drafts[0].id}/summary`).auth(facilitator, { type: 'bearer' }).expect(200)
    ).body;
    expect(summary.totals).toMatchObject({
      comments: 40,
      people: 40,
      bySource: { form: 28, public: 12, participant: 0 },
    });
    const comments = summary.clauses.flatMap((c: { comments: unknown[] }) => c.comments);
    expect(comments.filter((c: { sourceLabel: string }) => c.sourceLabel === '征求意见表')).toHaveLength(28);
    expect(comments.every((c: { disposition: string | null }) => c.disposition !== null)).toBe(true);
    expect(new Set(comments.map((c: { disposition: string }) => c.disposition))).toEqual(
      new Set(['adopted', 'partly', 'not_adopted']),
    );
  });

  it('shows the 家政 visit with its photos, and names only places of 吴忠市 in the demo proposals', async () => {
    const staff = await login('staff');
    const list = (await t.http().get('/api/v1/visits?pageSize=100').auth(staff, { type: 'bearer' }).expect(200)).body
      .items as Array<{ id: number; title: string }>;
    const jz = list.find((v) => v.title === '家政服务业发展情况专题调研')!;
    const visit = (await t.http().get(`/api/v1/visits/${jz.id}`).auth(staff, { type: 'bearer' }).expect(200)).body;
    expect(visit.photos).toHaveLength(2);
    const photo = await t.http().get(visit.photos[0].url).auth(staff, { type: 'bearer' }).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');

    const elsewhere =
      /原州区|西吉县|隆德县|泾源县|彭阳县|兴庆区|金凤区|西夏区|永宁县|贺兰县|灵武市|大武口区|惠农区|平罗县|沙坡头区|中宁县|海原县/;
    const texts = (await t.ds.getRepository(Proposal).find()).map((p) =>
      [p.title, p.background, p.suggestions].join(''),
    );
    expect(texts.filter((x) => elsewhere.test(x))).toEqual([]);
  });

  it('spreads the stories over the working day, not all in one afternoon hour', async () => {
    const hours = (await t.ds.getRepository(AuditEntry).find({ where: { entityType: 'proposal' } })).map(
      (a) => (a.at.getUTCHours() + 8) % 24,
    );
    expect(hours.some((h) => h < 12)).toBe(true);
    expect(hours.some((h) => h >= 14)).toBe(true);
    const topicHours = (await t.ds.getRepository(AuditEntry).find({ where: { entityType: 'topic' } })).map(
      (a) => (a.at.getUTCHours() + 8) % 24,
    );
    expect(topicHours.some((h) => h < 12)).toBe(true);
  });

  function topicId(rows: Topic[], key: string): number {
    const title = DEMO_TOPICS.find((d) => d.key === key)!.title;
    return rows.find((x) => x.title === title)!.id;
  }

  it('lists the yellow-river B reply’s overdue commitment in 回头看, beside the one kept on time', async () => {
    const staff = await login('staff');
    const title = textOf(spec('yellow-river')).title;
    const list = await t.http().get('/api/v1/commitments?pageSize=100').auth(staff, { type: 'bearer' }).expect(200);
    const mine = list.body.items.filter((c: { proposal: { title: string } }) => c.proposal.title === title);
    expect(mine.map((c: { state: string; keptOnTime: boolean | null }) => [c.state, c.keptOnTime])).toEqual([
      ['kept', true],
      ['overdue', null],
    ]);
    const page = mainOf(
      (await (await signInWeb(t, 'staff', DEMO_PASSWORD)).get('/proposals/follow-up?state=overdue').expect(200)).text,
    );
    expect(page).toContain('建立黄河岸线巡查和修复情况季度通报制度');
    expect(page).toContain(DEMO_UNIT);
  });

  function spec(key: string) {
    const found = DEMO_PROPOSALS.find((p) => p.key === key);
    if (!found) throw new Error(`no demo proposal ${key}`);
    return found;
  }

  function byTitle(rows: Proposal[], key: string): Proposal {
    const title = textOf(spec(key)).title;
    const matching = rows.filter((p) => p.title === title);
    expect(matching).toHaveLength(1);
    return matching[0];
  }

  it('loads a year of 社情民意 through the services: the statuses, 采用 by 自治区政协 and 全国政协, the duty points', async () => {
    const staff = await login('staff');
    const get = async (path: string, token = staff) =>
      (await t.http().get(`/api/v1${path}`).auth(token, { type: 'bearer' }).expect(200)).body;
    const items = await get('/opinions?pageSize=100');
    const statuses = new Set(items.items.map((o: { status: string }) => o.status));
    for (const s of ['submitted', 'returned', 'accepted', 'archived']) expect(statuses).toContain(s);
    const adopted: Array<{ levelLabel: string; opinionId: number }> = [];
    for (const o of items.items.filter((x: { status: string }) => ['accepted', 'compiled'].includes(x.status)))
      adopted.push(...(await get(`/opinions/${o.id}/adoptions`)));
    const levels = new Set(adopted.map((a: { levelLabel: string }) => a.levelLabel));
    expect([...levels].sort()).toEqual(['全国政协', '自治区政协']);
    // Every item taken up went out in a signed, delivered issue of 《社情民意》 first: 专报 and 综合, numbered by year.
    const adoptedItems = items.items.filter((o: { id: number }) =>
      adopted.some((a: { opinionId: number }) => a.opinionId === o.id),
    );
    expect(adoptedItems.length).toBeGreaterThan(0);
    for (const o of adoptedItems) {
      const item = await get(`/opinions/${o.id}`);
      expect(item.status).toBe('compiled');
      expect(item.issue.label).toMatch(/^《社情民意》\d{4}年第\d+期$/);
    }
    const issues = await t.ds.getRepository(Report).findBy({ kind: 'opinion-issue' });
    expect(new Set(issues.map((r) => r.stage))).toEqual(new Set(['signed']));
    expect(issues.some((r) => r.title.endsWith('等2条社情民意'))).toBe(true);
    expect(issues.some((r) => r.title === '关于设施农业大棚闲置的情况反映')).toBe(true);
    const member = await login('member');
    const me = await get('/users/me', member);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const record = await get(`/members/${me.memberId}/record?year=${year}`, member);
    expect(record.summary.opinions.submitted).toBeGreaterThan(0);
    // 信息员: the demo member is on this year's roster with a quota and items counted; their own items are 信息员's.
    const roster = await get('/opinions/informants');
    const own = roster.items.find((i: { memberId: number }) => i.memberId === me.memberId);
    expect(own).toMatchObject({ monthlyQuota: 2, active: true });
    expect(own.yearSubmitted).toBeGreaterThan(0);
    expect(roster.items.length).toBeGreaterThanOrEqual(3);
    expect(items.items.some((o: { submitterKind: string }) => o.submitterKind === 'informant')).toBe(true);
  });

  async function login(username: string): Promise<string> {
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    return res.body.accessToken;
  }
});
