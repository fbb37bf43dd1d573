import { randomBytes } from 'node:crypto';
import {
  asTotpCode,
  codeAtStep,
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchStep,
  newRecoveryCodes,
  secretKeyFrom,
  stepAt,
} from './second-factor.crypto';

// RFC 6238 appendix B's SHA-1 seed "12345678901234567890", base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('second-factor crypto', () => {
  it('computes the RFC 6238 SHA-1 test vectors (last six digits)', () => {
    expect(codeAtStep(RFC_SECRET, stepAt(new Date(59_000)))).toBe('287082');
    expect(codeAtStep(RFC_SECRET, stepAt(new Date(1111111109_000)))).toBe('081804');
    expect(codeAtStep(RFC_SECRET, stepAt(new Date(1234567890_000)))).toBe('005924');
  });

  it('accepts a code one step either side, not two, and never one at or before the last step used', () => {
    const now = new Date(1_800_000_000_000);
    const s = stepAt(now);
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s), now, 0)).toBe(s);
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s - 1), now, 0)).toBe(s - 1);
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s + 1), now, 0)).toBe(s + 1);
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s - 2), now, 0)).toBeNull();
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s), now, s)).toBeNull();
    expect(matchStep(RFC_SECRET, codeAtStep(RFC_SECRET, s - 1), now, s - 1)).toBeNull();
  });

  it('encrypts the secret with AES-256-GCM under a key derived from the audit key; a tampered text is refused', () => {
    const key = secretKeyFrom(randomBytes(32));
    const stored = encryptSecret(key, RFC_SECRET);
    expect(stored).not.toContain(RFC_SECRET);
    expect(decryptSecret(key, stored)).toBe(RFC_SECRET);
    expect(() => decryptSecret(secretKeyFrom(randomBytes(32)), stored)).toThrow();
  });

  it('makes ten distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(codes[0]));
  });

  it('reads six digits as a TOTP code and anything else as a recovery code', () => {
    expect(asTotpCode('123 456')).toBe('123456');
    expect(asTotpCode('12345')).toBeNull();
    expect(asTotpCode('k7dm-q2xa-9rtp')).toBeNull();
  });
});
