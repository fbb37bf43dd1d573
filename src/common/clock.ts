import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/** The time source of the domain code: deadlines, reminders and stamps ask it, never `new Date()`. */
@Injectable()
export class Clock {
  /** The offset of the `runAt` call the current code runs in, if any. */
  private readonly scope = new AsyncLocalStorage<number>();

  now(): Date {
    return new Date(this.baseMs() + (this.scope.getStore() ?? 0));
  }

  /**
   * Runs `fn` as if it were `at`, time running on from there, for the code `fn` awaits only: the demo
   * loader plays a proposal's past through the real services this way, while requests served meanwhile
   * keep the present. Nested calls replace the outer moment.
   */
  runAt<T>(at: Date, fn: () => Promise<T>): Promise<T> {
    return this.scope.run(at.getTime() - this.baseMs(), fn);
  }

  /** The time outside any `runAt`, in ms. */
  protected baseMs(): number {
    return Date.now();
  }
}

/**
 * Test only: a Clock that tests move instead of waiting. It runs on with real time from the
 * point it was set to, so stamps written one after another still come in order.
 * Installed by `test/support/test-app.ts` (`createApp(config, { clock })`); never in production.
 */
export class MovableClock extends Clock {
  private offsetMs = 0;

  protected override baseMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward (or back, with a negative amount). */
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  /** Jumps to this moment. */
  set(at: Date): Date {
    this.offsetMs = at.getTime() - Date.now();
    return this.now();
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
