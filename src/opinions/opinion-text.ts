import type { WeightedText } from '../search/bigrams';

/** What the bigram index holds of an item (owner type `opinion`): the title weighs three times the text, as for proposals. */
export function opinionFields(o: { title: string; content: string }): WeightedText[] {
  return [
    { text: o.title, weight: 3 },
    { text: o.content, weight: 1 },
  ];
}

/** A converted proposal's text as one 社情民意 text: its analysis, then its numbered suggestions. */
export function proposalAsOpinionText(background: string, suggestions: string[]): string {
  if (!suggestions.length) return background;
  return `${background}\n\n建议：\n${suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
}
