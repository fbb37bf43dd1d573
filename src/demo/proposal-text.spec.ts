import { termFrequencies, weightedJaccard } from '../search/bigrams';
import { generateProposal, proposalFields, rephrase, seededRandom } from './proposal-text';
import { PROPOSAL_TOPICS } from './proposal-topics';

describe('seededRandom', () => {
  it('repeats its sequence for the same seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateProposal', () => {
  it('is deterministic per seed', () => {
    expect(generateProposal(7)).toEqual(generateProposal(7));
    expect(generateProposal(7)).not.toEqual(generateProposal(8));
  });
  it('writes a 关于…的建议/提案 title, an analysis with enumerated problems and three to six suggestions', () => {
    for (let seed = 0; seed < 200; seed++) {
      const p = generateProposal(seed);
      expect(p.title).toMatch(/^关于.+的(建议|提案)$/);
      expect(p.background).toMatch(/一是.+；二是/);
      expect(p.suggestions.length).toBeGreaterThanOrEqual(3);
      expect(p.suggestions.length).toBeLessThanOrEqual(6);
      expect(p.background + p.suggestions.join('')).not.toMatch(/[{}]/);
    }
  });
  it('writes on a chosen topic when given one, and refuses an unknown topic', () => {
    const p = generateProposal(5, '养老服务');
    expect(p.category).toBe('社会建设');
    expect(p.background + p.title).toContain('养老');
    expect(generateProposal(5, '养老服务')).toEqual(p);
    expect(() => generateProposal(5, '量子计算')).toThrow('量子计算');
  });
  it('draws on dozens of topics and rarely repeats a text', () => {
    expect(PROPOSAL_TOPICS.length).toBeGreaterThanOrEqual(30);
    const texts = Array.from({ length: 1000 }, (_, i) => generateProposal(i));
    expect(new Set(texts.map((p) => p.title.replace(/^关于|的(建议|提案)$/g, ''))).size).toBeGreaterThanOrEqual(60);
    expect(new Set(texts.map((p) => p.background)).size).toBe(1000);
  });
});

describe('rephrase', () => {
  it('changes the wording and order but keeps the matter', () => {
    const p = generateProposal(3);
    const r = rephrase(p, 3);
    expect(r.background).not.toBe(p.background);
    expect(r.suggestions.join('')).not.toBe(p.suggestions.join(''));
    expect(r.category).toBe(p.category);
    expect(r.suggestions).toHaveLength(p.suggestions.length);
  });
  it('stays closer to its original than to any other of 1500 generated proposals (brute force, in memory)', () => {
    const corpus = Array.from({ length: 1500 }, (_, i) => termFrequencies(proposalFields(generateProposal(i))));
    for (const k of [5, 321, 999, 1400]) {
      const query = termFrequencies(proposalFields(rephrase(generateProposal(k), k)));
      const scores = corpus.map((tf, i) => ({ i, s: weightedJaccard(query, tf) })).sort((a, b) => b.s - a.s);
      expect(scores[0].i).toBe(k);
    }
  });
});
