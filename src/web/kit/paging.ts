import { Page } from '../../common/pagination';
import type { FormSpec } from './forms';

/** `?page=` as typed: a positive whole number, else the first page. */
export const pageNumber = (raw: unknown): number =>
  Math.max(1, typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1);

/** The query string every list page reads: a search box and a page number. */
export const LIST_QUERY: FormSpec = { q: 'text?', page: 'int' };

export interface PageLink {
  number: number | null;
  href: string | null;
  current: boolean;
}

/** What the pagination partial reads; `links` has `number: null` where pages are left out (…). */
export interface Pager {
  total: number;
  from: number;
  to: number;
  prev: string | null;
  next: string | null;
  links: PageLink[];
}

/** `path?q=…&page=n`, keeping the list's other filters and dropping empty ones. */
export function pageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** `path?done=…` (`&done=…` after a query): the page after a step, with its banner. */
export const doneHref = (path: string, done: string): string => `${path}${path.includes('?') ? '&' : '?'}done=${done}`;

/** Page links as the GOV.UK pattern shows them: first, last, the current one and its neighbours, gaps as "…". */
export function pagerFor(page: Page<unknown>, path: string, filters: Record<string, string | undefined> = {}): Pager {
  const count = Math.max(1, Math.ceil(page.total / page.pageSize));
  const current = Math.min(page.page, count);
  const shown = [...new Set([1, current - 1, current, current + 1, count])]
    .filter((n) => n >= 1 && n <= count)
    .sort((a, b) => a - b);
  const links: PageLink[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1] > 1) links.push({ number: null, href: null, current: false });
    links.push({ number: n, href: pageHref(path, filters, n), current: n === current });
  }
  return {
    total: page.total,
    from: page.items.length ? (page.page - 1) * page.pageSize + 1 : 0,
    to: page.items.length ? (page.page - 1) * page.pageSize + page.items.length : 0,
    prev: current > 1 ? pageHref(path, filters, current - 1) : null,
    next: current < count ? pageHref(path, filters, current + 1) : null,
    links: count > 1 ? links : [],
  };
}
