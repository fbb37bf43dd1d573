import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs work in one transaction. SQLite has one connection, so transactions are queued
 * in-process (two would otherwise nest on the same connection); on MySQL a deadlock is
 * retried a few times with jitter, then reported.
 */
@Injectable()
export class Tx {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.ds.options.type !== 'mysql') {
      const next = this.queue.then(() => this.ds.transaction(work));
      this.queue = next.catch(() => undefined);
      return next;
    }
    return this.withRetry(work);
  }

  private async withRetry<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(work);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 4) throw e;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 30));
      }
    }
  }
}
