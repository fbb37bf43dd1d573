import type { Account } from './accounts';
import type { TestApp } from './test-app';

/**
 * One call to `/api/v1${path}` that must answer `expected`: its body, or an error naming what came back.
 * `who` null calls without a token; `body` undefined sends none.
 */
export async function api(
  t: TestApp,
  who: Account | null,
  method: 'get' | 'post' | 'patch' | 'delete',
  path: string,
  body?: unknown,
  expected = 200,
): Promise<Record<string, any>> {
  const req = t.http()[method](`/api/v1${path}`);
  if (who) req.set(who.auth);
  const res = await (body === undefined ? req : req.send(body as object));
  if (res.status !== expected)
    throw new Error(
      `${method.toUpperCase()} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body;
}
