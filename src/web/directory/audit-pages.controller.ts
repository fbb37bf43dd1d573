import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditQuery } from '../../audit/audit.dto';
import { AuditService } from '../../audit/audit.service';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Roles } from '../../common/auth.decorators';
import { parseQuery } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';
import type { AuditView } from './views';

const BASE = '/admin/audit';

/** What changed, field by field; the template names the fields and shows the values. */
function changes(from: unknown, to: unknown): AuditView['items'][number]['changes'] {
  const before = (from ?? {}) as Record<string, unknown>;
  const after = (to ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
    field,
    from: before[field] ?? null,
    to: after[field] ?? null,
    hasFrom: field in before,
  }));
}

/** 审计日志: the administrator reads the trail, newest first. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('admin')
@Controller('admin/audit')
export class AuditPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async listAudit(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(AuditQuery, { page: 'int', entityType: 'text?' }, query);
    const page = await this.audit.query(q);
    const items = page.items.map((e) => {
      const [entity, verb = ''] = e.action.split('.');
      return {
        seq: e.seq,
        at: e.at,
        actorName: e.actorName,
        entity,
        verb,
        entityId: e.entityId,
        changes: changes(e.from, e.to),
      };
    });
    const view = { items, pager: pagerFor(page, BASE, { entityType: q.entityType }), entityType: q.entityType ?? '' };
    this.pages.send(req, res, 'admin/audit', view, { section: 'audit' });
  }
}
