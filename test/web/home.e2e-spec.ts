import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-data';
import { ProposalCommunication, ProposalUnit } from '../../src/proposals/proposal-handling.entities';
import { Proposal } from '../../src/proposals/proposal.entities';
import { Report, ReportDelivery } from '../../src/reports/report.entities';
import { Meeting, Topic, TopicClock } from '../../src/topics/topic.entities';
import { Account, accountOf } from '../support/accounts';
import { api } from '../support/api';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { mainOf, signInWeb } from '../support/web-client';

/**
 * Each demo account's home page lists its 待办 first, with the counts the demo data has. The expected counts are
 * worked out here from the demo itself — the lists each role already has in the API, or the rows — not from the
 * 待办 code: a line for each count above zero, none for the rest.
 */
type Counts = Record<string, number | null>;

const DAY = 24 * 3600_000;

/** The 待办 lines of a home page: key → the count printed (null: a plain link). */
function linesOf(html: string): { key: string; count: number | null; overdue: boolean; since: string }[] {
  return [...mainOf(html).matchAll(/<li class="todo todo--(\w+)" data-todo="([\w.]+)">([\s\S]*?)<\/li>/g)].map((m) => ({
    key: m[2],
    overdue: m[1] === 'overdue',
    count: /<strong>(\d+)<\/strong> 件/.exec(m[3]) ? Number(/<strong>(\d+)<\/strong> 件/.exec(m[3])![1]) : null,
    since: /<span class="todo__since">([^<]+)<\/span>/.exec(m[3])?.[1] ?? '',
  }));
}

const nonZero = (counts: Counts): Counts => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

describe('home page 待办 of the demo accounts (XS_DEMO=1)', () => {
  let t: TestApp;
  let ds: DataSource;
  const as: Record<string, Account> = {};
  const total = async (who: string, path: string) => (await api(t, as[who], 'get', path)).total as number;

  beforeAll(async () => {
    t = await startTestApp({ XS_DEMO: '1' });
    ds = t.ds;
    for (const { username } of DEMO_ACCOUNTS) {
      const res = await t.http().post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
      as[username] = await accountOf(t, res.body.accessToken);
    }
    // Loading the whole demo through the services takes longer than one test's default on a shared machine.
  }, 300_000);
  afterAll(() => t.close());

  /** The proposals a unit must still answer, by deadline, and those without a contact with the proposer this round. */
  async function unitCounts(): Promise<Counts> {
    const unitId = as.unit.unitId!;
    const now = Date.now();
    const open = (await api(t, as.unit, 'get', '/proposals?status=assigned&pageSize=100')).items as {
      id: number;
      deadline: string;
    }[];
    const left = open.map((p) => new Date(p.deadline).getTime() - now);
    let silent = 0;
    for (const p of open) {
      const { rehandleCount } = await ds.getRepository(Proposal).findOneByOrFail({ id: p.id });
      if (!(await ds.getRepository(ProposalCommunication).existsBy({ proposalId: p.id, unitId, round: rehandleCount })))
        silent++;
    }
    return {
      'unit.assignments.overdue': left.filter((ms) => ms < 0).length,
      'unit.assignments.dueSoon': left.filter((ms) => ms >= 0 && ms < 7 * DAY).length,
      'unit.assignments.later': left.filter((ms) => ms >= 7 * DAY).length,
      'unit.communications': silent,
      'unit.outcomes.overdue': await total('unit', '/outcomes?overdue=true'),
      'unit.outcomes.open': await total('unit', '/outcomes?open=true&overdue=false'),
      ...(await unitInstructionCounts()),
      // 回头看: promises past their day not reported, and those due within 30 days.
      'unit.commitments.overdue': await total('unit', '/commitments?state=overdue'),
      'unit.commitments.dueSoon': (
        (await api(t, as.unit, 'get', '/commitments?state=due&pageSize=100')).items as { dueDate: string }[]
      ).filter((c) => new Date(`${c.dueDate}T00:00:00+08:00`).getTime() < now + 30 * DAY).length,
    };
  }

  /** The unit's 批示交办事项 not done, by due day against today and seven days on (Shanghai days). */
  async function unitInstructionCounts(): Promise<Counts> {
    const items = (await api(t, as.unit, 'get', '/instructions/items?open=true&pageSize=100')).items as {
      dueOn: string;
    }[];
    const day = (ms: number) => new Date(Date.now() + 8 * 3600_000 + ms).toISOString().slice(0, 10);
    const [today, soon] = [day(0), day(7 * DAY)];
    return {
      'unit.instructions.overdue': items.filter((i) => i.dueOn < today).length,
      'unit.instructions.dueSoon': items.filter((i) => i.dueOn >= today && i.dueOn <= soon).length,
      'unit.instructions.later': items.filter((i) => i.dueOn > soon).length,
    };
  }

  async function memberCounts(): Promise<Counts> {
    const memberId = as.member.memberId;
    const visits = (await api(t, as.member, 'get', `/visits?from=${new Date().toISOString()}&pageSize=100`)).items as {
      status: string;
      myAnswer: string;
    }[];
    const drafts = (await api(t, as.member, 'get', '/proposals?status=draft&pageSize=100')).items as { id: number }[];
    let invited = 0;
    for (const p of drafts) {
      const { signers } = await api(t, as.member, 'get', `/proposals/${p.id}`);
      if (
        (signers as { memberId: number; role: string; status: string }[]).some(
          (s) => s.memberId === memberId && s.role === 'cosigner' && s.status === 'invited',
        )
      )
        invited++;
    }
    const replied = (await api(t, as.member, 'get', '/proposals?status=replied&pageSize=100')).items as {
      leadMember: { id: number } | null;
    }[];
    return {
      'member.visits': visits.filter((v) => v.status === 'planned' && v.myAnswer === 'pending').length,
      'member.cosign': invited,
      'member.evaluate': replied.filter((p) => p.leadMember?.id === memberId).length,
      'member.commitments': await total('member', '/commitments?state=reported'),
      'member.drafts': await total('member', '/drafts?status=open'),
      'member.messages': (await api(t, as.member, 'get', '/notifications')).unread,
    };
  }

  async function staffCounts(): Promise<Counts> {
    const returned = await ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where("p.status = 'accepted'")
      .andWhere(
        (qb) =>
          `p.id IN ${qb.subQuery().select('u.proposalId').from(ProposalUnit, 'u').where('u.returnedAt IS NOT NULL').getQuery()}`,
      )
      .getCount();
    const signed = await ds.getRepository(Report).findBy({ stage: 'signed' });
    let undelivered = 0;
    for (const r of signed) if (!(await ds.getRepository(ReportDelivery).existsBy({ reportId: r.id }))) undelivered++;
    const clocks = await ds.getRepository(TopicClock).find();
    return {
      'staff.proposals.overdue': await total('staff', '/proposals?overdue=true&status=assigned'),
      'staff.review': await total('staff', '/proposals?status=submitted'),
      'staff.assign': await total('staff', '/proposals?status=accepted'),
      'staff.returned': returned,
      'staff.extensions': await total('staff', '/proposals?extensionPending=true'),
      'staff.outcomes.overdue': await total('staff', '/outcomes?overdue=true'),
      'staff.topics.breached': await total('staff', '/topics?breached=true'),
      'staff.clocks.running': clocks.filter((c) => !c.doneAt && !c.breachedAt).length,
      'staff.signoff': await total('staff', '/reports?stage=submitted'),
      'staff.undelivered': undelivered,
      'staff.instructions.reported': await total('staff', '/instructions/items?status=reported'),
      'staff.instructions.overdue': await total('staff', '/instructions/items?overdue=true'),
    };
  }

  async function leaderCounts(): Promise<Counts> {
    return {
      'leader.inbox': (await api(t, as.leader, 'get', '/inbox')).unread,
      'leader.key.overdue': await total('leader', '/proposals?key=true&overdue=true&status=assigned'),
      'leader.signoff': await total('leader', '/reports?stage=submitted'),
      'leader.dashboard': null,
    };
  }

  async function facilitatorCounts(): Promise<Counts> {
    const pointId = (await api(t, as.facilitator, 'get', '/users/me')).pointId as number;
    const own = (await ds.getRepository(Topic).findBy({ organizerType: 'point', organizerId: pointId })).map(
      (x) => x.id,
    );
    const clocks = (await ds.getRepository(TopicClock).find()).filter((c) => own.includes(c.topicId));
    const now = Date.now();
    const meetings = (await ds.getRepository(Meeting).find()).filter(
      (m) =>
        own.includes(m.topicId) && !m.heldAt && m.startsAt.getTime() >= now && m.startsAt.getTime() < now + 7 * DAY,
    );
    const step = (status: string) => total('facilitator', `/topics?status=${status}`);
    return {
      'facilitator.topics.raised': await step('raised'),
      'facilitator.topics.settled': await step('settled'),
      'facilitator.topics.deliberating': await step('deliberating'),
      'facilitator.topics.resolving': await step('resolving'),
      'facilitator.topics.breached': await total('facilitator', '/topics?breached=true'),
      'facilitator.clocks.running': clocks.filter((c) => !c.doneAt && !c.breachedAt).length,
      'facilitator.drafts': await total('facilitator', '/drafts?status=open'),
      'facilitator.meetings': meetings.length,
    };
  }

  const EXPECTED: Record<string, () => Promise<Counts>> = {
    staff: staffCounts,
    member: memberCounts,
    leader: leaderCounts,
    unit: unitCounts,
    facilitator: facilitatorCounts,
  };

  it.each(Object.keys(EXPECTED))(
    '%s: each waiting kind a line with its count, overdue ones first and marked',
    async (who) => {
      const expected = nonZero(await EXPECTED[who]());
      const html = (await (await signInWeb(t, who, DEMO_PASSWORD)).get('/').expect(200)).text;
      const lines = linesOf(html);
      expect(Object.fromEntries(lines.map((l) => [l.key, l.count]))).toEqual(expected);
      // The demo has something waiting for every one of them.
      expect(lines.filter((l) => l.count !== null).length).toBeGreaterThan(0);
      const overdue = lines.filter((l) => l.overdue).length;
      expect(lines.slice(0, overdue).every((l) => l.overdue)).toBe(true);
      for (const l of lines) {
        expect([l.key, l.count === null || /^(最早|最近) (\d{4}年)?\d{1,2}月\d{1,2}日$/.test(l.since)]).toEqual([
          l.key,
          true,
        ]);
        const block = new RegExp(`data-todo="${l.key.replace(/\./g, '\\.')}">[\\s\\S]*?</li>`).exec(html)![0];
        expect([l.key, block.includes('<strong class="tag tag--red">已超期</strong>')]).toEqual([l.key, l.overdue]);
      }
      expect(mainOf(html).indexOf('待办')).toBeLessThan(mainOf(html).indexOf('您可以'));
      expect(mainOf(html)).not.toContain('暂无待办事项');
    },
  );

  it('admin: 暂无待办事项, and only the cards the administrator can reach', async () => {
    const html = mainOf((await (await signInWeb(t, 'admin', ADMIN_PASSWORD)).get('/').expect(200)).text);
    expect(html).toContain('<p class="body">暂无待办事项</p>');
    const cards = [...html.matchAll(/<h3 class="heading-s"><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(cards).toEqual([
      '/directory',
      '/admin/users',
      '/admin/audit',
      '/admin/security-events',
      '/account/password',
    ]);
  });

  it('shows each role only the cards of the menu entries it reaches', async () => {
    const cardsOf = async (who: string) =>
      [
        ...mainOf((await (await signInWeb(t, who, DEMO_PASSWORD)).get('/').expect(200)).text).matchAll(
          /<li class="card">\s*<h3 class="heading-s"><a href="([^"]+)">/g,
        ),
      ].map((m) => m[1]);
    expect(await cardsOf('facilitator')).toEqual(['/topics', '/drafts', '/reports', '/account/password']);
    expect(await cardsOf('leader')).toEqual(expect.arrayContaining(['/proposals/key', '/dashboard', '/reports/inbox']));
    expect(await cardsOf('unit')).not.toContain('/drafts');
    for (const who of ['member', 'unit']) {
      const html = mainOf((await (await signInWeb(t, who, DEMO_PASSWORD)).get('/').expect(200)).text);
      expect(html).not.toContain('安排协商会');
    }
  });
});
