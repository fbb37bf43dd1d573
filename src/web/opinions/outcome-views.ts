import type { AdoptionView, OpinionStatsRow, OpinionStatsView } from '../../opinions/dto/opinion-outcome.dto';
import type { OpinionView } from '../../opinions/dto/opinion.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';

/** The 社情民意 outcome pages: an item's 采用 with the staff's form, and the year's statistics. */
declare module '../kit/layout' {
  interface ViewContexts {
    'opinions/adoptions': {
      o: OpinionView;
      adoptions: AdoptionView[];
      form: FormState;
      done: boolean;
      canRecord: boolean;
      levels: Option[];
    };
    'opinions/stats': {
      stats: OpinionStatsView;
      years: Option[];
      filters: Record<string, string>;
      exportHref: string;
      /** 起草年度通报 (staff). */
      canDraft: boolean;
      tables: Array<{ id: string; title: string; first: string; rows: OpinionStatsRow[] }>;
    };
  }
}
