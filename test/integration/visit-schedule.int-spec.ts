import { BusyItem, VisitSchedule } from '../../src/visits/visit-schedule';
import { beijing, rows } from '../support/rows';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * VisitSchedule.busy, the one query behind the visits' conflict check and the free/busy grid, against
 * the database without HTTP. Members A, B and C and a staff account S; times in Beijing on 18 June 2026:
 *
 *   V1  visit    09:00–12:00  planned    A 参加, B no answer yet, S 参加
 *   V2  visit    12:00–15:00  planned    A 参加                  (starts as V1 ends)
 *   V3  visit    10:00–11:00  cancelled  A 参加
 *   V4  visit    10:00–11:00  planned    A 请假, B 参加
 *   V5  visit    19 June 09:00–12:00, completed, A 参加
 *   M1  meeting  11:00–13:00  A (attendance not recorded), B 请假, C absent
 *   M2  meeting  08:00–09:00  A                             (ends as V1 starts)
 */
describe('VisitSchedule (integration: the database, no HTTP)', () => {
  let t: TestApp;
  let schedule: VisitSchedule;
  const id: Record<string, number> = {};
  const names = new Map<string, string>();
  const morning = { from: beijing('2026-06-18', 9), to: beijing('2026-06-18', 12) };
  const day = { from: beijing('2026-06-18', 0), to: beijing('2026-06-19', 0) };
  /** `V1:A` — the item and whose time it takes. */
  const label = (b: BusyItem) =>
    `${names.get(`${b.type}:${b.id}`)}:${names.get(b.memberId !== null ? `m:${b.memberId}` : `u:${b.userId}`)}`;
  const busy = async (people: { memberIds: number[]; userIds?: number[] }, range = morning, exclude?: number) =>
    (await schedule.busy(t.ds.manager, people, range, exclude)).map(label);

  beforeAll(async () => {
    t = await startTestApp();
    schedule = t.app.get(VisitSchedule);
    const r = rows(t);
    const staff = await r.user(['staff']);
    const s = await r.user(['staff']);
    const committee = (await t.make.committee()).id;
    for (const k of ['A', 'B', 'C']) {
      id[k] = (await t.make.member()).id;
      names.set(`m:${id[k]}`, k);
    }
    id.S = s.id;
    names.set(`u:${s.id}`, 'S');
    const visit = async (
      key: string,
      from: Date,
      hours: number,
      status: 'planned' | 'completed' | 'cancelled',
      invited: [string, 'accepted' | 'declined' | 'pending'][],
    ) => {
      const v = await r.visit(from, {
        endsAt: new Date(from.getTime() + hours * 3600_000),
        status,
        organizerId: committee,
        createdByUserId: staff.id,
      });
      for (const [who, answer] of invited)
        await r.invite(v.id, who === 'S' ? { userId: id.S } : { memberId: id[who] }, {
          answer,
          reason: answer === 'declined' ? '另有公务' : null,
        });
      id[key] = v.id;
      names.set(`visit:${v.id}`, key);
    };
    await visit('V1', beijing('2026-06-18', 9), 3, 'planned', [
      ['A', 'accepted'],
      ['B', 'pending'],
      ['S', 'accepted'],
    ]);
    await visit('V2', beijing('2026-06-18', 12), 3, 'planned', [['A', 'accepted']]);
    await visit('V3', beijing('2026-06-18', 10), 1, 'cancelled', [['A', 'accepted']]);
    await visit('V4', beijing('2026-06-18', 10), 1, 'planned', [
      ['A', 'declined'],
      ['B', 'accepted'],
    ]);
    await visit('V5', beijing('2026-06-19', 9), 3, 'completed', [['A', 'accepted']]);
    const topic = await r.topic({ organizerId: committee, raisedByUserId: staff.id });
    const meeting = async (
      key: string,
      from: Date,
      hours: number,
      people: [string, 'present' | 'excused' | 'absent' | null][],
    ) => {
      const m = await r.meeting(topic.id, from, { endsAt: new Date(from.getTime() + hours * 3600_000) });
      for (const [who, attendance] of people) await r.participant(m, { memberId: id[who], attendance });
      id[key] = m.id;
      names.set(`meeting:${m.id}`, key);
    };
    await meeting('M1', beijing('2026-06-18', 11), 2, [
      ['A', null],
      ['B', 'excused'],
      ['C', 'absent'],
    ]);
    await meeting('M2', beijing('2026-06-18', 8), 1, [['A', null]]);
  });
  afterAll(() => t?.close());

  it('finds a member’s visits and meetings overlapping the range, earliest first; touching ends do not overlap', async () => {
    expect(await busy({ memberIds: [id.A] })).toEqual(['V1:A', 'M1:A']);
  });

  it('returns each item with its person, kind, title and UTC instants', async () => {
    const [v1, m1] = await schedule.busy(t.ds.manager, { memberIds: [id.A] }, morning);
    expect(v1).toMatchObject({
      memberId: id.A,
      userId: null,
      type: 'visit',
      id: id.V1,
      startsAt: beijing('2026-06-18', 9),
      endsAt: beijing('2026-06-18', 12),
    });
    expect(v1.title).toMatch(/^调研/);
    expect(m1).toMatchObject({
      memberId: id.A,
      userId: null,
      type: 'meeting',
      id: id.M1,
      startsAt: new Date('2026-06-18T03:00:00Z'),
      endsAt: new Date('2026-06-18T05:00:00Z'),
    });
  });

  it('leaves out cancelled visits, declined invitations and meetings the member was excused from; an unanswered invitation counts', async () => {
    expect(await busy({ memberIds: [id.B] })).toEqual(['V1:B', 'V4:B']);
    expect(await busy({ memberIds: [id.C] })).toEqual(['M1:C']);
  });

  it('finds a staff account’s visits by user id (staff are not meeting participants)', async () => {
    expect(await busy({ memberIds: [], userIds: [id.S] })).toEqual(['V1:S']);
    expect(
      await busy(
        { memberIds: [], userIds: [id.S] },
        { from: beijing('2026-06-18', 12), to: beijing('2026-06-18', 18) },
      ),
    ).toEqual([]);
  });

  it('answers for several people at once, every overlap once per person', async () => {
    const all = await schedule.busy(t.ds.manager, { memberIds: [id.A, id.B, id.C, id.A], userIds: [id.S] }, day);
    expect(all.map(label).sort()).toEqual(['M1:A', 'M1:C', 'M2:A', 'V1:A', 'V1:B', 'V1:S', 'V2:A', 'V4:B']);
    const starts = all.map((b) => b.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(all.map(label).slice(0, 1)).toEqual(['M2:A']);
  });

  it('leaves out the visit being edited, and counts completed visits on their day', async () => {
    expect(await busy({ memberIds: [id.A] }, morning, id.V1)).toEqual(['M1:A']);
    expect(await busy({ memberIds: [id.A] }, { from: beijing('2026-06-19', 0), to: beijing('2026-06-20', 0) })).toEqual(
      ['V5:A'],
    );
  });

  it('asks nothing for nobody', async () => {
    expect(await busy({ memberIds: [] })).toEqual([]);
  });

  it('turns calendar days into instants and back in the display zone (Beijing)', () => {
    expect(schedule.dayStart('2026-06-18')).toEqual(new Date('2026-06-17T16:00:00Z'));
    expect(schedule.dayOf(new Date('2026-06-17T16:30:00Z'))).toBe('2026-06-18');
    expect(schedule.dayOf(new Date('2026-06-17T15:59:00Z'))).toBe('2026-06-17');
  });
});
