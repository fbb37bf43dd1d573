import { Appointment, CountedItem, countByMonth, coveredMonths, quotaProgress } from './informant-quota';

const TZ = 'Asia/Shanghai';
/** An instant at Beijing wall-clock `yyyy-mm-dd hh:00`. */
const bj = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const item = (
  day: string,
  status: CountedItem['status'] = 'submitted',
  kind: CountedItem['submitterKind'] = 'informant',
) => ({
  submittedAt: bj(day),
  status,
  submitterKind: kind,
});
const appointment = (extra: Partial<Appointment> = {}): Appointment => ({
  year: 2026,
  monthlyQuota: 2,
  appointedAt: bj('2025-12-20'),
  endedAt: null,
  ...extra,
});

describe('信息员 quota rules', () => {
  it('counts a month by the Beijing day submitted: led or co-signed, any filing kind, not drafts nor 综合', () => {
    const counts = countByMonth(
      [
        item('2026-03-02'),
        item('2026-03-31', 'accepted', 'member'),
        item('2026-03-15', 'merged'),
        item('2026-03-16', 'compiled'),
        item('2026-03-20', 'draft'),
        item('2026-03-21', 'accepted', 'combined'),
        item('2026-04-10', 'archived'),
        item('2025-12-31'),
        // 1 April 00:30 in Beijing is 31 March 16:30 UTC: April's.
        { submittedAt: new Date('2026-03-31T16:30:00Z'), status: 'returned', submitterKind: 'member' },
      ],
      2026,
      TZ,
    );
    expect(counts.get(3)).toEqual({ submitted: 4, accepted: 3 });
    expect(counts.get(4)).toEqual({ submitted: 2, accepted: 0 });
    expect(counts.has(12)).toBe(false);
  });

  it('covers the year from the month entered (January when entered before) to the month ended', () => {
    expect(coveredMonths(appointment(), TZ)).toEqual({ first: 1, last: 12 });
    expect(coveredMonths(appointment({ appointedAt: bj('2026-03-10') }), TZ)).toEqual({ first: 3, last: 12 });
    expect(coveredMonths(appointment({ endedAt: bj('2026-06-30', 23) }), TZ)).toEqual({ first: 1, last: 6 });
    // Entered for 2027 in December 2026 and ended before 2027 began: no month at all.
    expect(
      coveredMonths(appointment({ year: 2027, appointedAt: bj('2026-12-01'), endedAt: bj('2026-12-05') }), TZ),
    ).toBe(null);
  });

  it('marks past months met or short, this month due until met, later ones upcoming, uncovered ones off', () => {
    const counts = countByMonth(
      [item('2026-01-05'), item('2026-01-06'), item('2026-02-03'), item('2026-04-01')],
      2026,
      TZ,
    );
    const p = quotaProgress(appointment({ appointedAt: bj('2025-12-01') }), counts, bj('2026-04-15'), TZ);
    expect(p.months.slice(0, 5).map((m) => m.state)).toEqual(['met', 'short', 'short', 'due', 'upcoming']);
    expect(p.thisMonth).toEqual({ month: 4, submitted: 1, accepted: 0, quota: 2, remaining: 1 });
    // Due so far: January–March, 3 × 2 = 6; done: 4 (this month's item counts towards making up).
    expect(p).toMatchObject({ dueSoFar: 6, doneSoFar: 4, behind: true, yearSubmitted: 4 });
    const late = quotaProgress(appointment({ appointedAt: bj('2026-03-10') }), counts, bj('2026-04-15'), TZ);
    expect(late.months.slice(0, 4).map((m) => m.state)).toEqual(['off', 'off', 'short', 'due']);
    expect(late.months[0].quota).toBe(0);
    expect(late).toMatchObject({ dueSoFar: 2, doneSoFar: 1, behind: true, yearSubmitted: 4 });
  });

  it('is not behind when a short month is made up later, nor in a month not yet over', () => {
    const counts = countByMonth(
      [item('2026-01-05'), item('2026-02-03'), item('2026-02-04'), item('2026-02-05')],
      2026,
      TZ,
    );
    const feb = quotaProgress(appointment(), counts, bj('2026-02-10'), TZ);
    expect(feb).toMatchObject({ dueSoFar: 2, doneSoFar: 4, behind: false });
    expect(feb.months[0].state).toBe('short');
    expect(feb.thisMonth).toMatchObject({ submitted: 3, remaining: 0 });
    expect(feb.months[1].state).toBe('met');
    const jan = quotaProgress(appointment(), new Map(), bj('2026-01-02'), TZ);
    expect(jan).toMatchObject({ dueSoFar: 0, behind: false, thisMonth: { remaining: 2 } });
  });

  it('stops the quota after the month ended, and has no this-month in another year', () => {
    const ended = quotaProgress(appointment({ endedAt: bj('2026-02-10') }), new Map(), bj('2026-05-20'), TZ);
    expect(ended.months.map((m) => m.quota)).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ended).toMatchObject({ dueSoFar: 4, thisMonth: null, behind: true });
    const past = quotaProgress(
      appointment({ year: 2025, appointedAt: bj('2025-01-01') }),
      new Map(),
      bj('2026-05-20'),
      TZ,
    );
    expect(past).toMatchObject({ thisMonth: null, dueSoFar: 24 });
    expect(past.months.every((m) => m.state === 'short')).toBe(true);
    const next = quotaProgress(appointment({ year: 2027 }), new Map(), bj('2026-12-20'), TZ);
    expect(next).toMatchObject({ thisMonth: null, dueSoFar: 0, behind: false });
    expect(next.months.every((m) => m.state === 'upcoming')).toBe(true);
  });
});
