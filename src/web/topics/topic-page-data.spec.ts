import { PromiseView } from '../../topics/dto/topic-view.dto';
import { promisePanel } from './topic-page-data';

const T0 = Date.parse('2026-03-22T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function promise(fields: Partial<PromiseView> = {}): PromiseView {
  return {
    policy: '252',
    policyLabel: '“252”工作法',
    acknowledgeBy: at(2),
    answerBy: at(5),
    solveBy: at(2 * 24 * 60),
    acknowledgedAt: null,
    answeredAt: null,
    answer: null,
    solvedAt: null,
    breached: [],
    breachedLabels: [],
    ...fields,
  };
}

const states = (p: ReturnType<typeof promisePanel>) => p!.clocks.map((c) => `${c.label}:${c.stateLabel}`);

describe('the 响应承诺 panel of a topic page', () => {
  it('is absent without a promise', () => {
    expect(promisePanel({ status: 'raised', promise: null }, true, new Date(T0))).toBeNull();
  });

  it('shows each clock met, late, running or overdue by now, before any sweep marked it', () => {
    const p = promise({ acknowledgedAt: at(1), answeredAt: at(8), breached: ['answer'] });
    expect(states(promisePanel({ status: 'raised', promise: p }, false, new Date(T0 + 9 * 60_000)))).toEqual([
      '回应:按时回应',
      '答复:超时',
      '解决:待解决',
    ]);
    const panel = promisePanel({ status: 'settled', promise: promise() }, false, new Date(T0 + 3 * 60_000))!;
    expect(states(panel)).toEqual(['回应:超时', '答复:待答复', '解决:待解决']);
    expect(panel.anyLate).toBe(true);
  });

  it('stops counting on a declined topic without marking what was not missed', () => {
    const p = promise({ acknowledgedAt: at(1) });
    expect(states(promisePanel({ status: 'declined', promise: p }, true, new Date(T0 + 3 * 24 * 3_600_000)))).toEqual([
      '回应:按时回应',
      '答复:不再计时',
      '解决:不再计时',
    ]);
  });

  it('offers the organiser 已回应 until it is done and 答复 until answered, while the clocks run; others nothing', () => {
    const now = new Date(T0);
    expect(promisePanel({ status: 'raised', promise: promise() }, true, now)).toMatchObject({
      canAcknowledge: true,
      canAnswer: true,
    });
    expect(
      promisePanel({ status: 'deliberating', promise: promise({ acknowledgedAt: at(1) }) }, true, now),
    ).toMatchObject({ canAcknowledge: false, canAnswer: true });
    expect(
      promisePanel({ status: 'resolving', promise: promise({ acknowledgedAt: at(1), answeredAt: at(3) }) }, true, now),
    ).toMatchObject({ canAcknowledge: false, canAnswer: false });
    expect(promisePanel({ status: 'evaluated', promise: promise() }, true, now)).toMatchObject({
      canAcknowledge: false,
      canAnswer: false,
    });
    expect(promisePanel({ status: 'raised', promise: promise() }, false, now)).toMatchObject({
      canAcknowledge: false,
      canAnswer: false,
    });
  });
});
