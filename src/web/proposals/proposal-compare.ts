import { diffText, TextDiff } from '../../common/text-diff';
import type { ProposalView, SimilarProposalView } from '../../proposals/dto/proposal-view.dto';

/** The texts of a proposal that the review desk compares. */
type ProposalText = Pick<ProposalView, 'title' | 'background' | 'suggestions'>;

/**
 * 具体建议 as one text, a line each behind the same bullet, so a suggestion added, dropped, moved or reworded shows in
 * place; numbers would mark every later line as changed once one is added or dropped.
 */
export const suggestionsText = (suggestions: string[]): string => suggestions.map((s) => `• ${s}`).join('\n');

/** What the compare panel of the review desk prints: the other proposal, and its texts marked against the one reviewed. */
export interface ProposalComparison {
  other: ProposalView;
  /** Its 相似度 (0–1) when it is among the similar proposals offered; null when opened otherwise. */
  score: number | null;
  title: TextDiff;
  background: TextDiff;
  suggestions: TextDiff;
  /** The desk without the panel. */
  closeHref: string;
}

/** Each text of `other` marked word by word against `reviewed`: `added` only in `other`, `removed` only in `reviewed`. */
export function compareTexts(reviewed: ProposalText, other: ProposalText) {
  return {
    title: diffText(reviewed.title, other.title),
    background: diffText(reviewed.background, other.background),
    suggestions: diffText(suggestionsText(reviewed.suggestions), suggestionsText(other.suggestions)),
  };
}

/** The compare panel for `other` beside `reviewed` on the review desk. */
export function comparisonOf(
  reviewed: ProposalView,
  other: ProposalView,
  similar: SimilarProposalView[],
): ProposalComparison {
  return {
    other,
    score: similar.find((s) => s.id === other.id)?.score ?? null,
    ...compareTexts(reviewed, other),
    closeHref: reviewHref(reviewed.id),
  };
}

/** The review desk of proposal `id`, with `compare` open beside it when given. */
export const reviewHref = (id: number, compare?: number | null): string =>
  `/proposals/${id}/review${compare ? `?compare=${compare}` : ''}`;
