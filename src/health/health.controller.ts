import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/** `GET /health`: 200 when every part answers, 503 naming the part that does not. */
@ApiTags('运维')
@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Public()
  @Get()
  async getHealth(@Res() res: Response): Promise<void> {
    const db = await this.ds
      .query('SELECT 1 AS ok')
      .then(() => ({ status: 'ok', engine: this.ds.options.type === 'mysql' ? 'mysql' : 'sqlite' }))
      .catch((e: Error) => ({ status: 'down', error: `数据库无法连接：${e.message}` }));
    const down = [db].some((p) => p.status !== 'ok');
    res.status(down ? 503 : 200).json({ status: down ? 'down' : 'ok', db });
  }
}
