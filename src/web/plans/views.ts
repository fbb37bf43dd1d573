import type { PlanItemView, PlanSummaryView, PlanView } from '../../plans/dto/plan-view.dto';
import type { FormState } from '../kit/forms';
import type { Option } from '../kit/layout';

/** The plans journey's views, each with its typed context: 年度协商计划. */
declare module '../kit/layout' {
  interface ViewContexts {
    'plans/index': { items: PlanSummaryView[]; year: string; form: FormState; canCreate: boolean };
    'plans/show': {
      plan: PlanView;
      quarters: { label: string; items: PlanItemView[] }[];
      form: FormState;
      done: string | null;
      can: { edit: boolean; approve: boolean; start: boolean };
      choices: { organizers: Option[]; forms: Option[]; quarters: Option[]; units: Option[] };
    };
  }
}
