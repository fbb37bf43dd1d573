import { rateOf } from '../common/rate';
import { ANNUAL_NEXT_STEPS, AnnualFigures, annualSections } from './proposal-annual-text';

const CLASSES = [
  { code: 'A', label: '已解决或采纳', count: 0 },
  { code: 'B', label: '列入计划拟解决或正在解决', count: 0 },
  { code: 'C', label: '因条件限制留作参考', count: 0 },
];

function figures(over: Partial<AnnualFigures> = {}): AnnualFigures {
  return {
    sessionName: '十二届二次会议',
    total: 120,
    reviewed: 118,
    accepted: 100,
    rejected: 10,
    converted: 6,
    merged: 2,
    assigned: 100,
    replied: 90,
    inHand: 10,
    overdue: 4,
    handling: { lead: 80, withCo: 30, split: 20, units: 45 },
    key: 8,
    keySupervised: 6,
    excellent: 5,
    communications: 150,
    consultedBefore: 70,
    classes: CLASSES.map((c, i) => ({ ...c, count: [40, 35, 15][i] })),
    satisfaction: { attitude: rateOf(78, 80), result: rateOf(72, 80) },
    unsatisfied: 3,
    notEvaluated: 2,
    overdueUnits: [
      { name: '吴忠市住房和城乡建设局', overdue: 3 },
      { name: '吴忠市财政局', overdue: 1 },
    ],
    lateReplies: 5,
    ...over,
  };
}

const text = (f: AnnualFigures) =>
  annualSections(f)
    .map((s) => [s.heading, ...s.paragraphs].join('\n'))
    .join('\n');

describe('提案办理情况报告: the narrative written from the figures', () => {
  it('writes the five sections in order, as the office writes them', () => {
    const sections = annualSections(figures());
    expect(sections.map((s) => s.heading)).toEqual(['基本情况', '主要做法', '办理成效', '存在问题', '下一步工作']);
    expect(sections[0].paragraphs).toEqual([
      '十二届二次会议以来，共收到提案120件，经审查立案100件，立案率84.7%；不予立案10件，转为意见建议6件，并案处理2件；尚在审查2件。',
      '已交办的100件提案中，已办复90件，办复率90.0%；尚在办理10件，其中超过办理期限4件。',
    ]);
    expect(sections[1].paragraphs[0]).toBe(
      '坚持精准交办。经与承办单位协商，已交办提案100件，涉及承办单位45个，其中由一个单位主办的80件（其中会同其他单位会办的30件），由几个单位分别办理的分办提案20件。',
    );
    expect(sections[1].paragraphs[1]).toContain('确定重点提案8件，其中6件由领导领衔督办');
    expect(sections[1].paragraphs[2]).toContain('承办单位与提案人沟通150次，其中办前面商提案70件');
    expect(sections[2].paragraphs[0]).toBe(
      '从承办单位的90件答复看，所提问题已解决或采纳的A类40件，占44.4%；所提问题列入计划拟解决或正在解决的B类35件，占38.9%；所提问题因条件限制留作参考的C类15件，占16.7%。',
    );
    expect(sections[2].paragraphs[1]).toBe(
      '在提案人已评价的80件提案中，对办理结果满意或基本满意的72件，满意率90.0%；对办理工作的满意率为97.5%。',
    );
    expect(sections[3].paragraphs).toEqual([
      '部分提案超过办理期限尚未答复。目前超期未答复的提案4件，涉及吴忠市住房和城乡建设局3件、吴忠市财政局1件。',
      '有5件答复晚于办理期限，答复时效有待提高。',
      '有3件提案的办理结果被提案人评价为不满意，已交承办单位重新办理。',
      '有2件提案的提案人逾期未作评价。',
    ]);
    expect(sections[4].paragraphs).toEqual([...ANNUAL_NEXT_STEPS]);
  });

  it('says rates without data in words, never 「—」 or 0%', () => {
    const none = figures({
      replied: 0,
      inHand: 100,
      overdue: 0,
      classes: CLASSES,
      satisfaction: { attitude: rateOf(0, 0), result: rateOf(0, 0) },
      unsatisfied: 0,
      notEvaluated: 0,
      overdueUnits: [],
      lateReplies: 0,
    });
    const t = text(none);
    expect(t).toContain('已交办的100件提案均在办理中，尚无已办复提案，办复率暂不计算。');
    expect(t).toContain('承办单位尚未答复，答复分类暂无统计。');
    expect(t).toContain('满意率暂无评价');
    expect(t).not.toContain('—');
    expect(t).not.toMatch(/(^|[^0-9.])0(\.0)?%/);
    const empty = text(
      figures({ total: 0, reviewed: 0, accepted: 0, rejected: 0, converted: 0, merged: 0, assigned: 0 }),
    );
    expect(empty).toContain('十二届二次会议以来，尚未收到提案，各项比率暂不计算。');
    expect(empty).not.toContain('—');
  });

  it('says which satisfaction rate has no evaluation when only one has', () => {
    const t = text(figures({ satisfaction: { attitude: rateOf(0, 0), result: rateOf(3, 4) } }));
    expect(t).toContain('在提案人已评价的4件提案中，对办理结果满意或基本满意的3件，满意率75.0%；对办理工作暂无评价。');
  });
});
