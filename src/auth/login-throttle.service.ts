import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { LoginThrottle } from './login-throttle.entity';

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** Failed logins allowed in the window: per user name (guessing one password) and per address (spraying many). */
const LIMITS = { user: 5, ip: 20 } as const;

/** Counts failed logins per user name and per address; past the limit the next attempts get 429. */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  private keys(username: string, ip: string) {
    return [
      { key: `user:${username.toLowerCase()}`.slice(0, 120), limit: LIMITS.user },
      { key: `ip:${ip}`.slice(0, 120), limit: LIMITS.ip },
    ];
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const repo = this.ds.getRepository(LoginThrottle);
    for (const { key } of this.keys(username, ip)) {
      const row = await repo.findOneBy({ key });
      if (row?.lockedUntil && row.lockedUntil.getTime() > now) {
        const retryAfter = Math.ceil((row.lockedUntil.getTime() - now) / 1000);
        throw new AppError(429, 'LOGIN_THROTTLED', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, {
          retryAfterSeconds: retryAfter,
        });
      }
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const repo = this.ds.getRepository(LoginThrottle);
    for (const { key, limit } of this.keys(username, ip)) {
      const row = await repo.findOneBy({ key });
      const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockedUntil = failures >= limit ? new Date(now.getTime() + LOCK_MS) : null;
      await repo.save({ key, failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil });
    }
  }

  async recordSuccess(username: string): Promise<void> {
    await this.ds.getRepository(LoginThrottle).delete({ key: `user:${username.toLowerCase()}` });
  }
}
