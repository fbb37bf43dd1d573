import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { pingRedis } from '../../src/jobs/redis-ping';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** The two ways jobs run, for `describe.each`: in memory, and on Bull with the api processing them too. */
export const QUEUE_MODES = [
  ['in-process', {}],
  ['bull', { REDIS_URL: TEST_REDIS_URL, XS_INLINE_WORKER: '1' }],
] as const;

/** A Bull key prefix no other run uses: the Redis is shared with other suites and other people. */
export function uniqueQueuePrefix(): string {
  return `xs-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes this prefix's keys (never FLUSHDB: others use the same Redis). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  // An unreachable Redis holds nothing of ours; ioredis would keep the process alive a while finding that out.
  if (
    !(await pingRedis(redisUrl).then(
      () => true,
      () => false,
    ))
  )
    return;
  const redis = client(redisUrl);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis not there (a test of an unreachable Redis): nothing of ours is stored.
  } finally {
    redis.disconnect();
  }
}

/** How many keys this prefix has in Redis. */
export async function countQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = client(redisUrl);
  try {
    await redis.connect();
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      n += keys.length;
      cursor = next;
    } while (cursor !== '0');
    return n;
  } finally {
    redis.disconnect();
  }
}

/** One try, no reconnecting: a cleanup must not keep the test process alive. */
function client(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  return redis;
}
