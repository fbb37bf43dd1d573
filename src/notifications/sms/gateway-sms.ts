import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock';
import type { SmsConfig } from '../../config/app-config';
import type { SendReceipt } from '../channels/channel';
import { postToProvider, providerAnswer, SmsProvider, smsFailure, unreadableAnswer } from './sms-provider';
import { codeText, signPrefix, smsLength } from './sms-text';

export type GatewaySmsConfig = Extract<SmsConfig, { provider: 'gateway' }>;

/** yyyyMMddHHmmss on the Beijing clock (UTC+8 all year: China keeps no summer time). */
export function gatewayTimestamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace(/\D/g, '');
}

/** The gateway's `sign`: lowercase hex MD5 of account + secret + timestamp. */
export function gatewaySign(account: string, secret: string, timestamp: string): string {
  return createHash('md5').update(`${account}${secret}${timestamp}`, 'utf8').digest('hex');
}

interface GatewayAnswer {
  code?: string | number;
  msg?: string;
  msgId?: string | number;
}

/**
 * A 政务短信平台 behind a plain HTTP form (docs/design/sms-providers.md has the format, for an office that puts a
 * thin adapter in front of its own platform): the text is ours, 【签名】 first, so it counts in the length.
 */
export class GatewaySms implements SmsProvider {
  readonly name = 'gateway' as const;
  readonly addedChars: number;

  constructor(
    private readonly config: GatewaySmsConfig,
    private readonly clock: Clock = new Clock(),
  ) {
    this.addedChars = smsLength(signPrefix(config.signName));
  }

  sendNotice(phone: string, content: string): Promise<SendReceipt> {
    return this.send(phone, signPrefix(this.config.signName) + content);
  }

  sendCode(phone: string, code: string): Promise<SendReceipt> {
    return this.send(phone, signPrefix(this.config.signName) + codeText(code));
  }

  private async send(phone: string, content: string): Promise<SendReceipt> {
    const timestamp = gatewayTimestamp(this.clock.now());
    const form = new URLSearchParams({
      account: this.config.keyId,
      timestamp,
      mobile: phone,
      content,
      sign: gatewaySign(this.config.keyId, this.config.keySecret, timestamp),
    });
    const { status, json } = await postToProvider(
      this.config.endpoint,
      { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json' },
      form.toString(),
      this.config.timeoutMs,
    );
    const answer = json as GatewayAnswer | null;
    if (answer?.code === undefined || answer.code === null) throw unreadableAnswer(status);
    const said = providerAnswer(String(answer.code), answer.msg, this.config.keySecret);
    if (String(answer.code) === '0')
      return { providerMessageId: answer.msgId == null ? null : String(answer.msgId), answer: said };
    throw smsFailure('rejected', said);
  }
}
