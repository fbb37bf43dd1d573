import { Body, Controller, Get, Header, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ArrayBodyPipe, ParseIdPipe } from '../../common/validation';
import { NoticeRequestDto } from '../../notifications/notice-request.dto';
import { AttendanceDto, HoldMeetingDto, ParticipantDto, SpeechDto } from '../../topics/dto/meeting.dto';
import { MeetingNoticeService } from '../../topics/meeting-notice.service';
import { TopicMeetingsService } from '../../topics/topic-meetings.service';
import { DirectoryChoices } from '../kit/directory-choices';
import { NOTICE_FORM } from '../kit/notice-panel';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { InlineForm, TopicPages } from './topic-pages';

/** 登记参会人员 on the page: members by name (the picker writes them), a unit with who came, people by name; each part with its side. */
class ParticipantsForm {
  @Allow() memberNames: string[] = [];
  @Allow() unitId?: number;
  @Allow() unitPerson?: string;
  @Allow() unitSide?: string;
  @Allow() people: string[] = [];
  @Allow() peopleSide?: string;
}

/** 出席情况: one radio group `a<participantId>` per participant; read from the body itself. */
class AttendanceForm {}

const ATTENDANCE_FIELD = /^a(\d{1,9})$/;
const ORGANISERS = ['staff', 'facilitator'] as const;

/**
 * A 协商会's page: who takes part (members, units, people by name, each with a side), attendance, speeches,
 * the minutes and 召开. Its topic's readers see it; only the topic's organiser records on it.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('meetings')
export class MeetingPagesController {
  private readonly participantsStep: InlineForm<ParticipantsForm>;
  private readonly attendanceStep: InlineForm<AttendanceForm>;
  private readonly speechStep: InlineForm<SpeechDto>;
  private readonly holdStep: InlineForm<HoldMeetingDto>;
  private readonly noticeStep: InlineForm<NoticeRequestDto>;

  constructor(
    private readonly steps: TopicPages,
    private readonly choices: DirectoryChoices,
    meetings: TopicMeetingsService,
    notices: MeetingNoticeService,
  ) {
    this.participantsStep = {
      key: 'participants',
      dto: ParticipantsForm,
      spec: {
        memberNames: 'lines',
        unitId: 'int',
        unitPerson: 'text?',
        unitSide: 'text',
        people: 'lines',
        peopleSide: 'text',
      },
      save: async (actor, id, f) => meetings.addParticipants(actor, id, await this.participants(f)),
      done: 'participants',
    };
    this.attendanceStep = {
      key: 'attendance',
      dto: AttendanceForm,
      spec: (body) =>
        Object.fromEntries(
          Object.keys(body)
            .filter((k) => ATTENDANCE_FIELD.test(k))
            .map((k) => [k, 'text?']),
        ),
      save: async (actor, id, _f, body) =>
        meetings.recordAttendance(
          actor,
          id,
          await new ArrayBodyPipe(AttendanceDto, '出席情况').transform(attendanceOf(body)),
        ),
      done: 'attendance',
    };
    this.speechStep = {
      key: 'speech',
      dto: SpeechDto,
      spec: { version: 'int', participantId: 'int', summary: 'text' },
      save: (a, id, dto) => meetings.addSpeech(a, id, dto),
      done: 'speech',
    };
    this.holdStep = {
      key: 'hold',
      dto: HoldMeetingDto,
      spec: { version: 'int', minutes: 'text?' },
      save: (a, id, dto) => meetings.hold(a, id, dto),
      done: 'held',
    };
    this.noticeStep = {
      key: 'notice',
      dto: NoticeRequestDto,
      spec: NOTICE_FORM,
      save: (a, id, dto) => notices.send(a, id, dto),
      done: 'notice-sent',
      next: (id, _body, done) => `/meetings/${id}?done=${done}#notice`,
    };
  }

  /** 参会委员 picker: serving members by name, as JSON for the page's script. */
  @Roles(...ORGANISERS)
  @Get('member-search')
  @Header('Cache-Control', 'no-store')
  async searchMembers(@Query('q') q: unknown) {
    return { items: await this.choices.searchMembers(typeof q === 'string' ? q : '', null) };
  }

  @Roles('staff', 'leader', 'member', 'unit', 'facilitator')
  @Get(':id')
  showMeeting(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ) {
    return this.steps.showMeeting(req, res, actor, id, { done });
  }

  @Roles(...ORGANISERS)
  @Post(':id/participants')
  addParticipants(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.meetingForm(req, res, actor, id, body, this.participantsStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/attendance')
  recordAttendance(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.meetingForm(req, res, actor, id, body, this.attendanceStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/speeches')
  addSpeech(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.meetingForm(req, res, actor, id, body, this.speechStep);
  }

  /** 召开: held, with the minutes. */
  @Roles(...ORGANISERS)
  @Post(':id/hold')
  holdMeeting(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.meetingForm(req, res, actor, id, body, this.holdStep);
  }

  /** 会议通知: to every participant with an account, back to the page's 通知回执. */
  @Roles(...ORGANISERS)
  @Post(':id/notice')
  sendNotice(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.meetingForm(req, res, actor, id, body, this.noticeStep);
  }

  /** The service's participant list from the form's three parts, checked as the API checks its body. */
  private async participants(f: ParticipantsForm): Promise<ParticipantDto[]> {
    const members = (await this.choices.memberIdsNamed(f.memberNames, 'memberNames')).map((memberId) => ({
      memberId,
      side: 'member',
    }));
    const unit = f.unitId !== undefined ? [{ unitId: f.unitId, name: f.unitPerson ?? null, side: f.unitSide }] : [];
    const people = f.people.map((name) => ({ name, side: f.peopleSide }));
    const items = [...members, ...unit, ...people];
    if (!items.length) throw AppError.invalidField('memberNames', '请至少填写一位参会人员：委员、单位或其他参会人');
    return new ArrayBodyPipe(ParticipantDto, '参会人员').transform(items);
  }
}

/** `a12=present` … → `[{participantId: 12, present: true}]`; rows left unchosen are not sent. */
function attendanceOf(body: Record<string, unknown>): AttendanceDto[] {
  const items: AttendanceDto[] = [];
  for (const [key, value] of Object.entries(body)) {
    const m = ATTENDANCE_FIELD.exec(key);
    if (!m || typeof value !== 'string' || !value) continue;
    if (!['present', 'excused', 'absent'].includes(value))
      throw AppError.invalidField(key, '出席情况须为出席、请假或缺席');
    items.push({
      participantId: Number(m[1]),
      present: value === 'present',
      ...(value === 'excused' ? { excused: true } : {}),
    });
  }
  if (!items.length) throw AppError.invalidField('body', '请为至少一位参会人员选择出席情况');
  return items;
}
