import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Public } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { PublicProposalQuery } from '../../proposals/dto/public-proposal.dto';
import { PublicProposalsService } from '../../proposals/public-proposals.service';
import { PublicTopicQuery } from '../../topics/dto/public-topic.dto';
import { PublicTopicsService } from '../../topics/public-topics.service';
import { parseQuery } from '../kit/forms';
import { LIST_QUERY, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

/** 公开的提案 and 公开的协商议题: pages anyone may read without signing in. */
@ApiExcludeController()
@Controller('public')
export class PublicPagesController {
  constructor(
    private readonly proposals: PublicProposalsService,
    private readonly topics: PublicTopicsService,
    private readonly pages: WebPages,
  ) {}

  @Public()
  @Get('proposals')
  async showPublicProposals(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(PublicProposalQuery, LIST_QUERY, query);
    const page = await this.proposals.list(q);
    this.pages.send(
      req,
      res,
      'public/proposals',
      { items: page.items, pager: pagerFor(page, '/public/proposals', { q: q.q }), q: q.q ?? '' },
      { section: 'public' },
    );
  }

  @Public()
  @Get('topics')
  async showPublicTopics(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const q = await parseQuery(PublicTopicQuery, LIST_QUERY, query);
    const page = await this.topics.list(q);
    this.pages.send(
      req,
      res,
      'public/topics',
      { items: page.items, pager: pagerFor(page, '/public/topics', { q: q.q }), q: q.q ?? '' },
      { section: 'public' },
    );
  }

  /** One published topic: where a 公示单's QR code leads. */
  @Public()
  @Get('topics/:id')
  async showPublicTopic(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const topic = await this.topics.get(id);
    this.pages.send(req, res, 'public/topic', { topic }, { section: 'public' });
  }
}
