import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { updateVersioned } from '../database/versioned';
import { Unit } from '../directory/directory.entities';
import { CreateOutcomeDto, OutcomeQuery, UpdateOutcomeDto } from './dto/outcome.dto';
import { OutcomeListItem, OutcomeView } from './dto/topic-view.dto';
import { OutcomesQuery } from './outcomes-query';
import { isOrganiser } from './topic-access';
import { TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { check, CLOSED_OUTCOME_STATUSES, decideOutcome } from './topic-workflow';
import { Outcome, OutcomeFeedback, Topic } from './topic.entities';

/** 协商成果: recommendations under themes and decisions, and their units' feedback 办理反馈. */
@Injectable()
export class TopicOutcomesService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: TopicStore,
    private readonly views: TopicViews,
    private readonly query: OutcomesQuery,
  ) {}

  /** 成果办理: the outcomes the caller's role lets them follow, with their topics. */
  async list(actor: Actor, q: OutcomeQuery): Promise<Page<OutcomeListItem>> {
    const page = await this.query.page(actor, q);
    return pageOf(await this.views.outcomeItems(this.ds.manager, page.items), page.total, q);
  }

  /** An outcome numbered after the topic's others; its theme keeps the place where it first appeared. */
  add(actor: Actor, topicId: number, dto: CreateOutcomeDto): Promise<OutcomeView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, topicId, dto.version);
      assertAllowed(check(t.status, 'addOutcome', { isOrganiser: isOrganiser(actor, t) }));
      if (dto.unitId !== undefined) {
        const unit = await em.findOneBy(Unit, { id: dto.unitId });
        if (!unit || unit.disabled)
          throw AppError.invalidField('unitId', `责任单位（编号 ${dto.unitId}）不存在或已停用`);
      }
      const theme = dto.theme ?? null;
      const now = this.clock.now();
      const o = em.create(Outcome, {
        topicId: t.id,
        kind: dto.kind,
        theme,
        themeOrder: await this.themeOrder(em, t, theme),
        position: (await this.max(em, t, 'position')) + 1,
        text: dto.text,
        unitId: dto.unitId ?? null,
        dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
        status: 'open',
        closedAt: null,
        createdByUserId: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(o);
      await this.store.write(em, actor, t, {
        action: 'outcome',
        details: { outcomeId: o.id, order: o.position, kind: o.kind, theme, unitId: o.unitId },
      });
      return (await this.views.outcomes(em, [o]))[0];
    });
  }

  /** 办理反馈: the responsible unit (or the organiser) moves the status on, with feedback; every update is kept. */
  update(actor: Actor, id: number, dto: UpdateOutcomeDto): Promise<OutcomeView> {
    return this.tx.run(async (em) => {
      const { topic: t, outcome: o } = await this.store.loadOutcome(em, actor, id, dto.version);
      assertAllowed(check(t.status, 'updateOutcome', {}));
      const isOutcomeUnit = hasRole(actor, 'unit') && actor.unitId !== null && actor.unitId === o.unitId;
      const feedback = dto.feedback ?? null;
      const d = assertAllowed(
        decideOutcome(o.status, dto.status, { isOrganiser: isOrganiser(actor, t), isOutcomeUnit, feedback }),
      );
      const from = o.status;
      const changed = d.to !== from;
      const now = this.clock.now();
      await updateVersioned(em, Outcome, o, {
        status: d.to,
        closedAt: CLOSED_OUTCOME_STATUSES.includes(d.to) ? now : null,
        updatedAt: now,
      });
      await em.insert(OutcomeFeedback, {
        outcomeId: o.id,
        byUserId: actor.id,
        fromStatus: changed ? from : null,
        toStatus: changed ? d.to : null,
        text: feedback,
        at: now,
      });
      await this.store.write(em, actor, t, {
        action: 'outcome_update',
        details: { outcomeId: o.id, from, to: d.to },
        comment: feedback,
      });
      return (await this.views.outcomes(em, [o]))[0];
    });
  }

  /** The theme's place: that of the topic's outcomes under the same theme, or after the last theme. */
  private async themeOrder(em: EntityManager, t: Topic, theme: string | null): Promise<number> {
    const same = await em.findOne(Outcome, {
      where: { topicId: t.id, theme: theme ?? IsNull() },
      select: { id: true, themeOrder: true },
    });
    return same ? same.themeOrder : (await this.max(em, t, 'themeOrder')) + 1;
  }

  private async max(em: EntityManager, t: Topic, column: 'position' | 'themeOrder'): Promise<number> {
    const row = await em
      .createQueryBuilder(Outcome, 'o')
      .select(`MAX(o.${column})`, 'n')
      .where('o.topicId = :topicId', { topicId: t.id })
      .getRawOne<{ n: number | string | null }>();
    return Number(row?.n ?? 0);
  }
}
