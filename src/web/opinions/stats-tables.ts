import type { OpinionStatsRow, OpinionStatsView } from '../../opinions/dto/opinion-outcome.dto';
import type { AdoptionLevel } from '../../opinions/opinion-outcomes';

/** One figure of a row: its text and whether it is zero (a phone leaves zero figures out of a stacked row). */
export interface StatsCell {
  text: string;
  zero: boolean;
}

/** A table of the statistics page as it is shown: the columns kept, the rows' cells, the columns folded away. */
export interface StatsTable {
  id: string;
  title: string;
  headers: string[];
  rows: Array<{ label: string; cells: StatsCell[] }>;
  /** Columns zero in every row, named once under the table instead of a column of zeros. */
  folded: string[];
}

interface Column {
  header: string;
  value: (r: OpinionStatsRow) => number | null;
  /** Always shown (报送, 编报, 上级采用, 采用率): the table's frame; the others only when some row has one. */
  always?: boolean;
  percent?: true;
}

const num = (n: number | null): StatsCell => ({ text: String(n ?? 0), zero: !n });
const pct = (n: number | null): StatsCell => ({ text: n === null ? '—' : `${n}%`, zero: false });

/** The columns: 报送, 编报, 编入《社情民意》, 上级采用, each configured level, 获领导批示, 采用率. */
function columns(levels: readonly Pick<AdoptionLevel, 'code' | 'label'>[]): Column[] {
  return [
    { header: '报送', value: (r) => r.submitted, always: true },
    { header: '编报', value: (r) => r.accepted, always: true },
    { header: '编入刊物', value: (r) => r.compiled },
    { header: '上级采用', value: (r) => r.adopted, always: true },
    ...levels.map((l) => ({ header: `${l.label}采用`, value: (r: OpinionStatsRow) => r.adoptedByLevel[l.code] ?? 0 })),
    { header: '获批示', value: (r) => r.instructed },
    { header: '采用率', value: (r) => r.adoptionRate, always: true, percent: true as const },
  ];
}

/**
 * The four tables of 社情民意统计 (按委员、界别、专委会、月份) for the page: a column that is zero in every row of its
 * table is folded (named under the table), so a year with two levels in use shows two level columns, not five.
 * 报送 stays in every stacked row on a phone (a month with nothing reads 报送：0); other zero cells are marked.
 */
export function statsTables(stats: OpinionStatsView): StatsTable[] {
  const cols = columns(stats.levels);
  const table = (id: string, title: string, first: string, rows: OpinionStatsRow[]): StatsTable => {
    const kept = cols.filter((c) => c.always || rows.some((r) => (c.value(r) ?? 0) !== 0));
    return {
      id,
      title,
      headers: [first, ...kept.map((c) => c.header)],
      rows: rows.map((r) => ({
        label: r.label,
        cells: kept.map((c, i) => {
          const cell = c.percent ? pct(c.value(r)) : num(c.value(r));
          return i === 0 ? { ...cell, zero: false } : cell;
        }),
      })),
      folded: rows.length ? cols.filter((c) => !kept.includes(c)).map((c) => c.header) : [],
    };
  };
  return [
    table('by-member', '按委员', '委员', stats.byMember),
    table('by-sector', '按界别', '界别', stats.bySector),
    table('by-committee', '按专委会', '专委会', stats.byCommittee),
    table('by-month', '按月份', '月份', stats.byMonth),
  ];
}
