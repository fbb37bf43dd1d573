import {
  FakeAnswer,
  FakeSmsProvider,
  StoppedClock,
  failureOf,
  closedPort,
} from '../../../test/notifications/sms-fake-provider';
import { loadConfig, SmsConfig } from '../../config/app-config';
import { ChannelFailure, OutboundMessage } from '../channels/channel';
import { smsChannelFrom } from './sms-channel';
import { composeSmsNotice, smsLength } from './sms-text';

const clock = new StoppedClock(new Date('2027-03-01T02:00:00Z'));
const message = (address: string, body = '3月5日 9:00 二楼会议室，请准时参加。'): OutboundMessage => ({
  address,
  recipientName: '王建国',
  title: '会议通知',
  body,
  url: 'https://xs.example.gov.cn/visits/7',
});

/** The channel as the app builds it: from the environment, through loadConfig. */
function smsConfig(provider: string, endpoint: string, extra: Record<string, string> = {}): SmsConfig {
  const sms = loadConfig({
    XS_SMS_PROVIDER: provider,
    XS_SMS_ENDPOINT: endpoint,
    XS_SMS_KEY_ID: 'wzzx',
    XS_SMS_KEY_SECRET: 'secret-0123',
    XS_SMS_SIGN_NAME: '吴忠市政协',
    XS_SMS_TEMPLATE_NOTICE: 'SMS_1',
    XS_SMS_TEMPLATE_CODE: 'SMS_2',
    XS_SMS_APP_ID: '1400000001',
    XS_SMS_TIMEOUT_MS: '300',
    ...extra,
  }).sms;
  return sms!;
}

describe('SmsChannel', () => {
  let reply: FakeAnswer;
  const server = new FakeSmsProvider(() => reply);
  beforeAll(() => server.start());
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('is off without XS_SMS_PROVIDER: not configured, and a send fails as misconfigured, final', async () => {
    const channel = smsChannelFrom(null);
    expect(channel).toMatchObject({ name: 'sms', configured: false });
    expect(await failureOf(channel.send(message('13912345678')))).toMatchObject({
      reason: 'misconfigured',
      retryable: false,
    });
    expect(await failureOf(channel.sendCode('13912345678', '482916'))).toMatchObject({ reason: 'misconfigured' });
  });

  it.each(['12345678901', '+8613912345678', '1391234567', 'wang@example.cn'])(
    'refuses %s before any request: rejected, final',
    async (address) => {
      const channel = smsChannelFrom(smsConfig('gateway', `${server.url}/send`), clock);
      expect(channel.configured).toBe(true);
      const e = await failureOf(channel.send(message(address)));
      expect(e).toBeInstanceOf(ChannelFailure);
      expect(e).toMatchObject({
        reason: 'rejected',
        retryable: false,
        message: '手机号码格式不正确：应为 11 位大陆手机号码',
      });
      expect(server.requests).toHaveLength(0);
    },
  );

  it('refuses a code that is not 4 to 8 digits', async () => {
    const channel = smsChannelFrom(smsConfig('gateway', `${server.url}/send`), clock);
    expect(await failureOf(channel.sendCode('13912345678', '12ab'))).toMatchObject({ reason: 'rejected' });
    expect(server.requests).toHaveLength(0);
  });

  it('fits the gateway text to XS_SMS_MAX_CHARS with its 【签名】 counted', async () => {
    reply = { status: 200, json: { code: 0, msgId: 77 } };
    const channel = smsChannelFrom(smsConfig('gateway', `${server.url}/send`), clock);
    const receipt = await channel.send(message('13912345678', '请各位委员准时参加，'.repeat(10)));
    expect(receipt).toEqual({ providerMessageId: '77', answer: '0' });
    const content = new URLSearchParams(server.requests[0].body).get('content')!;
    expect(smsLength(content)).toBe(70);
    expect(content).toMatch(/^【吴忠市政协】会议通知：请各位委员.*… 详情：https:\/\/xs\.example\.gov\.cn\/visits\/7$/);
  });

  it("gives aliyun the notice as `content`, the sign left to the provider's template", async () => {
    reply = { status: 200, json: { Code: 'OK', Message: 'OK', BizId: 'B-1' } };
    const channel = smsChannelFrom(smsConfig('aliyun', server.url, { XS_SMS_MAX_CHARS: '60' }), clock);
    const long = message('13912345678', '请各位委员准时参加，'.repeat(10));
    expect(await channel.send(long)).toEqual({ providerMessageId: 'B-1', answer: 'OK OK' });
    const param = new URLSearchParams(server.requests[0].body).get('TemplateParam')!;
    expect(JSON.parse(param)).toEqual({ content: composeSmsNotice(long, 60) });
  });

  describe.each(['aliyun', 'tencent', 'gateway'])('with %s, on the way to the provider', (provider) => {
    const channel = () => smsChannelFrom(smsConfig(provider, `${server.url}/send`), clock);

    it('HTTP 429 is a rate limit, retryable', async () => {
      reply = { status: 429, json: {} };
      expect(await failureOf(channel().send(message('13912345678')))).toMatchObject({
        reason: 'rate_limited',
        retryable: true,
        answer: 'HTTP 429',
      });
    });

    it('HTTP 503 is an outage, retryable', async () => {
      reply = { status: 503, json: {} };
      expect(await failureOf(channel().sendCode('13912345678', '482916'))).toMatchObject({
        reason: 'unavailable',
        retryable: true,
        answer: 'HTTP 503',
      });
    });

    it('a refused connection is an outage, retryable', async () => {
      const sms = smsChannelFrom(smsConfig(provider, `http://127.0.0.1:${await closedPort()}/send`), clock);
      expect(await failureOf(sms.send(message('13912345678')))).toMatchObject({
        reason: 'unavailable',
        retryable: true,
        answer: '未连上短信服务商（ECONNREFUSED）',
      });
    });

    it('an answer that is not the provider’s (a 404 page) is a wrong endpoint: misconfigured, final', async () => {
      reply = { status: 404, json: 'Not Found' };
      expect(await failureOf(channel().send(message('13912345678')))).toMatchObject({
        reason: 'misconfigured',
        retryable: false,
      });
    });
  });
});
