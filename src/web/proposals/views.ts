import type { ExtensionView } from '../../proposals/dto/proposal-parts.dto';
import type { ProposalStatsView } from '../../proposals/dto/proposal-stats.dto';
import type { ProposalView, SimilarProposalView } from '../../proposals/dto/proposal-view.dto';
import type { FrameLines, LetterPreview } from '../../proposals/reply-body';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import { doneHref, type Pager } from '../kit/paging';
import type { TimelineItem } from '../kit/timeline';
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

/** 答复: the frame lines found in the typed body (to trim), and the whole letter as text once something is typed. */
export interface ReplyFormExtra {
  frame: FrameLines | null;
  preview: LetterPreview | null;
}

/** One step's form on a proposal (review, assign, reply …): the proposal, the form, and what the step's page adds. */
export interface ProposalFormView<E = null> {
  p: ProposalView;
  action: string;
  form: FormState;
  choices: Record<string, Option[]>;
  extra: E;
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
      /** data: URIs of the server-drawn SVG charts. */
      charts: { rates: string | null; byCategory: string; byStatus: string; byUnit: string | null };
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
    'proposals/reply': ProposalFormView<ReplyFormExtra>;
  }
}
