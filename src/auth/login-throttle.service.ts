import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Tx } from '../database/tx';
import { LoginThrottle } from './login-throttle.entity';
import { atomically, takeSlot } from './window-counter';

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** Failed logins allowed in the window: per user name (guessing one password) and per address (spraying many). */
const LIMITS = { user: 5, ip: 20 } as const;

interface Counter {
  key: string;
  limit: number;
}

/** The attempts one sign-in holds until its password has been compared: settled once, as a failure or given back. */
export interface LoginAttempt {
  readonly counters: readonly Counter[];
}

/**
 * Counts failed logins per user name and per address; at the limit, further attempts get 429 for 15 minutes.
 *
 * An attempt is counted *before* its password is compared (`reserve`): one conditional UPDATE per key adds it
 * only while the key is under its limit (or its window is over), so requests arriving together cannot all pass
 * a check made before any of them failed (security review H1). A wrong password leaves the attempt counted
 * and locks the key when it reaches the limit (`fail`); a right one gives back its own attempt (`succeed`),
 * never the failures of others in the same window.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
  ) {}

  private counters(username: string, ip: string): Counter[] {
    return [
      { key: `user:${username.toLowerCase()}`.slice(0, 120), limit: LIMITS.user },
      { key: `ip:${ip}`.slice(0, 120), limit: LIMITS.ip },
    ];
  }

  /** Counts one attempt on the user name and on the address, or answers 429 (nothing counted) when either is at its limit. */
  async reserve(username: string, ip: string): Promise<LoginAttempt> {
    const held: Counter[] = [];
    for (const counter of this.counters(username, ip)) {
      if (await this.atomically((em) => this.take(em, counter))) {
        held.push(counter);
        continue;
      }
      await this.giveBack(held);
      throw await this.refusal(counter.key);
    }
    return { counters: held };
  }

  /** The password was wrong: the attempt stays counted; a key that has reached its limit is locked for 15 minutes. */
  async fail(username: string, ip: string): Promise<void> {
    const now = this.clock.now();
    for (const { key, limit } of this.counters(username, ip)) {
      await this.atomically((em) =>
        em
          .createQueryBuilder()
          .update(LoginThrottle)
          .set({ lockedUntil: new Date(now.getTime() + LOCK_MS) })
          .where({ key })
          .andWhere('failures >= :limit AND (lockedUntil IS NULL OR lockedUntil <= :now)', { limit, now })
          .execute(),
      );
    }
  }

  /** The password was right (or the attempt was not a guess): its own attempts are given back. */
  async succeed(attempt: LoginAttempt): Promise<void> {
    await this.giveBack(attempt.counters);
  }

  /** Adds one attempt to the key's window unless the key is locked or at its limit (window-counter's takeSlot). */
  private take(em: EntityManager, { key, limit }: Counter): Promise<boolean> {
    return takeSlot(em, { key, limit, windowMs: WINDOW_MS }, this.clock.now(), { lockable: true });
  }

  /**
   * Takes attempts off their keys. A lock set while the count included this attempt (a failure of the same burst
   * reached the limit with it) is lifted when the count falls below the limit: fewer failures than the limit were
   * real, as this attempt was counted among them.
   */
  private async giveBack(counters: readonly Counter[]): Promise<void> {
    for (const { key, limit } of counters) {
      await this.atomically((em) =>
        em
          .createQueryBuilder()
          .update(LoginThrottle)
          .set({
            lockedUntil: () => 'CASE WHEN failures - 1 < :limit THEN NULL ELSE lockedUntil END',
            failures: () => 'failures - 1',
          })
          .where({ key })
          .andWhere('failures > 0')
          .setParameters({ limit })
          .execute(),
      );
    }
  }

  /** 429 with the time until the key's lock (or, locked by attempts still in flight, its window) ends. */
  private async refusal(key: string): Promise<AppError> {
    const now = this.clock.now().getTime();
    const row = await this.ds.getRepository(LoginThrottle).findOneBy({ key });
    const until = Math.max(row?.lockedUntil?.getTime() ?? 0, (row?.windowStartedAt.getTime() ?? now) + WINDOW_MS);
    const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
    return new AppError(429, 'LOGIN_THROTTLED', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, {
      retryAfterSeconds: retryAfter,
    });
  }

  private atomically<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return atomically(this.ds, this.tx, work);
  }
}
