import type { DashboardView } from '../../stats/dto/dashboard.dto';
import type { MemberRecordView, RankingView } from '../../stats/dto/record.dto';
import type { ChartImage } from '../kit/chart-images';
import type { Option } from '../kit/layout';
import type { Pager } from '../kit/paging';

/** A points line as the record page shows it, with the page of its source. */
export interface RecordLineRow {
  label: string;
  points: number;
  at: Date | null;
  href: string | null;
  sourceLabel: string;
}

/** 履职档案: a member's own page, or staff and leaders looking at one member. */
export interface RecordPageView {
  record: MemberRecordView;
  lines: RecordLineRow[];
  years: Option[];
  filters: { year: string };
  /** Where the year form goes (`/records/mine` or `/records/members/:id`). */
  path: string;
  mine: boolean;
}

export interface RankingPageView {
  ranking: RankingView;
  pager: Pager;
  years: Option[];
  choices: { sectors: Option[]; committees: Option[] };
  filters: { year: string; sectorId: string; committeeId: string };
  exportHref: string;
  /** Whether the records count visits (the 视察调研 column). */
  hasVisits: boolean;
}

export interface DashboardPageView {
  d: DashboardView;
  years: Option[];
  filters: { year: string };
  /** The server-drawn SVG charts, for a laptop and for a phone. */
  charts: { byStatus: ChartImage; rates: ChartImage | null; topics: ChartImage; participation: ChartImage | null };
  /** 响应承诺 kept in full: topics with a promise and no miss. */
  promisesKept: number;
}

/** The records journey's views, each with its typed context: 履职档案, 履职排名, 年度概览. */
declare module '../kit/layout' {
  interface ViewContexts {
    'records/show': RecordPageView;
    'records/ranking': RankingPageView;
    'records/dashboard': DashboardPageView;
  }
}
