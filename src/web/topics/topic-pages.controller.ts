import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { CreateMeetingDto } from '../../topics/dto/meeting.dto';
import { CreateOutcomeDto } from '../../topics/dto/outcome.dto';
import { MeetingView } from '../../topics/dto/topic-view.dto';
import {
  AnswerDto,
  CreateTopicDto,
  DeclineTopicDto,
  EvaluateTopicDto,
  TopicQuery,
  VersionDto,
} from '../../topics/dto/topic.dto';
import { TopicMeetingsService } from '../../topics/topic-meetings.service';
import { TopicOutcomesService } from '../../topics/topic-outcomes.service';
import { TopicPromises } from '../../topics/topic-promises.service';
import { BREACH_LABELS, PROMISE_CLOCKS } from '../../topics/topic-workflow';
import { OrganizerType } from '../../topics/topic.entities';
import { TopicsService } from '../../topics/topics.service';
import { blankValues, formState, FormSpec, FormState, parseQuery, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pageHref, pagerFor } from '../kit/paging';
import { StepForm, StepForms, VERSIONED } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { TOPIC_OPTIONS, TopicChoices } from './topic-choices';
import { BOARD_COLUMNS, boardColumn } from './topic-page-data';
import { InlineForm, TopicPages } from './topic-pages';
import { TopicDone, topicDoneHref } from './views';

const READERS = ['staff', 'leader', 'member', 'unit', 'facilitator'] as const;
const ORGANISERS = ['staff', 'facilitator'] as const;
const ORGANIZER = /^(committee|sector|point):(\d{1,9})$/;

/** 出题 on the page: the organiser is one choice (`point:3`), the 252 promise a checkbox. */
class RaiseTopicForm extends OmitType(CreateTopicDto, ['organizer', 'responsePolicy'] as const) {
  @Matches(ORGANIZER, { message: '请选择组织方' })
  organizer!: string;

  @IsOptional()
  @IsBoolean()
  respond252?: boolean;
}

const RAISE: FormSpec = {
  title: 'text',
  description: 'text',
  level: 'text',
  source: 'text',
  organizer: 'text',
  respond252: 'bool',
};
const BOARD_FILTERS: FormSpec = {
  q: 'text?',
  level: 'text?',
  year: 'int',
  breached: 'text?',
  missed: 'text?',
  page: 'int',
};
const MEETING: FormSpec = {
  kind: 'text',
  title: 'text',
  startsAt: 'datetime',
  endsAt: 'datetime',
  venue: 'text',
  chair: 'text',
  version: 'int',
};
/** 响应超时: which clock was missed. */
const BREACH_OPTIONS = PROMISE_CLOCKS.map((c) => ({ value: c, label: BREACH_LABELS[c] }));
/** How many topics each column of the board lists. */
const BOARD_SIZE = 100;

const organizerOf = (value: string): { type: OrganizerType; id: number } | null => {
  const m = ORGANIZER.exec(value);
  return m ? { type: m[1] as OrganizerType, id: Number(m[2]) } : null;
};
const text = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

/**
 * 协商议题: the board of the five steps, 出题, a topic's page and its steps (定题, 不予定题, 安排协商会, 协商成果,
 * 解题, 评题, 结束评题, 公示). Every step goes to the topic services as the signed-in person.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('topics')
export class TopicPagesController {
  private readonly settleStep: InlineForm<VersionDto>;
  private readonly declineStep: InlineForm<DeclineTopicDto>;
  private readonly resolveStep: InlineForm<VersionDto>;
  private readonly publishStep: InlineForm<VersionDto>;
  private readonly closeStep: InlineForm<VersionDto>;
  private readonly evaluateStep: InlineForm<EvaluateTopicDto>;
  private readonly outcomeStep: InlineForm<CreateOutcomeDto>;
  private readonly acknowledgeStep: InlineForm<VersionDto>;
  private readonly answerStep: InlineForm<AnswerDto>;

  constructor(
    private readonly pages: WebPages,
    private readonly steps: TopicPages,
    private readonly topics: TopicsService,
    private readonly meetings: TopicMeetingsService,
    private readonly choices: TopicChoices,
    private readonly forms: StepForms,
    outcomes: TopicOutcomesService,
    promises: TopicPromises,
  ) {
    const button = (
      key: string,
      save: (actor: Actor, id: number, dto: VersionDto) => Promise<unknown>,
      done: TopicDone,
    ): InlineForm<VersionDto> => ({ key, dto: VersionDto, spec: VERSIONED, save, done });
    this.settleStep = button('settle', (a, id, dto) => topics.settle(a, id, dto), 'settled');
    this.resolveStep = button('resolve', (a, id, dto) => topics.resolve(a, id, dto), 'resolved');
    this.publishStep = button('publish', (a, id, dto) => topics.publish(a, id, dto), 'published');
    this.closeStep = button('close', (a, id, dto) => topics.close(a, id, dto), 'closed');
    this.acknowledgeStep = button('acknowledge', (a, id, dto) => promises.acknowledge(a, id, dto), 'acknowledged');
    this.answerStep = {
      key: 'answer',
      dto: AnswerDto,
      spec: { version: 'int', text: 'text' },
      save: (a, id, dto) => promises.answer(a, id, dto),
      done: 'answered',
      options: { generalField: 'text' },
    };
    this.declineStep = {
      key: 'decline',
      dto: DeclineTopicDto,
      spec: { version: 'int', reason: 'text?' },
      save: (a, id, dto) => topics.decline(a, id, dto),
      done: 'declined',
    };
    this.evaluateStep = {
      key: 'evaluate',
      dto: EvaluateTopicDto,
      spec: { version: 'int', score: 'int', comment: 'text?' },
      save: (a, id, dto) => topics.evaluate(a, id, dto),
      done: 'evaluated',
    };
    this.outcomeStep = {
      key: 'outcome',
      dto: CreateOutcomeDto,
      spec: { version: 'int', kind: 'text', theme: 'text?', text: 'text', unitId: 'int', dueAt: 'datetime' },
      save: (a, id, dto) => outcomes.add(a, id, dto),
      done: 'outcome-added',
    };
  }

  /** 安排协商会 on its own page: on to the new meeting's page. */
  private readonly meetingStep: StepForm<CreateMeetingDto, TopicDone, MeetingView> = {
    dto: CreateMeetingDto,
    spec: MEETING,
    save: (actor, id, dto) => this.meetings.add(actor, id, dto),
    next: (_id, _body, _done, meeting) => topicDoneHref(`/meetings/${meeting.id}`, 'meeting-created'),
  };

  /**
   * The board: 出题 → 评题 in five columns, 不予定题 apart; filtered by level, organiser, year and title.
   * `?breached=1` (or `missed=answer` …): the tab 响应超时, the topics whose promise was missed, as a list.
   */
  @Roles(...READERS)
  @Get()
  async showBoard(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const base = await parseQuery(TopicQuery, BOARD_FILTERS, query);
    const organizer = organizerOf(text(query.organizer));
    const list = (extra: Partial<TopicQuery>) =>
      this.topics.list(
        actor,
        Object.assign(new TopicQuery(), base, { organizerType: organizer?.type, organizerId: organizer?.id }, extra),
      );
    const filters = {
      q: text(query.q),
      level: text(query.level),
      organizer: organizer ? text(query.organizer) : '',
      year: base.year ? String(base.year) : '',
    };
    const choices = {
      levels: TOPIC_OPTIONS.levels,
      organizers: await this.choices.organizers(),
      years: this.choices.years(),
      missed: BREACH_OPTIONS,
    };
    const breachTab = hasRole(actor, 'staff', 'leader', 'facilitator');
    const tabs = {
      board: pageHref('/topics', filters, 1),
      breaches: pageHref('/topics', { ...filters, breached: '1' }, 1),
      breachCount: breachTab ? (await list({ breached: true, missed: undefined, page: 1, pageSize: 1 })).total : null,
    };
    if (base.breached === true || base.missed) {
      const page = await list({ breached: true });
      const kept = { ...filters, breached: '1', missed: base.missed ?? '' };
      this.pages.send(
        req,
        res,
        'topics/breaches',
        { items: page.items, pager: pagerFor(page, '/topics', kept), filters: kept, choices, tabs },
        { section: 'topics' },
      );
      return;
    }
    const columns = await Promise.all(
      BOARD_COLUMNS.map(async (c) => {
        const page = await list({ status: c.status, page: 1, pageSize: BOARD_SIZE });
        return boardColumn(c.status, c.step, c.hint, page.items, page.total);
      }),
    );
    const declined = await list({ status: 'declined', page: 1, pageSize: BOARD_SIZE });
    this.pages.send(
      req,
      res,
      'topics/board',
      {
        columns,
        declined: boardColumn('declined', '不予定题', '组织方决定不予定题', declined.items, declined.total),
        filters,
        choices,
        tabs,
        kept: base.breached === false,
        canRaise: hasRole(actor, 'staff', 'member', 'facilitator'),
      },
      { section: 'topics' },
    );
  }

  /** 提出议题. */
  @Roles('staff', 'facilitator', 'member')
  @Get('new')
  async showRaise(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    const organizers = await this.choices.organizers(actor);
    const ownPoint = !hasRole(actor, 'staff', 'member') && organizers.length === 1 ? organizers[0].value : '';
    const values = {
      ...blankValues(RAISE),
      level: ownPoint ? 'community' : '',
      source: hasRole(actor, 'member') ? 'member' : ownPoint ? 'public' : '',
      organizer: ownPoint,
    };
    await this.sendRaise(req, res, actor, formState(values));
  }

  @Roles('staff', 'facilitator', 'member')
  @Post('new')
  async raiseTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(
      RaiseTopicForm,
      RAISE,
      body,
      ({ organizer, respond252, ...dto }) =>
        this.topics.create(actor, {
          ...dto,
          organizer: organizerOf(organizer)!,
          ...(respond252 ? { responsePolicy: '252' as const } : {}),
        }),
      { aliases: { 'organizer.id': 'organizer', 'organizer.type': 'organizer' } },
    );
    if (!outcome.ok) return this.sendRaise(req, res, actor, outcome.form, outcome.status);
    this.pages.redirect(res, topicDoneHref(`/topics/${outcome.result.id}`, 'created'));
  }

  @Roles(...READERS)
  @Get(':id')
  showTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ) {
    return this.steps.show(req, res, actor, id, { done });
  }

  @Roles(...ORGANISERS)
  @Post(':id/settle')
  settleTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.settleStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/decline')
  declineTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.declineStep);
  }

  /** 响应承诺: 已回应. */
  @Roles(...ORGANISERS)
  @Post(':id/acknowledge')
  acknowledgeTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.acknowledgeStep);
  }

  /** 响应承诺: 答复 with its text. */
  @Roles(...ORGANISERS)
  @Post(':id/answer')
  answerTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.answerStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/outcomes')
  addOutcome(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.outcomeStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/resolve')
  resolveTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.resolveStep);
  }

  @Roles(...ORGANISERS)
  @Post(':id/publish')
  publishTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.publishStep);
  }

  @Roles('staff')
  @Post(':id/close')
  closeTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.closeStep);
  }

  /** 评题 by a participant. */
  @Roles('member', 'unit')
  @Post(':id/evaluate')
  evaluateTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ) {
    return this.steps.topicForm(req, res, actor, id, body, this.evaluateStep);
  }

  /** 安排协商会: 第N次协商. */
  @Roles(...ORGANISERS)
  @Get(':id/meetings/new')
  async showMeetingForm(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const t = await this.topics.get(actor, id);
    const kind = t.level === 'city' || t.level === 'district' ? 'thematic' : 'deliberation';
    await this.sendMeetingForm(
      req,
      res,
      id,
      formState({ kind, title: '', startsAt: '', endsAt: '', venue: '', chair: '', version: String(t.version) }),
      200,
      actor,
    );
  }

  @Roles(...ORGANISERS)
  @Post(':id/meetings/new')
  addMeeting(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.forms.post(res, { actor, id, body }, this.meetingStep, {
      page: `/topics/${id}`,
      refused: (form, status) => this.sendMeetingForm(req, res, id, form, status, actor),
    });
  }

  private async sendMeetingForm(
    req: AuthedRequest,
    res: Response,
    id: number,
    form: FormState,
    status: number,
    actor: Actor,
  ): Promise<void> {
    const t = await this.topics.get(actor, id);
    this.pages.send(
      req,
      res,
      'topics/meeting-new',
      { t, action: `/topics/${id}/meetings/new`, form, choices: { kinds: TOPIC_OPTIONS.meetingKinds } },
      { section: 'topics', status },
    );
  }

  private async sendRaise(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    form: FormState,
    status = 200,
  ): Promise<void> {
    const choices = {
      levels: TOPIC_OPTIONS.levels,
      sources: TOPIC_OPTIONS.sources,
      organizers: await this.choices.organizers(actor),
    };
    this.pages.send(req, res, 'topics/new', { action: '/topics/new', form, choices }, { section: 'topics', status });
  }
}
