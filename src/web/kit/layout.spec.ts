import { testActor } from '../../../test/support/actors';
import type { Actor } from '../../common/actor';
import { navAccess, navFor, navMenu } from './layout';

const actor = testActor;
const labels = (a: Actor) => navFor(a, 'home', null).map((l) => l.label);

describe('the main menu', () => {
  it('shows each role its entries, in one order', () => {
    expect(labels(actor(['member'], { memberId: 3 }))).toEqual([
      '首页',
      '消息',
      '我的提案',
      '我的社情民意',
      '协商议题',
      '我的日程',
      '履职档案',
      '报告',
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
      { href: '/inbox', label: '消息', current: false, unread: 4, group: null },
    ]);
  });

  it('groups the entries by work, 首页 and 消息 on their own, and a group of one entry as that entry alone', () => {
    const parts = (a: Actor) =>
      navMenu(a, 'home', 2).parts.map((p) =>
        p.label ? `${p.label}：${p.links.map((l) => l.label).join(' ')}` : p.links[0].label,
      );
    expect(parts(actor(['staff']))).toEqual([
      '首页',
      '消息',
      '提案：提案审查 全部提案 超期提案 回头看 办理统计',
      '社情民意：信息审核 信息统计 信息员',
      '协商：协商议题 批示交办 征求意见 协商计划',
      '视察调研',
      '履职排名',
      '报告：年度概览 报告',
      '系统：名录 修改密码',
    ]);
    // Each group of work, even of one entry, is set apart from the next; 首页 and 消息 are not in one.
    expect(navMenu(actor(['staff']), 'home', 2).parts.map((p) => p.ofGroup)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    // A member has one entry in each group: the entries read alone, without a label over each.
    expect(parts(actor(['member'], { memberId: 3 }))).toEqual(labels(actor(['member'], { memberId: 3 })));
    const leader = navMenu(actor(['leader']), 'report-inbox', 5);
    const reports = leader.parts.find((p) => p.label === '报告');
    expect(reports).toMatchObject({
      id: 'nav-reports',
      links: [{ label: '收文', current: true }, { label: '年度概览' }, { label: '报告' }],
    });
    // The folded menu's button carries the unread count.
    expect(leader.unread).toBe(5);
  });

  it('tells the home page what the menu offers', () => {
    const can = navAccess(actor(['leader']));
    expect(can.keyProposals && can.proposals && can.reportInbox).toBe(true);
    expect(can.review || can.myProposals || can.directory).toBe(false);
  });
});
