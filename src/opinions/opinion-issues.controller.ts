import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { CompileIssueDto, OpinionIssueView } from './dto/opinion-issue.dto';
import { OpinionIssuesService } from './opinion-issues.service';

/**
 * Issues of 《社情民意》. Compiling and 送达 are the opinions' own steps (they change the items); editing the
 * text, 提交签发, 退回 and 签发 go through the reports API (`/api/v1/reports/:id/text`, `/submit`, `/sign`).
 */
@ApiTags('社情民意')
@ApiBearerAuth()
@Controller('api/v1/opinions/issues')
export class OpinionIssuesController {
  constructor(private readonly issues: OpinionIssuesService) {}

  @Roles('staff')
  @Post()
  @ApiOperation({
    summary:
      '编入一期《社情民意》：专报（一条）或综合（多条）“采用编报”的信息，生成草稿（按文稿流程修改、提交签发、签发取第N期），信息标为已编入',
  })
  @ApiCreatedResponse({ type: OpinionIssueView })
  compileIssue(@CurrentUser() actor: Actor, @Body() dto: CompileIssueDto) {
    return this.issues.compile(actor, dto);
  }

  @Roles('staff', 'leader')
  @Get(':id')
  @ApiOperation({ summary: '一期《社情民意》及其编入的信息（工作人员；待签发或已签发时领导可看）' })
  @ApiOkResponse({ type: OpinionIssueView })
  getIssue(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.issues.get(actor, id);
  }

  @Roles('staff')
  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({
    summary: '送达：已签发的一期送达全部领导（收文），报、送机关印在版记上；编入信息的署名委员收到第N期通知',
  })
  @ApiOkResponse({ type: OpinionIssueView })
  deliverIssue(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.issues.deliver(actor, id);
  }
}
