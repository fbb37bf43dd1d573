import { nextStage, REPORT_STAGES, ReportStage, StageAction } from './report-stages';

describe('report stages', () => {
  const allowed: Array<[ReportStage, StageAction, ReportStage]> = [
    ['draft', 'edit', 'draft'],
    ['draft', 'submit', 'submitted'],
    ['submitted', 'return', 'draft'],
    ['submitted', 'sign', 'signed'],
    ['signed', 'deliver', 'signed'],
    ['final', 'deliver', 'final'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStage(from, action)).toEqual({ ok: true, to });
  });

  const actions: StageAction[] = ['edit', 'submit', 'return', 'sign', 'deliver'];
  const forbidden = REPORT_STAGES.flatMap((s) => actions.map((a) => [s, a] as const)).filter(
    ([s, a]) => !allowed.some(([f, x]) => f === s && x === a),
  );

  it.each(forbidden)('refuses %s --%s-- with a Chinese reason', (from, action) => {
    const d = nextStage(from, action);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names the way out where there is one', () => {
    expect(nextStage('submitted', 'edit')).toMatchObject({ reason: expect.stringContaining('退回修改') });
    expect(nextStage('draft', 'deliver')).toMatchObject({ reason: '文稿草稿，签发后才能送达' });
    expect(nextStage('signed', 'sign')).toMatchObject({ reason: '文稿已签发，不能再次签发' });
  });
});
