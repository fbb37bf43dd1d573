import {
  dayInWords,
  REVIEW_LIMITS,
  ReviewFigures,
  reviewFigures,
  ReviewItem,
  ReviewRow,
  reviewSections,
  reviewTable,
} from './commitment-review-text';

const none: ReviewFigures = {
  year: 2026,
  today: '2026-12-07',
  replies: 0,
  repliesByClass: [
    { code: 'B', count: 0 },
    { code: 'C', count: 0 },
  ],
  proposals: 0,
  units: 0,
  commitments: 0,
  notDue: 0,
  assessable: 0,
  keptOnTime: 0,
  keptLate: 0,
  notKept: 0,
  overdue: 0,
  awaitingVerdict: 0,
  byUnit: [],
  overdueItems: [],
  notKeptItems: [],
};

const late: ReviewItem = {
  unit: '吴忠市住房和城乡建设局',
  title: '关于老旧小区加装电梯的提案',
  numberLabel: '第0045号',
  text: '9月底前完成首批20部电梯加装',
  dueDate: '2026-09-30',
};

const year: ReviewFigures = {
  ...none,
  replies: 3,
  repliesByClass: [
    { code: 'B', count: 2 },
    { code: 'C', count: 1 },
  ],
  proposals: 3,
  units: 2,
  commitments: 6,
  notDue: 1,
  assessable: 5,
  keptOnTime: 2,
  keptLate: 1,
  notKept: 1,
  overdue: 1,
  awaitingVerdict: 0,
  byUnit: [
    { name: '吴忠市住房和城乡建设局', count: 4, assessable: 3, keptOnTime: 0, overdue: 1, rate: 0 },
    { name: '吴忠市自然资源局', count: 2, assessable: 2, keptOnTime: 2, overdue: 0, rate: 1 },
  ],
  overdueItems: [late],
  notKeptItems: [{ ...late, numberLabel: null, title: '关于停车难的提案', text: '增设停车位', dueDate: '2026-06-30' }],
};

const body = (f: ReviewFigures, key: string) =>
  reviewSections(f)
    .find((s) => s.key === key)!
    .paragraphs.join('\n');

describe('提案办理回头看情况报告: the text from the commitments', () => {
  it('has the four sections in order under their keys', () => {
    expect(reviewSections(year).map((s) => `${s.key}:${s.heading}`)).toEqual([
      'basic:基本情况',
      'units:各单位落实情况',
      'problems:存在问题',
      'next:下一步工作',
    ]);
  });

  it('puts the figures in words: replies with commitments, due, kept on time, late, overdue, the proposers’ verdicts', () => {
    expect(body(year, 'basic')).toBe(
      [
        '2026年度提案的答复中，有3件B、C类答复作出承诺（B类2件、C类1件），涉及提案3件、承办单位2个，共承诺事项6项。',
        '截至2026年12月7日，已到期或已报告落实情况的承诺事项5项，其中按期兑现2项，按期兑现率40.0%；逾期兑现1项；提案人评判未兑现1项；已到期尚未报告落实情况1项。另有1项尚未到期。',
        '提案人已对4项承诺事项的落实情况作出评判，认为已兑现的3项，占75.0%。',
      ].join('\n'),
    );
  });

  it('names the units at 100 % and those with overdue items above the table', () => {
    expect(body(year, 'units')).toBe(
      '按期兑现率达到100%的单位有：吴忠市自然资源局。\n有已到期未报告落实情况事项的单位：吴忠市住房和城乡建设局1项。\n各承办单位承诺事项落实情况见下表。',
    );
  });

  it('lists the overdue and the not-kept ones by unit with the proposal’s title and the due day', () => {
    const p = body(year, 'problems');
    expect(p).toContain('部分承诺事项到期后未报告落实情况，共1项：');
    expect(p).toContain(
      '吴忠市住房和城乡建设局1项：《关于老旧小区加装电梯的提案》（第0045号）中“9月底前完成首批20部电梯加装”，应于2026年9月30日前完成。',
    );
    expect(p).toContain('部分承诺事项经提案人评判未兑现，共1项：');
    expect(p).toContain('吴忠市住房和城乡建设局1项：《关于停车难的提案》中“增设停车位”，应于2026年6月30日前完成。');
    expect(p).toContain('有1项承诺事项虽已兑现，但晚于承诺的期限');
  });

  it('names at most five items a unit and counts the rest, and quotes a long promise shortened', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      ...late,
      text: '很'.repeat(100),
      dueDate: `2026-0${i + 1}-01`,
    }));
    const p = body({ ...year, overdue: 7, overdueItems: many, notKept: 0, notKeptItems: [] }, 'problems');
    expect(p).toContain('吴忠市住房和城乡建设局7项：');
    expect(p).toContain('；另有2项。');
    expect(p).toContain(`“${'很'.repeat(REVIEW_LIMITS.quoted)}……”`);
    expect(p.split('应于').length - 1).toBe(REVIEW_LIMITS.itemsPerUnit);
  });

  it('says in words that a year without commitments has nothing to assess: no rate, no 0 %', () => {
    const all = reviewSections(none)
      .flatMap((s) => s.paragraphs)
      .join('\n');
    expect(body(none, 'basic')).toBe(
      '2026年度提案的答复中，尚无作出承诺的B、C类答复，回头看暂无可评估的承诺事项，按期兑现率暂不计算。',
    );
    expect(body(none, 'units')).toBe('尚无承办单位在答复中作出承诺。');
    expect(body(none, 'problems')).toBe('尚无承诺事项，暂无问题分析。');
    expect(all).not.toMatch(/\d%/);
  });

  it('says when nothing is due yet, and when nothing went wrong', () => {
    const young = {
      ...none,
      replies: 1,
      repliesByClass: [{ code: 'B', count: 1 }],
      proposals: 1,
      units: 1,
      commitments: 2,
      notDue: 2,
    };
    expect(body(young, 'basic')).toContain('2026年度提案的答复中，有1件B类答复作出承诺，涉及提案1件');
    expect(body(young, 'basic')).toContain(
      '截至2026年12月7日，承诺事项均未到期，也没有报告落实情况的，按期兑现率暂不计算。',
    );
    expect(body(young, 'basic')).toContain('提案人尚未对承诺事项的落实情况作出评判。');
    expect(body(young, 'problems')).toBe(
      '截至目前，没有已到期未报告落实情况的承诺事项，也没有被提案人评判为未兑现的承诺事项。',
    );
  });

  it('writes a day in words', () => {
    expect(dayInWords('2027-06-03')).toBe('2027年6月3日');
  });

  it('counts the rows on a day: states, replies by class, units with their rates and overdue, the items to list', () => {
    const row = (over: Partial<ReviewRow>): ReviewRow => ({
      ...late,
      proposalId: 1,
      replyId: 1,
      unitId: 1,
      classification: 'B',
      status: 'promised',
      doneDate: null,
      ...over,
    });
    const rows = [
      row({ dueDate: '2026-06-30', status: 'kept', doneDate: '2026-06-20' }),
      row({ dueDate: '2026-06-30', status: 'kept', doneDate: '2026-07-20' }),
      row({ dueDate: '2026-09-30' }),
      row({ dueDate: '2027-03-31' }),
      row({ replyId: 2, proposalId: 2, unitId: 2, unit: '吴忠市自然资源局', classification: 'C', status: 'not_kept' }),
      row({ replyId: 2, proposalId: 2, unitId: 2, unit: '吴忠市自然资源局', classification: 'C', status: 'reported' }),
    ];
    const f = reviewFigures(2026, '2026-12-07', rows, ['A', 'B', 'C']);
    expect(f).toMatchObject({
      replies: 2,
      repliesByClass: [
        { code: 'A', count: 0 },
        { code: 'B', count: 1 },
        { code: 'C', count: 1 },
      ],
      proposals: 2,
      units: 2,
      commitments: 6,
      notDue: 1,
      assessable: 5,
      keptOnTime: 1,
      keptLate: 1,
      notKept: 1,
      overdue: 1,
      awaitingVerdict: 1,
    });
    expect(f.byUnit).toEqual([
      { name: '吴忠市住房和城乡建设局', count: 4, assessable: 3, keptOnTime: 1, overdue: 1, rate: 0.3333 },
      { name: '吴忠市自然资源局', count: 2, assessable: 2, keptOnTime: 0, overdue: 0, rate: 0 },
    ]);
    expect(f.overdueItems).toEqual([late]);
    expect(f.notKeptItems.map((i) => i.unit)).toEqual(['吴忠市自然资源局']);
    expect(reviewTable(f)).toEqual({
      byUnit: [
        { name: '吴忠市住房和城乡建设局', count: 4, keptOnTime: 1, overdue: 1, rate: '33.3%' },
        { name: '吴忠市自然资源局', count: 2, keptOnTime: 0, overdue: 0, rate: '0.0%' },
      ],
      total: { count: 6, keptOnTime: 1, overdue: 1, rate: '20.0%' },
    });
    expect(reviewTable(none)).toEqual({ byUnit: [], total: null });
  });
});
