import { Injectable } from '@nestjs/common';

/** The time source of the domain code: deadlines, reminders and stamps ask it, never `new Date()`. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Test only: a Clock that tests move instead of waiting. It runs on with real time from the
 * point it was set to, so stamps written one after another still come in order.
 * Installed by `test/support/test-app.ts` (`createApp(config, { clock })`); never in production.
 */
export class MovableClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
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
