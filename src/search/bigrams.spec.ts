import {
  bigrams,
  idf,
  jaccard,
  normalize,
  runGrams,
  runs,
  searchTerms,
  termFrequencies,
  weightedJaccard,
} from './bigrams';

describe('normalize and runs', () => {
  it('folds full-width letters and digits and lower-cases', () => {
    expect(normalize('ＡＢＣ１２３Ｘ')).toBe('abc123x');
  });
  it('drops full-width and half-width punctuation and white space between runs', () => {
    expect(runs('关于“停车难”问题（草案）：一、加强；二、完善，三。 AI\t5G')).toEqual([
      '关于',
      '停车难',
      '问题',
      '草案',
      '一',
      '加强',
      '二',
      '完善',
      '三',
      'ai',
      '5g',
    ]);
  });
  it('keeps letters of other planes as characters of a run', () => {
    expect(runs('𠀀𪚥字')).toEqual(['𠀀𪚥字']);
  });
});

describe('runGrams and bigrams', () => {
  it('splits a run into overlapping character pairs', () => {
    expect(runGrams('家政服务')).toEqual(['家政', '政服', '服务']);
  });
  it('counts a character outside the BMP as one character', () => {
    expect(runGrams('𠀀𪚥字')).toEqual(['𠀀𪚥', '𪚥字']);
  });
  it('keeps a one-character run as its own term', () => {
    expect(runGrams('难')).toEqual(['难']);
  });
  it('never forms a bigram across punctuation', () => {
    expect(bigrams('停车，难')).toEqual(['停车', '难']);
  });
  it('has no terms for a text of punctuation only', () => {
    expect(bigrams('。，、；：“”（）  ')).toEqual([]);
  });
});

describe('termFrequencies', () => {
  it('counts repeats and multiplies by the field weight', () => {
    const tf = termFrequencies([{ text: '养老服务', weight: 3 }, { text: '养老机构养老' }]);
    expect(tf.get('养老')).toBe(3 + 2);
    expect(tf.get('服务')).toBe(3);
    expect(tf.get('机构')).toBe(1);
  });
  it('treats a missing or fractional weight as a whole number of at least one', () => {
    const tf = termFrequencies([
      { text: '学前', weight: 0.2 },
      { text: '学前', weight: 2.4 },
    ]);
    expect(tf.get('学前')).toBe(1 + 2);
  });
});

describe('searchTerms', () => {
  it('asks for every distinct bigram of the longer runs and lists one-character runs apart', () => {
    expect(searchTerms('停车难 停车 车')).toEqual({
      grams: ['停车', '车难'],
      singles: ['车'],
      phrases: ['停车难', '停车'],
    });
  });
  it('finds nothing to ask in an empty or punctuation-only query', () => {
    expect(searchTerms(' ，。 ')).toEqual({ grams: [], singles: [], phrases: [] });
  });
});

describe('weights and similarity', () => {
  it('gives rarer grams a larger idf, and still a positive one to a gram in every document', () => {
    expect(idf(1, 1000)).toBeGreaterThan(idf(100, 1000));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });
  it('scores identical texts 1, disjoint texts 0, and a reworded title between them', () => {
    const a = termFrequencies([{ text: '关于加快发展家政服务业的建议' }]);
    const b = termFrequencies([{ text: '关于加速发展家政服务产业的提案' }]);
    const c = termFrequencies([{ text: '黄河生态保护' }]);
    expect(weightedJaccard(a, a)).toBe(1);
    expect(weightedJaccard(a, c)).toBe(0);
    const partial = weightedJaccard(a, b);
    expect(partial).toBeGreaterThan(0.3);
    expect(partial).toBeLessThan(1);
  });
  it('computes Jaccard on bigram sets', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBeCloseTo(2 / 4);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
  it('computes weighted Jaccard as the sum of minimum over the sum of maximum term frequencies', () => {
    const a = new Map([
      ['养老', 3],
      ['服务', 1],
    ]);
    const b = new Map([
      ['养老', 1],
      ['机构', 2],
    ]);
    expect(weightedJaccard(a, b)).toBeCloseTo(1 / (3 + 1 + 2));
    expect(weightedJaccard(a, a)).toBe(1);
    expect(weightedJaccard(a, new Map())).toBe(0);
  });
});
