import type { SmsProviderName } from '../../config/app-config';
import { ChannelFailure, FailureReason, SendReceipt } from '../channels/channel';

/**
 * One SMS provider's documented API (docs/design/sms-providers.md): aliyun, tencent or a 政务短信平台 gateway.
 * Each sends the office's approved notice template with `content`, or its code template with `code`, and answers a
 * receipt or throws a ChannelFailure. Adapters log nothing: the key, the signature and the code never leave them.
 */
export interface SmsProvider {
  readonly name: SmsProviderName;
  /** Characters the provider adds that count against XS_SMS_MAX_CHARS: the gateway's 【签名】; 0 for the clouds. */
  readonly addedChars: number;
  sendNotice(phone: string, content: string): Promise<SendReceipt>;
  sendCode(phone: string, code: string): Promise<SendReceipt>;
}

const RETRYABLE: Record<FailureReason, boolean> = {
  rejected: false,
  misconfigured: false,
  rate_limited: true,
  timeout: true,
  unavailable: true,
};

const MESSAGES: Record<FailureReason, string> = {
  rejected: '短信服务商拒绝发送',
  misconfigured: '短信服务配置有误（密钥、签名、模板或余额）',
  rate_limited: '短信服务商限制了发送频率，稍后重试',
  timeout: '短信服务商未在规定时间内答复，稍后重试',
  unavailable: '短信服务商暂时不可用，稍后重试',
};

/** A failure with its Chinese message and whether the job tries again, from the reason alone. */
export function smsFailure(reason: FailureReason, answer: string): ChannelFailure {
  return new ChannelFailure(`${MESSAGES[reason]}${answer ? `：${answer}` : ''}`, reason, answer, RETRYABLE[reason]);
}

const ANSWER_MAX = 200;

/**
 * The provider's code and message as kept in the delivery record. Aliyun's SignatureDoesNotMatch repeats the
 * string it signed (the phone, the code's parameter): that part is dropped; the secret is masked should a provider
 * ever echo it; the rest is cut to 200 characters.
 */
export function providerAnswer(code: string, message: string | undefined, secret: string): string {
  let text = message ? `${code} ${message}` : code;
  const echo = text.search(/string\s*to\s*sign/i);
  if (echo >= 0) text = text.slice(0, echo).trimEnd();
  if (secret) text = text.split(secret).join('***');
  const chars = [...text];
  return chars.length > ANSWER_MAX ? chars.slice(0, ANSWER_MAX - 1).join('') + '…' : text;
}

/** Which failure a provider's code is: the first rule whose pattern matches, else rejected (final). */
export function reasonOf(code: string, rules: ReadonlyArray<readonly [RegExp, FailureReason]>): FailureReason {
  return rules.find(([pattern]) => pattern.test(code))?.[1] ?? 'rejected';
}

export interface HttpAnswer {
  status: number;
  /** The answer parsed as JSON; null when it is not JSON. */
  json: unknown;
}

/** What went wrong on the way as a failure: our time-out, or no connection (refused, reset, unknown host). */
function transportFailure(e: unknown, timeoutMs: number): ChannelFailure {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return smsFailure('timeout', `${timeoutMs} 毫秒内未答复`);
  return smsFailure('unavailable', `未连上短信服务商（${err.cause?.code ?? err.cause?.message ?? err.message}）`);
}

/**
 * POSTs to the provider and reads its answer within `timeoutMs`. HTTP 429 is a rate limit and 5xx an outage
 * (both retried); any other answer goes back to the adapter, which reads the provider's own codes from it.
 */
export async function postToProvider(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<HttpAnswer> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw transportFailure(e, timeoutMs);
  }
  if (status === 429) throw smsFailure('rate_limited', 'HTTP 429');
  if (status >= 500) throw smsFailure('unavailable', `HTTP ${status}`);
  try {
    return { status, json: JSON.parse(text) as unknown };
  } catch {
    return { status, json: null };
  }
}

/** An answer that is not the provider's (an HTML error page, a redirect): the endpoint is likely wrong. Final. */
export function unreadableAnswer(status: number): ChannelFailure {
  return smsFailure('misconfigured', `HTTP ${status}，答复无法识别（请检查 XS_SMS_ENDPOINT）`);
}
