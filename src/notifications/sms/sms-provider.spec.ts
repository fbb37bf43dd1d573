import { providerAnswer, reasonOf, smsFailure } from './sms-provider';

describe('providerAnswer', () => {
  it('keeps the code and the message', () => {
    expect(providerAnswer('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号', 's3cret')).toBe(
      'isv.MOBILE_NUMBER_ILLEGAL 非法手机号',
    );
    expect(providerAnswer('0', undefined, 's3cret')).toBe('0');
  });

  it('drops an echoed string-to-sign and masks the secret should a provider repeat it', () => {
    const echoed = 'Specified signature is not matched. server string to sign is:POST&%2F&PhoneNumbers%3D139…';
    expect(providerAnswer('SignatureDoesNotMatch', echoed, 's3cret')).toBe(
      'SignatureDoesNotMatch Specified signature is not matched. server',
    );
    expect(providerAnswer('E1', 'bad key s3cret given', 's3cret')).toBe('E1 bad key *** given');
  });

  it('cuts a long answer to 200 characters', () => {
    const said = providerAnswer('E', '很'.repeat(500), 'x-secret');
    expect([...said]).toHaveLength(200);
    expect(said.endsWith('…')).toBe(true);
  });
});

describe('reasonOf and smsFailure', () => {
  it('takes the first matching rule, else a final refusal', () => {
    const rules = [
      [/^Limit/, 'rate_limited'],
      [/^Auth/, 'misconfigured'],
    ] as const;
    expect(reasonOf('LimitExceeded.X', rules)).toBe('rate_limited');
    expect(reasonOf('AuthFailure', rules)).toBe('misconfigured');
    expect(reasonOf('Something.Else', rules)).toBe('rejected');
  });

  it('retries rate limits, time-outs and outages only, with a Chinese message', () => {
    expect(smsFailure('rate_limited', 'HTTP 429')).toMatchObject({ retryable: true, answer: 'HTTP 429' });
    expect(smsFailure('timeout', '').retryable).toBe(true);
    expect(smsFailure('unavailable', '').retryable).toBe(true);
    expect(smsFailure('rejected', '').retryable).toBe(false);
    expect(smsFailure('misconfigured', 'E').message).toBe('短信服务配置有误（密钥、签名、模板或余额）：E');
  });
});
