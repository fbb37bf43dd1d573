import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser } from '../../common/auth.decorators';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';

/** 名录: the index of the six directory lists, for everyone signed in. */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('directory')
export class DirectoryIndexPagesController {
  constructor(private readonly pages: WebPages) {}

  @Get()
  showDirectory(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): void {
    this.pages.send(req, res, 'directory', { canEdit: hasRole(actor, 'admin', 'staff') }, { section: 'directory' });
  }
}
