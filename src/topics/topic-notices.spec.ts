import { noticesFor } from './topic-notices';

const topic = { id: 7, title: '关于老旧小区加装电梯的协商议题，涉及资金分摊、低层住户补偿和施工安全等多方面问题' };

describe('who hears of a topic deadline', () => {
  it('a missed promise clock: the point’s facilitators and staff, once per clock', () => {
    const notices = noticesFor(
      topic,
      {
        kind: 'promise_breached',
        clock: 'answer',
        dueAt: new Date('2026-05-04T02:05:00Z'),
        policyLabel: '“252”工作法',
      },
      'Asia/Shanghai',
    );
    expect(notices.map((n) => n.to)).toEqual(['point', 'staff']);
    expect(notices[0].message).toEqual({
      kind: 'topic.promise_breached',
      title: '响应承诺答复超时：关于老旧小区加装电梯的协商议题，涉及资金分摊、低层住户补偿和…',
      body: `协商议题“${topic.title}”未在2026年5月4日 10:05前答复（“252”工作法）。`,
      link: '/topics/7',
      dedupeKey: 'topic:7:breach:answer',
    });
    expect(notices[1].message).toBe(notices[0].message);
  });

  it('an overdue outcome: its unit and the organiser, once per outcome', () => {
    const outcome = {
      id: 31,
      position: 2,
      text: '增设加装电梯专项补贴',
      dueAt: new Date('2026-06-30T08:00:00Z'),
      unitId: 4,
    };
    const notices = noticesFor(topic, { kind: 'outcome_overdue', outcome }, 'Asia/Shanghai');
    expect(notices.map((n) => n.to)).toEqual(['unit', 'organiser']);
    expect(notices[0].message).toMatchObject({
      kind: 'topic.outcome_overdue',
      body: `协商议题“${topic.title}”的第2项成果“增设加装电梯专项补贴”办理期限为2026年6月30日，现已超期，请抓紧办理并反馈。`,
      dedupeKey: 'outcome:31:overdue',
    });
  });
});
