import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_PROCESSOR_KEY, JobProcessorMeta } from './job-processor.decorator';
import { isQueueName, JobHandler, QueueName } from './job-types';

/** The processors by queue and job name, found on the providers' `@JobProcessor` methods at start-up. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, { handler: JobHandler; owner: string }>();

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
        const meta = this.reflector.get<JobProcessorMeta | undefined>(JOB_PROCESSOR_KEY, fn as () => unknown);
        if (!meta) continue;
        this.register(meta.queue, meta.name, (job) => (fn as JobHandler).call(instance, job), `${instance.constructor.name}.${method}`);
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
