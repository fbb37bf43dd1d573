import { Logger } from '@nestjs/common';
import { InProcessRunner } from './in-process-runner';
import { JobRegistry } from './job-registry';
import { backoffDelay, JobContext } from './job-types';

/** The registry without Nest discovery: processors registered by hand. */
function registry(): JobRegistry {
  return new JobRegistry(null as never, null as never, null as never);
}

beforeAll(() => Logger.overrideLogger(false));

const opts = (extra: Partial<{ jobId: string; attempts: number; backoffMs: number; delayMs: number }> = {}) => ({
  attempts: 3,
  backoffMs: 10,
  delayMs: 0,
  ...extra,
});

describe('backoffDelay', () => {
  it("doubles from the base, as Bull's exponential backoff", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(500, retry))).toEqual([500, 1000, 2000, 4000]);
  });
});

describe('JobRegistry', () => {
  it('refuses a second processor for the same job, naming both', () => {
    const r = registry();
    r.register('reports', 'render', () => 1, 'A.render');
    expect(() => r.register('reports', 'render', () => 2, 'B.render')).toThrow(
      '任务 reports:render 有两个处理程序：A.render 和 B.render',
    );
    expect(() => r.handlerFor('reports', 'other')).toThrow('没有处理程序');
    expect(() => r.register('nope' as never, 'x', () => 1)).toThrow('未知的任务队列');
  });

  it('refuses a second sweep step of the same name', () => {
    const r = registry();
    r.registerSweepStep('proposals', () => 1, 'A');
    expect(() => r.registerSweepStep('proposals', () => 2, 'B')).toThrow('扫描步骤 proposals 有两个处理程序');
  });
});

describe('InProcessRunner', () => {
  it('runs jobs only once started, passing the payload through JSON', async () => {
    const r = registry();
    const seen: JobContext[] = [];
    r.register('reports', 'echo', (job) => {
      seen.push(job);
      return 'done';
    });
    const runner = new InProcessRunner(r);
    const at = new Date('2027-01-01T00:00:00Z');
    const { id } = await runner.add('reports', 'echo', { at }, opts());
    expect((await runner.status('reports', id))!.state).toBe('waiting');
    await runner.start();
    expect(await runner.finished('reports', id)).toBe('done');
    expect(seen).toEqual([
      {
        queue: 'reports',
        name: 'echo',
        id,
        data: { at: '2027-01-01T00:00:00.000Z' },
        attempt: 1,
        maxAttempts: opts().attempts,
      },
    ]);
    await runner.close();
  });

  it('retries with backoff, waiting as a delayed job, until it succeeds', async () => {
    const r = registry();
    const attempts: number[] = [];
    r.register('deadlines', 'flaky', (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error('not yet');
      return 'ok';
    });
    const runner = new InProcessRunner(r);
    await runner.start();
    const { id } = await runner.add('deadlines', 'flaky', {}, opts({ attempts: 5, backoffMs: 20 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runner.status('deadlines', id)).toMatchObject({
      state: 'delayed',
      attemptsMade: 1,
      failedReason: 'not yet',
    });
    expect(await runner.finished('deadlines', id)).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    await runner.close();
  });

  it('adds a jobId once while the job is kept', async () => {
    const r = registry();
    let runs = 0;
    r.register('reports', 'render', () => ++runs);
    const runner = new InProcessRunner(r);
    await runner.start();
    const results = await Promise.all(
      [1, 2, 3].map(() => runner.add('reports', 'render', {}, opts({ jobId: 'report:1' }))),
    );
    expect(results.map((x) => x.added)).toEqual([true, false, false]);
    await runner.drain(5000);
    expect((await runner.add('reports', 'render', {}, opts({ jobId: 'report:1' }))).added).toBe(false);
    await runner.drain(5000);
    expect(runs).toBe(1);
    await runner.close();
  });

  it('close waits for the running job and fails the ones that never ran', async () => {
    const r = registry();
    const log: string[] = [];
    let release!: () => void;
    r.register('reports', 'slow', async () => {
      log.push('started');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('finished');
    });
    const runner = new InProcessRunner(r);
    await runner.start();
    await runner.add('reports', 'slow', {}, opts());
    const queued = await runner.add('reports', 'slow', {}, opts());
    const never = runner.finished('reports', queued.id);
    await new Promise((resolve) => setImmediate(resolve));
    const closed = runner.close().then(() => log.push('closed'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['started']);
    release();
    await closed;
    expect(log).toEqual(['started', 'finished', 'closed']);
    await expect(never).rejects.toThrow('进程退出，任务未执行');
    await expect(runner.add('reports', 'slow', {}, opts())).rejects.toThrow('任务队列正在关闭');
  });
});
