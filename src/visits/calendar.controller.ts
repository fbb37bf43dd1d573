import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthedRequest } from '../auth/auth.guard';
import { Actor } from '../common/actor';
import { CurrentUser, Public, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { CalendarService } from './calendar.service';
import { CalendarFeedStatusView, CalendarFeedView } from './dto/visit-view.dto';

/** A member's calendar (iCalendar), and the secret feed URL calendar apps subscribe to. */
@ApiTags('视察调研')
@ApiBearerAuth()
@Controller('api/v1/members/:id')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get('calendar.ics')
  @ApiOperation({
    summary: '委员日程（iCalendar）：已答复参加的视察调研和参加的协商会；本人登录后读取，或用订阅地址中的 token',
  })
  @ApiQuery({ name: 'token', required: false, description: '订阅地址中的密钥' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  async getMemberCalendar(
    @Req() req: AuthedRequest,
    @Param('id', ParseIdPipe) id: number,
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    await this.calendar.authorise(req.user, id, typeof token === 'string' ? token : undefined);
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="calendar-${id}.ics"`,
      'Cache-Control': 'private, no-cache',
    });
    return this.calendar.ics(id);
  }

  @Roles('member')
  @Get('calendar-feed')
  @ApiOperation({ summary: '日程订阅状态（委员本人）' })
  @ApiOkResponse({ type: CalendarFeedStatusView })
  getCalendarFeed(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.calendar.status(actor, id);
  }

  @Roles('member')
  @Post('calendar-feed')
  @ApiOperation({ summary: '生成日程订阅地址（委员本人）：旧地址随即失效；地址只显示这一次' })
  @ApiCreatedResponse({ type: CalendarFeedView })
  createCalendarFeed(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Req() req: Request) {
    return this.calendar.create(actor, id, `${req.protocol}://${req.get('host')}`);
  }

  @Roles('member')
  @Delete('calendar-feed')
  @HttpCode(204)
  @ApiOperation({ summary: '停用日程订阅地址（委员本人）' })
  @ApiNoContentResponse()
  async revokeCalendarFeed(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.calendar.revoke(actor, id);
  }
}
