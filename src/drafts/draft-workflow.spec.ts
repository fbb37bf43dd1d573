import {
  decide,
  DRAFT_ACTIONS,
  DRAFT_STATUSES,
  DraftAction,
  actionsFrom,
  DraftFacts,
  DraftStatus,
} from './draft-workflow';

const NOW = new Date('2026-03-10T08:00:00Z');
const LATER = new Date('2026-03-20T08:00:00Z');

/** The arrows written out again by hand: state × action → next state. Every pair not listed is a 409. */
const ARROWS: Record<DraftAction, Partial<Record<DraftStatus, DraftStatus>>> = {
  edit: { editing: 'editing' },
  open: { editing: 'open' },
  close: { open: 'closed' },
  comment: { open: 'open' },
  dispose: { closed: 'closed', revised: 'revised' },
  revise: { closed: 'revised', revised: 'revised' },
};

const GOOD: DraftFacts = { isOrganiser: true, mayComment: true, closesAt: LATER, now: NOW, disposition: 'adopted' };

describe('draft workflow', () => {
  for (const action of DRAFT_ACTIONS) {
    for (const status of DRAFT_STATUSES) {
      const next = ARROWS[action][status];
      it(`${action} from ${status} → ${next ?? '409'}`, () => {
        const d = decide(status, action, GOOD);
        if (next) expect(d).toEqual({ ok: true, to: next });
        else expect(d).toMatchObject({ ok: false, status: 409, code: 'DRAFT_WRONG_STATE' });
      });
    }
  }

  it('lists the actions of each state for the pages', () => {
    expect(actionsFrom('editing')).toEqual(['edit', 'open']);
    expect(actionsFrom('closed')).toEqual(['dispose', 'revise']);
  });

  it('only the organiser opens, closes, disposes and revises; the sweep may close', () => {
    for (const [status, action] of [
      ['editing', 'open'],
      ['open', 'close'],
      ['closed', 'dispose'],
      ['closed', 'revise'],
      ['editing', 'edit'],
    ] as const) {
      expect(decide(status, action, { ...GOOD, isOrganiser: false })).toMatchObject({
        ok: false,
        status: 403,
        code: 'NOT_ORGANISER',
      });
    }
    expect(decide('open', 'close', { isSystem: true })).toEqual({ ok: true, to: 'closed' });
  });

  it('opening needs a closing time in the future', () => {
    expect(decide('editing', 'open', { ...GOOD, closesAt: null })).toMatchObject({
      status: 400,
      code: 'CLOSES_AT_REQUIRED',
    });
    expect(decide('editing', 'open', { ...GOOD, closesAt: NOW })).toMatchObject({
      status: 400,
      code: 'CLOSES_AT_PAST',
    });
  });

  it('a comment after the closing time is a 409 even while still open; someone not invited is a 403', () => {
    expect(decide('open', 'comment', { ...GOOD, now: LATER })).toMatchObject({ status: 409, code: 'DRAFT_CLOSED' });
    expect(decide('open', 'comment', { ...GOOD, mayComment: false })).toMatchObject({
      status: 403,
      code: 'NOT_INVITED',
    });
    expect(decide('closed', 'comment', GOOD)).toMatchObject({ status: 409, code: 'DRAFT_WRONG_STATE' });
  });

  it('部分采纳 and 不采纳 need a reason; 采纳 does not', () => {
    expect(decide('closed', 'dispose', { ...GOOD, disposition: 'partly' })).toMatchObject({
      status: 400,
      message: '部分采纳须说明理由',
    });
    expect(decide('closed', 'dispose', { ...GOOD, disposition: 'not_adopted', reason: ' ' })).toMatchObject({
      status: 400,
      message: '不采纳须说明理由',
    });
    expect(decide('closed', 'dispose', { ...GOOD, disposition: 'not_adopted', reason: '与法规不符' })).toEqual({
      ok: true,
      to: 'closed',
    });
    expect(decide('closed', 'dispose', { ...GOOD, disposition: undefined })).toMatchObject({
      status: 400,
      code: 'DISPOSITION_REQUIRED',
    });
  });
});
