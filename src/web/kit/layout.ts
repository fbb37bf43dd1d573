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
  | 'drafts'
  | 'plans'
  | 'visits'
  | 'schedule'
  | ProposalSection
  | 'my-record'
  | 'records'
  | 'dashboard';

/** The proposal menu entries. */
export type ProposalSection =
  'my-proposals' | 'review' | 'assignments' | 'key-proposals' | 'proposals' | 'overdue' | 'proposal-stats';

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

/** The main menu, in its order: one list, each entry shown to whom it serves. A new page adds its entry here. */
export const NAV = [
  { key: 'home', href: '/', label: '首页', section: 'home', show: everyone },
  { key: 'myProposals', href: '/proposals/mine', label: '我的提案', section: 'my-proposals', show: ownMember },
  { key: 'review', href: '/proposals/review', label: '提案审查', section: 'review', show: anyOf('staff') },
  { key: 'assignments', href: '/proposals/assignments', label: '我的办理', section: 'assignments', show: ownUnit },
  { key: 'keyProposals', href: '/proposals/key', label: '重点提案', section: 'key-proposals', show: anyOf('leader') },
  { key: 'proposals', href: '/proposals', label: '全部提案', section: 'proposals', show: anyOf('staff', 'leader') },
  /** 超期提案, with 催办 on each row. */
  { key: 'overdue', href: '/proposals/overdue', label: '超期提案', section: 'overdue', show: anyOf('staff') },
  /** 办理统计: the rates with charts. */
  {
    key: 'proposalStats',
    href: '/proposals/stats',
    label: '办理统计',
    section: 'proposal-stats',
    show: anyOf('staff', 'leader'),
  },
  /** 协商议题: the five-step board, as each role may read it. */
  {
    key: 'topics',
    href: '/topics',
    label: '协商议题',
    section: 'topics',
    show: anyOf('staff', 'leader', 'member', 'unit', 'facilitator'),
  },
  /** 成果办理: a unit's consultation outcomes, with feedback. */
  { key: 'outcomes', href: '/outcomes', label: '成果办理', section: 'outcomes', show: ownUnit },
  { key: 'myRecord', href: '/records/mine', label: '履职档案', section: 'my-record', show: ownMember },
  { key: 'dashboard', href: '/dashboard', label: '年度概览', section: 'dashboard', show: anyOf('staff', 'leader') },
  { key: 'records', href: '/records', label: '履职排名', section: 'records', show: anyOf('staff', 'leader') },
  /** 征求意见: the organisers'. */
  { key: 'drafts', href: '/drafts', label: '征求意见', section: 'drafts', show: anyOf('staff', 'facilitator') },
  /** 我的日程: invitations to visits, meetings, the calendar feed. */
  { key: 'schedule', href: '/schedule', label: '我的日程', section: 'schedule', show: ownMember },
  /** 视察调研: the planner (staff; leaders read it). */
  { key: 'visits', href: '/visits', label: '视察调研', section: 'visits', show: anyOf('staff', 'leader') },
  /** 年度协商计划 (staff; leaders read it). */
  { key: 'plans', href: '/plans', label: '协商计划', section: 'plans', show: anyOf('staff', 'leader') },
  /** 收文: reports delivered to leaders. */
  { key: 'reportInbox', href: '/reports/inbox', label: '收文', section: 'report-inbox', show: anyOf('leader') },
  /** 报告: what each requested or received; staff all. */
  {
    key: 'reports',
    href: '/reports',
    label: '报告',
    section: 'reports',
    show: anyOf('staff', 'leader', 'member', 'unit'),
  },
  { key: 'inbox', href: '/inbox', label: '消息', section: 'inbox', show: everyone, countsUnread: true },
  {
    key: 'directory',
    href: '/directory',
    label: '名录',
    section: ['directory', ...DIRECTORY_SECTIONS],
    show: anyOf('admin', 'staff'),
  },
  { key: 'users', href: '/admin/users', label: '账号管理', section: 'users', show: anyOf('admin') },
  { key: 'audit', href: '/admin/audit', label: '审计日志', section: 'audit', show: anyOf('admin') },
  /** 安全事件: sign-ins, failures, lock-outs, refused requests (等保 安全审计). */
  {
    key: 'securityEvents',
    href: '/admin/security-events',
    label: '安全事件',
    section: 'security-events',
    show: anyOf('admin'),
  },
  { key: 'account', href: '/account/password', label: '修改密码', section: 'account', show: everyone },
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
}

/** The menu of the signed-in person on a page of `section`; 消息 carries their unread count. */
export function navFor(actor: Actor, section: Section, unread: number | null): NavLink[] {
  const on = (e: NavEntry) => (typeof e.section === 'string' ? [e.section] : (e.section ?? [])).includes(section);
  return NAV.filter((e) => e.show(actor)).map((e: NavEntry) => ({
    href: e.href,
    label: e.label,
    current: on(e),
    unread: e.countsUnread ? unread : null,
  }));
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
  nav: NavLink[] | null;
  hasErrors: boolean;
}

/**
 * One typed context per template under `templates/views/`. Empty here: each journey adds its own by declaration merging,
 * `declare module '../kit/layout' { interface ViewContexts { 'proposals/show': ProposalPageView } }`, as jobs/job-types.ts
 * does for job payloads.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ViewContexts {}
