import type { HelperOptions } from 'handlebars';
import { Role, ROLE_LABELS } from '../../common/roles';
import { Helper, templateHelpers } from '../../common/templates';

/** What a view tells the layout while it renders (its title), carried in Handlebars' `@page` data. */
export interface PageData {
  title: string;
}

/** The helpers the pages use: those every template has (common/templates.ts), and the pages' own. */
export function viewHelpers(timeZone: string): Record<string, Helper> {
  const args = (list: unknown[]) => list.slice(0, -1);
  return {
    ...templateHelpers(timeZone),
    /** How many of a picker group's people are ticked. */
    picked: (list) => (Array.isArray(list) ? list.filter((p: { checked?: boolean }) => p.checked).length : 0),
    roleLabel: (role) => ROLE_LABELS[role as Role] ?? String(role),
    /** A file's size as people read it: 820 字节, 12 KB, 1.5 MB. */
    fileSize: (bytes) => {
      const n = Number(bytes);
      if (!Number.isFinite(n) || n < 0) return '';
      if (n < 1024) return `${n} 字节`;
      if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
      return `${(n / 1024 / 1024).toFixed(1)} MB`;
    },
    /**
     * `{{#with (chapterStart list @index)}}…{{/with}}`: the chapter (第一章 总则) the clause at `index` opens — its
     * own chapter when the clause before stood under another one (or none) — else nothing: a chapter is headed once.
     */
    chapterStart: (list, index) => {
      if (!Array.isArray(list) || typeof index !== 'number') return null;
      const chapter = (list[index] as { chapter?: string | null } | undefined)?.chapter ?? null;
      const before = index > 0 ? ((list[index - 1] as { chapter?: string | null }).chapter ?? null) : null;
      return chapter && chapter !== before ? chapter : null;
    },
    /** `{{pageTitle "编辑界别：" record.name}}` sets the `<title>` the layout shows; it prints nothing. */
    pageTitle: (...list) => {
      const options = list[list.length - 1] as HelperOptions;
      (options.data.page as PageData).title = args(list).map(String).join('');
      return '';
    },
  };
}
