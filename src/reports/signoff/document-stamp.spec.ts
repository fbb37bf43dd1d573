import { documentStamp, signerName } from './document-stamp';

describe('document stamp', () => {
  it('prints the 签发人 without the title in brackets', () => {
    expect(signerName('马国庆（副主席）')).toBe('马国庆');
    expect(signerName('王敏 (秘书长)')).toBe('王敏');
    expect(signerName('李华')).toBe('李华');
    expect(signerName('（副主席）')).toBe('（副主席）');
  });

  it('leaves a draft undated and unsigned, and dates a signed document by its 签发', () => {
    const now = new Date('2026-12-07T02:00:00Z');
    const signedAt = new Date('2026-12-05T02:00:00Z');
    expect(documentStamp({ stage: 'draft', signerName: null, signedAt: null }, now)).toEqual({
      draft: true,
      signer: null,
      issuedOn: now,
    });
    expect(documentStamp({ stage: 'signed', signerName: '马国庆', signedAt }, now)).toEqual({
      draft: false,
      signer: '马国庆',
      issuedOn: signedAt,
    });
    expect(documentStamp({ stage: 'final', signerName: null, signedAt: null }, now).draft).toBe(false);
  });
});
