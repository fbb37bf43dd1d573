import type { Actor } from '../../common/actor';
import { navAccess, navFor } from './layout';

const actor = (roles: Actor['roles'], links: Partial<Actor> = {}): Actor =>
  ({
    id: 1,
    username: 'u',
    displayName: '某人',
    roles,
    memberId: null,
    unitId: null,
    pointId: null,
    ...links,
  }) as Actor;
const labels = (a: Actor) => navFor(a, 'home', null).map((l) => l.label);

describe('the main menu', () => {
  it('shows each role its entries, in one order', () => {
    expect(labels(actor(['member'], { memberId: 3 }))).toEqual([
      '首页',
      '我的提案',
      '协商议题',
      '履职档案',
      '我的日程',
      '报告',
      '消息',
      '修改密码',
    ]);
    expect(labels(actor(['admin']))).toEqual(['首页', '消息', '名录', '账号管理', '审计日志', '安全事件', '修改密码']);
    expect(labels(actor(['unit']))).not.toContain('我的办理');
    expect(labels(actor(['unit'], { unitId: 2 }))).toContain('我的办理');
  });

  it("marks the page's own entry, 名录 on every directory list, and counts unread messages beside 消息 only", () => {
    const staff = actor(['staff']);
    expect(
      navFor(staff, 'units', 4)
        .filter((l) => l.current)
        .map((l) => l.label),
    ).toEqual(['名录']);
    expect(
      navFor(staff, 'proposal-stats', 4)
        .filter((l) => l.current)
        .map((l) => l.label),
    ).toEqual(['办理统计']);
    expect(navFor(staff, 'error', 4).some((l) => l.current)).toBe(false);
    expect(navFor(staff, 'home', 4).filter((l) => l.unread !== null)).toEqual([
      { href: '/inbox', label: '消息', current: false, unread: 4 },
    ]);
  });

  it('tells the home page what the menu offers', () => {
    const can = navAccess(actor(['leader']));
    expect(can.keyProposals && can.proposals && can.reportInbox).toBe(true);
    expect(can.review || can.myProposals || can.directory).toBe(false);
  });
});
