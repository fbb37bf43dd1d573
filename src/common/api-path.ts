/**
 * Whether a request path is under the JSON API, in any spelling of the prefix (`/api/…`, `/API/…`): routes match
 * case-sensitively, so a misspelt prefix is a 404 — but an API-shaped one, never a page. Which handler is an API
 * handler is decided from its controller (`isApiRoute` in auth/auth.guard.ts); this is for what runs before or
 * without a matched handler: headers and error answers.
 */
export const isApiPath = (path: string): boolean => /^\/api(?:\/|$)/i.test(path);
