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
import { AUDIT_ENTITY_LABELS, auditChanges, auditEntityLabel, auditVerbLabel } from './audit-labels';

const BASE = '/admin/audit';

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
        entityLabel: auditEntityLabel(entity),
        verbLabel: auditVerbLabel(verb),
        entityId: e.entityId,
        changes: auditChanges(entity, e.from, e.to),
      };
    });
    const view = {
      items,
      pager: pagerFor(page, BASE, { entityType: q.entityType }),
      entityType: q.entityType ?? '',
      entityTypes: Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label })),
    };
    this.pages.send(req, res, 'admin/audit', view, { section: 'audit' });
  }
}
