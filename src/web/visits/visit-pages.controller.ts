import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { Clock } from '../../common/clock';
import { ParseIdPipe } from '../../common/validation';
import { Upload } from '../../files/attachments.service';
import { ProposalView } from '../../proposals/dto/proposal-view.dto';
import { ReportsService } from '../../reports/reports.service';
import { LEVEL_LABELS } from '../../topics/topic-labels';
import { TOPIC_LEVELS } from '../../topics/topic.entities';
import { VisitView } from '../../visits/dto/visit-view.dto';
import {
  CancelVisitDto,
  ConflictQuery,
  FindingDto,
  FreeBusyQuery,
  InviteesDto,
  RsvpDto,
  VisitProposalDto,
  VisitQuery,
  VisitNoticeDto,
  VisitTopicDto,
} from '../../visits/dto/visit.dto';
import { VisitFollowUpsService } from '../../visits/visit-follow-ups.service';
import { VisitNoticeService } from '../../visits/visit-notice.service';
import { VisitParticipantsService } from '../../visits/visit-participants.service';
import { VisitPlanningService } from '../../visits/visit-planning.service';
import { photoAnswer, VisitRecordsService } from '../../visits/visit-records.service';
import { check } from '../../visits/visit-workflow';
import { VisitsService } from '../../visits/visits.service';
import { DirectoryChoices } from '../kit/directory-choices';
import { formErrorFrom, formState, FormSpec, FormState, isoToZoned, parseQuery } from '../kit/forms';
import { NOTICE_FORM, noticePanel } from '../kit/notice-panel';
import { organizerOf } from '../kit/organizer-choices';
import { PageCsrfGuard, PageUpload } from '../kit/page-csrf.guard';
import { pageNumber, pagerFor } from '../kit/paging';
import { StepForm, StepForms } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { ProposalChoices } from '../proposals/proposal-choices';
import { KIND_OPTIONS, VisitChoices } from './visit-choices';
import {
  EDIT_VISIT,
  editValues,
  INVITE,
  NEW_VISIT,
  PlannerState,
  plannerFailure,
  readPlanner,
  shownRows,
  UpdateVisitDto,
  validatePlanner,
  VisitForm,
} from './visit-form';

const RSVP: FormSpec = { answer: 'text', reason: 'text?' };
const FINDING: FormSpec = { problem: 'text', suggestion: 'text?', theme: 'text?', stopId: 'int', version: 'int' };
const CANCEL: FormSpec = { reason: 'text?', version: 'int' };
const TOPIC: FormSpec = { title: 'text', description: 'text', level: 'text' };
const PROPOSAL: FormSpec = { sessionId: 'int', title: 'text', category: 'text' };
const FREE_BUSY_DAYS = 14;

/** The forms of a visit's page, each shown again with its errors when refused. */
type VisitFormKey = 'rsvp' | 'finding' | 'photo' | 'cancel' | 'topic' | 'proposal' | 'notice' | 'action';

/** A form on a visit's page, run by StepForms. */
interface VisitStep<T extends object, R = unknown> extends StepForm<T, string, R> {
  key: VisitFormKey;
}

const TABS = ['upcoming', 'past', 'cancelled'] as const;
type Tab = (typeof TABS)[number];

const ids = (raw: unknown): number[] => [
  ...new Set(
    (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [])
      .map((v) => String(v).trim())
      .filter((v) => /^\d{1,10}$/.test(v))
      .map(Number),
  ),
];

/** `/visits/free-busy?memberIds=1,2&from=…` for these members around this time. */
export function freeBusyHref(memberIds: number[], startsAt?: string): string {
  const params = new URLSearchParams();
  if (memberIds.length) params.set('memberIds', memberIds.join(','));
  const day = startsAt && /^\d{4}-\d{2}-\d{2}/.test(startsAt) ? startsAt.slice(0, 10) : '';
  if (day) params.set('from', day);
  const query = params.toString();
  return `/visits/free-busy${query ? `?${query}` : ''}`;
}

/**
 * 视察调研 pages: the staff planner (list, new and edit with the itinerary rows and the participant
 * picker with conflict warnings, invitations, the free/busy grid) and a visit's page (itinerary, answers,
 * findings, photos, complete/cancel, follow-ups). Leaders read; invited members, staff accounts and units
 * see their visit's page, and anyone else is told it does not exist — the services decide each request.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('visits')
export class VisitPagesController {
  constructor(
    private readonly visits: VisitsService,
    private readonly participants: VisitParticipantsService,
    private readonly records: VisitRecordsService,
    private readonly planning: VisitPlanningService,
    private readonly followUps: VisitFollowUpsService,
    private readonly notices: VisitNoticeService,
    private readonly choices: VisitChoices,
    private readonly directory: DirectoryChoices,
    private readonly proposalChoices: ProposalChoices,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    private readonly pages: WebPages,
    private readonly steps: StepForms,
  ) {}

  private readonly rsvpStep: VisitStep<RsvpDto, VisitView> = {
    key: 'rsvp',
    dto: RsvpDto,
    spec: RSVP,
    save: (a, id, dto) => this.participants.rsvp(a, id, dto),
    done: (v) => (v.myAnswer === 'declined' ? 'declined' : 'accepted'),
    // 我的日程 answers on its own page.
    next: (id, body, done) => (body.back === 'schedule' ? `/schedule?done=${done}` : `/visits/${id}?done=${done}`),
  };

  private readonly findingStep: VisitStep<FindingDto> = {
    key: 'finding',
    dto: FindingDto,
    spec: FINDING,
    save: (a, id, dto) => this.records.addFinding(a, id, dto),
    done: 'finding',
    next: (id, _body, done) => `/visits/${id}?done=${done}#findings`,
  };

  private readonly cancelStep: VisitStep<CancelVisitDto> = {
    key: 'cancel',
    dto: CancelVisitDto,
    spec: CANCEL,
    save: (a, id, dto) => this.visits.cancel(a, id, dto),
    done: 'cancelled',
  };

  private readonly topicStep: VisitStep<VisitTopicDto> = {
    key: 'topic',
    dto: VisitTopicDto,
    spec: TOPIC,
    save: (a, id, dto) => this.followUps.raiseTopic(a, id, dto),
    done: 'topic',
  };

  /** 会议通知: sent, back to the page's 会议通知 section with the 通知回执. */
  private readonly noticeStep: VisitStep<VisitNoticeDto> = {
    key: 'notice',
    dto: VisitNoticeDto,
    spec: NOTICE_FORM,
    save: (a, id, dto) => this.notices.send(a, id, dto),
    done: 'notice',
    next: (id, _body, done) => `/visits/${id}?done=${done}#notice`,
  };

  /** 据此提出提案: on to the new draft's edit page. */
  private readonly proposalStep: VisitStep<VisitProposalDto, ProposalView> = {
    key: 'proposal',
    dto: VisitProposalDto,
    spec: PROPOSAL,
    save: (a, id, dto) => this.followUps.startProposal(a, id, dto),
    next: (_id, _body, _done, proposal) => `/proposals/${proposal.id}/edit`,
  };

  @Roles('staff', 'leader')
  @Get()
  async listVisits(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const tab: Tab = (TABS as readonly string[]).includes(String(raw.tab)) ? (raw.tab as Tab) : 'upcoming';
    const filters = {
      tab,
      from: typeof raw.from === 'string' ? raw.from : '',
      to: typeof raw.to === 'string' ? raw.to : '',
    };
    const day = (d: string, field: string) => {
      if (!d) return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw AppError.invalidField(field, '日期须为 YYYY-MM-DD');
      return new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600_000).toISOString();
    };
    const [from, to] = [day(filters.from, 'from'), day(filters.to, 'to')];
    const now = this.clock.now().toISOString();
    const q = (extra: Partial<VisitQuery>) =>
      Object.assign(new VisitQuery(), { page: pageNumber(raw.page), pageSize: 20 }, extra);
    const later = (a: string | undefined, b: string) => (a && a > b ? a : b);
    const earlier = (a: string | undefined, b: string) => (a && a < b ? a : b);
    // 即将开展: planned and not yet over, soonest first. 已开展: those begun and not marked done, then the completed.
    const page =
      tab === 'upcoming'
        ? await this.visits.list(actor, q({ status: 'planned', from: later(from, now), to }))
        : tab === 'past'
          ? await this.visits.list(actor, q({ status: 'completed', from, to }))
          : await this.visits.list(actor, q({ status: 'cancelled', from, to }));
    const started =
      tab === 'past'
        ? (
            await this.visits.list(
              actor,
              Object.assign(new VisitQuery(), {
                page: 1,
                pageSize: 100,
                status: 'planned',
                to: earlier(to, now),
                from,
              }),
            )
          ).items.filter((v) => v.endsAt <= now || v.startsAt <= now)
        : [];
    this.pages.send(
      req,
      res,
      'visits/index',
      {
        tab,
        items: page.items,
        started,
        pager: pagerFor(page, '/visits', { tab, from: filters.from, to: filters.to }),
        filters,
        canPlan: hasRole(actor, 'staff'),
      },
      { section: 'visits' },
    );
  }

  @Roles('staff')
  @Get('new')
  async newVisit(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    const planner: PlannerState = {
      form: formState({ kind: 'research', allowConflicts: false, participantMemberIds: [], participantUserIds: [] }),
      stops: [],
      unitPeople: [],
      conflicts: [],
    };
    await this.sendPlanner(req, res, null, planner);
  }

  @Roles('staff')
  @Post('new')
  async createVisit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const state = readPlanner(NEW_VISIT, body, this.pages.timeZone);
    if (body.addStop !== undefined || body.addUnitPerson !== undefined)
      return this.sendPlanner(req, res, null, { ...state, conflicts: [] }, 200, body);
    const checked = await validatePlanner(VisitForm, NEW_VISIT, state);
    if (!checked.ok) return this.sendPlanner(req, res, null, { ...checked.planner, conflicts: [] }, 400);
    try {
      const v = await this.visits.create(actor, {
        ...checked.dto,
        organizer: organizerOf(checked.dto.organizer) as { type: 'committee' | 'sector'; id: number },
      });
      this.pages.redirect(res, `/visits/${v.id}?done=created`);
    } catch (e) {
      const failed = plannerFailure(e, state, NEW_VISIT);
      await this.sendPlanner(req, res, null, failed.planner, failed.status);
    }
  }

  @Roles('staff')
  @Get('free-busy')
  async freeBusy(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const memberIds = ids(raw.memberIds);
    const today = isoToZoned(this.clock.now(), this.pages.timeZone).slice(0, 10);
    const from = typeof raw.from === 'string' && raw.from ? raw.from : today;
    const to =
      typeof raw.to === 'string' && raw.to
        ? raw.to
        : /^\d{4}-\d{2}-\d{2}$/.test(from)
          ? new Date(Date.parse(`${from}T00:00:00Z`) + (FREE_BUSY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10)
          : from;
    const fb = memberIds.length
      ? await this.planning.freeBusy(
          await parseQuery(
            FreeBusyQuery,
            { memberIds: 'text', from: 'text', to: 'text' },
            { memberIds: memberIds.join(','), from, to },
          ),
        )
      : null;
    const days = (fb?.days ?? []).map((d) => ({
      ...d,
      label: `${Number(d.date.slice(5, 7))}/${Number(d.date.slice(8, 10))}`,
      weekend: d.weekday === '周六' || d.weekday === '周日',
    }));
    const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
    const rows = (fb?.members ?? []).map((m) => ({
      name: m.name,
      cells: days.map((d) => {
        const busy = m.busy.filter(
          (b) => Date.parse(b.startsAt) < dayStart(d.date) + 86_400_000 && Date.parse(b.endsAt) > dayStart(d.date),
        );
        return {
          date: d.date,
          weekend: d.weekend,
          busy: busy.length > 0,
          title: busy.map((b) => `${b.type === 'visit' ? '视察调研' : '协商会'}：${b.title}`).join('；'),
        };
      }),
    }));
    const picker = await this.choices.picker({ memberIds, userIds: [] });
    this.pages.send(
      req,
      res,
      'visits/free-busy',
      { days, rows, filters: { from, to }, picker, plannerHref: '/visits/new' },
      { section: 'visits' },
    );
  }

  /** For the planner's script: the same conflict check as the API's `GET /api/v1/visits/conflicts`, with the page's cookie session. */
  @Roles('staff')
  @Get('conflicts.json')
  async conflicts(@Res() res: Response, @Query() raw: Record<string, unknown>): Promise<void> {
    const q = await parseQuery(
      ConflictQuery,
      { memberIds: 'text', userIds: 'text?', startsAt: 'text', endsAt: 'text', excludeVisitId: 'int' },
      raw,
    );
    res.set('Cache-Control', 'no-store').json(await this.planning.conflicts(q));
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get(':id')
  async showVisit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.send(req, res, actor, await this.visits.get(actor, id), {}, typeof done === 'string' ? done : null);
  }

  @Roles('staff')
  @Get(':id/edit')
  async editVisit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const v = await this.visits.get(actor, id);
    await this.sendPlanner(req, res, v, { ...editValues(v, this.pages.timeZone), conflicts: [] });
  }

  @Roles('staff')
  @Post(':id/edit')
  async updateVisit(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const v = await this.visits.get(actor, id);
    const state = readPlanner(EDIT_VISIT, body, this.pages.timeZone);
    if (body.addStop !== undefined) return this.sendPlanner(req, res, v, { ...state, conflicts: [] }, 200, body);
    const checked = await validatePlanner(UpdateVisitDto, EDIT_VISIT, state);
    if (!checked.ok) return this.sendPlanner(req, res, v, { ...checked.planner, conflicts: [] }, 400);
    try {
      await this.visits.update(actor, id, checked.dto);
      this.pages.redirect(res, `/visits/${id}?done=updated`);
    } catch (e) {
      const failed = plannerFailure(e, state, EDIT_VISIT);
      await this.sendPlanner(req, res, v, failed.planner, failed.status);
    }
  }

  @Roles('staff')
  @Get(':id/invite')
  async inviteForm(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    const v = await this.visits.get(actor, id);
    await this.sendInvite(
      req,
      res,
      v,
      formState({
        participantMemberIds: [],
        participantUserIds: [],
        allowConflicts: false,
        version: String(v.version),
      }),
      [],
    );
  }

  @Roles('staff')
  @Post(':id/invite')
  async invite(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const state = readPlanner(INVITE, body, this.pages.timeZone);
    const data = { ...state.data, invitedUnitPeople: (state.data.invitedUnitPeople as unknown[] | undefined) ?? [] };
    delete (data as Record<string, unknown>).stops;
    const v = await this.visits.get(actor, id);
    if (body.addUnitPerson !== undefined)
      return this.sendInvite(req, res, v, state.form, [], state.unitPeople, 200, body);
    const checked = await validatePlanner(InviteesDto, INVITE, { ...state, data });
    if (!checked.ok) return this.sendInvite(req, res, v, checked.planner.form, [], checked.planner.unitPeople, 400);
    try {
      await this.participants.invite(actor, id, checked.dto);
      this.pages.redirect(res, `/visits/${id}?done=invited`);
    } catch (e) {
      const failed = plannerFailure(e, state, INVITE);
      await this.sendInvite(
        req,
        res,
        v,
        failed.planner.form,
        failed.planner.conflicts,
        failed.planner.unitPeople,
        failed.status,
      );
    }
  }

  @Roles('staff')
  @Post(':id/participants/:participantId/remove')
  uninvite(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('participantId', ParseIdPipe) participantId: number,
  ): Promise<void> {
    return this.act(req, res, actor, id, 'uninvited', () => this.participants.uninvite(actor, id, participantId, {}));
  }

  @Roles('member', 'staff')
  @Post(':id/rsvp')
  rsvp(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.rsvpStep);
  }

  @Roles('staff')
  @Post(':id/findings')
  addFinding(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.findingStep);
  }

  @Roles('staff')
  @Post(':id/photos')
  @PageUpload()
  async addPhoto(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: Upload | undefined,
  ): Promise<void> {
    try {
      await this.records.addPhoto(actor, id, file);
    } catch (e) {
      // 415 (not a JPEG or PNG), 413 (too large), 400 (no file): shown beside the upload form.
      if (!(e instanceof AppError) || ![400, 409, 413, 415].includes(e.statusCode)) throw e;
      return this.send(
        req,
        res,
        actor,
        await this.visits.get(actor, id),
        { photo: { values: {}, errors: { file: e.message }, summary: [{ href: '#f-file', text: e.message }] } },
        null,
        e.statusCode,
      );
    }
    this.pages.redirect(res, `/visits/${id}?done=photo#photos`);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get(':id/photos/:photoId')
  async photo(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('photoId', ParseIdPipe) photoId: number,
    @Query('preview') preview: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return photoAnswer(await this.records.openPhoto(actor, id, photoId, preview === '1'), res);
  }

  @Roles('staff')
  @Post(':id/complete')
  complete(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.act(req, res, actor, id, 'completed', () =>
      this.visits.complete(actor, id, { version: Number(body.version) }),
    );
  }

  @Roles('staff')
  @Post(':id/cancel')
  cancel(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.cancelStep);
  }

  @Roles('staff')
  @Post(':id/topics')
  raiseTopic(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.topicStep);
  }

  @Roles('member')
  @Post(':id/proposals')
  startProposal(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.proposalStep);
  }

  @Roles('staff')
  @Post(':id/notice')
  sendNotice(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    return this.post(req, res, actor, id, body, this.noticeStep);
  }

  /** A form on the visit's page: done → the page after it; refused → the visit's page with that form's errors. */
  private post<T extends object, R>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    step: VisitStep<T, R>,
  ): Promise<void> {
    return this.steps.post(res, { actor, id, body }, step, {
      page: `/visits/${id}`,
      refused: async (form, status) =>
        this.send(req, res, actor, await this.visits.get(actor, id), { [step.key]: form }, null, status),
    });
  }

  /** A button's step: done → the visit's page with a banner; refused → the page with the message. */
  private async act(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    done: string,
    step: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await step();
    } catch (e) {
      const failed = formErrorFrom(e, formState(), {});
      return this.send(req, res, actor, await this.visits.get(actor, id), { action: failed.form }, null, failed.status);
    }
    this.pages.redirect(res, `/visits/${id}?done=${done}`);
  }

  /** The display zone and its offset from UTC now, as `+08:00`. */
  private zone(): { name: string; offset: string } {
    const now = this.clock.now();
    const minutes = Math.round(
      (Date.parse(`${isoToZoned(now, this.pages.timeZone)}:00Z`) - Math.floor(now.getTime() / 60_000) * 60_000) /
        60_000,
    );
    const abs = Math.abs(minutes);
    return {
      name: this.pages.timeZone,
      offset: `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
    };
  }

  /** The planner with its rows padded (one more of a kind when 增加一行 was pressed: `body`). */
  private async sendPlanner(
    req: AuthedRequest,
    res: Response,
    editing: VisitView | null,
    planner: PlannerState,
    status = 200,
    body: Record<string, unknown> = {},
  ): Promise<void> {
    const rows = shownRows(planner, body);
    const picked = {
      memberIds: ids(planner.form.values.participantMemberIds),
      userIds: ids(planner.form.values.participantUserIds),
    };
    this.pages.send(
      req,
      res,
      'visits/planner',
      {
        editing,
        action: editing ? `/visits/${editing.id}/edit` : '/visits/new',
        form: planner.form,
        stops: rows.stops.map((s, i) => ({ ...s, n: i + 1 })),
        unitPeople: rows.unitPeople,
        conflicts: planner.conflicts,
        picker: editing ? null : await this.choices.picker(picked, planner.conflicts),
        choices: { kinds: KIND_OPTIONS, organizers: editing ? [] : await this.choices.organizers() },
        zone: this.zone(),
        freeBusyHref: freeBusyHref(
          editing ? editing.participants.filter((p) => p.memberId !== null).map((p) => p.memberId!) : picked.memberIds,
          String(planner.form.values.startsAt ?? ''),
        ),
      },
      { section: 'visits', status },
    );
  }

  private async sendInvite(
    req: AuthedRequest,
    res: Response,
    v: VisitView,
    form: FormState,
    conflicts: PlannerState['conflicts'],
    typed: PlannerState['unitPeople'] = [],
    status = 200,
    body: Record<string, unknown> = {},
  ): Promise<void> {
    const unitPeople = shownRows({ stops: [], unitPeople: typed }, body).unitPeople;
    const invited = {
      memberIds: v.participants.filter((p) => p.memberId !== null).map((p) => p.memberId!),
      userIds: v.participants.filter((p) => p.userId !== null).map((p) => p.userId!),
    };
    const picker = await this.choices.picker(
      { memberIds: ids(form.values.participantMemberIds), userIds: ids(form.values.participantUserIds) },
      conflicts,
      invited,
    );
    this.pages.send(
      req,
      res,
      'visits/invite',
      {
        v,
        form,
        conflicts,
        picker,
        unitPeople,
        freeBusyHref: freeBusyHref(invited.memberIds, isoToZoned(v.startsAt, this.pages.timeZone)),
        zone: this.zone(),
      },
      { section: 'visits', status },
    );
  }

  private async send(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    v: VisitView,
    forms: Partial<Record<VisitFormKey, FormState>>,
    done: string | null,
    status = 200,
  ): Promise<void> {
    const staff = hasRole(actor, 'staff');
    const now = this.clock.now();
    const allowed = (step: Parameters<typeof check>[1]) =>
      !check(v.status as 'planned', step, { now, startsAt: new Date(v.startsAt) });
    const mine =
      v.participants.find(
        (p) => (p.memberId !== null && p.memberId === actor.memberId) || (p.userId !== null && p.userId === actor.id),
      ) ?? null;
    const invitedMember = hasRole(actor, 'member') && mine !== null && mine.memberId !== null;
    const can = {
      edit: staff && allowed('edit'),
      complete: staff && allowed('complete'),
      /** Planned but not begun: the complete button would be refused, so the page says when it can be pressed. */
      completeLater: staff && v.status === 'planned' && !allowed('complete'),
      cancel: staff && allowed('cancel'),
      record: staff && allowed('record'),
      rsvp: mine !== null && mine.kind !== 'unit' && allowed('rsvp'),
      topic: staff && allowed('followUp'),
      proposal: invitedMember && allowed('followUp'),
      report: staff && this.reports.kindsFor(actor).some((k) => k.kind === 'visit-report'),
      /** 生成协商要报: staff, of a completed visit with findings (what the briefing kind accepts). */
      briefing:
        staff &&
        v.status === 'completed' &&
        v.findings.length > 0 &&
        this.reports.kindsFor(actor).some((k) => k.kind === 'briefing' && k.subjectType === 'visit'),
      seeReasons: hasRole(actor, 'staff', 'leader'),
      notice: staff && allowed('notice'),
    };
    const blank = (values: Record<string, string> = {}) => formState(values);
    const rsvpForm =
      forms.rsvp ??
      blank({
        answer: mine?.answer === 'declined' ? 'decline' : mine?.answer === 'accepted' ? 'accept' : '',
        reason: mine?.reason ?? '',
      });
    const notice = staff
      ? noticePanel(await this.notices.receipts(actor, v.id), (p) =>
          p.kind === 'unit' ? '由工作人员记录' : `${p.answerLabel}${p.reason ? `：${p.reason}` : ''}`,
        )
      : null;
    const [sessions, categories] = can.proposal
      ? await Promise.all([this.directory.sessions(), Promise.resolve(this.proposalChoices.categories())])
      : [[], []];
    this.pages.send(
      req,
      res,
      'visits/show',
      {
        v,
        can,
        mine,
        done,
        notice,
        back: staff || hasRole(actor, 'leader') ? '/visits' : hasRole(actor, 'member') ? '/schedule' : '/',
        forms: {
          rsvp: rsvpForm,
          finding: forms.finding ?? blank(),
          photo: forms.photo ?? blank(),
          cancel: forms.cancel ?? blank(),
          topic:
            forms.topic ??
            blank({
              title: `关于${v.title}所提问题的协商`,
              description: v.findings.map((f, i) => `${i + 1}. ${f.problem}`).join('\n'),
              level: 'city',
            }),
          proposal: forms.proposal ?? blank({ title: `关于${v.title}发现问题的建议`, sessionId: '', category: '' }),
          notice: forms.notice ?? formState({ note: '', urgent: false }),
          action: forms.action ?? blank(),
        },
        summary: Object.values(forms).flatMap((f) => f?.summary ?? []),
        choices: {
          answers: [
            { value: 'accept', label: '参加' },
            { value: 'decline', label: '请假' },
          ],
          stops: v.stops.map((s) => ({ value: String(s.id), label: `第${s.position}站：${s.place}` })),
          levels: TOPIC_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
          sessions,
          categories,
          // The themes already named on this visit, offered again so that one theme is spelt one way.
          themes: [...new Set(v.findings.map((f) => f.theme).filter((t): t is string => !!t))].map((t) => ({
            value: t,
            label: t,
          })),
        },
      },
      { section: hasRole(actor, 'staff', 'leader') ? 'visits' : 'schedule', status },
    );
  }
}
