import type { OutboundMessage } from '../channels/channel';

/**
 * The words of an SMS (docs/design/sms-providers.md). Providers count an SMS in characters, a Chinese character
 * as one: we count code points, so a character outside the BMP is one too and is never split in half.
 */
export function smsLength(text: string): number {
  return [...text].length;
}

const ELLIPSIS = '…';

/** Beside a link, less room than this for the words and the link is left out: a notice is worth more than its URL. */
export const MIN_WORDS_WITH_LINK = 10;

/** Line breaks and runs of spaces as one space: an SMS is one line on most phones. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `text` within `max` code points, cut with 「…」 when longer. */
function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return (
    chars
      .slice(0, Math.max(max - 1, 0))
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

/**
 * A notice as an SMS's `content`: 「{title}：{body}」 shortened with 「…」 so that, with ` 详情：{url}` after it, it
 * fits `maxChars`. The link is never cut: when it would leave fewer than MIN_WORDS_WITH_LINK characters for the
 * words, it is left out (the notice is in the inbox with its link). `maxChars` is what the provider leaves: the
 * gateway's 【签名】 is taken off it by the caller (SmsChannel); aliyun and tencent add theirs outside the parameter.
 */
export function composeSmsNotice(message: Pick<OutboundMessage, 'title' | 'body' | 'url'>, maxChars: number): string {
  const title = oneLine(message.title);
  const body = oneLine(message.body);
  const words = body ? `${title}：${body}` : title;
  const link = message.url ? ` 详情：${message.url}` : '';
  const room = maxChars - smsLength(link);
  if (link && room >= MIN_WORDS_WITH_LINK) return shorten(words, room) + link;
  return shorten(words, Math.max(maxChars, 1));
}

/** The sign-in code's words where we write them (the gateway; aliyun and tencent send their approved template). */
export function codeText(code: string): string {
  return `验证码：${code}，仅用于登录协商平台，请勿告诉他人。如非本人操作，请忽略本短信。`;
}

/** The 短信签名 as it leads a message: 【吴忠市政协】. */
export function signPrefix(signName: string): string {
  return `【${signName}】`;
}
