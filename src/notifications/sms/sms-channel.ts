import { Clock } from '../../common/clock';
import { MOBILE_PATTERN } from '../../common/dto-fields';
import type { AppConfig, SmsConfig } from '../../config/app-config';
import { ChannelFailure, NotificationChannel, OutboundMessage, SendReceipt } from '../channels/channel';
import { AliyunSms } from './aliyun-sms';
import { GatewaySms } from './gateway-sms';
import { SmsProvider } from './sms-provider';
import { composeSmsNotice } from './sms-text';
import { TencentSms } from './tencent-sms';

/** A mainland mobile number as the providers take it: 11 digits, 13x–19x, no +86. */

/** The adapter of the configured provider. */
export function smsProviderFrom(config: SmsConfig, clock: Clock = new Clock()): SmsProvider {
  switch (config.provider) {
    case 'aliyun':
      return new AliyunSms(config, clock);
    case 'tencent':
      return new TencentSms(config, clock);
    case 'gateway':
      return new GatewaySms(config, clock);
  }
}

/**
 * The SMS channel of the notices (`send`) and of the sign-in codes (`sendCode`). Off (`configured` false) without
 * XS_SMS_PROVIDER: then every send fails as misconfigured, final. A number that is not a mainland mobile is refused
 * before any request.
 */
export class SmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;

  constructor(
    private readonly provider: SmsProvider | null,
    /** XS_SMS_MAX_CHARS: the notice's length, 【签名】 included where the provider counts it (the gateway). */
    private readonly maxChars: number,
  ) {}

  get configured(): boolean {
    return this.provider !== null;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const provider = this.ready(message.address);
    return provider.sendNotice(message.address, composeSmsNotice(message, this.maxChars - provider.addedChars));
  }

  /** The sign-in (or password reset) code, through the provider's code template. */
  async sendCode(phone: string, code: string): Promise<SendReceipt> {
    const provider = this.ready(phone);
    if (!/^\d{4,8}$/.test(code)) throw new ChannelFailure('验证码应为 4 到 8 位数字', 'rejected', '', false);
    return provider.sendCode(phone, code);
  }

  private ready(phone: string): SmsProvider {
    if (!this.provider) throw new ChannelFailure('未配置短信服务（XS_SMS_PROVIDER）', 'misconfigured', '', false);
    if (!MOBILE_PATTERN.test(phone))
      throw new ChannelFailure('手机号码格式不正确：应为 11 位大陆手机号码', 'rejected', '', false);
    return this.provider;
  }
}

/** The channel for the configuration read at boot (`AppConfig['sms']`); null gives the channel that is off. */
export function smsChannelFrom(config: AppConfig['sms'], clock: Clock = new Clock()): SmsChannel {
  return config ? new SmsChannel(smsProviderFrom(config, clock), config.maxChars) : new SmsChannel(null, 70);
}
