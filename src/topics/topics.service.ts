import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, WorkflowHistoryItem } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { Committee, ConsultationPoint, Sector } from '../directory/directory.entities';
import { TopicSummaryView, TopicView } from './dto/topic-view.dto';
import {
  CreateTopicDto,
  DeclineTopicDto,
  EvaluateTopicDto,
  OrganizerDto,
  TopicQuery,
  VersionDto,
} from './dto/topic.dto';
import { assertCanRead, isOrganiser, isParticipant, notFound } from './topic-access';
import { HISTORY_LABELS, ORGANIZER_TYPE_LABELS } from './topic-labels';
import { TopicPromises } from './topic-promises.service';
import { TopicChange, TopicStore } from './topic-store';
import { topicHistoryFor, TopicViews } from './topic-views';
import { check, CLOSED_OUTCOME_STATUSES, decide, OUTCOME_STATUSES, TopicAction, TopicFacts } from './topic-workflow';
import { Outcome, OrganizerType, Topic, TopicEvaluation } from './topic.entities';
import { TopicsQuery } from './topics-query';
import { TOPIC_CONFIG, TopicConfig } from './topics.config';

const ORGANIZERS: Record<OrganizerType, typeof Committee | typeof Sector | typeof ConsultationPoint> = {
  committee: Committee,
  sector: Sector,
  point: ConsultationPoint,
};
const OPEN_STATUSES = OUTCOME_STATUSES.filter((s) => !CLOSED_OUTCOME_STATUSES.includes(s));

/** 协商议题: reading, 出题, and the steps of the topic itself (定题, 解题, 评题, 公示). Meetings and outcomes have their own services. */
@Injectable()
export class TopicsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: TopicStore,
    private readonly views: TopicViews,
    private readonly query: TopicsQuery,
    private readonly promises: TopicPromises,
    @Inject(TOPIC_CONFIG) private readonly config: TopicConfig,
  ) {}

  async list(actor: Actor, q: TopicQuery): Promise<Page<TopicSummaryView>> {
    const page = await this.query.page(actor, q);
    return pageOf(await this.views.summaries(this.ds.manager, page.items), page.total, q);
  }

  async get(actor: Actor, id: number): Promise<TopicView> {
    return this.views.detail(this.ds.manager, await this.readable(actor, id), actor);
  }

  /** The audit trail of the topic, its meetings and outcomes included, oldest first, as `actor` may see it. */
  async history(actor: Actor, id: number): Promise<WorkflowHistoryItem[]> {
    const t = await this.readable(actor, id);
    return topicHistoryFor(t, actor, await this.audit.workflowHistory('topic', id, HISTORY_LABELS));
  }

  /** What the caller is to a topic they may read: its organiser, a participant (who may rate it), and whether they rated it. */
  async viewer(actor: Actor, id: number): Promise<{ organiser: boolean; participant: boolean; evaluated: boolean }> {
    const t = await this.readable(actor, id);
    return {
      organiser: isOrganiser(actor, t),
      participant: await isParticipant(this.ds.manager, actor, t.id),
      evaluated: await this.ds.getRepository(TopicEvaluation).existsBy({ topicId: t.id, userId: actor.id }),
    };
  }

  /** A topic the caller may read, or 404. */
  async readable(actor: Actor, id: number): Promise<Topic> {
    const t = await this.ds.getRepository(Topic).findOneBy({ id });
    if (!t) throw notFound();
    await assertCanRead(this.ds.manager, actor, t);
    return t;
  }

  /** 出题: members and staff for any organiser; a facilitator only for their own point. */
  create(actor: Actor, dto: CreateTopicDto): Promise<TopicView> {
    return this.tx.run(async (em) => this.views.detail(em, await this.raise(em, actor, dto), actor));
  }

  /** 出题 in the caller's transaction, as a view; `visitId` links a topic raised from a 视察调研 back to it. */
  async createIn(
    em: EntityManager,
    actor: Actor,
    dto: CreateTopicDto,
    origin: { visitId?: number } = {},
  ): Promise<TopicView> {
    return this.views.detail(em, await this.raise(em, actor, dto, origin), actor);
  }

  /** 出题 in the caller's transaction: who may, the organiser, the row and its audit entry. */
  async raise(em: EntityManager, actor: Actor, dto: CreateTopicDto, origin: { visitId?: number } = {}): Promise<Topic> {
    const ownPoint = dto.organizer.type === 'point' && dto.organizer.id === actor.pointId;
    if (!hasRole(actor, 'staff', 'member') && !(hasRole(actor, 'facilitator') && ownPoint)) {
      throw AppError.forbidden('议事点组织者只能为本协商议事点出题');
    }
    await assertOrganizer(em, dto.organizer);
    if (dto.responsePolicy) this.promises.policy(dto.responsePolicy);
    const now = this.clock.now();
    const t = em.create(Topic, {
      title: dto.title,
      description: dto.description,
      level: dto.level,
      source: dto.source,
      organizerType: dto.organizer.type,
      organizerId: dto.organizer.id,
      raisedByUserId: actor.id,
      status: 'raised',
      declineReason: null,
      responsePolicy: dto.responsePolicy ?? null,
      published: false,
      publishedAt: null,
      settledAt: null,
      resolvedAt: null,
      evaluatedAt: null,
      visitId: origin.visitId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await em.save(t);
    if (t.responsePolicy) await this.promises.start(em, t, now);
    await this.audit.record(em, {
      actor,
      action: 'topic.create',
      entityType: 'topic',
      entityId: t.id,
      from: null,
      to: {
        status: t.status,
        title: t.title,
        level: t.level,
        source: t.source,
        organizer: dto.organizer,
        responsePolicy: t.responsePolicy,
        ...(t.visitId ? { visitId: t.visitId } : {}),
      },
    });
    return t;
  }

  /** 定题 in the caller's transaction, for a topic settled as it is raised (a planned one). */
  async settleIn(em: EntityManager, actor: Actor, t: Topic, comment: string): Promise<Topic> {
    const d = assertAllowed(decide(t.status, 'settle', { isOrganiser: isOrganiser(actor, t) }));
    return this.store.write(em, actor, t, {
      action: 'settle',
      set: { status: d.to, settledAt: this.clock.now() },
      comment,
    });
  }

  settle(actor: Actor, id: number, dto: VersionDto): Promise<TopicView> {
    return this.step(
      actor,
      id,
      dto.version,
      'settle',
      () => ({}),
      (now) => ({ action: 'settle', set: { settledAt: now } }),
    );
  }

  decline(actor: Actor, id: number, dto: DeclineTopicDto): Promise<TopicView> {
    const reason = dto.reason ?? null;
    return this.step(
      actor,
      id,
      dto.version,
      'decline',
      () => ({ reason }),
      () => ({ action: 'decline', set: { declineReason: reason }, comment: reason }),
    );
  }

  /** 解题: the outcomes are agreed; the units get to work and the evaluation period starts; a response promise counts it as 解决. */
  resolve(actor: Actor, id: number, dto: VersionDto): Promise<TopicView> {
    return this.step(
      actor,
      id,
      dto.version,
      'resolve',
      async (em, t) => ({ outcomes: await em.countBy(Outcome, { topicId: t.id }) }),
      (now) => ({ action: 'resolve', set: { resolvedAt: now } }),
      (em, t, now) => this.promises.solve(em, actor, t, now),
    );
  }

  /** 结束评题 by staff once the evaluation period has passed with every outcome closed. */
  close(actor: Actor, id: number, dto: VersionDto): Promise<TopicView> {
    return this.step(
      actor,
      id,
      dto.version,
      'close',
      async (em, t) => ({
        isStaff: hasRole(actor, 'staff'),
        openOutcomes: await this.openOutcomes(em, t),
        resolvedAt: t.resolvedAt,
        evaluationDays: this.config.evaluationDays,
        now: this.clock.now(),
      }),
      (now) => ({ action: 'close', set: { evaluatedAt: now } }),
    );
  }

  /** One workflow step on the topic: load, gather the facts, decide, write and audit (then `after`), in one transaction. */
  private step(
    actor: Actor,
    id: number,
    version: number | undefined,
    action: TopicAction,
    facts: (em: EntityManager, t: Topic) => TopicFacts | Promise<TopicFacts>,
    change: (now: Date) => TopicChange,
    after?: (em: EntityManager, t: Topic, now: Date) => Promise<void>,
  ): Promise<TopicView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, id, version);
      const d = assertAllowed(
        decide(t.status, action, { isOrganiser: isOrganiser(actor, t), ...(await facts(em, t)) }),
      );
      const now = this.clock.now();
      const c = change(now);
      await this.store.write(em, actor, t, { ...c, set: { ...c.set, status: d.to } });
      await after?.(em, t, now);
      return this.views.detail(em, t, actor);
    });
  }

  /** 公示: the outcomes go on the public page. */
  publish(actor: Actor, id: number, dto: VersionDto): Promise<TopicView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, id, dto.version);
      assertAllowed(
        check(t.status, 'publish', {
          isOrganiser: isOrganiser(actor, t),
          outcomes: await em.countBy(Outcome, { topicId: t.id }),
          published: t.published,
        }),
      );
      await this.store.write(em, actor, t, {
        action: 'publish',
        set: { published: true, publishedAt: this.clock.now() },
      });
      return this.views.detail(em, t, actor);
    });
  }

  /** 评题: a participant (a member, or a unit's account) scores the result once; the first score with every outcome closed ends the step. */
  evaluate(actor: Actor, id: number, dto: EvaluateTopicDto): Promise<TopicView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, id, dto.version);
      const d = assertAllowed(
        decide(t.status, 'evaluate', {
          isParticipant: await isParticipant(em, actor, t.id),
          score: dto.score,
          alreadyEvaluated: await em.existsBy(TopicEvaluation, { topicId: t.id, userId: actor.id }),
          openOutcomes: await this.openOutcomes(em, t),
        }),
      );
      const now = this.clock.now();
      await em.insert(TopicEvaluation, {
        topicId: t.id,
        userId: actor.id,
        score: dto.score,
        comment: dto.comment ?? null,
        at: now,
      });
      const set: Partial<Topic> = d.to === t.status ? {} : { status: d.to, evaluatedAt: now };
      await this.store.write(em, actor, t, {
        action: 'evaluate',
        set,
        details: { score: dto.score },
        comment: dto.comment ?? null,
      });
      return this.views.detail(em, t, actor);
    });
  }

  private openOutcomes(em: EntityManager, t: Topic): Promise<number> {
    return em.countBy(Outcome, { topicId: t.id, status: In(OPEN_STATUSES) });
  }
}

/** The committee, sector or point named as organiser exists and is in use (400 on `field` otherwise). */
export async function assertOrganizer(
  em: EntityManager,
  organizer: OrganizerDto,
  field = 'organizer.id',
): Promise<void> {
  const row = await em.findOneBy(ORGANIZERS[organizer.type], { id: organizer.id });
  if (!row || row.disabled)
    throw AppError.invalidField(
      field,
      `${ORGANIZER_TYPE_LABELS[organizer.type]}（编号 ${organizer.id}）不存在或已停用`,
    );
}
