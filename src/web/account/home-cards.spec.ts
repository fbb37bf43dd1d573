import { testActor } from '../../../test/support/actors';
import { Actor } from '../../common/actor';
import { Role } from '../../common/roles';
import { homeCards, todoSince } from './home-cards';

const actor = testActor;
const hrefs = (a: Actor) => homeCards(a).map((c) => c.href);

describe('homeCards', () => {
  it('offers each role only the menu entries it reaches, in the menu order, without 首页 and 消息', () => {
    expect(hrefs(actor(['facilitator'], { pointId: 3 }))).toEqual([
      '/topics',
      '/drafts',
      '/reports',
      '/account/password',
    ]);
    expect(hrefs(actor(['unit'], { unitId: 2 }))).toEqual([
      '/proposals/assignments',
      '/topics',
      '/outcomes',
      '/instructions/items',
      '/reports',
      '/account/password',
    ]);
    expect(hrefs(actor(['admin']))).toEqual([
      '/directory',
      '/admin/users',
      '/admin/audit',
      '/admin/security-events',
      '/account/password',
    ]);
    for (const roles of [['member'], ['staff'], ['leader']] as Role[][])
      expect(hrefs(actor(roles, { memberId: 5 }))).not.toEqual(expect.arrayContaining(['/', '/inbox']));
  });

  it('promises 安排协商会 only to those who organise topics', () => {
    const topicsText = (a: Actor) => homeCards(a).find((c) => c.href === '/topics')!.text;
    expect(topicsText(actor(['staff']))).toContain('安排协商会');
    expect(topicsText(actor(['facilitator'], { pointId: 3 }))).toContain('安排协商会');
    for (const a of [actor(['unit'], { unitId: 2 }), actor(['member'], { memberId: 5 }), actor(['leader'])])
      expect(topicsText(a)).not.toContain('安排协商会');
  });
});

describe('todoSince', () => {
  const now = new Date('2026-12-07T04:00:00Z');
  it('dates what is waiting by its earliest day and what is to come by its nearest, with the year only when it differs', () => {
    expect(todoSince('2026-11-30T02:00:00.000Z', now, 'Asia/Shanghai')).toBe('最早 11月30日');
    expect(todoSince('2026-12-09T06:30:00.000Z', now, 'Asia/Shanghai')).toBe('最近 12月9日');
    expect(todoSince('2027-01-20T10:00:00.000Z', now, 'Asia/Shanghai')).toBe('最近 2027年1月20日');
    expect(todoSince(null, now, 'Asia/Shanghai')).toBe('');
  });
});
