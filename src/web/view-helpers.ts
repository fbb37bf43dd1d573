import type { HelperOptions } from 'handlebars';
import { chineseDate, chineseDateTime, chineseTimeRange } from '../common/chinese-dates';
import { Role, ROLE_LABELS } from '../common/roles';

/** What a view tells the layout while it renders (its title), carried in Handlebars' `@page` data. */
export interface PageData {
  title: string;
}

type Helper = (...args: unknown[]) => unknown;

/** Every helper the templates use, in one place. The last argument Handlebars passes is its options object. */
export function viewHelpers(timeZone: string): Record<string, Helper> {
  const args = (list: unknown[]) => list.slice(0, -1);
  return {
    eq: (a, b) => a === b,
    concat: (...list) => args(list).map(String).join(''),
    list: (...list) => args(list),
    not: (a) => !a,
    or: (...list) => args(list).some(Boolean),
    and: (...list) => args(list).every(Boolean),
    /** A checkbox is ticked when its value is in the submitted list. */
    includes: (list, value) => Array.isArray(list) && list.map(String).includes(String(value)),
    date: (value) => chineseDate(value, timeZone),
    dateTime: (value) => chineseDateTime(value, timeZone),
    timeRange: (from, to) => chineseTimeRange(from, to, timeZone),
    /** How many of a picker group's people are ticked. */
    picked: (list) => (Array.isArray(list) ? list.filter((p: { checked?: boolean }) => p.checked).length : 0),
    /** `08:30` of an instant in the display zone. */
    clockTime: (value) => chineseDateTime(value, timeZone).split(' ')[1] ?? '',
    roleLabel: (role) => ROLE_LABELS[role as Role] ?? String(role),
    /** A 0–1 score as a whole percentage: 0.823 → 82%. */
    percent: (value) => `${Math.round(Number(value) * 100)}%`,
    /** `{{pageTitle "编辑界别：" record.name}}` sets the `<title>` the layout shows; it prints nothing. */
    pageTitle: (...list) => {
      const options = list[list.length - 1] as HelperOptions;
      (options.data.page as PageData).title = args(list).map(String).join('');
      return '';
    },
  };
}
