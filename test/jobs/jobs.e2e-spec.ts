import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import Bull from 'bull';
import { createWorker } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { Tx } from '../../src/database/tx';
import { JobProcessor, SweepStep } from '../../src/jobs/job-processor.decorator';
import { JobQueue } from '../../src/jobs/job-queue';
import type { JobContext, SweepContext } from '../../src/jobs/job-types';
import { NotificationsModule } from '../../src/notifications/notifications.module';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { countQueueKeys, deleteQueueKeys, QUEUE_MODES, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis-keys';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { sharedDatabase } from '../support/test-db';

declare module '../../src/jobs/job-types' {
  interface JobPayloads {
    'reports:test-echo': { key: string };
    'reports:test-flaky': { key: string; failTimes: number };
    'reports:test-notify': { userId: number; key: string };
    'reports:test-slow': { key: string };
  }
}

interface Run {
  job: string;
  key: string;
  attempt: number;
  by: TestJobs;
}

/** What the test processors saw, across every app and worker of this file. */
const runs: Run[] = [];
const sweeps: Date[] = [];
const events: string[] = [];
const gates = new Map<string, () => void>();

/** Test-only processors: registered only through the test module below. */
@Injectable()
class TestJobs {
  constructor(
    private readonly tx: Tx,
    private readonly notifications: NotificationsService,
  ) {}

  @JobProcessor('reports', 'test-echo')
  echo(job: JobContext<{ key: string }>) {
    runs.push({ job: 'echo', key: job.data.key, attempt: job.attempt, by: this });
    return { echoed: job.data.key };
  }

  @JobProcessor('reports', 'test-flaky')
  flaky(job: JobContext<{ key: string; failTimes: number }>) {
    runs.push({ job: 'flaky', key: job.data.key, attempt: job.attempt, by: this });
    if (job.attempt <= job.data.failTimes) throw new Error(`第 ${job.attempt} 次故意失败`);
    return 'ok';
  }

  @JobProcessor('reports', 'test-notify')
  notify(job: JobContext<{ userId: number; key: string }>) {
    runs.push({ job: 'notify', key: job.data.key, attempt: job.attempt, by: this });
    return this.tx.run((em) =>
      this.notifications.notify(em, [job.data.userId], {
        kind: 'test.worker',
        title: '后台任务写入的消息',
        body: job.data.key,
        dedupeKey: job.data.key,
      }),
    );
  }

  @JobProcessor('reports', 'test-slow')
  async slow(job: JobContext<{ key: string }>) {
    events.push(`started ${job.data.key}`);
    await new Promise<void>((resolve) => gates.set(job.data.key, resolve));
    events.push(`finished ${job.data.key}`);
    return 'slow done';
  }

  @SweepStep('test-step')
  sweepStep(ctx: SweepContext) {
    sweeps.push(ctx.now);
    return { sawNow: ctx.now.toISOString() };
  }
}

@Module({ imports: [NotificationsModule], providers: [TestJobs] })
class TestJobsModule {}

let n = 0;
const key = (label: string) => `${label}-${process.pid}-${++n}`;
const runsOf = (k: string) => runs.filter((r) => r.key === k);

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(QUEUE_MODES)('jobs (%s)', (mode, env) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...env, XS_JOB_BACKOFF_MS: '50' }, { imports: [TestJobsModule] });
  });
  afterAll(() => t.close());

  it(`runs in ${mode} mode and says so on /health`, async () => {
    expect(t.jobs.mode).toBe(mode);
    expect(t.jobs.isProcessing).toBe(true);
    const health = await t.http().get('/health').expect(200);
    expect(health.body.queue).toMatchObject({
      status: 'ok',
      mode,
      processing: true,
      waiting: expect.any(Number),
      failed: expect.any(Number),
    });
  });

  it('runs an enqueued job with its payload and hands back its result', async () => {
    const k = key('echo');
    const { id, added } = await t.jobs.enqueue('reports', 'test-echo', { key: k });
    expect(added).toBe(true);
    expect(await t.jobs.finished('reports', id)).toEqual({ echoed: k });
    expect(runsOf(k).map((r) => [r.job, r.attempt])).toEqual([['echo', 1]]);
    expect(runsOf(k)[0].by).toBe(t.app.get(TestJobs));
    expect(await t.jobs.status('reports', id)).toMatchObject({
      state: 'completed',
      attemptsMade: 1,
      failedReason: null,
    });
    expect(await t.jobs.runNow('reports', 'test-echo', { key: `${k}-now` })).toEqual({ echoed: `${k}-now` });
  });

  it('retries a failing job after a backoff delay until it succeeds', async () => {
    const k = key('flaky');
    const { id } = await t.jobs.enqueue(
      'reports',
      'test-flaky',
      { key: k, failTimes: 2 },
      { attempts: 5, backoffMs: 400 },
    );
    // Between tries the job waits out its backoff as a delayed job, not straight back in the queue.
    await waitFor('the first failure', () => runsOf(k).length >= 1);
    await waitFor(
      'the job to wait for its retry',
      async () => (await t.jobs.status('reports', id))?.state === 'delayed',
    );
    expect(await t.jobs.finished('reports', id)).toBe('ok');
    expect(runsOf(k).map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await t.jobs.status('reports', id)).toMatchObject({ state: 'completed', attemptsMade: 3 });
  });

  it('marks a job failed once its attempts are used up, with the reason', async () => {
    const k = key('hopeless');
    const { id } = await t.jobs.enqueue('reports', 'test-flaky', { key: k, failTimes: 99 }, { attempts: 2 });
    await expect(t.jobs.finished('reports', id)).rejects.toThrow('第 2 次故意失败');
    expect(runsOf(k).map((r) => r.attempt)).toEqual([1, 2]);
    expect(await t.jobs.status('reports', id)).toMatchObject({
      state: 'failed',
      attemptsMade: 2,
      failedReason: '第 2 次故意失败',
    });
  });

  it('adds a job with the same jobId once: it runs once, also when added again after it ran', async () => {
    const k = key('once');
    const jobId = `test-once:${k}`;
    const [first, second] = await Promise.all([
      t.jobs.enqueue('reports', 'test-echo', { key: k }, { jobId }),
      t.jobs.enqueue('reports', 'test-echo', { key: k }, { jobId }),
    ]);
    expect([first.id, second.id]).toEqual([jobId, jobId]);
    await t.jobs.drain();
    expect((await t.jobs.enqueue('reports', 'test-echo', { key: k }, { jobId })).added).toBe(false);
    await t.jobs.drain();
    expect(runsOf(k)).toHaveLength(1);
  });

  it('refuses a job that no processor handles', async () => {
    await expect(t.jobs.enqueue('reports', 'no-such-job' as never, {} as never)).rejects.toThrow('没有处理程序');
  });

  it('runs the deadlines sweep now, at the time of the moved Clock', async () => {
    const before = sweeps.length;
    t.clock.set(new Date('2027-03-01T01:00:00Z'));
    const first = (await t.jobs.runNow('deadlines', 'sweep')) as Record<string, { sawNow: string }>;
    t.clock.advance(3 * 86400_000);
    const second = (await t.jobs.runNow('deadlines', 'sweep')) as Record<string, { sawNow: string }>;
    t.clock.reset();
    expect(sweeps.length).toBe(before + 2);
    expect(first['test-step'].sawNow.slice(0, 13)).toBe('2027-03-01T01');
    expect(second['test-step'].sawNow.slice(0, 13)).toBe('2027-03-04T01');
    expect(Math.abs(t.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('closing the app lets the running job finish first', async () => {
    const own = await startTestApp({ ...env, XS_JOB_BACKOFF_MS: '50' }, { imports: [TestJobsModule] });
    const k = key('slow');
    await own.jobs.enqueue('reports', 'test-slow', { key: k });
    await waitFor('the slow job to start', () => events.includes(`started ${k}`));
    const closed = own.close().then(() => events.push(`closed ${k}`));
    // Time for a close that did not wait to get through; this one must still be waiting for the job.
    await new Promise((r) => setTimeout(r, 300));
    expect(events).not.toContain(`closed ${k}`);
    gates.get(k)!();
    await closed;
    expect(events.filter((e) => e.endsWith(k))).toEqual([`started ${k}`, `finished ${k}`, `closed ${k}`]);
  });
});

describe('jobs (bull): graceful close stores the finished job in Redis', () => {
  it('the job closed over is completed in Redis afterwards', async () => {
    const prefix = uniqueQueuePrefix();
    const t = await startTestApp(
      { REDIS_URL: TEST_REDIS_URL, XS_INLINE_WORKER: '1', XS_QUEUE_PREFIX: prefix },
      { imports: [TestJobsModule] },
    );
    const inspector = new Bull('reports', TEST_REDIS_URL, { prefix });
    try {
      const k = key('slow-bull');
      const { id } = await t.jobs.enqueue('reports', 'test-slow', { key: k });
      await waitFor('the slow job to start', () => events.includes(`started ${k}`));
      const closed = t.close();
      await new Promise((r) => setTimeout(r, 300));
      gates.get(k)!();
      await closed;
      const job = await inspector.getJob(id);
      expect(await job!.getState()).toBe('completed');
      expect(job!.returnvalue).toBe('slow done');
    } finally {
      await inspector.close();
      await deleteQueueKeys(TEST_REDIS_URL, prefix);
    }
  });
});

describe('jobs (bull): the worker process runs what the api enqueues', () => {
  const prefix = uniqueQueuePrefix();
  let db: { url: string; drop: () => Promise<void> };
  let api: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = { REDIS_URL: TEST_REDIS_URL, XS_QUEUE_PREFIX: prefix, XS_JOB_BACKOFF_MS: '50' };
    // The api migrates the database; it does not process jobs (no XS_INLINE_WORKER).
    api = await startTestApp(env, { imports: [TestJobsModule], databaseUrl: db.url });
    worker = await createWorker(
      loadConfig({ ...env, DATABASE_URL: db.url, XS_ADMIN_PASSWORD: ADMIN_PASSWORD, XS_LOG_LEVEL: 'error' }),
      { imports: [TestJobsModule] },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await deleteQueueKeys(TEST_REDIS_URL, prefix);
    await db?.drop();
  });

  it('the api only enqueues; the worker processes, with the same processors', async () => {
    expect(api.jobs.isProcessing).toBe(false);
    expect(worker.get(JobQueue).isProcessing).toBe(true);
    expect((await api.http().get('/health').expect(200)).body.queue).toMatchObject({ mode: 'bull', processing: false });
    const k = key('via-worker');
    const { id } = await api.jobs.enqueue('reports', 'test-echo', { key: k });
    expect(await api.jobs.finished('reports', id)).toEqual({ echoed: k });
    expect(runsOf(k)).toHaveLength(1);
    expect(runsOf(k)[0].by).toBe(worker.get(TestJobs));
    expect(runsOf(k)[0].by).not.toBe(api.app.get(TestJobs));
  });

  it('what the worker writes to the database, the api serves', async () => {
    const { token, userId } = await api.signInAs('member');
    const k = key('worker-notify');
    const { id } = await api.jobs.enqueue('reports', 'test-notify', { userId, key: k });
    expect(await api.jobs.finished('reports', id)).toBe(1);
    const inbox = await api.http().get('/api/v1/notifications').set('Authorization', `Bearer ${token}`).expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ kind: 'test.worker', title: '后台任务写入的消息', body: k, readAt: null }),
    ]);
  });

  it('the worker schedules the deadlines sweep as one repeatable job, every XS_SWEEP_MINUTES', async () => {
    const inspector = new Bull('deadlines', TEST_REDIS_URL, { prefix });
    try {
      const repeatable = await inspector.getRepeatableJobs();
      expect(repeatable.map((r) => ({ name: r.name, every: Number(r.every) }))).toEqual([
        { name: 'sweep', every: 5 * 60_000 },
      ]);
    } finally {
      await inspector.close();
    }
    expect(await countQueueKeys(TEST_REDIS_URL, prefix)).toBeGreaterThan(0);
  });
});
