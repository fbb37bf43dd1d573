import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { PublicProposalQuery, PublicProposalView } from './dto/public-proposal.dto';
import { PublicProposalsService } from './public-proposals.service';

/** 公开: what anyone may read without signing in. */
@ApiTags('公开')
@Controller('api/v1/public')
export class PublicProposalsController {
  constructor(private readonly proposals: PublicProposalsService) {}

  @Public()
  @Get('proposals')
  @ApiOperation({ summary: '公开的提案：已办结、提案人同意公开且答复公开的提案及其公开答复' })
  @ApiPageResponse(PublicProposalView)
  listPublicProposals(@Query() q: PublicProposalQuery) {
    return this.proposals.list(q);
  }
}
