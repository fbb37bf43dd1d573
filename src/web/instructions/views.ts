import type { InstructionView, ItemListView } from '../../instructions/instruction.dto';
import type { FormState } from '../kit/forms';
import type { Pager } from '../kit/paging';

/** The 批示 section of a document's page: the 批示 with their items, and what the reader may do there. */
export interface InstructionSection {
  list: InstructionView[];
  /** 记录批示: the leader it was delivered to, or staff once delivered (paper). */
  recordHref: string | null;
  /** Staff hand items out (交办) and accept or return reports. */
  isStaff: boolean;
}

/** The 批示 pages: the items list (a unit's own, staff's all), the record form and the hand-out form. */
declare module '../kit/layout' {
  interface ViewContexts {
    'instructions/items': {
      items: Array<ItemListView & { form: FormState; canReport: boolean; canAccept: boolean; canReturn: boolean }>;
      tab: string;
      tabs: Array<{ key: string; label: string; href: string }>;
      pager: Pager;
      isUnit: boolean;
      done: string | null;
    };
    'instructions/new': {
      target: { type: string; id: number; title: string; href: string };
      isStaff: boolean;
      levels: Array<{ value: string; label: string }>;
      leaders: Array<{ value: string; label: string }>;
      form: FormState;
    };
    'instructions/new-item': {
      instruction: InstructionView;
      back: string;
      units: Array<{ value: string; label: string }>;
      form: FormState;
    };
  }
}
