import type { Actor } from '../../common/actor';
import { hasRole } from '../../common/actor';
import type { Role } from '../../common/roles';
import type { Organization } from '../../config/organization';

/*
 * What every page shares: the menu, the layout around the view, and the registry of views. Each journey adds
 * its views to `ViewContexts` by declaration merging in its own views.ts, so no file imports every page.
 */

/** What the signed-in person may reach from the menu; the labels are in the layout template. */
export interface Nav {
  /** 我的提案 (members) */
  myProposals: boolean;
  /** 提案审查 (staff) */
  review: boolean;
  /** 我的办理 (units) */
  assignments: boolean;
  /** 重点提案 (leaders) */
  keyProposals: boolean;
  /** 全部提案 (staff, leaders) */
  proposals: boolean;
  /** 超期提案 with 催办 (staff) */
  overdue: boolean;
  /** 办理统计: the rates with charts (staff, leaders) */
  proposalStats: boolean;
  /** 我的履职档案 (members) */
  myRecord: boolean;
  /** 履职排名 (staff, leaders) */
  records: boolean;
  /** 领导驾驶舱 (leaders, staff) */
  dashboard: boolean;
  /** 报告 (everyone who handles proposals: what they requested or received; staff all) */
  reports: boolean;
  /** 收文 (leaders: reports delivered to them) */
  reportInbox: boolean;
  /** 征求意见 (organisers: staff, facilitators) */
  drafts: boolean;
  /** 年度协商计划 (staff; leaders read it) */
  plans: boolean;
  /** 协商议题: the five-step board, as each role may read it */
  topics: boolean;
  /** 成果办理: a unit's consultation outcomes, with feedback */
  outcomes: boolean;
  /** 视察调研: the planner (staff; leaders read it) */
  visits: boolean;
  /** 我的日程: invitations to visits, meetings, the calendar feed (members) */
  schedule: boolean;
  directory: boolean;
  users: boolean;
  audit: boolean;
}

export function navFor(actor: Actor): Nav {
  return {
    myProposals: hasRole(actor, 'member') && actor.memberId !== null,
    review: hasRole(actor, 'staff'),
    assignments: hasRole(actor, 'unit') && actor.unitId !== null,
    keyProposals: hasRole(actor, 'leader'),
    proposals: hasRole(actor, 'staff', 'leader'),
    overdue: hasRole(actor, 'staff'),
    proposalStats: hasRole(actor, 'staff', 'leader'),
    myRecord: hasRole(actor, 'member') && actor.memberId !== null,
    records: hasRole(actor, 'staff', 'leader'),
    dashboard: hasRole(actor, 'staff', 'leader'),
    reports: hasRole(actor, 'staff', 'leader', 'member', 'unit'),
    reportInbox: hasRole(actor, 'leader'),
    drafts: hasRole(actor, 'staff', 'facilitator'),
    plans: hasRole(actor, 'staff', 'leader'),
    topics: hasRole(actor, 'staff', 'leader', 'member', 'unit', 'facilitator'),
    outcomes: hasRole(actor, 'unit') && actor.unitId !== null,
    visits: hasRole(actor, 'staff', 'leader'),
    schedule: hasRole(actor, 'member') && actor.memberId !== null,
    directory: hasRole(actor, 'admin', 'staff'),
    users: hasRole(actor, 'admin'),
    audit: hasRole(actor, 'admin'),
  };
}

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
  nav: Nav | null;
  /** The signed-in person's unread messages, shown beside 消息 in the menu (null: not counted for this page). */
  unread: number | null;
  section: Section;
  /** A directory page: 名录 is the current menu entry. */
  inDirectory: boolean;
  hasErrors: boolean;
}

/**
 * One typed context per template under `templates/views/`. Empty here: each journey adds its own by declaration merging,
 * `declare module '../kit/layout' { interface ViewContexts { 'proposals/show': ProposalPageView } }`, as jobs/job-types.ts
 * does for job payloads.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ViewContexts {}
