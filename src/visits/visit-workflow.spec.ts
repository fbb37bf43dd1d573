import { check, nextStatus, overlaps, scheduleErrors, VisitStatus } from './visit-workflow';

const at = (s: string) => new Date(s);

describe('visit workflow', () => {
  it('completes a planned visit once it has begun, not before', () => {
    const startsAt = at('2026-06-18T09:00:00+08:00');
    expect(check('planned', 'complete', { now: at('2026-06-18T01:00:00Z'), startsAt })).toBeNull();
    expect(check('planned', 'complete', { now: at('2026-06-18T00:59:59Z'), startsAt })).toMatchObject({
      status: 409,
      code: 'VISIT_NOT_STARTED',
    });
    expect(nextStatus('planned', 'complete')).toBe('completed');
  });

  it('cancels only a planned visit; completed and cancelled ones stay as they are', () => {
    expect(check('planned', 'cancel')).toBeNull();
    expect(nextStatus('planned', 'cancel')).toBe('cancelled');
    for (const s of ['completed', 'cancelled'] as VisitStatus[]) {
      for (const step of ['complete', 'cancel', 'edit', 'invite', 'rsvp'] as const) {
        expect(check(s, step, { now: at('2030-01-01T00:00:00Z'), startsAt: at('2026-01-01T00:00:00Z') })).toMatchObject(
          { status: 409, code: 'VISIT_WRONG_STATE' },
        );
      }
    }
    expect(check('cancelled', 'complete')!.message).toBe('视察调研当前为“已取消”，不能标记为已完成');
  });

  it('findings, photos and follow-ups during and after the visit, never after a cancellation', () => {
    expect(check('planned', 'record')).toBeNull();
    expect(check('completed', 'record')).toBeNull();
    expect(check('completed', 'followUp')).toBeNull();
    expect(check('cancelled', 'record')).toMatchObject({ status: 409 });
    expect(check('cancelled', 'followUp')).toMatchObject({ status: 409 });
  });

  it('请假 needs a reason; accepting does not', () => {
    expect(check('planned', 'rsvp', { answer: 'decline', reason: '  ' })).toMatchObject({
      status: 400,
      message: '请假须说明理由',
    });
    expect(check('planned', 'rsvp', { answer: 'decline', reason: '参加全国政协会议' })).toBeNull();
    expect(check('planned', 'rsvp', { answer: 'accept' })).toBeNull();
  });

  it('refuses a visit ending before it starts, stops outside the range and stops out of order', () => {
    const s = at('2026-06-18T08:30:00+08:00');
    const e = at('2026-06-18T12:00:00+08:00');
    expect(scheduleErrors(e, s, [])).toEqual({ endsAt: ['结束时间须晚于开始时间'] });
    expect(scheduleErrors(s, s, [])).toHaveProperty('endsAt');
    expect(scheduleErrors(s, e, [{ at: s }, { at: at('2026-06-18T10:00:00+08:00') }, { at: e }])).toEqual({});
    expect(scheduleErrors(s, e, [{ at: at('2026-06-18T00:29:59Z') }])).toEqual({
      'stops.0.at': ['第1站的时间不在视察调研的时间范围内'],
    });
    expect(scheduleErrors(s, e, [{ at: at('2026-06-18T12:00:01+08:00') }])).toHaveProperty(['stops.0.at']);
    expect(
      scheduleErrors(s, e, [{ at: at('2026-06-18T10:00:00+08:00') }, { at: at('2026-06-18T09:00:00+08:00') }]),
    ).toEqual({ 'stops.1.at': ['第2站的时间早于上一站，请按行程顺序排列'] });
  });

  it('overlap: back to back is none, one minute into the other is one, whatever the offsets they were written in', () => {
    const a = { startsAt: at('2026-06-18T09:00:00+08:00'), endsAt: at('2026-06-18T11:00:00+08:00') };
    expect(overlaps(a, { startsAt: at('2026-06-18T03:00:00Z'), endsAt: at('2026-06-18T05:00:00Z') })).toBe(false);
    expect(overlaps(a, { startsAt: at('2026-06-17T23:00:00-04:00'), endsAt: at('2026-06-18T12:00:00+08:00') })).toBe(
      false,
    );
    expect(overlaps(a, { startsAt: at('2026-06-18T02:59:00Z'), endsAt: at('2026-06-18T05:00:00Z') })).toBe(true);
    expect(overlaps(a, { startsAt: at('2026-06-18T08:00:00+08:00'), endsAt: at('2026-06-18T09:00:00+08:00') })).toBe(
      false,
    );
    expect(overlaps(a, { startsAt: at('2026-06-18T09:30:00+08:00'), endsAt: at('2026-06-18T10:00:00+08:00') })).toBe(
      true,
    );
  });
});
