import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { MeetingNoticeService } from '../../topics/meeting-notice.service';
import { TopicMeetingsService } from '../../topics/topic-meetings.service';
import { TopicsService } from '../../topics/topics.service';
import { formState, FormState } from '../kit/forms';
import { noticePanel } from '../kit/notice-panel';
import { StepForm, StepForms } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { TOPIC_OPTIONS, TopicChoices } from './topic-choices';
import {
  canFeedback,
  meetingOffersFor,
  outcomeRow,
  promisePanel,
  topicOffersFor,
  topicTimeline,
} from './topic-page-data';
import type { TopicDone } from './views';

/** A form sent back with its errors: which one (`decline`, `outcome`, `feedback` …), and for 办理反馈 the outcome. */
export interface FailedForm {
  key: string;
  form: FormState;
  outcomeId?: number;
}

export interface PageOptions {
  failed?: FailedForm;
  status?: number;
  done?: unknown;
}

/** A form on a topic's or a meeting's page: which one (`decline` …), its fields, the service call, the banner after it. */
export interface InlineForm<T extends object> extends StepForm<T, TopicDone> {
  key: string;
  done: TopicDone;
}

/** Up to this many steps, a topic's history shows unfolded. */
const HISTORY_OPEN = 12;

const doneOf = (raw: unknown): string | null => (typeof raw === 'string' && /^[a-z-]{1,30}$/.test(raw) ? raw : null);

/** The flows the topic and meeting pages share: the pages themselves, and their forms (a refusal shows on the same page). */
@Injectable()
export class TopicPages {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: StepForms,
    private readonly topics: TopicsService,
    private readonly meetings: TopicMeetingsService,
    private readonly notices: MeetingNoticeService,
    private readonly choices: TopicChoices,
    private readonly clock: Clock,
  ) {}

  get timeZone(): string {
    return this.pages.timeZone;
  }

  /** A topic's page as `actor` may read it (another point's: the 404 page). */
  async show(req: AuthedRequest, res: Response, actor: Actor, id: number, opts: PageOptions = {}): Promise<void> {
    const t = await this.topics.get(actor, id);
    const [viewer, history] = await Promise.all([this.topics.viewer(actor, id), this.topics.history(actor, id)]);
    const can = topicOffersFor(actor, t, viewer);
    const now = this.clock.now();
    const failed = opts.failed;
    const feedbackFailed =
      failed?.key === 'feedback' && failed.outcomeId !== undefined
        ? { outcomeId: failed.outcomeId, form: failed.form }
        : undefined;
    const formOf = (key: string, blank: Record<string, string>) =>
      failed?.key === key ? failed.form : formState({ ...blank, version: String(t.version) });
    this.pages.send(
      req,
      res,
      'topics/show',
      {
        t,
        can,
        promise: promisePanel(t, viewer.organiser, now),
        themes: t.outcomesByTheme.map((g) => ({
          theme: g.theme,
          outcomes: g.outcomes.map((o) =>
            outcomeRow(o, canFeedback(actor, t.status, o, viewer.organiser), now, feedbackFailed),
          ),
        })),
        timeline: topicTimeline(history, t, can.seesScores),
        historyOpen: history.length <= HISTORY_OPEN,
        forms: {
          decline: formOf('decline', { reason: '' }),
          outcome: formOf('outcome', { kind: 'recommendation', theme: '', text: '', unitId: '', dueAt: '' }),
          evaluate: formOf('evaluate', { score: '', comment: '' }),
          answer: formOf('answer', { text: '' }),
        },
        choices: can.addOutcome
          ? {
              outcomeKinds: TOPIC_OPTIONS.outcomeKinds,
              units: await this.choices.units(),
              scores: TOPIC_OPTIONS.scores,
            }
          : { scores: TOPIC_OPTIONS.scores },
        failed: failed?.key ?? null,
        form: failed?.form ?? formState(),
        done: doneOf(opts.done),
      },
      { section: 'topics', status: opts.status },
    );
  }

  /** A meeting's page: the topic's readers see it; its organiser records on it while the topic runs. */
  async showMeeting(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    opts: PageOptions = {},
  ): Promise<void> {
    const m = await this.meetings.get(actor, id);
    const viewer = await this.topics.viewer(actor, m.topicId);
    const offers = meetingOffersFor(m, viewer.organiser);
    /** 会议通知: the organiser's, while the meeting is still to come; its 通知回执 they read at any time. */
    const can = {
      ...offers,
      notice: offers.edit && m.heldAt === null && Date.parse(m.endsAt) > this.clock.now().getTime(),
    };
    const notice = viewer.organiser
      ? noticePanel(await this.notices.receipts(actor, id), (p) => p.attendanceLabel ?? '未登记')
      : null;
    const failed = opts.failed;
    const formOf = (key: string, blank: Record<string, string>) =>
      failed?.key === key ? failed.form : formState({ ...blank, version: String(m.version) });
    const attendance = Object.fromEntries(m.participants.map((p) => [`a${p.id}`, p.attendance ?? '']));
    this.pages.send(
      req,
      res,
      'topics/meeting',
      {
        m,
        can,
        forms: {
          participants: formOf('participants', {
            memberNames: '',
            unitId: '',
            unitPerson: '',
            unitSide: 'department',
            people: '',
            peopleSide: 'resident',
          }),
          attendance: failed?.key === 'attendance' ? failed.form : formState(attendance),
          speech: formOf('speech', { participantId: '', summary: '' }),
          hold: formOf('hold', { minutes: '' }),
          notice: failed?.key === 'notice' ? failed.form : formState({ note: '', urgent: false }),
        },
        notice,
        choices: can.edit
          ? {
              units: await this.choices.units(),
              unitSides: TOPIC_OPTIONS.unitSides,
              peopleSides: TOPIC_OPTIONS.peopleSides,
              attendance: TOPIC_OPTIONS.attendance,
              speakers: m.participants.map((p) => ({ value: String(p.id), label: `${p.name}（${p.sideLabel}）` })),
            }
          : {},
        failed: failed?.key ?? null,
        form: failed?.form ?? formState(),
        done: doneOf(opts.done),
      },
      { section: 'topics', status: opts.status },
    );
  }

  /** A form on the topic's page: saved, back to the page with its banner; refused, the page with the form open and its errors. */
  topicForm<T extends object>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    f: InlineForm<T>,
  ): Promise<void> {
    return this.forms.post(res, { actor, id, body }, f, {
      page: `/topics/${id}`,
      refused: (form, status) => this.show(req, res, actor, id, { failed: { key: f.key, form }, status }),
    });
  }

  /** The same for a form on a meeting's page. */
  meetingForm<T extends object>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    f: InlineForm<T>,
  ): Promise<void> {
    return this.forms.post(res, { actor, id, body }, f, {
      page: `/meetings/${id}`,
      refused: (form, status) => this.showMeeting(req, res, actor, id, { failed: { key: f.key, form }, status }),
    });
  }
}
