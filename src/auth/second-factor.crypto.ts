import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSync } from 'otplib';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_S = 30;
/** Steps accepted either side of the present one (a phone's clock a little off, a code typed as it turns). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** The time-step of a moment: unix seconds / 30. */
export const stepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);

/** The code of one time-step for a base32 secret. */
export const codeAtStep = (secret: string, step: number): string =>
  generateSync({ secret, epoch: step * TOTP_PERIOD_S, period: TOTP_PERIOD_S, digits: 6, algorithm: 'sha1' });

/**
 * The step within ±TOTP_WINDOW of `now` whose code this is, latest first, or null. Only steps after `lastStep`
 * count: a code once accepted (or an older one) is refused, so a code seen over a shoulder cannot be used again.
 */
export function matchStep(secret: string, code: string, now: Date, lastStep: number): number | null {
  const present = stepAt(now);
  for (let step = present + TOTP_WINDOW; step >= present - TOTP_WINDOW; step--) {
    if (step > lastStep && codeAtStep(secret, step) === code) return step;
  }
  return null;
}

/** The key the TOTP secrets are encrypted with: HKDF-SHA256 from the audit key, for this one use. */
export const secretKeyFrom = (auditKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', auditKey, 'xieshang', 'second-factor-secret/v1', 32));

/** AES-256-GCM: `iv.tag.ciphertext`, base64url each. */
export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [iv, tag, body] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** Without 0/1/i/l/o, so a printed code is read back right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7dm-q2xa-9rtp` (about 70 bits each): high-entropy, so a plain SHA-256 stores them safely. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    ).join('-'),
  );
}

/** What is typed, as stored: lower case, without spaces or dashes. */
export const normalizeRecoveryCode = (typed: string): string => typed.toLowerCase().replace(/[\s-]/g, '');

export const hashRecoveryCode = (code: string): string =>
  createHash('sha256')
    .update(`recovery:${normalizeRecoveryCode(code)}`)
    .digest('hex');

/** A TOTP code is six digits (spaces allowed, as some apps show `123 456`); anything else is read as a recovery code. */
export const asTotpCode = (typed: string): string | null => {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
};
