import { createHash, createHmac } from 'node:crypto';
import { Clock } from '../../common/clock';
import type { SmsConfig } from '../../config/app-config';
import type { FailureReason, SendReceipt } from '../channels/channel';
import { postToProvider, providerAnswer, reasonOf, SmsProvider, smsFailure, unreadableAnswer } from './sms-provider';

export type TencentSmsConfig = Extract<SmsConfig, { provider: 'tencent' }>;

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The Host header as sent (with the port when it is not the scheme's). */
  host: string;
  /** Unix seconds, the X-TC-Timestamp. */
  timestamp: number;
  payload: string;
}

/**
 * TC3-HMAC-SHA256 of Tencent Cloud API 3.0: a canonical request (POST, URI /, no query, the signed headers
 * content-type, host and x-tc-action, the payload's SHA-256), signed with a key derived from `TC3` + the secret
 * through the UTC date, the service and `tc3_request`. Returns the Authorization header.
 */
export function tc3Authorization(input: Tc3Input): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${CONTENT_TYPE}\nhost:${input.host}\nx-tc-action:${ACTION.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Tencent Cloud's error and send-status codes by what the job does with them; anything else is final. */
const TENCENT_RULES: ReadonlyArray<readonly [RegExp, FailureReason]> = [
  [/^(LimitExceeded|RequestLimitExceeded)/, 'rate_limited'],
  [/^(AuthFailure|UnauthorizedOperation|FailedOperation\.InsufficientBalance)/, 'misconfigured'],
  [/^(InternalError|ResourceUnavailable)/, 'unavailable'],
];

interface TencentAnswer {
  Response?: {
    Error?: { Code: string; Message?: string };
    SendStatusSet?: Array<{ Code: string; Message?: string; SerialNo?: string }>;
  };
}

/** Tencent Cloud SMS (`SendSms`, version 2021-01-11). Its templates' parameters are positional: {1}. */
export class TencentSms implements SmsProvider {
  readonly name = 'tencent' as const;
  readonly addedChars = 0;

  constructor(
    private readonly config: TencentSmsConfig,
    private readonly clock: Clock = new Clock(),
  ) {}

  sendNotice(phone: string, content: string): Promise<SendReceipt> {
    return this.send(phone, this.config.templateNotice, content);
  }

  sendCode(phone: string, code: string): Promise<SendReceipt> {
    return this.send(phone, this.config.templateCode, code);
  }

  private async send(phone: string, template: string, param: string): Promise<SendReceipt> {
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: this.config.appId,
      SignName: this.config.signName,
      TemplateId: template,
      TemplateParamSet: [param],
    });
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const url = new URL(this.config.endpoint);
    const auth = tc3Authorization({
      secretId: this.config.keyId,
      secretKey: this.config.keySecret,
      host: url.host,
      timestamp,
      payload,
    });
    const headers = {
      Authorization: auth,
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': ACTION,
      'X-TC-Version': VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.config.region,
      'X-TC-Language': 'zh-CN',
    };
    const { status, json } = await postToProvider(`${this.config.endpoint}/`, headers, payload, this.config.timeoutMs);
    return this.read(status, json as TencentAnswer | null);
  }

  /** An API error (`Response.Error`) or the number's own status (`SendStatusSet[0]`): `Ok` and its SerialNo, or a failure. */
  private read(status: number, answer: TencentAnswer | null): SendReceipt {
    const said = (code: string, message?: string) => providerAnswer(code, message, this.config.keySecret);
    const error = answer?.Response?.Error;
    if (error) throw smsFailure(reasonOf(error.Code, TENCENT_RULES), said(error.Code, error.Message));
    const sent = answer?.Response?.SendStatusSet?.[0];
    if (!sent || typeof sent.Code !== 'string') throw unreadableAnswer(status);
    if (sent.Code === 'Ok') return { providerMessageId: sent.SerialNo ?? null, answer: said(sent.Code, sent.Message) };
    throw smsFailure(reasonOf(sent.Code, TENCENT_RULES), said(sent.Code, sent.Message));
  }
}
