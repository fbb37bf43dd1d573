/*
 * A draft document's text as clauses, and back: plain functions, no Nest, no TypeORM.
 * A 居民公约 or 自治章程 is pasted as it is written — 第一条 …, 第二条 … (digits too), or numbered
 * lines 1. / 1、 / （1） — and split where each clause starts. Chapter lines (第一章 总则) head the
 * clauses after them; lines before the first clause (为了……制定本公约) are the 序言; a line without a
 * marker continues the clause before it. Text with no marker at all is one clause per line.
 */
import { chineseNumeral } from '../common/chinese-numerals';

export interface ClauseText {
  /** 第一条, 第十二条, or 序言 for the preamble. */
  label: string;
  /** The chapter heading the clause stands under (第一章 总则), if any. */
  chapter: string | null;
  text: string;
}

export const PREAMBLE = '序言';
export const MAX_CLAUSES = 200;
export const MAX_CLAUSE_CHARS = 5000;

const NUMERALS = '一二三四五六七八九十百千零〇两';
const CLAUSE = new RegExp(`^第([${NUMERALS}\\d]{1,6})条(?:[\\s　:：、.．]+|$)`);
const CHAPTER = new RegExp(`^第[${NUMERALS}\\d]{1,4}[章节编](?:[\\s　]|$)`);
const NUMBERED = /^(?:(\d{1,3})\s*[.．、)）]|[（(](\d{1,3})[)）])\s*/;

/** 第N条 for the Nth clause. */
export const clauseLabel = (n: number): string => `第${chineseNumeral(n)}条`;

interface Marker {
  label: string;
  rest: string;
}

type Finder = (line: string) => Marker | null;

const byClause: Finder = (line) => {
  const m = CLAUSE.exec(line);
  return m ? { label: `第${m[1]}条`, rest: line.slice(m[0].length) } : null;
};

const byNumber: Finder = (line) => {
  const m = NUMBERED.exec(line);
  return m ? { label: clauseLabel(Number(m[1] ?? m[2])), rest: line.slice(m[0].length) } : null;
};

/**
 * The clauses of a pasted text, in order. Throws nothing: an empty result means there was no text;
 * `checkClauses` says what is wrong with the result.
 */
export function splitClauses(text: string): ClauseText[] {
  const lines = text
    .split(/\r?\n/)
    // trim(): the same white space as \s (U+3000 included), in linear time; a trim regex took quadratic time on a
    // long run of spaces inside a line (100 KB froze the process for seconds).
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const find = lines.some((l) => byClause(l)) ? byClause : lines.some((l) => byNumber(l)) ? byNumber : null;
  if (!find) return lines.map((l, i) => ({ label: clauseLabel(i + 1), chapter: null, text: l }));
  const out: ClauseText[] = [];
  let chapter: string | null = null;
  for (const line of lines) {
    const marker = find(line);
    if (marker) {
      out.push({ label: marker.label, chapter, text: marker.rest.trim() });
    } else if (CHAPTER.test(line)) {
      chapter = line.replace(/\s+/g, ' ');
    } else if (out.length) {
      const last = out[out.length - 1];
      last.text = last.text ? `${last.text}\n${line}` : line;
    } else {
      out.push({ label: PREAMBLE, chapter: null, text: line });
    }
  }
  return out;
}

/** The whole text again, as `splitClauses` reads it: chapter headings where they change, the preamble without its label. */
export function joinClauses(clauses: ClauseText[]): string {
  const lines: string[] = [];
  let chapter: string | null = null;
  for (const c of clauses) {
    if (c.chapter && c.chapter !== chapter) lines.push(c.chapter);
    chapter = c.chapter;
    lines.push(c.label === PREAMBLE ? c.text : `${c.label} ${c.text}`);
  }
  return lines.join('\n');
}

/** What is wrong with a set of clauses, as field messages (empty: nothing). */
export function checkClauses(clauses: ClauseText[], field: string): Record<string, string[]> {
  if (!clauses.length) return { [field]: ['请填写征求意见稿的条款'] };
  if (clauses.length > MAX_CLAUSES) return { [field]: [`征求意见稿最多 ${MAX_CLAUSES} 条`] };
  const fields: Record<string, string[]> = {};
  clauses.forEach((c, i) => {
    if (!c.text.trim()) fields[`${field}.${i}`] = [`${c.label}没有内容`];
    else if ([...c.text].length > MAX_CLAUSE_CHARS)
      fields[`${field}.${i}`] = [`${c.label}最多 ${MAX_CLAUSE_CHARS} 个字`];
  });
  return fields;
}
