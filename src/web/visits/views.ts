import type {
  CalendarFeedStatusView,
  ConflictView,
  FreeBusyDayView,
  VisitParticipantView,
  VisitSummaryView,
  VisitView,
} from '../../visits/dto/visit-view.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import type { NoticePanel } from '../kit/notice-panel';
import type { Pager } from '../kit/paging';
import type { Picker } from './visit-choices';
import type { StopRow, UnitRow } from './visit-form';

/** The visits journey's views, each with its typed context: the planner, a visit's page, 我的日程. */
declare module '../kit/layout' {
  interface ViewContexts {
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
        | 'briefing'
        | 'seeReasons'
        | 'notice',
        boolean
      >;
      mine: VisitParticipantView | null;
      done: string | null;
      /** 会议通知 and 通知回执 (staff). */
      notice: NoticePanel | null;
      back: string;
      forms: Record<'rsvp' | 'finding' | 'photo' | 'cancel' | 'topic' | 'proposal' | 'notice' | 'action', FormState>;
      summary: FormState['summary'];
      choices: Record<'answers' | 'stops' | 'levels' | 'sessions' | 'categories' | 'themes', Option[]>;
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
}
