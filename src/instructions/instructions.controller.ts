import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import {
  CreateInstructionDto,
  CreateItemDto,
  InstructionListQuery,
  InstructionView,
  ItemListQuery,
  ItemListView,
  ItemStepDto,
  ItemView,
} from './instruction.dto';
import { InstructionsService } from './instructions.service';

/*
 * 领导批示 and their 交办事项. Roles are checked here; whose document, whose item in the service. The item routes
 * come first, so `items` is never read as a 批示's id.
 */

@ApiTags('领导批示')
@ApiBearerAuth()
@Controller('api/v1/instructions')
export class InstructionsController {
  constructor(private readonly instructions: InstructionsService) {}

  @Roles('staff', 'leader', 'unit')
  @Get('items')
  @ApiOperation({
    summary:
      '交办事项：承办单位只看本单位的；工作人员、领导看全部或某单位的（unitId）；overdue=true 为已超期的，open=true 为未办结的',
  })
  @ApiPageResponse(ItemListView)
  listItems(@CurrentUser() actor: Actor, @Query() q: ItemListQuery) {
    return this.instructions.items(actor, q);
  }

  @Roles('staff', 'leader', 'unit')
  @Get('items/:id')
  @ApiOperation({ summary: '交办事项及其批示；其他单位的交办事项不存在（404）' })
  @ApiOkResponse({ type: ItemListView })
  getItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.instructions.item(actor, id);
  }

  @Roles('unit')
  @Post('items/:id/report')
  @HttpCode(200)
  @ApiOperation({ summary: '报告办理进展（交办的承办单位，须填写办理情况）：待办理、已退回或已报告的事项' })
  @ApiOkResponse({ type: ItemView })
  reportItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ItemStepDto) {
    return this.instructions.step(actor, id, 'report', dto);
  }

  @Roles('staff')
  @Post('items/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '确认办结（工作人员）：单位已报告的事项' })
  @ApiOkResponse({ type: ItemView })
  acceptItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ItemStepDto) {
    return this.instructions.step(actor, id, 'accept', dto);
  }

  @Roles('staff')
  @Post('items/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回（工作人员，须填写退回意见）：单位已报告的事项' })
  @ApiOkResponse({ type: ItemView })
  returnItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ItemStepDto) {
    return this.instructions.step(actor, id, 'return', dto);
  }

  @Roles('staff', 'leader')
  @Post()
  @ApiOperation({
    summary:
      '记录批示：领导对送达给本人的文稿或重点提案作出批示；工作人员录入纸质批示（须写明批示领导和日期）。未送达的文稿 409',
  })
  @ApiCreatedResponse({ type: InstructionView })
  createInstruction(@CurrentUser() actor: Actor, @Body() dto: CreateInstructionDto) {
    return this.instructions.record(actor, dto);
  }

  @Roles('staff', 'leader')
  @Get()
  @ApiOperation({
    summary: '批示列表：按批示对象（targetType、targetId）；不指定时工作人员看全部，领导看本人的',
  })
  @ApiPageResponse(InstructionView)
  listInstructions(@CurrentUser() actor: Actor, @Query() q: InstructionListQuery) {
    return this.instructions.list(actor, q);
  }

  @Roles('staff', 'leader')
  @Get(':id')
  @ApiOperation({ summary: '批示及其交办事项和办理情况' })
  @ApiOkResponse({ type: InstructionView })
  getInstruction(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.instructions.get(actor, id);
  }

  @Roles('staff')
  @Post(':id/items')
  @ApiOperation({ summary: '交办（工作人员）：把批示交办给承办单位，写明事项和办理期限；单位收到通知' })
  @ApiCreatedResponse({ type: ItemView })
  addInstructionItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateItemDto) {
    return this.instructions.addItem(actor, id, dto);
  }
}
