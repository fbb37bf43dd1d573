import type { OutcomeListItem, TopicSummaryView, TopicView, MeetingView } from '../../topics/dto/topic-view.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import type { NoticePanel } from '../kit/notice-panel';
import { doneHref, type Pager } from '../kit/paging';
import type { TimelineItem } from '../kit/timeline';
import type { BoardColumn, MeetingOffers, OutcomeRow, PromisePanel, TopicOffers } from './topic-page-data';

/**
 * The banners of the topic, meeting and 成果办理 pages after a step (`?done=`), one message each in
 * templates/partials/topics/done.hbs (views.spec.ts holds the two lists together). Every key the code sends is a
 * TopicDone, so a typo does not compile.
 */
export const TOPIC_DONE = [
  'created',
  'settled',
  'declined',
  'meeting-created',
  'participants',
  'attendance',
  'speech',
  'held',
  'outcome-added',
  'resolved',
  'feedback',
  'evaluated',
  'closed',
  'published',
  'acknowledged',
  'answered',
  'notice-sent',
] as const;
export type TopicDone = (typeof TOPIC_DONE)[number];

/** The page at `path` (a topic's, a meeting's, 成果办理) with the banner of the step just taken. */
export const topicDoneHref = (path: string, done: TopicDone): string => doneHref(path, done);

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
  /** notice: 发送会议通知 (the organiser's, before the meeting). */
  can: MeetingOffers & { notice: boolean };
  forms: { participants: FormState; attendance: FormState; speech: FormState; hold: FormState; notice: FormState };
  /** 会议通知 and 通知回执 (the organiser's). */
  notice: NoticePanel | null;
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

/** The topics journey's views, each with its typed context: the board, a topic's and a meeting's page, 成果办理. */
declare module '../kit/layout' {
  interface ViewContexts {
    'topics/board': TopicBoardView;
    'topics/breaches': TopicBreachesView;
    'topics/new': { action: string; form: FormState; choices: Record<string, Option[]> };
    'topics/show': TopicPageView;
    'topics/meeting-new': { t: TopicView; action: string; form: FormState; choices: Record<string, Option[]> };
    'topics/meeting': MeetingPageView;
    'topics/outcomes': OutcomeListView;
  }
}
