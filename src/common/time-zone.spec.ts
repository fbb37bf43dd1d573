import { wallClock } from './time-zone';

describe('wallClock', () => {
  it('reads the instant on the clock of the zone, across a day boundary', () => {
    expect(wallClock(new Date('2026-11-26T17:30:05.250Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-27T01:30:05.250Z',
    );
    expect(wallClock(new Date('2026-11-26T17:30:05Z'), 'UTC').toISOString()).toBe('2026-11-26T17:30:05.000Z');
    expect(wallClock(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-07-01T14:00:00.000Z');
  });
});
