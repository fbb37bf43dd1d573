import { Clock, MovableClock } from './clock';

describe('MovableClock', () => {
  it('moves forward by days and jumps to a set moment', () => {
    const clock = new MovableClock();
    const before = clock.now().getTime();
    const moved = clock.advance(3 * 86400_000).getTime();
    expect(moved - before).toBeGreaterThanOrEqual(3 * 86400_000);
    expect(moved - before).toBeLessThan(3 * 86400_000 + 60_000);
    const at = new Date('2027-01-15T02:00:00Z');
    expect(Math.abs(clock.set(at).getTime() - at.getTime())).toBeLessThan(60_000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  it('goes back to real time on reset', () => {
    const clock = new MovableClock();
    clock.advance(-365 * 86400_000);
    clock.reset();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('Clock.runAt', () => {
  const near = (a: Date, b: Date) => Math.abs(a.getTime() - b.getTime()) < 60_000;

  it('reads the given moment inside the call, across awaits, and the present outside it', async () => {
    const clock = new Clock();
    const at = new Date('2026-03-02T01:00:00Z');
    const seen = await clock.runAt(at, async () => {
      const first = clock.now();
      await new Promise((r) => setTimeout(r, 5));
      return [first, clock.now()];
    });
    expect(near(seen[0], at)).toBe(true);
    expect(seen[1].getTime()).toBeGreaterThanOrEqual(seen[0].getTime());
    expect(near(seen[1], at)).toBe(true);
    expect(near(clock.now(), new Date())).toBe(true);
  });

  it('leaves concurrent work outside the call at the present', async () => {
    const clock = new Clock();
    let outside: Date | null = null;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = clock.runAt(new Date('2020-01-01T00:00:00Z'), async () => {
      await gate;
      return clock.now();
    });
    outside = clock.now();
    release();
    expect((await inside).getUTCFullYear()).toBe(2020);
    expect(near(outside, new Date())).toBe(true);
  });

  it('starts from the moved time of a MovableClock and lets nested calls replace the moment', async () => {
    const clock = new MovableClock();
    clock.advance(10 * 86400_000);
    const at = new Date('2030-06-01T00:00:00Z');
    const nested = new Date('2030-07-01T00:00:00Z');
    const [a, b] = await clock.runAt(at, async () => [clock.now(), await clock.runAt(nested, async () => clock.now())]);
    expect(near(a, at)).toBe(true);
    expect(near(b, nested)).toBe(true);
    expect(near(clock.now(), new Date(Date.now() + 10 * 86400_000))).toBe(true);
  });
});
