import type { ProposalView, SimilarProposalView } from '../../proposals/dto/proposal-view.dto';
import { compareTexts, comparisonOf, reviewHref, suggestionsText } from './proposal-compare';

const text = (title: string, background: string, suggestions: string[]) =>
  ({ id: 0, title, background, suggestions }) as unknown as ProposalView;

describe('the review desk comparison', () => {
  const reviewed = text('关于完善社区居家养老服务体系的建议', '我市老年人口占比已超过18%，居家养老是主要方式。', [
    '建设智慧养老平台',
    '推动医养结合',
  ]);
  const other = text('关于着力完善社区居家养老服务体系的几点建议', '全市老年人口占比已超过18%，居家养老是主要方式。', [
    '强化宣传引导',
    '建设智慧养老平台',
    '推动医养结合',
  ]);

  it('marks each text of the other proposal word by word against the one reviewed', () => {
    const d = compareTexts(reviewed, other);
    const marked = (parts: typeof d.title.parts, change: string) =>
      parts.filter((p) => p.change === change).map((p) => p.text);
    expect(marked(d.title.parts, 'added')).toEqual(['着力', '几点']);
    expect(marked(d.title.parts, 'removed')).toEqual([]);
    expect(marked(d.background.parts, 'added')).toEqual(['全市']);
    expect(marked(d.background.parts, 'removed')).toEqual(['我市']);
    // A suggestion added in front marks that line only, not every later one as renumbered.
    expect(marked(d.suggestions.parts, 'added').join('')).toBe('• 强化宣传引导\n');
    expect(marked(d.suggestions.parts, 'removed')).toEqual([]);
    expect([d.title.marked, d.background.marked, d.suggestions.marked]).toEqual([true, true, true]);
  });

  it('prints the suggestions one line each behind the same bullet', () => {
    expect(suggestionsText(['甲', '乙'])).toBe('• 甲\n• 乙');
    expect(suggestionsText([])).toBe('');
  });

  it('gives the other proposal its score when it is among those offered, and a link that closes the panel', () => {
    const desk = { ...reviewed, id: 36 } as ProposalView;
    const compared = { ...other, id: 24 } as ProposalView;
    const offered = [{ id: 24, score: 0.796 }] as SimilarProposalView[];
    expect(comparisonOf(desk, compared, offered)).toMatchObject({
      other: compared,
      score: 0.796,
      closeHref: '/proposals/36/review',
    });
    expect(comparisonOf(desk, compared, []).score).toBeNull();
    expect(reviewHref(36, 24)).toBe('/proposals/36/review?compare=24');
    expect(reviewHref(36, null)).toBe('/proposals/36/review');
  });
});
