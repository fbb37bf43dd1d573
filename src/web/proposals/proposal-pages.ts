import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { Page } from '../../common/pagination';
import { InstructionsService } from '../../instructions/instructions.service';
import { CommitmentsService } from '../../proposals/commitments.service';
import { ProposalSummaryView, ProposalView } from '../../proposals/dto/proposal-view.dto';
import { ProposalsService } from '../../proposals/proposals.service';
import type { InstructionSection } from '../instructions/views';
import { blankValues, formState, FormSpec, FormState, FormValue } from '../kit/forms';
import { Option, ProposalSection, ViewContexts } from '../kit/layout';
import { pageHref, pagerFor } from '../kit/paging';
import { specOf, StepForm, StepForms, VERSIONED } from '../kit/step-forms';
import { WebPages } from '../kit/web-pages';
import { offersFor, ProposalRow, proposalSectionFor, rowOf, timelineOf, unconfirmed } from './proposal-page-data';
import { ProposalDone, ProposalFormView, ProposalListView } from './views';

type StepViewName = {
  [K in keyof ViewContexts]: ViewContexts[K] extends ProposalFormView<unknown> ? K : never;
}[keyof ViewContexts];
type ExtraOf<K extends StepViewName> = ViewContexts[K] extends ProposalFormView<infer E> ? E : never;
type ListViewName =
  'proposals/mine' | 'proposals/assignments' | 'proposals/queue' | 'proposals/index' | 'proposals/overdue';

/**
 * One step on a proposal with a page of its own (review, assign, reply …): the step's form (the proposal's `version`
 * goes with its fields), the form as first shown, and what its page adds. Refused, the step's page shows it again.
 */
export interface StepPage<T extends object, K extends StepViewName> extends StepForm<T, ProposalDone> {
  view: K;
  /** The form as first shown (default: empty). */
  initial?: (p: ProposalView) => Record<string, FormValue>;
  choices?: (p: ProposalView) => Promise<Record<string, Option[]>> | Record<string, Option[]>;
  /** What the page adds; `form` is the form as it will be shown (e.g. for a preview of what was typed). */
  extra: (p: ProposalView, actor: Actor, form: FormState) => Promise<ExtraOf<K>> | ExtraOf<K>;
  /** The `done` banner of the page after it. */
  done: ProposalDone;
  /** The page after it, when not the proposal's own (a unit that returned it may no longer read it). */
  next?: (id: number) => string;
  /** The path under /proposals/:id/ the form posts to (default: the view's name). */
  path?: string;
  /** The menu entry it belongs to (default: the viewer's proposal entry). */
  section?: ProposalSection;
}

/** A one-button step on the proposal's page (submit, withdraw, 附议, 重点 …); a refusal shows on that page. */
export interface ButtonStep<T extends object> extends StepForm<T, ProposalDone> {
  spec: FormSpec;
  done: ProposalDone;
  /** Where to go afterwards, when not back to the proposal's page (e.g. the list the button was on). */
  next?: (id: number, body: Record<string, unknown>) => string;
}

/** Every step on a proposal posts the `version` the page showed, after its own fields. */
const versioned = <T extends object>(step: StepForm<T, ProposalDone>): StepForm<T, ProposalDone> => ({
  ...step,
  spec: (body) => ({ ...specOf(step.spec, body), ...VERSIONED }),
});

/** The flows every proposal page shares: the proposal's page, step forms, buttons, lists. */
@Injectable()
export class ProposalPages {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: StepForms,
    private readonly proposals: ProposalsService,
    private readonly clock: Clock,
    private readonly commitments: CommitmentsService,
    private readonly instructions: InstructionsService,
  ) {}

  /** The proposal's page, through the services as `actor` reads it (someone else's draft: the 404 page). */
  async show(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    opts: { form?: FormState; status?: number; done?: unknown } = {},
  ): Promise<void> {
    const p = await this.proposals.get(actor, id);
    const history = await this.proposals.history(actor, id);
    this.pages.send(
      req,
      res,
      'proposals/show',
      {
        p,
        can: offersFor(actor, p),
        timeline: timelineOf(history),
        waitingFor: p.status === 'draft' ? unconfirmed(p) : [],
        pendingExtension: p.extensions.find((x) => x.status === 'pending') ?? null,
        commitments: await this.commitments.forProposal(actor, id),
        instructions: await this.instructionSection(actor, p),
        form: opts.form ?? formState(),
        done: typeof opts.done === 'string' ? opts.done : null,
      },
      { section: proposalSectionFor(actor), status: opts.status },
    );
  }

  /** 批示 on a key proposal (重点提案): staff (who record paper ones and hand items out) and leaders see them. */
  private async instructionSection(actor: Actor, p: ProposalView): Promise<InstructionSection | null> {
    if (!p.key || !hasRole(actor, 'staff', 'leader')) return null;
    return {
      list: await this.instructions.onTarget(actor, 'proposal', p.id),
      recordHref: `/instructions/new?targetType=proposal&targetId=${p.id}`,
      isStaff: hasRole(actor, 'staff'),
    };
  }

  async showStep<T extends object, K extends StepViewName>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    step: StepPage<T, K>,
  ): Promise<void> {
    const p = await this.proposals.get(actor, id);
    const initial = step.initial ? step.initial(p) : blankValues(typeof step.spec === 'function' ? {} : step.spec);
    await this.sendStep(req, res, actor, p, step, formState({ ...initial, version: String(p.version) }));
  }

  async postStep<T extends object, K extends StepViewName>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    step: StepPage<T, K>,
  ): Promise<void> {
    await this.forms.post(res, { actor, id, body }, versioned(step), {
      page: `/proposals/${id}`,
      refused: async (form, status) =>
        this.sendStep(req, res, actor, await this.proposals.get(actor, id), step, form, status),
    });
  }

  /** The step's page again with `values` (what was posted, perhaps changed), nothing saved: a preview or a fix-up. */
  async redisplayStep<T extends object, K extends StepViewName>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    values: Record<string, FormValue>,
    step: StepPage<T, K>,
  ): Promise<void> {
    await this.sendStep(req, res, actor, await this.proposals.get(actor, id), step, formState(values));
  }

  async button<T extends object>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    body: Record<string, unknown>,
    step: ButtonStep<T>,
  ): Promise<void> {
    await this.forms.post(res, { actor, id, body }, versioned(step), {
      page: `/proposals/${id}`,
      refused: (form, status) => this.show(req, res, actor, id, { form, status }),
    });
  }

  private async sendStep<T extends object, K extends StepViewName>(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    p: ProposalView,
    step: StepPage<T, K>,
    form: FormState,
    status = 200,
  ): Promise<void> {
    const action = `/proposals/${p.id}/${step.path ?? step.view.replace('proposals/', '')}`;
    const view: ProposalFormView<ExtraOf<K>> = {
      p,
      action,
      form,
      choices: (await step.choices?.(p)) ?? {},
      extra: await step.extra(p, actor, form),
    };
    // ViewContexts[K] is ProposalFormView<ExtraOf<K>> by the definition of StepViewName; TypeScript cannot follow a generic K there.
    this.pages.send(req, res, step.view, view as unknown as ViewContexts[K], {
      section: step.section ?? proposalSectionFor(actor),
      status,
    });
  }

  /** A list page: the rows (deadlines counted now), page links keeping the filters. */
  sendList(
    req: AuthedRequest,
    res: Response,
    view: ListViewName,
    page: Page<ProposalSummaryView>,
    opts: {
      path: string;
      section: ProposalSection;
      filters?: Record<string, string>;
      choices?: Record<string, Option[]>;
      rows?: (p: ProposalSummaryView, now: Date) => ProposalRow;
      tab?: string;
      keyOnly?: boolean;
      done?: unknown;
      /** 导出 Excel of the list as filtered (every page). */
      exportPath?: string;
    },
  ): void {
    const now = this.clock.now();
    const filters = opts.filters ?? {};
    const context: ProposalListView = {
      items: page.items.map((p) => (opts.rows ?? rowOf)(p, now)),
      pager: pagerFor(page, opts.path, filters),
      filters,
      choices: opts.choices ?? {},
      done: typeof opts.done === 'string' ? opts.done : null,
      tab: opts.tab ?? '',
      keyOnly: opts.keyOnly ?? false,
      exportHref: opts.exportPath ? pageHref(opts.exportPath, filters, 1) : null,
    };
    this.pages.send(req, res, view, context, { section: opts.section });
  }

  sendStats(req: AuthedRequest, res: Response, context: ViewContexts['proposals/stats']): void {
    this.pages.send(req, res, 'proposals/stats', context, { section: 'proposal-stats' });
  }
}
