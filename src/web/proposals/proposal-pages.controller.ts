import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { ProposalPages } from './proposal-pages';

/**
 * A proposal's own page, for everyone who handles proposals, as the services let each read it.
 * Registered after the other proposal pages, so `/proposals/mine` and the like are not taken for an id.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('staff', 'leader', 'member', 'unit')
@Controller('proposals')
export class ProposalPagesController {
  constructor(private readonly steps: ProposalPages) {}

  @Get(':id')
  showProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ) {
    return this.steps.show(req, res, actor, id, { done });
  }
}
