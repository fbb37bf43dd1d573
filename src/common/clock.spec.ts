import { MovableClock } from './clock';

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
