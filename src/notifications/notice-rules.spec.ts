import { categoryOf, DEFAULT_SETTINGS, parseSettings, wants } from './notice-categories';
import { inQuietHours, quietEnd } from './quiet-hours';

const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(s);
const W = { start: 22, end: 7 };

describe('notice categories', () => {
  const now = at('2026-12-07T02:00:00Z');
  it('puts visit and meeting notices under invitations and 提交签发 under 签发, whatever their deadline', () => {
    expect(categoryOf('visit.invited', null, now)).toBe('invitation');
    expect(categoryOf('meeting.notice', at('2026-12-08T00:00:00Z'), now)).toBe('invitation');
    expect(categoryOf('report.submitted', null, now)).toBe('signoff');
    expect(categoryOf('report.delivered', null, now)).toBe('other');
  });

  it('calls a notice about a deadline within 3 days a deadline, a later or past one by its journey', () => {
    expect(categoryOf('proposal.reminded', at('2026-12-09T02:00:00Z'), now)).toBe('deadline');
    expect(categoryOf('proposal.reminded', at('2026-12-10T02:00:00Z'), now)).toBe('deadline');
    expect(categoryOf('proposal.reminded', at('2026-12-10T02:00:01Z'), now)).toBe('proposal');
    expect(categoryOf('proposal.overdue', at('2026-12-06T02:00:00Z'), now)).toBe('proposal');
    expect(categoryOf('instruction.assigned', null, now)).toBe('opinion');
    expect(categoryOf('topic.promise_breached', null, now)).toBe('topic');
    expect(categoryOf('commitment.due', null, now)).toBe('proposal');
  });

  it('sends by SMS by default only invitations, near deadlines and 签发; every category by e-mail', () => {
    expect(wants(DEFAULT_SETTINGS, 'invitation', 'sms')).toBe(true);
    expect(wants(DEFAULT_SETTINGS, 'deadline', 'sms')).toBe(true);
    expect(wants(DEFAULT_SETTINGS, 'signoff', 'sms')).toBe(true);
    expect(wants(DEFAULT_SETTINGS, 'proposal', 'sms')).toBe(false);
    expect(wants(DEFAULT_SETTINGS, 'other', 'email')).toBe(true);
  });

  it("follows a person's choice over the default, and reads stored settings defensively", () => {
    const s = parseSettings(
      JSON.stringify({ channels: { invitation: { sms: false }, proposal: { sms: true, x: 1 } }, digest: true }),
    );
    expect(wants(s, 'invitation', 'sms')).toBe(false);
    expect(wants(s, 'invitation', 'email')).toBe(true);
    expect(wants(s, 'proposal', 'sms')).toBe(true);
    expect(s.digest).toBe(true);
    expect(s.quietHours).toBe(true);
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(JSON.stringify({ channels: { nope: { sms: true } }, digest: 'yes' }))).toEqual(
      DEFAULT_SETTINGS,
    );
  });
});

describe('quiet hours', () => {
  it('are 22:00 to 07:00 on the office clock', () => {
    expect(inQuietHours(at('2026-12-07T13:59:00Z'), TZ, W)).toBe(false); // 21:59
    expect(inQuietHours(at('2026-12-07T14:00:00Z'), TZ, W)).toBe(true); // 22:00
    expect(inQuietHours(at('2026-12-07T22:59:00Z'), TZ, W)).toBe(true); // 06:59
    expect(inQuietHours(at('2026-12-07T23:00:00Z'), TZ, W)).toBe(false); // 07:00
    expect(inQuietHours(at('2026-12-07T14:00:00Z'), TZ, { start: 0, end: 0 })).toBe(false);
    expect(inQuietHours(at('2026-12-07T05:00:00Z'), TZ, { start: 12, end: 14 })).toBe(true); // 13:00
  });

  it('end at the next 07:00, the same night or the next morning', () => {
    expect(quietEnd(at('2026-12-07T15:30:00Z'), TZ, W).toISOString()).toBe('2026-12-07T23:00:00.000Z'); // 23:30 → 07:00
    expect(quietEnd(at('2026-12-07T18:10:00Z'), TZ, W).toISOString()).toBe('2026-12-07T23:00:00.000Z'); // 02:10 → 07:00
    expect(quietEnd(at('2026-12-07T03:00:00Z'), TZ, W).toISOString()).toBe('2026-12-07T03:00:00.000Z'); // 11:00 stays
  });
});
