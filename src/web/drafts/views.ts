import type {
  DraftCommentSummaryView,
  DraftSummaryView,
  DraftView,
  PublicDraftView,
} from '../../drafts/dto/draft-view.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import type { Pager } from '../kit/paging';

/** The drafts journey's views, each with its typed context: 征求意见 and the public comment page. */
declare module '../kit/layout' {
  interface ViewContexts {
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
  }
}
