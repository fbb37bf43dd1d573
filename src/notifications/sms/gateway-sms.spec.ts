import { createHash } from 'node:crypto';
import {
  FakeAnswer,
  FakeSmsProvider,
  ReceivedRequest,
  StoppedClock,
  failureOf,
} from '../../../test/notifications/sms-fake-provider';
import { ChannelFailure } from '../channels/channel';
import { GatewaySms, GatewaySmsConfig } from './gateway-sms';

const SECRET = 'gw-secret-0123';

/**
 * The gateway's side, from the format in docs/design/sms-providers.md: a form POST of account, timestamp
 * (yyyyMMddHHmmss, Beijing time), mobile, content and sign = lowercase hex MD5(account + secret + timestamp).
 */
function verify(req: ReceivedRequest): FakeAnswer | null {
  const form = Object.fromEntries(new URLSearchParams(req.body));
  if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
    return { status: 200, json: { code: '100', msg: '请以表单提交' } };
  const missing = ['account', 'timestamp', 'mobile', 'content', 'sign'].filter((k) => !form[k]);
  if (missing.length) return { status: 200, json: { code: '101', msg: `缺少参数：${missing.join('、')}` } };
  if (form.account !== 'wzzx') return { status: 200, json: { code: '102', msg: '账号不存在' } };
  const expected = createHash('md5')
    .update(form.account + SECRET + form.timestamp)
    .digest('hex');
  if (form.sign !== expected) return { status: 200, json: { code: '103', msg: '签名错误' } };
  return null;
}

describe('GatewaySms against a local 政务短信平台 form that checks the MD5 sign', () => {
  // 20:30:05 UTC on 1 March is 04:30:05 on 2 March in Beijing.
  const clock = new StoppedClock(new Date('2027-03-01T20:30:05.789Z'));
  let reply: FakeAnswer = { status: 200, json: { code: '0', msg: '提交成功', msgId: 'G-20270302-0001' } };
  const server = new FakeSmsProvider((req) => verify(req) ?? reply);
  let config: GatewaySmsConfig;
  const form = (i: number) => server.form(i);

  beforeAll(async () => {
    await server.start();
    config = {
      provider: 'gateway',
      endpoint: `${server.url}/sms/send`,
      keyId: 'wzzx',
      keySecret: SECRET,
      signName: '吴忠市政协',
      timeoutMs: 300,
      maxChars: 70,
    };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    reply = { status: 200, json: { code: '0', msg: '提交成功', msgId: 'G-20270302-0001' } };
  });

  it('posts the text with 【签名】 first to the configured address, signed, on the Beijing clock', async () => {
    const receipt = await new GatewaySms(config, clock).sendNotice('13912345678', '会议通知：3月5日 9:00 常委会议');
    expect(receipt).toEqual({ providerMessageId: 'G-20270302-0001', answer: '0 提交成功' });
    expect(server.requests[0].path).toBe('/sms/send');
    expect(form(0)).toMatchObject({
      account: 'wzzx',
      timestamp: '20270302043005',
      mobile: '13912345678',
      content: '【吴忠市政协】会议通知：3月5日 9:00 常委会议',
    });
  });

  it('counts its 【签名】 against the length', () => {
    expect(new GatewaySms(config, clock).addedChars).toBe(7);
  });

  it('sends the code in our own words', async () => {
    await new GatewaySms(config, clock).sendCode('13912345678', '482916');
    expect(form(0).content).toMatch(/^【吴忠市政协】验证码：482916，/);
  });

  it('is refused when signed with another secret: the gateway code, rejected, final', async () => {
    const e = await failureOf(
      new GatewaySms({ ...config, keySecret: 'not-the-secret' }, clock).sendCode('13912345678', '1'),
    );
    expect(e).toBeInstanceOf(ChannelFailure);
    expect(e).toMatchObject({ reason: 'rejected', retryable: false, answer: '103 签名错误' });
  });

  it('ends an error code of the platform in a final refusal with its words', async () => {
    reply = { status: 200, json: { code: '203', msg: '号码为空号' } };
    const e = await failureOf(new GatewaySms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason: 'rejected', retryable: false, answer: '203 号码为空号' });
  });

  it('is rate-limited by HTTP 429, retryable', async () => {
    reply = { status: 429, json: { code: '429', msg: '发送过于频繁' } };
    const e = await failureOf(new GatewaySms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason: 'rate_limited', retryable: true });
  });

  it('gives up after XS_SMS_TIMEOUT_MS when the platform does not answer: timeout, retryable', async () => {
    reply = 'hang';
    const e = await failureOf(new GatewaySms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason: 'timeout', retryable: true });
  });
});
