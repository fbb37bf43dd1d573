import { createHmac } from 'node:crypto';
import {
  FakeAnswer,
  FakeSmsProvider,
  ReceivedRequest,
  StoppedClock,
  failureOf,
} from '../../../test/notifications/sms-fake-provider';
import { ChannelFailure } from '../channels/channel';
import { AliyunSms, AliyunSmsConfig } from './aliyun-sms';

/**
 * The provider's side, written from Alibaba Cloud's "Signature mechanism" page for RPC APIs, not from the adapter:
 * percent-encode each UTF-8 byte except A–Z a–z 0–9 - _ . ~ (uppercase hex), sort by name, join name=value with &,
 * StringToSign = POST&%2F&encode(that), Signature = Base64(HMAC-SHA1(secret + "&", StringToSign)).
 */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const SECRET = 'office-secret-0123';
const REQUIRED: Record<string, RegExp> = {
  AccessKeyId: /^LTAI5tTestKey$/,
  Action: /^SendSms$/,
  Format: /^JSON$/,
  PhoneNumbers: /^1[3-9]\d{9}$/,
  RegionId: /^cn-hangzhou$/,
  SignName: /^.+$/,
  SignatureMethod: /^HMAC-SHA1$/,
  SignatureNonce: /^.{8,}$/,
  SignatureVersion: /^1\.0$/,
  TemplateCode: /^SMS_\d+$/,
  TemplateParam: /^\{.*\}$/,
  Timestamp: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  Version: /^2017-05-25$/,
  Signature: /^[A-Za-z0-9+/]{27}=$/,
};

/** The checks Dysmsapi makes; null when the request is good, else its answer. */
function verify(req: ReceivedRequest, nonces: Set<string>): FakeAnswer | null {
  const params = Object.fromEntries(new URLSearchParams(req.body));
  const missing = Object.keys(REQUIRED).filter((k) => !REQUIRED[k].test(params[k] ?? ''));
  if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
    return { status: 400, json: { Code: 'InvalidRequest', Message: 'form POST expected' } };
  if (missing.length) return { status: 400, json: { Code: 'MissingParameter', Message: missing.join(',') } };
  if (nonces.has(params.SignatureNonce)) return { status: 400, json: { Code: 'SignatureNonceUsed', Message: 'used' } };
  nonces.add(params.SignatureNonce);
  const { Signature, ...signed } = params;
  const canonical = Object.keys(signed)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(signed[k])}`)
    .join('&');
  const stringToSign = `POST&${rfc3986('/')}&${rfc3986(canonical)}`;
  const expected = createHmac('sha1', `${SECRET}&`).update(stringToSign).digest('base64');
  if (expected === Signature) return null;
  const Message = `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`;
  return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message } };
}

describe('AliyunSms against a local Dysmsapi that checks the documented signature', () => {
  const clock = new StoppedClock(new Date('2027-03-01T20:30:00.789Z'));
  const nonces = new Set<string>();
  let reply: FakeAnswer = { status: 200, json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' } };
  const server = new FakeSmsProvider((req) => verify(req, nonces) ?? reply);
  let config: AliyunSmsConfig;
  const params = (i: number) => server.form(i);

  beforeAll(async () => {
    await server.start();
    config = {
      provider: 'aliyun',
      endpoint: server.url,
      keyId: 'LTAI5tTestKey',
      keySecret: SECRET,
      signName: '吴忠市政协',
      templateNotice: 'SMS_460001',
      templateCode: 'SMS_460002',
      timeoutMs: 300,
      maxChars: 70,
    };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    reply = { status: 200, json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' } };
  });

  it('sends the notice template with `content`, signed as documented, and keeps the BizId', async () => {
    const content = "视察通知：3月5日（周五）9:00 利通区 * 'A' (B) ~ 详情：https://xs.example.gov.cn/visits/7?a=1&b=2";
    const receipt = await new AliyunSms(config, clock).sendNotice('13912345678', content);
    expect(receipt).toEqual({ providerMessageId: '900619746936498440^0', answer: 'OK OK' });
    expect(params(0)).toMatchObject({
      PhoneNumbers: '13912345678',
      SignName: '吴忠市政协',
      TemplateCode: 'SMS_460001',
      Timestamp: '2027-03-01T20:30:00Z',
    });
    expect(JSON.parse(params(0).TemplateParam)).toEqual({ content });
  });

  it('sends the code template with `code`, with a fresh nonce each time', async () => {
    const sms = new AliyunSms(config, clock);
    await sms.sendCode('13912345678', '482916');
    await sms.sendCode('13912345678', '482917');
    expect(params(0)).toMatchObject({ TemplateCode: 'SMS_460002', TemplateParam: '{"code":"482916"}' });
    expect(params(1).SignatureNonce).not.toBe(params(0).SignatureNonce);
  });

  it('is refused when signed with another secret: misconfigured, final, the echoed string-to-sign not kept', async () => {
    const e = await failureOf(
      new AliyunSms({ ...config, keySecret: 'not-the-secret' }, clock).sendCode('13912345678', '482916'),
    );
    expect(e).toBeInstanceOf(ChannelFailure);
    expect(e).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(e!.answer).toBe('SignatureDoesNotMatch Specified signature is not matched with our calculation. server');
    expect(`${e!.message} ${e!.answer}`).not.toMatch(/482916|not-the-secret|13912345678/);
  });

  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', '非法手机号', 'rejected', false],
    ['isv.SMS_TEMPLATE_ILLEGAL', '模板不合法', 'rejected', false],
    ['isv.SMS_SIGNATURE_ILLEGAL', '签名不合法', 'rejected', false],
    ['isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5', 'rate_limited', true],
    ['Throttling.User', 'Request was denied due to user flow control.', 'rate_limited', true],
    ['InvalidAccessKeyId.NotFound', 'Specified access key is not found.', 'misconfigured', false],
    ['isp.SYSTEM_ERROR', 'isp.SYSTEM_ERROR', 'unavailable', true],
  ])('answers %s (%s): a ChannelFailure, %s, retryable %s', async (Code, Message, reason, retryable) => {
    reply = { status: Code.startsWith('isv.') ? 200 : 400, json: { RequestId: 'R-1', Code, Message } };
    const e = await failureOf(new AliyunSms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason, retryable, answer: `${Code} ${Message}` });
    expect(e!.message).toContain('短信');
  });

  it('gives up after XS_SMS_TIMEOUT_MS when the provider does not answer: timeout, retryable', async () => {
    reply = 'hang';
    const e = await failureOf(new AliyunSms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason: 'timeout', retryable: true, answer: '300 毫秒内未答复' });
  });
});
