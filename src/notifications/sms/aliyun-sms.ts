import { createHmac, randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock';
import type { SmsConfig } from '../../config/app-config';
import type { FailureReason, SendReceipt } from '../channels/channel';
import { postToProvider, providerAnswer, reasonOf, SmsProvider, smsFailure, unreadableAnswer } from './sms-provider';

export type AliyunSmsConfig = Extract<SmsConfig, { provider: 'aliyun' }>;

/** RFC 3986 as Alibaba Cloud's RPC signature asks: only A–Z a–z 0–9 - _ . ~ stay, a space is %20, UTF-8 bytes. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Signature v1 of Alibaba Cloud's RPC APIs: HMAC-SHA1, keyed with `secret&`, over
 * `POST&%2F&` + the percent-encoded canonical query (the parameters sorted by name, each `name=value` encoded), in
 * Base64.
 */
export function aliyunSignature(params: Record<string, string>, secret: string, method = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Dysmsapi's error codes by what the job does with them; anything else (template, sign, number) is final. */
const ALIYUN_RULES: ReadonlyArray<readonly [RegExp, FailureReason]> = [
  [/^(isv\.BUSINESS_LIMIT_CONTROL|Throttling)/, 'rate_limited'],
  [
    /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|Forbidden|isp\.RAM_PERMISSION_DENY)/,
    'misconfigured',
  ],
  [/^(isv\.AMOUNT_NOT_ENOUGH|isv\.ACCOUNT_|isv\.OUT_OF_SERVICE|isv\.PRODUCT_UN_SUBSCRIPT)/, 'misconfigured'],
  [/^(isp\.|ServiceUnavailable|InternalError)/, 'unavailable'],
];

interface AliyunAnswer {
  Code?: string;
  Message?: string;
  BizId?: string;
}

/** Alibaba Cloud SMS (Dysmsapi `SendSms`, version 2017-05-25, RPC style). */
export class AliyunSms implements SmsProvider {
  readonly name = 'aliyun' as const;
  readonly addedChars = 0;

  constructor(
    private readonly config: AliyunSmsConfig,
    private readonly clock: Clock = new Clock(),
  ) {}

  sendNotice(phone: string, content: string): Promise<SendReceipt> {
    return this.send(phone, this.config.templateNotice, { content });
  }

  sendCode(phone: string, code: string): Promise<SendReceipt> {
    return this.send(phone, this.config.templateCode, { code });
  }

  /** The request's parameters before the signature; Timestamp in ISO 8601 UTC without milliseconds. */
  private params(phone: string, template: string, param: Record<string, string>): Record<string, string> {
    return {
      AccessKeyId: this.config.keyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: template,
      TemplateParam: JSON.stringify(param),
      Timestamp: this.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
  }

  private async send(phone: string, template: string, param: Record<string, string>): Promise<SendReceipt> {
    const params = this.params(phone, template, param);
    const form = new URLSearchParams({ ...params, Signature: aliyunSignature(params, this.config.keySecret) });
    const { status, json } = await postToProvider(
      `${this.config.endpoint}/`,
      { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json' },
      form.toString(),
      this.config.timeoutMs,
    );
    const answer = json as AliyunAnswer | null;
    if (typeof answer?.Code !== 'string') throw unreadableAnswer(status);
    const said = providerAnswer(answer.Code, answer.Message, this.config.keySecret);
    if (answer.Code === 'OK') return { providerMessageId: answer.BizId ?? null, answer: said };
    throw smsFailure(reasonOf(answer.Code, ALIYUN_RULES), said);
  }
}
