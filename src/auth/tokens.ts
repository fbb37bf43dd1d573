import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'xs_session';
export const LOGIN_CSRF_COOKIE = 'xs_login_csrf';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a page session: derived from the secret session token, so it needs no storage. */
export function csrfFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}
