import type { OpinionStatsRow, OpinionStatsView } from '../../opinions/dto/opinion-outcome.dto';
import { statsTables } from './stats-tables';

const levels = [
  { code: 'national', label: '全国政协' },
  { code: 'provincial', label: '自治区政协' },
  { code: 'city_party', label: '市委' },
];

const row = (label: string, over: Partial<OpinionStatsRow> = {}): OpinionStatsRow => ({
  key: 1,
  label,
  submitted: 0,
  accepted: 0,
  adopted: 0,
  adoptedByLevel: { national: 0, provincial: 0, city_party: 0 },
  compiled: 0,
  instructed: 0,
  instructedIssues: 0,
  acceptRate: null,
  adoptionRate: null,
  ...over,
});

const view = (byMember: OpinionStatsRow[], byMonth: OpinionStatsRow[] = []): OpinionStatsView => ({
  year: 2026,
  levels,
  total: row('合计'),
  byMember,
  bySector: [],
  byCommittee: [],
  byMonth,
});

describe('statsTables (社情民意统计 on a page)', () => {
  it('folds the columns zero in every row, keeps 报送/编报/上级采用/采用率, and names the folded ones', () => {
    const [members] = statsTables(
      view([
        row('张文华', {
          submitted: 13,
          accepted: 8,
          adopted: 5,
          adoptedByLevel: { national: 1, provincial: 4, city_party: 0 },
          instructed: 2,
          adoptionRate: 38.5,
        }),
        row('孙立新', { submitted: 5, accepted: 3, adoptionRate: 0 }),
      ]),
    );
    expect(members.headers).toEqual([
      '委员',
      '报送',
      '编报',
      '上级采用',
      '全国政协采用',
      '自治区政协采用',
      '获批示',
      '采用率',
    ]);
    expect(members.folded).toEqual(['编入刊物', '市委采用']);
    expect(members.rows[0].cells.map((c) => c.text)).toEqual(['13', '8', '5', '1', '4', '2', '38.5%']);
  });

  it('marks zero figures for a phone to leave out, but never 报送 nor a rate', () => {
    const [, , , months] = statsTables(
      view([], [row('11月'), row('3月', { submitted: 2, accepted: 1, acceptRate: 50, adoptionRate: 0 })]),
    );
    expect(months.rows[0].cells.map((c) => [c.text, c.zero])).toEqual([
      ['0', false],
      ['0', true],
      ['0', true],
      ['—', false],
    ]);
    expect(months.rows[1].cells.map((c) => c.zero)).toEqual([false, false, true, false]);
  });

  it('an empty table folds nothing (the page says there is nothing)', () => {
    const [members] = statsTables(view([]));
    expect(members.rows).toEqual([]);
    expect(members.folded).toEqual([]);
  });
});
