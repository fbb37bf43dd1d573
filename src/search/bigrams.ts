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
}

/** What a search query asks for: every gram must occur, and every single character. */
export function searchTerms(q: string): SearchTerms {
  const grams = new Set<string>();
  const singles = new Set<string>();
  for (const run of runs(q)) {
    if (Array.from(run).length === 1) singles.add(run);
    else for (const g of runGrams(run)) grams.add(g);
  }
  return { grams: [...grams], singles: [...singles] };
}

/** Inverse document frequency, smoothed so that a gram in every document still weighs a little. */
export function idf(df: number, docs: number): number {
  return Math.log(1 + docs / Math.max(1, df));
}

/** tf-idf weight with sublinear tf, so a gram repeated ten times does not outweigh ten rare grams. */
export function weight(tf: number, idfValue: number): number {
  return tf > 0 ? (1 + Math.log(tf)) * idfValue : 0;
}

/**
 * Cosine similarity of two term-frequency maps under tf-idf weights, in 0..1.
 * `idfOf` gives the weight of a gram; both vectors must use the same one.
 */
export function cosine(a: Map<string, number>, b: Map<string, number>, idfOf: (gram: string) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, tf] of a) {
    const wa = weight(tf, idfOf(g));
    na += wa * wa;
    const tb = b.get(g);
    if (tb !== undefined) dot += wa * weight(tb, idfOf(g));
  }
  for (const [g, tf] of b) {
    const wb = weight(tf, idfOf(g));
    nb += wb * wb;
  }
  if (dot === 0 || na === 0 || nb === 0) return 0;
  return Math.min(1, Math.max(0, dot / Math.sqrt(na * nb)));
}

/** Jaccard similarity of the bigram sets of two texts: the unweighted baseline of the benchmark. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return common / (a.size + b.size - common);
}
