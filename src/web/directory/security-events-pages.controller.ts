import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SecurityEventQuery } from '../../audit/security-events.dto';
import { SecurityEventsService } from '../../audit/security-events.service';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Roles } from '../../common/auth.decorators';
import { SECURITY_EVENT_LABELS, SECURITY_EVENT_TYPES } from '../../common/security-event';
import { parseQuery } from '../kit/forms';
import { Option } from '../kit/layout';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import type { SecurityEventsView } from './views';

const BASE = '/admin/security-events';
const TYPE_OPTIONS: Option[] = SECURITY_EVENT_TYPES.map((t) => ({ value: t, label: SECURITY_EVENT_LABELS[t] }));

/** What a refused request asked for (`GET /admin/users`) or how one signed in (网页, 接口). */
function summary(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  if (typeof detail.method === 'string' && typeof detail.path === 'string')
    parts.push(`${detail.method} ${detail.path}`);
  if (typeof detail.status === 'number') parts.push(String(detail.status));
  if (detail.kind === 'web') parts.push('网页');
  if (detail.kind === 'api') parts.push('接口');
  if (detail.code === 'ACCOUNT_DISABLED') parts.push('账号已停用');
  if (detail.code === 'INVALID_CREDENTIALS') parts.push('用户名或密码错误');
  if (detail.code === 'INVALID_TOKEN') parts.push('登录已失效');
  if (detail.code === 'LOGIN_THROTTLED') parts.push('失败次数过多');
  return parts.join(' · ');
}

/** 安全事件: the administrator reads sign-ins, failures, lock-outs, sign-outs and refused requests, newest first. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('admin')
@Controller('admin/security-events')
export class SecurityEventsPagesController {
  constructor(
    private readonly events: SecurityEventsService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async listSecurityEvents(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(
      SecurityEventQuery,
      { page: 'int', type: 'text?', username: 'text?', ip: 'text?', from: 'text?', to: 'text?' },
      query,
    );
    const page = await this.events.query(q);
    const filters = { type: q.type, username: q.username, ip: q.ip, from: q.from, to: q.to };
    const view: SecurityEventsView = {
      items: page.items.map((e) => ({ ...e, summary: summary(e.detail) })),
      pager: pagerFor(page, BASE, filters),
      filters: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v ?? ''])),
      types: TYPE_OPTIONS,
    };
    this.pages.send(req, res, 'admin/security-events', view, { section: 'security-events' });
  }
}
