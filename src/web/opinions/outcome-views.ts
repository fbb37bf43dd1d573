import type { AdoptionView, OpinionStatsView } from '../../opinions/dto/opinion-outcome.dto';
import type { OpinionView } from '../../opinions/dto/opinion.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';
import type { StatsTable } from './stats-tables';

/** The 社情民意 outcome pages: an item's 采用 with the staff's form, and the year's statistics. */
declare module '../kit/layout' {
  interface ViewContexts {
    'opinions/adoptions': {
      o: OpinionView;
      adoptions: AdoptionView[];
      form: FormState;
      done: boolean;
      removed: boolean;
      canRemove: boolean;
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
      tables: StatsTable[];
      /** The year's 采用 by each configured level (config/opinions.json `adoptionLevels`). */
      byLevel: Array<{ label: string; count: number }>;
      /** The levels' names for the page's note: 全国政协、自治区政协、市委、市政府. */
      upperBodies: string;
    };
  }
}
