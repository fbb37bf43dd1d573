import { Actor, hasRole } from '../../common/actor';
import type { Role } from '../../common/roles';
import type { Organization } from '../../config/organization';

/*
 * What every page shares: the menu, the layout around the view, and the registry of views. Each journey adds
 * its views to `ViewContexts` by declaration merging in its own views.ts, so no file imports every page.
 */

/** The directory lists, by their path under /directory/. */
export const DIRECTORY_SECTIONS = ['members', 'sectors', 'committees', 'units', 'points', 'sessions'] as const;
export type DirectorySection = (typeof DIRECTORY_SECTIONS)[number];

/** The menu entry shown as the current one (`aria-current="page"`). */
export type Section =
  | 'home'
  | 'account'
  | 'login'
  | 'error'
  | 'directory'
  | DirectorySection
  | 'users'
  | 'audit'
  | 'security-events'
  | 'inbox'
  | 'reports'
  | 'report-inbox'
  | 'public'
  | 'topics'
  | 'outcomes'
  | 'instructions'
  | 'drafts'
  | 'plans'
  | 'visits'
  | 'schedule'
  | ProposalSection
  | 'my-record'
  | 'records'
  | 'dashboard'
  | 'my-opinions'
  | 'opinion-stats'
  | 'opinion-informants'
  | 'opinions';

/** The proposal menu entries. */
export type ProposalSection =
  | 'my-proposals'
  | 'review'
  | 'assignments'
  | 'key-proposals'
  | 'proposals'
  | 'overdue'
  | 'proposal-stats'
  | 'follow-up';

/** An entry of the main menu. */
export interface NavEntry {
  /** How the home page's cards ask whether the person may reach it (`can.myProposals`). */
  key: string;
  href: string;
  label: string;
  /** The page sections it is the current entry on (`aria-current="page"`). */
  section?: Section | readonly Section[];
  /** Whether the signed-in person sees it. */
  show: (actor: Actor) => boolean;
  /** 消息: the unread count beside the label. */
  countsUnread?: boolean;
  /** The kind of work it belongs to (none: 首页 and 消息, on their own). */
  group?: NavGroup;
}

const everyone = () => true;
const anyOf =
  (...roles: Role[]) =>
  (actor: Actor) =>
    hasRole(actor, ...roles);
/** A member account linked to its member (a record, proposals, a schedule). */
const ownMember = (actor: Actor) => hasRole(actor, 'member') && actor.memberId !== null;
/** A unit account linked to its unit. */
const ownUnit = (actor: Actor) => hasRole(actor, 'unit') && actor.unitId !== null;

/** The kinds of work the menu is grouped by; 首页 and 消息 stand on their own. */
export const NAV_GROUPS = {
  proposals: '提案',
  opinions: '社情民意',
  consultation: '协商',
  visits: '视察调研',
  duty: '履职',
  reports: '报告',
  system: '系统',
} as const;
export type NavGroup = keyof typeof NAV_GROUPS;

/**
 * The main menu, in its order: one list, each entry shown to whom it serves and in its group of work (entries of a
 * group stand together). A new page adds its entry here.
 */
export const NAV = [
  { key: 'home', href: '/', label: '首页', section: 'home', show: everyone },
  { key: 'inbox', href: '/inbox', label: '消息', section: 'inbox', show: everyone, countsUnread: true },
  {
    key: 'myProposals',
    href: '/proposals/mine',
    label: '我的提案',
    section: 'my-proposals',
    show: ownMember,
    group: 'proposals',
  },
  {
    key: 'review',
    href: '/proposals/review',
    label: '提案审查',
    section: 'review',
    show: anyOf('staff'),
    group: 'proposals',
  },
  {
    key: 'assignments',
    href: '/proposals/assignments',
    label: '我的办理',
    section: 'assignments',
    show: ownUnit,
    group: 'proposals',
  },
  {
    key: 'keyProposals',
    href: '/proposals/key',
    label: '重点提案',
    section: 'key-proposals',
    show: anyOf('leader'),
    group: 'proposals',
  },
  {
    key: 'proposals',
    href: '/proposals',
    label: '全部提案',
    section: 'proposals',
    show: anyOf('staff', 'leader'),
    group: 'proposals',
  },
  /** 超期提案, with 催办 on each row. */
  {
    key: 'overdue',
    href: '/proposals/overdue',
    label: '超期提案',
    section: 'overdue',
    show: anyOf('staff'),
    group: 'proposals',
  },
  /** 回头看: the commitments of B/C replies, due, overdue and kept (a unit its own). */
  {
    key: 'followUp',
    href: '/proposals/follow-up',
    label: '回头看',
    section: 'follow-up',
    show: (actor) => anyOf('staff', 'leader')(actor) || ownUnit(actor),
    group: 'proposals',
  },
  /** 办理统计: the rates with charts. */
  {
    key: 'proposalStats',
    href: '/proposals/stats',
    label: '办理统计',
    section: 'proposal-stats',
    show: anyOf('staff', 'leader'),
    group: 'proposals',
  },
  /** 我的社情民意: a member's items, their status and the staff's note. */
  {
    key: 'myOpinions',
    href: '/opinions/mine',
    label: '我的社情民意',
    section: 'my-opinions',
    show: ownMember,
    group: 'opinions',
  },
  /** 社情民意审核: the staff's review desk. */
  {
    key: 'opinions',
    href: '/opinions',
    label: '信息审核',
    section: 'opinions',
    show: anyOf('staff'),
    group: 'opinions',
  },
  /** 社情民意统计: the year by member, sector, committee and month, with 采用率 and the Excel export. */
  {
    key: 'opinionStats',
    href: '/opinions/stats',
    label: '信息统计',
    section: 'opinion-stats',
    show: anyOf('staff'),
    group: 'opinions',
  },
  /** 信息员名单: the roster with each informant's month against the quota; appoint, adjust, end. */
  {
    key: 'opinionInformants',
    href: '/opinions/informants',
    label: '信息员',
    section: 'opinion-informants',
    show: anyOf('staff'),
    group: 'opinions',
  },
  /** 协商议题: the five-step board, as each role may read it. */
  {
    key: 'topics',
    href: '/topics',
    label: '协商议题',
    section: 'topics',
    show: anyOf('staff', 'leader', 'member', 'unit', 'facilitator'),
    group: 'consultation',
  },
  /** 成果办理: a unit's consultation outcomes, with feedback. */
  { key: 'outcomes', href: '/outcomes', label: '成果办理', section: 'outcomes', show: ownUnit, group: 'consultation' },
  /** 批示交办: the 交办事项 of leaders' 批示 — a unit's own, with its report form; staff all, to accept or return. */
  {
    key: 'instructionItems',
    href: '/instructions/items',
    label: '批示交办',
    section: 'instructions',
    show: (actor: Actor) => ownUnit(actor) || hasRole(actor, 'staff'),
    group: 'consultation',
  },
  /** 征求意见: the organisers'. */
  {
    key: 'drafts',
    href: '/drafts',
    label: '征求意见',
    section: 'drafts',
    show: anyOf('staff', 'facilitator'),
    group: 'consultation',
  },
  /** 年度协商计划 (staff; leaders read it). */
  {
    key: 'plans',
    href: '/plans',
    label: '协商计划',
    section: 'plans',
    show: anyOf('staff', 'leader'),
    group: 'consultation',
  },
  /** 我的日程: invitations to visits, meetings, the calendar feed. */
  { key: 'schedule', href: '/schedule', label: '我的日程', section: 'schedule', show: ownMember, group: 'visits' },
  /** 视察调研: the planner (staff; leaders read it). */
  {
    key: 'visits',
    href: '/visits',
    label: '视察调研',
    section: 'visits',
    show: anyOf('staff', 'leader'),
    group: 'visits',
  },
  { key: 'myRecord', href: '/records/mine', label: '履职档案', section: 'my-record', show: ownMember, group: 'duty' },
  {
    key: 'records',
    href: '/records',
    label: '履职排名',
    section: 'records',
    show: anyOf('staff', 'leader'),
    group: 'duty',
  },
  /** 收文: reports delivered to leaders. */
  {
    key: 'reportInbox',
    href: '/reports/inbox',
    label: '收文',
    section: 'report-inbox',
    show: anyOf('leader'),
    group: 'reports',
  },
  {
    key: 'dashboard',
    href: '/dashboard',
    label: '年度概览',
    section: 'dashboard',
    show: anyOf('staff', 'leader'),
    group: 'reports',
  },
  /** 报告: what each requested or received; staff all. */
  {
    key: 'reports',
    href: '/reports',
    label: '报告',
    section: 'reports',
    show: anyOf('staff', 'leader', 'member', 'unit', 'facilitator'),
    group: 'reports',
  },
  {
    key: 'directory',
    href: '/directory',
    label: '名录',
    section: ['directory', ...DIRECTORY_SECTIONS],
    show: anyOf('admin', 'staff'),
    group: 'system',
  },
  { key: 'users', href: '/admin/users', label: '账号管理', section: 'users', show: anyOf('admin'), group: 'system' },
  { key: 'audit', href: '/admin/audit', label: '审计日志', section: 'audit', show: anyOf('admin'), group: 'system' },
  /** 安全事件: sign-ins, failures, lock-outs, refused requests (等保 安全审计). */
  {
    key: 'securityEvents',
    href: '/admin/security-events',
    label: '安全事件',
    section: 'security-events',
    show: anyOf('admin'),
    group: 'system',
  },
  {
    key: 'account',
    href: '/account/password',
    label: '修改密码',
    section: 'account',
    show: everyone,
    group: 'system',
  },
] as const satisfies readonly NavEntry[];

export type NavKey = (typeof NAV)[number]['key'];

/** Which menu entries the signed-in person may reach (the home page's cards follow the menu). */
export type NavAccess = Record<NavKey, boolean>;

export function navAccess(actor: Actor): NavAccess {
  return Object.fromEntries(NAV.map((e) => [e.key, e.show(actor)])) as NavAccess;
}

/** A menu link as the layout prints it. */
export interface NavLink {
  href: string;
  label: string;
  /** The page's own entry: `aria-current="page"`. */
  current: boolean;
  /** Beside 消息: the unread messages (null: none counted). */
  unread: number | null;
  /** Its group of work (null: on its own). */
  group: NavGroup | null;
}

/**
 * A part of the menu as the layout prints it: a group of work with its label (`<ul aria-labelledby>`), or an entry
 * on its own (`label` null) — 首页, 消息, and the only entry a person has in a group, which reads better alone.
 */
export interface NavPart {
  /** `nav-proposals`: the id of the group's label (null: an entry on its own). */
  id: string | null;
  label: string | null;
  links: NavLink[];
  /** Whether it is (the one entry of) a group of work, set apart from its neighbours; false for 首页 and 消息. */
  ofGroup: boolean;
}

/** The main menu of the signed-in person: its parts, and the unread count the folded menu's button carries. */
export interface NavMenu {
  parts: NavPart[];
  unread: number | null;
}

/** The menu of the signed-in person on a page of `section`; 消息 carries their unread count. */
export function navFor(actor: Actor, section: Section, unread: number | null): NavLink[] {
  const on = (e: NavEntry) => (typeof e.section === 'string' ? [e.section] : (e.section ?? [])).includes(section);
  return NAV.filter((e) => e.show(actor)).map((e: NavEntry) => ({
    href: e.href,
    label: e.label,
    current: on(e),
    unread: e.countsUnread ? unread : null,
    group: e.group ?? null,
  }));
}

/** The menu of `navFor` in its groups of work, in the order of `NAV`. */
export function navMenu(actor: Actor, section: Section, unread: number | null): NavMenu {
  const parts: NavPart[] = [];
  for (const link of navFor(actor, section, unread)) {
    const last = parts.at(-1);
    if (link.group && last?.links[0].group === link.group) last.links.push(link);
    else {
      const group = link.group;
      parts.push({ id: group && `nav-${group}`, label: group && NAV_GROUPS[group], links: [link], ofGroup: !!group });
    }
  }
  return {
    parts: parts.map((p) => (p.links.length === 1 ? { ...p, id: null, label: null } : p)),
    unread: unread,
  };
}

export interface Option {
  value: string;
  label: string;
}

export interface LayoutContext {
  title: string;
  body: string;
  assetVersion: string;
  csrf: string;
  org: Organization;
  user: { displayName: string; roles: Role[] } | null;
  /** The main menu of the signed-in person (null: signed out). */
  nav: NavMenu | null;
  hasErrors: boolean;
}

/**
 * One typed context per template under `templates/views/`. Empty here: each journey adds its own by declaration merging,
 * `declare module '../kit/layout' { interface ViewContexts { 'proposals/show': ProposalPageView } }`, as jobs/job-types.ts
 * does for job payloads.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ViewContexts {}
