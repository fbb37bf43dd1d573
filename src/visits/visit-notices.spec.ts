import { meetingNoticeFor, noticesFor, visitTimes } from './visit-notices';

const visit = {
  id: 5,
  title: '城区养老服务设施建设',
  kind: 'inspection' as const,
  startsAt: new Date('2026-06-18T00:30:00Z'),
  endsAt: new Date('2026-06-18T04:00:00Z'),
};
const tz = 'Asia/Shanghai';

describe('who hears of a visit, in which words', () => {
  it('writes the times once, with the end’s date only when it is another day', () => {
    expect(visitTimes(visit, tz)).toBe('2026年6月18日 08:30 至 12:00');
    expect(visitTimes({ ...visit, endsAt: new Date('2026-06-19T04:00:00Z') }, tz)).toBe(
      '2026年6月18日 08:30 至 2026年6月19日 12:00',
    );
  });

  it('tells the participants the step names, keyed by the occurrence', () => {
    const [notice, ...rest] = noticesFor(visit, 'invited', { timeZone: tz, key: '12' });
    expect(rest).toEqual([]);
    expect(notice.to).toBe('participants');
    expect(notice.message).toMatchObject({
      kind: 'visit.invited',
      title: '视察调研邀请：城区养老服务设施建设',
      link: '/visits/5',
      dedupeKey: 'visit:5:invited:12',
    });
    expect(notice.message.body).toContain('时间：2026年6月18日 08:30 至 12:00。请在“我的日程”中答复参加或请假。');
  });

  it('gives a cancellation’s reason, and one key per visit when the step names none', () => {
    const [notice] = noticesFor(visit, 'cancelled', { timeZone: tz, reason: '天气原因' });
    expect(notice.message.body).toMatch(/（2026年6月18日 08:30 至 12:00）已取消。原因：天气原因$/);
    expect(notice.message.dedupeKey).toBe('visit:5:cancelled');
  });

  it('writes a 会议通知 with the time, the first stop, the note and the request to answer, keyed by the send', () => {
    const { to, message } = meetingNoticeFor(visit, {
      timeZone: tz,
      n: 2,
      firstStop: { at: new Date('2026-06-18T00:30:00Z'), place: '市政府东门' },
      note: '请着正装',
      urgent: true,
    });
    expect(to).toBe('participants');
    expect(message).toEqual({
      kind: 'visit.notice',
      title: '视察通知：城区养老服务设施建设',
      body: '视察“城区养老服务设施建设”定于2026年6月18日 08:30 至 12:00举行。首站：08:30 市政府东门。附言：请着正装。请在平台上回复是否参加。',
      link: '/visits/5',
      dedupeKey: 'visit:5:notice:2',
      urgent: true,
    });
  });

  it('leaves out the stop and the note when there are none, and is not urgent unless asked', () => {
    const { message } = meetingNoticeFor(visit, { timeZone: tz, n: 1, note: null });
    expect(message.body).toBe(
      '视察“城区养老服务设施建设”定于2026年6月18日 08:30 至 12:00举行。请在平台上回复是否参加。',
    );
    expect(message).toMatchObject({ urgent: false, dedupeKey: 'visit:5:notice:1' });
  });
});
