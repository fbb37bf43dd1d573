/**
 * Character bigrams for Chinese search and similarity, pure and shared by the index, its
 * queries and the benchmark. Chinese needs no word segmentation here: every pair of
 * adjacent characters is a term. A "run" is a stretch of letters and digits (Han, Latin,
 * kana, digits …); punctuation, symbols and white space end a run, so no bigram spans
 * "停车。难" and a query "停车 难" means both terms, not the phrase.
 */

/** Letters (Han included, in every plane), combining marks and numbers. */
const RUN = /[\p{L}\p{M}\p{N}]+/gu;

/** NFKC folds full-width forms (Ａ１（) to their usual ones; then lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The runs of letters and digits of a text, normalised, in order. */
export function runs(text: string): string[] {
  return normalize(text).match(RUN) ?? [];
}

/**
 * The bigrams of one run, by code point (a character outside the BMP such as 𠀀 is one
 * character, not two halves). A run of one character is its own term.
 */
export function runGrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/** Every bigram of a text, repeats kept. */
export function bigrams(text: string): string[] {
  return runs(text).flatMap(runGrams);
}

export interface WeightedText {
  text: string;
  /** Each occurrence counts this many times (a whole number ≥ 1; a title may count 3). */
  weight?: number;
}

/** Term frequencies of weighted fields: gram → Σ weight × occurrences. */
export function termFrequencies(fields: WeightedText[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const { text, weight } of fields) {
    const w = Math.max(1, Math.round(weight ?? 1));
    for (const g of bigrams(text)) tf.set(g, (tf.get(g) ?? 0) + w);
  }
  return tf;
}

export interface SearchTerms {
  /** Distinct bigrams of the query's runs of two or more characters: the index answers these. */
  grams: string[];
  /** Runs of one character: the index has no term for them, so they are matched with LIKE. */
  singles: string[];
  /** The runs of two or more characters themselves, for callers that confirm the index's candidates by substring. */
  phrases: string[];
}

/** What a search query asks for: every gram must occur, and every single character. */
export function searchTerms(q: string): SearchTerms {
  const grams = new Set<string>();
  const singles = new Set<string>();
  const phrases = new Set<string>();
  for (const run of runs(q)) {
    if (Array.from(run).length === 1) singles.add(run);
    else {
      phrases.add(run);
      for (const g of runGrams(run)) grams.add(g);
    }
  }
  return { grams: [...grams], singles: [...singles], phrases: [...phrases] };
}

/** Inverse document frequency, smoothed so that a gram in every document still weighs a little. */
export function idf(df: number, docs: number): number {
  return Math.log(1 + docs / Math.max(1, df));
}

/** Jaccard similarity of the bigram sets of two texts: the unweighted baseline of the benchmark. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Weighted Jaccard (Ruzicka) of two term-frequency maps: Σ min(tf) / Σ max(tf), in 0..1.
 * With title grams weighted, a shared title counts more than a shared sentence of boilerplate.
 */
export function weightedJaccard(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let massA = 0;
  let massB = 0;
  for (const [g, tf] of a) {
    massA += tf;
    const other = b.get(g);
    if (other !== undefined) common += Math.min(tf, other);
  }
  for (const tf of b.values()) massB += tf;
  const union = massA + massB - common;
  return union > 0 ? common / union : 0;
}
