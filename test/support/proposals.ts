import { Account, Cast } from './accounts';
import { api } from './api';
import { TestApp } from './test-app';

let n = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}p${++n}`;

export const draftBody = (sessionId: number, extra: object = {}) => ({
  sessionId,
  kind: 'individual',
  title: uniq('关于推进老旧小区加装电梯的建议'),
  category: 'society',
  background: '我市老旧小区多建于上世纪九十年代，无电梯，老年居民出行困难。',
  suggestions: ['简化加装电梯审批流程', '设立专项补贴资金'],
  ...extra,
});

/** An individual proposal by `lead`, as a draft: its id. */
export async function draft(t: TestApp, lead: Account, sessionId: number, extra: object = {}): Promise<number> {
  const res = await t.http().post('/api/v1/proposals').set(lead.auth).send(draftBody(sessionId, extra));
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export type Stage = 'draft' | 'submitted' | 'accepted' | 'assigned' | 'replied' | 'completed';
const ORDER: Stage[] = ['draft', 'submitted', 'accepted', 'assigned', 'replied', 'completed'];

/**
 * An individual proposal of `c.lead` carried to `stage` through the API: assigned to `c.unit`
 * alone (co-unit `c.coUnit` when `withCoUnit`), replied after one recorded communication.
 * `draft` adds fields to the draft's body; `whileDraft` runs before submission (e.g. an upload).
 */
export async function proposalAt(
  t: TestApp,
  c: Cast,
  stage: Stage,
  opts: {
    withCoUnit?: boolean;
    lead?: Account;
    unit?: Account;
    draft?: object;
    whileDraft?: (id: number) => Promise<unknown>;
  } = {},
): Promise<number> {
  const lead = opts.lead ?? c.lead;
  const unit = opts.unit ?? c.unit;
  const id = await draft(t, lead, c.sessionId, opts.draft);
  await opts.whileDraft?.(id);
  const upTo = ORDER.indexOf(stage);
  if (upTo >= 1) await api(t, lead, 'post', `/proposals/${id}/submit`, {});
  if (upTo >= 2) await api(t, c.staff, 'post', `/proposals/${id}/review`, { decision: 'accept' });
  if (upTo >= 3)
    await api(t, c.staff, 'post', `/proposals/${id}/assign`, {
      leadUnitId: unit.unitId,
      ...(opts.withCoUnit ? { coUnitIds: [c.coUnit.unitId] } : {}),
    });
  if (upTo >= 4) {
    await api(
      t,
      unit,
      'post',
      `/proposals/${id}/communications`,
      { mode: 'phone', summary: '电话联系提案人，了解诉求' },
      201,
    );
    if (opts.withCoUnit)
      await api(t, c.coUnit, 'post', `/proposals/${id}/co-opinions`, { content: '同意主办单位意见' }, 201);
    await api(t, unit, 'post', `/proposals/${id}/reply`, {
      classification: 'B',
      content: '已列入明年计划。',
      public: true,
    });
  }
  if (upTo >= 5) await api(t, lead, 'post', `/proposals/${id}/evaluate`, { rating: 'satisfied' });
  return id;
}
