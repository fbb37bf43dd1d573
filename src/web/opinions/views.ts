import type { AttachmentView } from '../../files/attachment.dto';
import type { InformantView } from '../../opinions/dto/opinion-informant.dto';
import type { AdoptionView } from '../../opinions/dto/opinion-outcome.dto';
import type { OpinionSummaryView, OpinionView, SimilarItemsView } from '../../opinions/dto/opinion.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import type { Pager } from '../kit/paging';

/** Why an upload was refused, by its kind (the `fileError` query of the item's page after a refused upload). */
export const FILE_ERRORS: Record<string, string> = {
  type: '只能上传 PDF、Word、JPEG 或 PNG 文件',
  size: '文件太大，请压缩后再上传',
  none: '请选择要上传的文件',
  state: '信息已报送，不能再上传或删除附件；退回修改后可以',
};

/** The banners after a step on the 社情民意 pages. */
export const OPINION_DONE = ['created', 'updated', 'submitted', 'reviewed', 'merged', 'attached', 'detached'] as const;
export type OpinionDone = (typeof OPINION_DONE)[number];

export const doneOf = (raw: unknown): OpinionDone | null =>
  OPINION_DONE.includes(raw as OpinionDone) ? (raw as OpinionDone) : null;

/** The 社情民意 journey's views: 我的社情民意 (members), the review desk (staff), the form and an item's page. */
declare module '../kit/layout' {
  interface ViewContexts {
    'opinions/mine': {
      items: OpinionSummaryView[];
      pager: Pager;
      done: OpinionDone | null;
      /** This year's 信息员 appointment with its progress; null for a member not on the roster. */
      informant: InformantView | null;
    };
    'opinions/index': {
      items: OpinionSummaryView[];
      pager: Pager;
      filters: Record<string, string>;
      statuses: Option[];
      canFile: boolean;
      /** The accepted items: checkboxes for 合并为综合信息 and 编入一期. */
      selectable: boolean;
      /** Why the last 编入一期 was refused. */
      error: string | null;
    };
    'opinions/merge': { form: FormState; sources: OpinionView[] };
    'opinions/form': {
      form: FormState;
      /** null: a new item. */
      o: OpinionView | null;
      categories: Option[];
      kinds: Option[];
      sectors: Option[];
      committees: Option[];
      /** The form of a staff account filing for a group or an organisation, or editing a submitted item. */
      staff: boolean;
      maxContentLength: number;
      action: string;
    };
    'opinions/show': {
      o: OpinionView;
      done: OpinionDone | null;
      form: FormState;
      can: { edit: boolean; submit: boolean; review: boolean; openIssue: boolean; attach: boolean };
      attachments: AttachmentView[];
      /** Why the last upload was refused (a fixed message by its kind, never text from the request). */
      fileError: string | null;
      decisions: Option[];
      similar: SimilarItemsView | null;
      /** 采用 by upper bodies (opinion-outcome-pages.controller.ts has the form). */
      adoptions?: AdoptionView[];
      back: { href: string; label: string };
    };
  }
}
