import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_PROCESSOR_KEY, JobProcessorMeta, SWEEP_STEP_KEY } from './job-processor.decorator';
import { isQueueName, JobHandler, QueueName, SweepHandler } from './job-types';

/** The processors by queue and job name, and the sweep steps, found on the providers' `@JobProcessor` and `@SweepStep` methods at start-up. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, { handler: JobHandler; owner: string }>();
  private readonly steps = new Map<string, { handler: SweepHandler; owner: string }>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = (proto as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const owner = `${instance.constructor.name}.${method}`;
        const meta = this.reflector.get<JobProcessorMeta | undefined>(JOB_PROCESSOR_KEY, fn as () => unknown);
        if (meta) this.register(meta.queue, meta.name, (job) => (fn as JobHandler).call(instance, job), owner);
        const step = this.reflector.get<string | undefined>(SWEEP_STEP_KEY, fn as () => unknown);
        if (step) this.registerSweepStep(step, (ctx) => (fn as SweepHandler).call(instance, ctx), owner);
      }
    }
  }

  /** Adds a processor; a second one for the same job is a programming error and stops start-up. */
  register(queue: QueueName, name: string, handler: JobHandler, owner = 'anonymous'): void {
    if (!isQueueName(queue)) throw new Error(`未知的任务队列：${String(queue)}`);
    const key = `${queue}:${name}`;
    const existing = this.handlers.get(key);
    if (existing) throw new Error(`任务 ${key} 有两个处理程序：${existing.owner} 和 ${owner}`);
    this.handlers.set(key, { handler, owner });
  }

  registerSweepStep(name: string, handler: SweepHandler, owner = 'anonymous'): void {
    const existing = this.steps.get(name);
    if (existing) throw new Error(`扫描步骤 ${name} 有两个处理程序：${existing.owner} 和 ${owner}`);
    this.steps.set(name, { handler, owner });
  }

  /** The sweep steps in the order they were found. */
  sweepSteps(): [string, SweepHandler][] {
    return [...this.steps.entries()].map(([name, s]) => [name, s.handler]);
  }

  has(queue: QueueName, name: string): boolean {
    return this.handlers.has(`${queue}:${name}`);
  }

  /** The processor of a job; a job nobody processes is a programming error. */
  handlerFor(queue: QueueName, name: string): JobHandler {
    const found = this.handlers.get(`${queue}:${name}`);
    if (!found) throw new Error(`任务 ${queue}:${name} 没有处理程序`);
    return found.handler;
  }
}
