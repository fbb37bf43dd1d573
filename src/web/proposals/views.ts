import type { CommitmentRatesView, CommitmentView } from '../../proposals/dto/commitment.dto';
import type { ExtensionView } from '../../proposals/dto/proposal-parts.dto';
import type { ProposalStatsView } from '../../proposals/dto/proposal-stats.dto';
import type { ProposalView, SimilarProposalView } from '../../proposals/dto/proposal-view.dto';
import type { FrameLines, LetterPreview } from '../../proposals/reply-body';
import type { InstructionSection } from '../instructions/views';
import type { ChartImage } from '../kit/chart-images';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import { doneHref, type Pager } from '../kit/paging';
import type { TimelineItem } from '../kit/timeline';
import type { ProposalComparison } from './proposal-compare';
import type { Offers, ProposalRow } from './proposal-page-data';

/**
 * The banners of the proposal pages after a step (`?done=`), one message each in templates/partials/proposals/done.hbs
 * (views.spec.ts holds the two lists together). Every key the code sends is a ProposalDone, so a typo does not compile;
 * a key typed into the address bar that is none of these still shows 操作已完成.
 */
export const PROPOSAL_DONE = [
  'created',
  'updated',
  'submitted',
  'withdrawn',
  'cosigned',
  'cosign-declined',
  'evaluated',
  'reviewed',
  'assigned',
  'extension-decided',
  'excellent',
  'key',
  'communicated',
  'co-opinion',
  'returned',
  'extension-requested',
  'replied',
  'chased',
  'commitment-reported',
  'commitment-judged',
] as const;
export type ProposalDone = (typeof PROPOSAL_DONE)[number];

/** The proposal page at `path` with the banner of the step just taken. */
export const proposalDoneHref = (path: string, done: ProposalDone): string => doneHref(path, done);

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
  /** The Excel file of every proposal the filters select (null: the list has none). */
  exportHref: string | null;
}

/** A proposal's page. */
export interface ProposalPageView {
  p: ProposalView;
  can: Offers;
  timeline: TimelineItem[];
  /** Co-signers yet to confirm, while a draft. */
  waitingFor: string[];
  pendingExtension: ExtensionView | null;
  /** 承诺事项 of its replies (回头看), with the forms the reader may use. */
  commitments: CommitmentView[];
  /** 领导批示 on a key proposal, for staff and leaders; none otherwise. */
  instructions: InstructionSection | null;
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

/** 答复: the frame lines found in the typed body (to trim), and the whole letter as text once something is typed. */
export interface ReplyFormExtra {
  frame: FrameLines | null;
  preview: LetterPreview | null;
  /** 承诺事项 rows: their field names. */
  commitmentRows: { n: number; text: string; due: string }[];
}

/** 审查: the similar proposals offered (at or above `minPercent`) and the one compared beside the reviewed, if any. */
export interface ReviewDeskExtra {
  similar: SimilarProposalView[];
  minPercent: number;
  compare: ProposalComparison | null;
  /** The id of the one compared (0: none), to mark it in the list. */
  compareId: number;
}

/** One step's form on a proposal (review, assign, reply …): the proposal, the form, and what the step's page adds. */
export interface ProposalFormView<E = null> {
  p: ProposalView;
  action: string;
  form: FormState;
  choices: Record<string, Option[]>;
  extra: E;
}

/** 回头看: the commitments as filtered, and for staff and leaders the kept-on-time rates by unit. */
export interface FollowUpView {
  items: CommitmentView[];
  pager: Pager;
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  rates: CommitmentRatesView | null;
  /** The Excel export of the list as filtered, for staff and leaders. */
  exportHref: string | null;
  /** 起草回头看报告 (staff), for the year filtered or, with none, this year. */
  canDraft: boolean;
  draftYear: number | null;
}

/** The proposal journey's views, each with its typed context. */
declare module '../kit/layout' {
  interface ViewContexts {
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
      /** The server-drawn SVG charts, for a laptop and for a phone. */
      charts: { rates: ChartImage | null; byCategory: ChartImage; byStatus: ChartImage; byUnit: ChartImage | null };
    };
    'proposals/show': ProposalPageView;
    'proposals/filing': ProposalFilingView;
    'proposals/evaluate': ProposalFormView;
    'proposals/review': ProposalFormView<ReviewDeskExtra>;
    'proposals/assign': ProposalFormView<{ defaultDeadline: Date }>;
    'proposals/decide-extension': ProposalFormView<{ request: ExtensionView }>;
    'proposals/communicate': ProposalFormView;
    'proposals/co-opinion': ProposalFormView;
    'proposals/return': ProposalFormView;
    'proposals/extension': ProposalFormView<{ maxMonths: number }>;
    'proposals/reply': ProposalFormView<ReplyFormExtra>;
    'proposals/follow-up': FollowUpView;
  }
}
