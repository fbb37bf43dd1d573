import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { JobQueue } from '../jobs/job-queue';

interface PartStatus {
  status: 'ok' | 'down';
  [detail: string]: unknown;
}

/** `GET /health`: 200 when every part answers, 503 naming the part that does not. */
@ApiTags('运维')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  @Public()
  @Get()
  async getHealth(@Res() res: Response): Promise<void> {
    const [db, queue] = await Promise.all([this.database(), this.queue()]);
    const parts = { db, queue };
    const down = Object.entries(parts).filter(([, p]) => p.status !== 'ok').map(([name]) => name);
    res.status(down.length ? 503 : 200).json({ status: down.length ? 'down' : 'ok', ...(down.length ? { down } : {}), ...parts });
  }

  private database(): Promise<PartStatus> {
    const engine = this.ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
    return this.ds
      .query('SELECT 1 AS ok')
      .then((): PartStatus => ({ status: 'ok', engine }))
      .catch((e: Error): PartStatus => ({ status: 'down', engine, message: `数据库无法连接：${e.message}` }));
  }

  /** `{status, mode: 'bull'|'in-process', processing, waiting, failed}`: counts only when the queue answers. */
  private async queue(): Promise<PartStatus> {
    return { ...(await this.jobs.health()) };
  }
}
