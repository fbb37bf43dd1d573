import { checkClauses, joinClauses, splitClauses } from './draft-text';

const COVENANT = `为了维护社区秩序，建设和谐社区，经居民会议讨论，制定本公约。
第一条 爱党爱国，遵纪守法，自觉维护社区安定团结。
第二条　爱护公共设施，不在楼道堆放杂物。
电动自行车不进楼入户。
第三条：文明养犬，外出牵绳，及时清理犬只粪便。
第十二条 本公约自居民会议通过之日起施行。`;

describe('splitClauses', () => {
  it('splits on 第X条, keeps the preamble and the lines that continue a clause', () => {
    expect(splitClauses(COVENANT)).toEqual([
      { label: '序言', chapter: null, text: '为了维护社区秩序，建设和谐社区，经居民会议讨论，制定本公约。' },
      { label: '第一条', chapter: null, text: '爱党爱国，遵纪守法，自觉维护社区安定团结。' },
      { label: '第二条', chapter: null, text: '爱护公共设施，不在楼道堆放杂物。\n电动自行车不进楼入户。' },
      { label: '第三条', chapter: null, text: '文明养犬，外出牵绳，及时清理犬只粪便。' },
      { label: '第十二条', chapter: null, text: '本公约自居民会议通过之日起施行。' },
    ]);
  });

  it('takes a line with a megabyte of spaces inside it in one pass (the trim is linear: a regex trim froze the process)', () => {
    const gap = ' '.repeat(1_000_000);
    const clauses = splitClauses(`第一条 楼道${gap}整洁\u3000\u3000\n第二条 文明养犬`);
    expect(clauses.map((c) => c.label)).toEqual(['第一条', '第二条']);
    expect(clauses[0].text).toBe(`楼道${gap}整洁`);
    expect(clauses[1].text).toBe('文明养犬');
  });

  it('puts clauses under their chapter; 第X条 in digits too; a marker alone on its line takes the next lines', () => {
    const text = '第一章 总则\n第1条 本章程适用于金塔社区。\n第二章 居民权利\n第2条\n居民享有选举权。';
    expect(splitClauses(text)).toEqual([
      { label: '第1条', chapter: '第一章 总则', text: '本章程适用于金塔社区。' },
      { label: '第2条', chapter: '第二章 居民权利', text: '居民享有选举权。' },
    ]);
  });

  it('reads numbered lines 1. 2、（3） as 第一条, 第二条, 第三条', () => {
    expect(splitClauses('1. 爱护环境\n2、邻里和睦\n（3）文明养犬').map((c) => `${c.label}:${c.text}`)).toEqual([
      '第一条:爱护环境',
      '第二条:邻里和睦',
      '第三条:文明养犬',
    ]);
  });

  it('takes each line as a clause when nothing is numbered, and nothing from blank text', () => {
    expect(splitClauses('爱护环境\n\n邻里和睦').map((c) => c.label)).toEqual(['第一条', '第二条']);
    expect(splitClauses(' \n\n')).toEqual([]);
  });

  it('joins clauses into text that splits into the same clauses', () => {
    const clauses = splitClauses(`第一章 总则\n${COVENANT}`);
    expect(splitClauses(joinClauses(clauses))).toEqual(clauses);
  });
});

describe('checkClauses', () => {
  it('refuses no clauses, an empty clause and an overlong one', () => {
    expect(checkClauses([], 'text')).toEqual({ text: ['请填写征求意见稿的条款'] });
    expect(
      checkClauses(
        [
          { label: '第一条', chapter: null, text: ' ' },
          { label: '第二条', chapter: null, text: '字'.repeat(5001) },
        ],
        'clauses',
      ),
    ).toEqual({
      'clauses.0': ['第一条没有内容'],
      'clauses.1': ['第二条最多 5000 个字'],
    });
  });
});
