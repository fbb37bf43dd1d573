import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { PublicTopicQuery, PublicTopicView } from './dto/public-topic.dto';
import { PublicTopicsService } from './public-topics.service';

/** 公开: the published topics, for anyone without signing in. */
@ApiTags('公开')
@Controller('api/v1/public')
export class PublicTopicsController {
  constructor(private readonly topics: PublicTopicsService) {}

  @Public()
  @Get('topics')
  @ApiOperation({ summary: '公开的协商议题：组织方已公开协商成果的议题及其按主题分组的成果' })
  @ApiPageResponse(PublicTopicView)
  listPublicTopics(@Query() q: PublicTopicQuery) {
    return this.topics.list(q);
  }
}
