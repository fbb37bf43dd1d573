import type { ProposalView } from './dto/proposal-view.dto';

/**
 * 答复函 body: the unit writes the body only; the letter's frame (称谓, 收悉 sentence, closing, organ, date, contact)
 * comes from the data. Units are used to writing whole letters, so a body may still start with a salutation or end
 * with a signature block. These functions find exactly those lines, at the edges of the text only: a line in the
 * middle is never touched, whatever it says.
 */

/** The lines of a reply body that the letter's frame already prints: `head` at the top, `tail` at the bottom. */
export interface FrameLines {
  /** As typed (trimmed), top to bottom. */
  head: string[];
  /** As typed (trimmed), top to bottom. */
  tail: string[];
}

const NO_PUNCTUATION = /^[^，。；、！？,.;!?（）()]+$/;
const COLON = /[：:]$/;

/** 尊敬的张三委员： / 张三委员： / 各位委员： / 九三学社吴忠市委员会： / 您好！ / 你们的《…》收悉……现答复如下： */
function isHeadLine(line: string): boolean {
  if (/^(您好|你好|你们好)[！!。]?$/.test(line)) return true;
  if (COLON.test(line) && line.length <= 40) {
    const name = line.replace(COLON, '');
    if (
      NO_PUNCTUATION.test(name) &&
      (name.startsWith('尊敬的') || /(委员|委员们|同志|先生|女士|代表|委员会)$/.test(name))
    )
      return true;
  }
  // The unit's own 收悉 opener: the frame prints its own.
  return /^(您|你们|贵)/.test(line) && line.includes('收悉') && /答复如下[：:]$/.test(line) && line.length <= 200;
}

const CN_DIGIT = '[0-9０-９〇○零一二三四五六七八九十]';
const DATE = new RegExp(`^${CN_DIGIT}{4}年${CN_DIGIT}{1,3}月${CN_DIGIT}{1,3}日$`);
const ORGAN_SUFFIX = /(局|委|办|厅|院|中心|公司|委员会|政府|办公室|部|处|所|队|站|馆|集团)(（(盖章|章)）)?$/;

/** 市自然资源局 / 2026年5月8日 / 联系人：李明 / 联系电话：… / 感谢您……的关心和支持…… / 此复 */
function isTailLine(line: string, organs: string[]): boolean {
  if (DATE.test(line.replace(/\s+/g, ''))) return true;
  if (/^(联系人|联系电话|电话|联系人及电话|联系方式|签发人|经办人)[：:]/.test(line) && line.length <= 60) return true;
  if (/^(此复|此致|敬礼|特此函复|特此答复)[。！!]?$/.test(line)) return true;
  if (/^(再次)?(衷心)?感谢/.test(line) && /(关心|支持)/.test(line) && line.length <= 60) return true;
  if (organs.includes(line)) return true;
  return line.length <= 30 && NO_PUNCTUATION.test(line.replace(/（(盖章|章)）$/, '')) && ORGAN_SUFFIX.test(line);
}

/** The index of the first body line and one past the last one. */
function bounds(lines: string[], organs: string[]): { start: number; end: number } {
  let start = 0;
  while (start < lines.length && (!lines[start] || isHeadLine(lines[start]))) start++;
  let end = lines.length;
  while (end > start && (!lines[end - 1] || isTailLine(lines[end - 1], organs))) end--;
  return { start, end };
}

const linesOf = (text: string): string[] => text.split(/\r?\n/);

/**
 * The salutation/opener lines at the top and the signature, date, contact and closing lines at the bottom of a reply
 * body, exactly as typed. `organs`: names that count as a signature line whatever they end with (the unit's name).
 */
export function findFrameLines(text: string, organs: string[] = []): FrameLines {
  const lines = linesOf(text).map((l) => l.trim());
  const { start, end } = bounds(lines, organs);
  return { head: lines.slice(0, start).filter(Boolean), tail: lines.slice(end).filter(Boolean) };
}

/** The body without the lines `findFrameLines` finds (and without the blank lines around them); other lines as typed. */
export function trimReplyBody(text: string, organs: string[] = []): string {
  const lines = linesOf(text);
  const { start, end } = bounds(
    lines.map((l) => l.trim()),
    organs,
  );
  return lines.slice(start, end).join(text.includes('\r\n') ? '\r\n' : '\n');
}

export const hasFrameLines = (lines: FrameLines): boolean => lines.head.length + lines.tail.length > 0;

/** The proposers a document names: the group, or the lead, the confirmed co-signers and the merged proposals' leads. */
export function proposersOf(view: ProposalView): string[] {
  if (view.groupName) return [view.groupName];
  return view.signers
    .filter((s) => s.role === 'lead' || s.status === 'confirmed' || s.role === 'merged')
    .map((s) => s.name);
}

/** Who a proposal's 答复函 is addressed to: 尊敬的张三委员 (您), 尊敬的张三等3位委员 (你们), 尊敬的<group> (你们). */
export function letterAddressee(view: ProposalView): { addressee: string; you: string } {
  if (view.groupName) return { addressee: `尊敬的${view.groupName}`, you: '你们' };
  const proposers = proposersOf(view);
  const lead = view.signers.find((s) => s.role === 'lead')?.name ?? proposers[0];
  if (proposers.length > 1) return { addressee: `尊敬的${lead}等${proposers.length}位委员`, you: '你们' };
  return { addressee: lead ? `尊敬的${lead}委员` : '尊敬的提案人', you: '您' };
}

/** The 收悉 sentence: 您提出的《关于……》（第N号）收悉。现答复如下： */
export const receivedSentence = (you: string, title: string, numberLabel: string | null): string =>
  `${you}提出的《${title}》${numberLabel ? `（${numberLabel}）` : ''}收悉。现答复如下：`;

/** The closing the frame prints once. */
export const closingSentence = (you: string): string => `感谢${you}对我们工作的关心和支持。`;

/** The 答复函 as text, for the reply form's preview: the frame around the body as it would be printed. */
export interface LetterPreview {
  addressee: string;
  received: string;
  paragraphs: string[];
  closing: string;
  unitName: string;
}

export function letterPreview(view: ProposalView, unitName: string, body: string): LetterPreview {
  const { addressee, you } = letterAddressee(view);
  const numberLabel = view.numberLabel ? (/第\d+号$/.exec(view.numberLabel)?.[0] ?? view.numberLabel) : null;
  return {
    addressee,
    received: receivedSentence(you, view.title, numberLabel),
    paragraphs: trimReplyBody(body, [unitName])
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    closing: closingSentence(you),
    unitName,
  };
}
