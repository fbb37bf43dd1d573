import { Report } from '../../src/reports/report.entities';
import { cast, Cast } from '../support/accounts';
import { proposalAt } from '../support/proposals';
import { QUEUE_MODES } from '../support/redis-keys';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The database is the record of what was asked for: a report left `queued` whose job no longer exists
 * (Redis lost it, or the process holding it in memory ended) is enqueued again by the deadlines sweep
 * and rendered once; a report that is only young, or whose job is still there, is left alone.
 */
describe.each(QUEUE_MODES)('report recovery (%s)', (_mode, env) => {
  let t: TestApp;
  let c: Cast;
  let proposalId: number;

  beforeAll(async () => {
    t = await startTestApp({ ...env });
    c = await cast(t);
    proposalId = await proposalAt(t, c, 'submitted');
  });
  afterAll(() => t?.close());

  /** A report row as the API stores it, but whose job was never (or no longer) in the queue. */
  const orphan = (requestedAt: Date) =>
    t.ds.getRepository(Report).save({
      kind: 'proposal-sheet',
      subjectType: 'proposal',
      subjectId: proposalId,
      params: '{}',
      title: '遗失任务的提案单',
      issueNo: null,
      requestedByUserId: c.staff.userId,
      status: 'queued',
      attempts: 0,
      requestedAt,
    } as Partial<Report>);

  it('enqueues a report whose job was lost 15 minutes ago again, and it is rendered once', async () => {
    const lost = await orphan(new Date(t.clock.now().getTime() - 16 * 60_000));
    const young = await orphan(new Date(t.clock.now().getTime() - 60_000));
    const sweep = (await t.jobs.runNow('deadlines', 'sweep')) as Record<string, unknown>;
    expect(sweep.reports).toEqual({ requeued: 1, failed: 0 });
    await t.jobs.finished('reports', `report:${lost.id}`);
    const done = await t.ds.getRepository(Report).findOneByOrFail({ id: lost.id });
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(done.pages).toBeGreaterThan(0);
    expect((await t.ds.getRepository(Report).findOneByOrFail({ id: young.id })).status).toBe('queued');

    // Run again: the rendered one is done, the young one still young — nothing to do.
    expect(((await t.jobs.runNow('deadlines', 'sweep')) as Record<string, unknown>).reports).toEqual({
      requeued: 0,
      failed: 0,
    });
  });
});
