import type { InformantRosterView, InformantView } from '../../opinions/dto/opinion-informant.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';

/** The banners after a step on the 信息员 pages. */
export const INFORMANT_DONE = { appointed: '已聘任', updated: '已保存', ended: '已解聘' } as const;
export type InformantDone = keyof typeof INFORMANT_DONE;
export const informantDoneOf = (raw: unknown): string | null =>
  typeof raw === 'string' && raw in INFORMANT_DONE ? INFORMANT_DONE[raw as InformantDone] : null;

/** 信息员名单 (staff): the roster with each one's month and year, the appointment form, one informant's page. */
declare module '../kit/layout' {
  interface ViewContexts {
    'opinions/informants': {
      roster: InformantRosterView;
      years: Option[];
      filters: Record<string, string>;
      form: FormState;
      /** The years a new appointment may be for: this one and the next. */
      appointYears: Option[];
      behind: number;
      done: string | null;
    };
    'opinions/informant': { i: InformantView; form: FormState; done: string | null };
  }
}
