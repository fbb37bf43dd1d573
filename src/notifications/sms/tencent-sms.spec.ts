import { createHash, createHmac } from 'node:crypto';
import {
  FakeAnswer,
  FakeSmsProvider,
  ReceivedRequest,
  StoppedClock,
  failureOf,
} from '../../../test/notifications/sms-fake-provider';
import { ChannelFailure } from '../channels/channel';
import { TencentSms, TencentSmsConfig } from './tencent-sms';

const SECRET = 'tc-secret-key-0123';
const SECRET_ID = 'AKIDtestSecretId';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
const error = (Code: string, Message: string): FakeAnswer => ({
  status: 200,
  json: { Response: { Error: { Code, Message }, RequestId: 'req-1' } },
});

/**
 * The provider's side, written from Tencent Cloud's "Signature v3" page: CanonicalRequest = method, URI, query, the
 * signed headers as lowercase `key:value\n`, the SignedHeaders list, the payload's hex SHA-256, joined by \n;
 * StringToSign = TC3-HMAC-SHA256, timestamp, `date/sms/tc3_request`, hex SHA-256 of the canonical request; the key
 * derived TC3+SecretKey → UTC date → service → "tc3_request". Null when the request is good, else the answer.
 */
function verify(req: ReceivedRequest): FakeAnswer | null {
  const h = (name: string) => String(req.headers[name] ?? '');
  const auth =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
      h('authorization'),
    );
  if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization 头格式错误');
  const [, secretId, date, signedHeaders, signature] = auth;
  if (secretId !== SECRET_ID) return error('AuthFailure.SecretIdNotFound', '密钥不存在');
  const headers = signedHeaders.split(';');
  if (!['content-type', 'host'].every((x) => headers.includes(x)))
    return error('AuthFailure.InvalidAuthorization', 'host 与 content-type 须参与签名');
  const timestamp = h('x-tc-timestamp');
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date)
    return error('AuthFailure.InvalidAuthorization', '凭证日期与时间戳不符');
  const canonicalHeaders = headers.map((x) => `${x}:${h(x).trim().toLowerCase()}\n`).join('');
  const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(req.body)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${SECRET}`, date), 'sms'), 'tc3_request');
  if (createHmac('sha256', key).update(toSign).digest('hex') !== signature)
    return error('AuthFailure.SignatureFailure', '请求签名验证失败，请检查您的签名计算是否正确。');
  if (h('x-tc-action') !== 'SendSms' || h('x-tc-version') !== '2021-01-11' || !h('x-tc-region'))
    return error('InvalidParameter', 'X-TC-Action、X-TC-Version、X-TC-Region 有误');
  const body = JSON.parse(req.body) as Record<string, unknown>;
  const fields = ['PhoneNumberSet', 'SmsSdkAppId', 'SignName', 'TemplateId', 'TemplateParamSet'];
  if (!fields.every((f) => f in body)) return error('MissingParameter', '缺少参数');
  return null;
}

const sent = (Code: string, Message: string, SerialNo = ''): FakeAnswer => ({
  status: 200,
  json: {
    Response: {
      SendStatusSet: [
        { SerialNo, PhoneNumber: '+8613912345678', Fee: 1, SessionContext: '', Code, Message, IsoCode: 'CN' },
      ],
      RequestId: 'req-2',
    },
  },
});

describe('TencentSms against a local SendSms that checks TC3-HMAC-SHA256', () => {
  // 20:30 UTC is already the next day in Beijing: the credential scope takes the UTC date.
  const clock = new StoppedClock(new Date('2027-03-01T20:30:00.789Z'));
  let reply: FakeAnswer = sent('Ok', 'send success', '2433:482916');
  const server = new FakeSmsProvider((req) => verify(req) ?? reply);
  let config: TencentSmsConfig;

  beforeAll(async () => {
    await server.start();
    config = {
      provider: 'tencent',
      endpoint: server.url,
      keyId: SECRET_ID,
      keySecret: SECRET,
      signName: '吴忠市政协',
      templateNotice: '1110001',
      templateCode: '1110002',
      appId: '1400787878',
      region: 'ap-guangzhou',
      timeoutMs: 300,
      maxChars: 70,
    };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    reply = sent('Ok', 'send success', '2433:482916');
  });

  it('sends the notice template with its one parameter, signed as documented, and keeps the SerialNo', async () => {
    const content = '会议通知：3月5日 9:00 常委会议 详情：https://xs.example.gov.cn/visits/7';
    const receipt = await new TencentSms(config, clock).sendNotice('13912345678', content);
    expect(receipt).toEqual({ providerMessageId: '2433:482916', answer: 'Ok send success' });
    const req = server.requests[0];
    expect(JSON.parse(req.body)).toEqual({
      PhoneNumberSet: ['+8613912345678'],
      SmsSdkAppId: '1400787878',
      SignName: '吴忠市政协',
      TemplateId: '1110001',
      TemplateParamSet: [content],
    });
    expect(req.headers).toMatchObject({ 'x-tc-timestamp': '1803933000', 'x-tc-region': 'ap-guangzhou' });
    expect(req.headers.authorization).toContain(`Credential=${SECRET_ID}/2027-03-01/sms/tc3_request`);
  });

  it('sends the code template with the code as its parameter', async () => {
    await new TencentSms(config, clock).sendCode('13912345678', '482916');
    expect(JSON.parse(server.requests[0].body)).toMatchObject({ TemplateId: '1110002', TemplateParamSet: ['482916'] });
  });

  it('is refused when signed with another secret: AuthFailure, misconfigured, final', async () => {
    const e = await failureOf(
      new TencentSms({ ...config, keySecret: 'not-the-secret' }, clock).sendCode('13912345678', '482916'),
    );
    expect(e).toBeInstanceOf(ChannelFailure);
    expect(e).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(e!.answer).toBe('AuthFailure.SignatureFailure 请求签名验证失败，请检查您的签名计算是否正确。');
  });

  it.each([
    ['SendStatusSet', 'InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误', 'rejected', false],
    ['SendStatusSet', 'FailedOperation.PhoneNumberInBlacklist', '号码在免打扰名单中', 'rejected', false],
    ['SendStatusSet', 'FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配', 'rejected', false],
    ['SendStatusSet', 'LimitExceeded.PhoneNumberThirtySecondLimit', '30秒内下发短信条数超过上限', 'rate_limited', true],
    ['Error', 'RequestLimitExceeded', '请求的次数超过了频率限制。', 'rate_limited', true],
    ['Error', 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId 校验失败', 'misconfigured', false],
    ['Error', 'InternalError.Timeout', '请求下发短信超时', 'unavailable', true],
  ])('answers in %s %s (%s): a ChannelFailure, %s, retryable %s', async (where, code, message, reason, retryable) => {
    reply = where === 'Error' ? error(code, message) : sent(code, message);
    const e = await failureOf(new TencentSms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason, retryable, answer: `${code} ${message}` });
  });

  it('gives up after XS_SMS_TIMEOUT_MS when the provider does not answer: timeout, retryable', async () => {
    reply = 'hang';
    const e = await failureOf(new TencentSms(config, clock).sendNotice('13912345678', '会议通知'));
    expect(e).toMatchObject({ reason: 'timeout', retryable: true });
  });
});
