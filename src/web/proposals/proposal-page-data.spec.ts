import { testActor } from '../../../test/support/actors';
import { ProposalView } from '../../proposals/dto/proposal-view.dto';
import { daysLeft, offersFor, rowOf, timelineOf } from './proposal-page-data';

const actor = testActor;

/** The parts of a proposal view the offers read; the rest does not matter to them. */
function view(fields: Partial<ProposalView>): ProposalView {
  return {
    status: 'draft',
    leadMember: { id: 10, name: '王建国' },
    signers: [
      {
        memberId: 10,
        name: '王建国',
        role: 'lead',
        roleLabel: '领衔人',
        status: 'confirmed',
        statusLabel: '已确认',
        confirmedAt: null,
        mergedFromId: null,
      },
    ],
    units: [],
    extensions: [],
    coOpinions: [],
    key: false,
    rehandleCount: 0,
    ...fields,
  } as ProposalView;
}

const offered = (o: object) =>
  Object.entries(o)
    .filter(([k, v]) => k !== 'any' && v)
    .map(([k]) => k)
    .sort();

describe('what a proposal page offers', () => {
  const lead = actor(['member'], { memberId: 10 });
  const invited = actor(['member'], { memberId: 11 });
  const unitPart = (role: string, repliedAt: string | null = null) => ({
    id: 5,
    name: '市住建局',
    role,
    roleLabel: '',
    assignedAt: '',
    repliedAt,
  });

  it('the lead edits, submits and withdraws a draft; an invited co-signer confirms; someone else gets nothing', () => {
    const draft = view({
      signers: [
        ...view({}).signers,
        {
          memberId: 11,
          name: '李附议',
          role: 'cosigner',
          roleLabel: '附议人',
          status: 'invited',
          statusLabel: '待确认',
          confirmedAt: null,
          mergedFromId: null,
        },
      ],
    });
    expect(offered(offersFor(lead, draft))).toEqual(['edit', 'submit', 'withdraw']);
    expect(offered(offersFor(invited, draft))).toEqual(['cosign']);
    expect(offersFor(actor(['member'], { memberId: 12 }), draft).any).toBe(false);
    expect(offered(offersFor(lead, view({ status: 'submitted' })))).toEqual(['withdraw']);
    expect(offered(offersFor(lead, view({ status: 'replied' })))).toEqual(['evaluate']);
  });

  it('staff review, assign, decide a pending extension and mark excellent by the state; leaders mark key once', () => {
    const staff = actor(['staff']);
    expect(offered(offersFor(staff, view({ status: 'submitted' })))).toEqual(['review']);
    expect(offered(offersFor(staff, view({ status: 'accepted' })))).toEqual(['assign', 'excellent']);
    const pending = [{ status: 'pending' }] as ProposalView['extensions'];
    expect(offered(offersFor(staff, view({ status: 'assigned', extensions: pending })))).toEqual([
      'chase',
      'decideExtension',
      'excellent',
    ]);
    expect(offered(offersFor(actor(['leader']), view({ status: 'assigned' })))).toEqual(['key']);
    expect(offersFor(actor(['leader']), view({ status: 'assigned', key: true })).any).toBe(false);
  });

  it('offers 催办 while with the units: to staff, and to the leader who supervises the key proposal, not to another leader', () => {
    const leader = actor(['leader']);
    const staff = actor(['staff']);
    expect(offersFor(staff, view({ status: 'assigned' })).chase).toBe(true);
    expect(offersFor(staff, view({ status: 'replied' })).chase).toBe(false);
    expect(
      offersFor(leader, view({ status: 'assigned', key: true, supervisor: { id: leader.id, displayName: '领导' } }))
        .chase,
    ).toBe(true);
    expect(
      offersFor(
        leader,
        view({ status: 'assigned', key: true, supervisor: { id: leader.id + 1, displayName: '另一位' } }),
      ).chase,
    ).toBe(false);
    expect(offersFor(actor(['leader']), view({ status: 'submitted' })).any).toBe(false);
  });

  it('the lead unit communicates, replies, returns and asks for time; a co-unit gives its opinion once; a replied unit only communicates', () => {
    const unit = actor(['unit'], { unitId: 5 });
    expect(offered(offersFor(unit, view({ status: 'assigned', units: [unitPart('lead')] })))).toEqual([
      'communicate',
      'extension',
      'reply',
      'returnIt',
    ]);
    expect(offered(offersFor(unit, view({ status: 'assigned', units: [unitPart('co')] })))).toEqual([
      'coOpinion',
      'communicate',
    ]);
    const given = [{ unit: { id: 5, name: '' }, round: 0, content: '', at: '' }];
    expect(offered(offersFor(unit, view({ status: 'assigned', units: [unitPart('co')], coOpinions: given })))).toEqual([
      'communicate',
    ]);
    expect(
      offered(offersFor(unit, view({ status: 'replied', units: [unitPart('lead', '2026-01-01T00:00:00Z')] }))),
    ).toEqual(['communicate']);
    expect(offersFor(actor(['unit'], { unitId: 6 }), view({ status: 'assigned', units: [unitPart('lead')] })).any).toBe(
      false,
    );
  });
});

describe('proposal page data', () => {
  it('counts whole days left, 0 within the last day and negative once passed', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    expect(daysLeft('2026-03-11T08:00:00Z', now)).toBe(10);
    expect(daysLeft('2026-03-01T12:00:00Z', now)).toBe(0);
    expect(daysLeft('2026-03-01T07:00:00Z', now)).toBe(-1);
    expect(daysLeft(null, now)).toBeNull();
  });

  it('marks a row late while assigned past the deadline, and names the unit its part', () => {
    const summary = {
      status: 'assigned',
      deadline: '2026-02-01T00:00:00Z',
      overdue: false,
      leadUnit: { id: 5, name: '' },
      coUnits: [{ id: 6, name: '' }],
      splitUnits: [],
    } as unknown as ProposalView;
    const now = new Date('2026-02-03T00:00:00Z');
    expect(rowOf(summary, now, { unitId: 6 })).toMatchObject({ daysLeft: -2, late: true, unitRoleLabel: '会办' });
    expect(rowOf({ ...summary, status: 'replied' }, now)).toMatchObject({
      daysLeft: null,
      late: false,
      unitRoleLabel: null,
    });
  });

  it('writes the timeline in Chinese: the step, the status it moved, what it recorded', () => {
    const [accepted, edited] = timelineOf([
      {
        at: '2026-01-01T00:00:00Z',
        actor: { id: 2, displayName: '工作人员' },
        action: 'accept',
        actionLabel: '立案',
        from: 'submitted',
        to: 'accepted',
        comment: null,
        details: { number: '第0007号' },
      },
      {
        at: '2026-01-01T00:00:00Z',
        actor: { id: 3, displayName: '王建国' },
        action: 'update',
        actionLabel: '修改',
        from: 'draft',
        to: 'draft',
        comment: null,
        details: {},
      },
    ]);
    expect(accepted).toMatchObject({
      who: '工作人员',
      what: '立案',
      change: '已提交 → 已立案',
      note: '立案编号 第0007号',
    });
    expect(edited).toMatchObject({ what: '修改', change: null, note: null });
  });
});
