/** The fields of a proposal indexed for similarity and search: the title counts three times. */
export function proposalFields(p: {
  title: string;
  background: string;
  suggestions: string[];
}): Array<{ text: string; weight: number }> {
  return [
    { text: p.title, weight: 3 },
    { text: p.background, weight: 1 },
    { text: p.suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n'), weight: 1 },
  ];
}
