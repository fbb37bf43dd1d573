import { diffArrays } from 'diff';

/** A run of text as the comparison prints it: in both texts, only in the other one (added), or only in the first (removed). */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** Two texts compared: the runs in reading order, or (`marked` false) the other text alone when they differ too much. */
export interface TextDiff {
  parts: DiffPart[];
  marked: boolean;
}

/**
 * Beyond this many words inserted or deleted the texts are not marked word by word: two texts that share so little are
 * read side by side, and the Myers diff's time grows with the product of the length and the edits.
 */
export const MAX_DIFF_EDITS = 1500;

/**
 * Chinese words, found by the ICU dictionary behind `Intl.Segmenter` (关于 | 完善 | 社区 | 居家 | 养老): a changed word is
 * marked whole (我市 → 全市), not as one stray character. Where the runtime has no Chinese dictionary the segmenter
 * falls back to single characters, which still compare correctly.
 */
const WORDS = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** The text cut into words, spaces, line breaks and punctuation, each its own token: joined, they give the text back. */
const tokensOf = (text: string): string[] => Array.from(WORDS.segment(text), (s) => s.segment);

/**
 * What changes from `before` (the proposal under review) to `after` (the one compared with it), word by word:
 * `removed` runs are only in `before`, `added` runs only in `after`. Neighbouring runs of one kind are merged.
 */
export function diffText(before: string, after: string, maxEdits = MAX_DIFF_EDITS): TextDiff {
  if (before === after) return { parts: before ? [{ text: before, change: 'same' }] : [], marked: true };
  const changes = diffArrays(tokensOf(before), tokensOf(after), { maxEditLength: maxEdits });
  if (!changes) return { parts: after ? [{ text: after, change: 'same' }] : [], marked: false };
  const parts: DiffPart[] = [];
  for (const c of changes) {
    const change = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const text = c.value.join('');
    const last = parts[parts.length - 1];
    if (last?.change === change) last.text += text;
    else if (text) parts.push({ text, change });
  }
  return { parts: slideToLineEnds(parts), marked: true };
}

/**
 * A line inserted or deleted whole can be aligned two ways when lines begin alike (「• 甲\n• 乙」 against 「• 乙」): the
 * run 「甲\n• 」 or 「• 甲\n」. Like git's diff heuristics, the run is slid back over the text it shares with what precedes
 * it until it ends a line, so a whole line is marked.
 */
function slideToLineEnds(parts: DiffPart[]): DiffPart[] {
  for (let i = 1; i < parts.length - 1; i++) {
    const [before, run, after] = [parts[i - 1], parts[i], parts[i + 1]];
    if (before.change !== 'same' || after.change !== 'same' || run.text.endsWith('\n')) continue;
    for (let k = 1; k <= Math.min(before.text.length, run.text.length - 1); k++) {
      const tail = run.text.slice(-k);
      if (!before.text.endsWith(tail)) break;
      if (run.text[run.text.length - k - 1] !== '\n') continue;
      before.text = before.text.slice(0, -k);
      run.text = tail + run.text.slice(0, -k);
      after.text = tail + after.text;
      break;
    }
  }
  return parts.filter((p) => p.text);
}
