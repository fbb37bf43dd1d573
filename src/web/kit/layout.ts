import type { UserView } from '../../auth/user-view';
import type { Actor } from '../../common/actor';
import { hasRole } from '../../common/actor';
import type { Role } from '../../common/roles';
import type { Organization } from '../../config/organization';
import type {
  DraftCommentSummaryView,
  DraftSummaryView,
  DraftView,
  PublicDraftView,
} from '../../drafts/dto/draft-view.dto';
import type { PlanItemView, PlanSummaryView, PlanView } from '../../plans/dto/plan-view.dto';
import type { ExtensionView } from '../../proposals/dto/proposal-parts.dto';
import type { ProposalStatsView } from '../../proposals/dto/proposal-stats.dto';
import type { ProposalView, SimilarProposalView } from '../../proposals/dto/proposal-view.dto';
import type { PublicProposalView } from '../../proposals/dto/public-proposal.dto';
import type { InboxItemView, ReportView } from '../../reports/reports.dto';
import type { DashboardView } from '../../stats/dto/dashboard.dto';
import type { MemberRecordView, RankingView } from '../../stats/dto/record.dto';
import type { PublicTopicView } from '../../topics/dto/public-topic.dto';
import type { MeetingView, OutcomeListItem, TopicSummaryView, TopicView } from '../../topics/dto/topic-view.dto';
import type {
  CalendarFeedStatusView,
  ConflictView,
  FreeBusyDayView,
  VisitParticipantView,
  VisitSummaryView,
  VisitView,
} from '../../visits/dto/visit-view.dto';
import type { Offers, ProposalRow, TimelineItem } from '../proposals/proposal-page-data';
import type { BoardColumn, MeetingOffers, OutcomeRow, PromisePanel, TopicOffers } from '../topics/topic-page-data';
import type { Picker } from '../visits/visit-choices';
import type { StopRow, UnitRow } from '../visits/visit-form';
import type { FormState } from './forms';
import type { Pager } from './paging';

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

/** The menu entry a proposal's own page belongs to, by the viewer's main role. */
export function proposalSectionFor(actor: Actor): ProposalSection {
  if (hasRole(actor, 'staff')) return 'proposals';
  if (hasRole(actor, 'leader')) return 'key-proposals';
  if (hasRole(actor, 'unit')) return 'assignments';
  return 'my-proposals';
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
  nav: Nav | null;
  /** The signed-in person's unread messages, shown beside 消息 in the menu (null: not counted for this page). */
  unread: number | null;
  section: Section;
  /** A directory page: 名录 is the current menu entry. */
  inDirectory: boolean;
  hasErrors: boolean;
}

export interface ErrorView {
  status: number;
  code: string;
  message: string;
  fields: string[];
}

export interface LoginView {
  form: FormState;
  next: string;
  notice: 'loggedOut' | 'expired' | null;
}

export interface HomeView {
  user: { displayName: string; roles: Role[] };
  can: Nav;
  done: string | null;
  /** 响应超时: topics whose response promise was missed, for facilitators (their point's) and staff; null for others. */
  breaches: number | null;
}

/** What every directory record view has; each list's template reads its own fields. */
export interface DirectoryItem {
  id: number;
  disabled: boolean;
  version: number;
}

export interface DirectoryListView {
  section: DirectorySection;
  basePath: string;
  items: DirectoryItem[];
  pager: Pager;
  q: string;
  /** The list's filters as typed (`q` and e.g. `sectorId`), for the search form. */
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  canEdit: boolean;
  done: string | null;
}

export interface DirectoryFormView {
  section: DirectorySection;
  basePath: string;
  action: string;
  form: FormState;
  record: DirectoryItem | null;
  choices: Record<string, Option[]>;
}

export interface UsersView {
  items: UserView[];
  pager: Pager;
  q: string;
  role: string;
  roles: Option[];
  done: string | null;
}

export interface UserFormView {
  action: string;
  form: FormState;
  user: UserView | null;
  roles: Option[];
}

export interface AuditView {
  items: {
    seq: number;
    at: Date;
    actorName: string;
    entity: string;
    verb: string;
    entityId: string;
    changes: { field: string; from: unknown; to: unknown; hasFrom: boolean }[];
  }[];
  pager: Pager;
  entityType: string;
}

export interface InboxView {
  items: {
    id: number;
    title: string;
    body: string;
    link: string | null;
    createdAt: Date;
    readAt: Date | null;
    unread: boolean;
  }[];
  pager: Pager;
  unreadOnly: boolean;
  unread: number;
  done: 'read' | 'all' | null;
  /** Where a mark-read form returns to. */
  back: string;
}

/** 我的提案, 我的办理, 提案审查, 全部提案 and 重点提案. */
export interface ProposalListView {
  items: ProposalRow[];
  pager: Pager;
  /** The list's filters as typed, for the search form and the page links. */
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  done: string | null;
  /** 提案审查: `submitted` 待审查, `accepted` 待交办, `extensions` 延期申请. */
  tab: string;
  /** 重点提案 rather than 全部提案. */
  keyOnly: boolean;
}

/** A proposal's page. */
export interface ProposalPageView {
  p: ProposalView;
  can: Offers;
  timeline: TimelineItem[];
  /** Co-signers yet to confirm, while a draft. */
  waitingFor: string[];
  pendingExtension: ExtensionView | null;
  /** The error of a button that did not work (submit, withdraw …). */
  form: FormState;
  done: string | null;
}

/** Filing a proposal, or editing the draft. */
export interface ProposalFilingView {
  action: string;
  form: FormState;
  choices: Record<string, Option[]>;
  editing: ProposalView | null;
}

/** One step's form on a proposal (review, assign, reply …): the proposal, the form, and what the step's page adds. */
export interface ProposalFormView<E = null> {
  p: ProposalView;
  action: string;
  form: FormState;
  choices: Record<string, Option[]>;
  extra: E;
}

export interface PublicProposalsView {
  items: PublicProposalView[];
  pager: Pager;
  q: string;
}

export interface PublicTopicsView {
  items: PublicTopicView[];
  pager: Pager;
  q: string;
}

/** A points line as the record page shows it, with the page of its source. */
export interface RecordLineRow {
  label: string;
  points: number;
  at: Date | null;
  href: string | null;
  sourceLabel: string;
}

/** 履职档案: a member's own page, or staff and leaders looking at one member. */
export interface RecordPageView {
  record: MemberRecordView;
  lines: RecordLineRow[];
  years: Option[];
  filters: { year: string };
  /** Where the year form goes (`/records/mine` or `/records/members/:id`). */
  path: string;
  mine: boolean;
}

export interface RankingPageView {
  ranking: RankingView;
  pager: Pager;
  years: Option[];
  choices: { sectors: Option[]; committees: Option[] };
  filters: { year: string; sectorId: string; committeeId: string };
  exportHref: string;
  /** Whether the records count visits (the 视察调研 column). */
  hasVisits: boolean;
}

export interface DashboardPageView {
  d: DashboardView;
  years: Option[];
  filters: { year: string };
  /** data: URIs of the server-drawn SVG charts. */
  charts: { byStatus: string; rates: string; topics: string; participation: string | null };
  /** 响应承诺 kept in full: topics with a promise and no miss. */
  promisesKept: number;
}

/** 协商议题: the five columns, 不予定题 apart, the filters. */
export interface TopicBoardView {
  columns: BoardColumn[];
  declined: BoardColumn;
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  tabs: TopicTabs;
  /** `?breached=0`: only the topics whose promise was kept so far. */
  kept: boolean;
  canRaise: boolean;
}

/** The board's tabs 五题看板 / 响应超时 with the current filters; the count only for staff, leaders and facilitators. */
export interface TopicTabs {
  board: string;
  breaches: string;
  breachCount: number | null;
}

/** 响应超时: the topics whose response promise was missed, which clocks, paged. */
export interface TopicBreachesView {
  items: TopicSummaryView[];
  pager: Pager;
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  tabs: TopicTabs;
}

/** A topic's page. */
export interface TopicPageView {
  t: TopicView;
  can: TopicOffers;
  /** 响应承诺: its clocks and the organiser's 回应 / 答复 (null: the topic has no promise). */
  promise: PromisePanel | null;
  themes: { theme: string | null; outcomes: OutcomeRow[] }[];
  timeline: TimelineItem[];
  /** A short history is shown open; a long one (the four meetings of a courtyard) folded. */
  historyOpen: boolean;
  /** The inline forms: 不予定题, 添加协商成果, 评题, 答复. */
  forms: { decline: FormState; outcome: FormState; evaluate: FormState; answer: FormState };
  choices: Record<string, Option[]>;
  /** The inline form that was sent back with errors (opened), if any. */
  failed: string | null;
  /** The errors of the last form sent, for the summary at the top. */
  form: FormState;
  done: string | null;
}

/** A meeting's page: who takes part, attendance, speeches, minutes. */
export interface MeetingPageView {
  m: MeetingView;
  can: MeetingOffers;
  forms: { participants: FormState; attendance: FormState; speech: FormState; hold: FormState };
  choices: Record<string, Option[]>;
  failed: string | null;
  form: FormState;
  done: string | null;
}

/** 成果办理: a unit's outcomes, each with its feedback form. */
export interface OutcomeListView {
  items: (OutcomeRow & Pick<OutcomeListItem, 'topic'>)[];
  pager: Pager;
  tab: string;
  form: FormState;
  done: string | null;
}

/** One typed context per template under `templates/views/`. */
export interface ViewContexts {
  error: ErrorView;
  login: LoginView;
  home: HomeView;
  'account/password': { form: FormState; username: string };
  directory: { canEdit: boolean };
  'directory/members': DirectoryListView;
  'directory/member-form': DirectoryFormView;
  'directory/sectors': DirectoryListView;
  'directory/sector-form': DirectoryFormView;
  'directory/committees': DirectoryListView;
  'directory/committee-form': DirectoryFormView;
  'directory/units': DirectoryListView;
  'directory/unit-form': DirectoryFormView;
  'directory/points': DirectoryListView;
  'directory/point-form': DirectoryFormView;
  'directory/sessions': DirectoryListView;
  'directory/session-form': DirectoryFormView;
  'admin/users': UsersView;
  'admin/user-form': UserFormView;
  'admin/audit': AuditView;
  inbox: InboxView;
  'proposals/mine': ProposalListView;
  'proposals/assignments': ProposalListView;
  'proposals/queue': ProposalListView;
  'proposals/index': ProposalListView;
  'proposals/overdue': ProposalListView;
  'proposals/stats': {
    stats: ProposalStatsView;
    sessions: Option[];
    /** The chosen session, as the session filter reads it. */
    filters: { sessionId: string };
    /** data: URIs of the server-drawn SVG charts. */
    charts: { rates: string; byCategory: string; byStatus: string; byUnit: string | null };
  };
  'proposals/show': ProposalPageView;
  'proposals/filing': ProposalFilingView;
  'proposals/evaluate': ProposalFormView;
  'proposals/review': ProposalFormView<{ similar: SimilarProposalView[] }>;
  'proposals/assign': ProposalFormView<{ defaultDeadline: Date }>;
  'proposals/decide-extension': ProposalFormView<{ request: ExtensionView }>;
  'proposals/communicate': ProposalFormView;
  'proposals/co-opinion': ProposalFormView;
  'proposals/return': ProposalFormView;
  'proposals/extension': ProposalFormView<{ maxMonths: number }>;
  'proposals/reply': ProposalFormView;
  'reports/index': { items: ReportView[]; pager: Pager; refresh: number | null; isStaff: boolean };
  'reports/inbox': { items: InboxItemView[]; unread: number; pager: Pager };
  'reports/show': {
    report: ReportView;
    pending: boolean;
    /** Seconds until the page reloads itself (public/app.js) while the report is being made. */
    refresh: number | null;
    canDeliver: boolean;
    leaders: Array<{ id: number; displayName: string; delivered: boolean }>;
    done: 'delivered' | null;
    error: string | null;
  };
  'records/show': RecordPageView;
  'records/ranking': RankingPageView;
  'records/dashboard': DashboardPageView;
  'public/proposals': PublicProposalsView;
  'public/topics': PublicTopicsView;
  'public/draft': { d: PublicDraftView; form: FormState; done: number | null };
  'drafts/index': { items: DraftSummaryView[]; pager: Pager; canCreate: boolean };
  'drafts/new': { form: FormState; choices: { organizers: Option[]; topics: Option[] }; staff: boolean };
  'drafts/show': {
    d: DraftView;
    summary: DraftCommentSummaryView;
    form: FormState;
    done: string | null;
    can: { open: boolean; close: boolean; record: boolean; revise: boolean; dispose: boolean };
    dispositions: Option[];
  };
  /** A participant's comment page, or (`record`) the organiser typing in a paper 征求意见表. */
  'drafts/comment': { d: DraftView; form: FormState; record: boolean; done: string | null };
  'drafts/revise': { d: DraftView; form: FormState };
  'plans/index': { items: PlanSummaryView[]; year: string; form: FormState; canCreate: boolean };
  'plans/show': {
    plan: PlanView;
    quarters: { label: string; items: PlanItemView[] }[];
    form: FormState;
    done: string | null;
    can: { edit: boolean; approve: boolean; start: boolean };
    choices: { organizers: Option[]; forms: Option[]; quarters: Option[]; units: Option[] };
  };
  'topics/board': TopicBoardView;
  'topics/breaches': TopicBreachesView;
  'topics/new': { action: string; form: FormState; choices: Record<string, Option[]> };
  'topics/show': TopicPageView;
  'topics/meeting-new': { t: TopicView; action: string; form: FormState; choices: Record<string, Option[]> };
  'topics/meeting': MeetingPageView;
  'topics/outcomes': OutcomeListView;
  'visits/index': {
    tab: string;
    items: VisitSummaryView[];
    started: VisitSummaryView[];
    pager: Pager;
    filters: { tab: string; from: string; to: string };
    canPlan: boolean;
  };
  /** 安排视察调研 (editing null) or 修改行程. */
  'visits/planner': {
    editing: VisitView | null;
    action: string;
    form: FormState;
    stops: (StopRow & { n: number })[];
    unitPeople: UnitRow[];
    conflicts: ConflictView[];
    picker: Picker | null;
    choices: { kinds: Option[]; organizers: Option[] };
    freeBusyHref: string;
    /** For the script's conflict check: the zone `datetime-local` fields are read in, and its offset now. */
    zone: { name: string; offset: string };
  };
  'visits/invite': {
    v: VisitView;
    form: FormState;
    conflicts: ConflictView[];
    picker: Picker;
    unitPeople: UnitRow[];
    freeBusyHref: string;
    zone: { name: string; offset: string };
  };
  'visits/free-busy': {
    days: (FreeBusyDayView & { label: string; weekend: boolean })[];
    rows: { name: string; cells: { date: string; weekend: boolean; busy: boolean; title: string }[] }[];
    filters: { from: string; to: string };
    picker: Picker;
    plannerHref: string;
  };
  'visits/show': {
    v: VisitView;
    can: Record<
      | 'edit'
      | 'complete'
      | 'completeLater'
      | 'cancel'
      | 'record'
      | 'rsvp'
      | 'topic'
      | 'proposal'
      | 'report'
      | 'seeReasons',
      boolean
    >;
    mine: VisitParticipantView | null;
    done: string | null;
    back: string;
    forms: Record<'rsvp' | 'finding' | 'photo' | 'cancel' | 'topic' | 'proposal' | 'action', FormState>;
    summary: FormState['summary'];
    choices: Record<'answers' | 'stops' | 'levels' | 'sessions' | 'categories', Option[]>;
  };
  schedule: {
    upcoming: VisitSummaryView[];
    pendingCount: number;
    meetings: {
      id: number;
      topicId: number;
      topicTitle: string;
      kindLabel: string;
      title: string;
      venue: string;
      startsAt: Date;
      endsAt: Date;
      attendanceLabel: string | null;
    }[];
    past: { href: string | null; kindLabel: string; title: string; startsAt: string; endsAt: string; note: string }[];
    feed: CalendarFeedStatusView;
    feedUrl: string | null;
    done: string | null;
  };
}
