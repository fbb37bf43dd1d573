import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { iso } from '../common/iso-time';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { namesOf } from '../database/rows';
import { Committee, ConsultationPoint, Sector, Unit } from '../directory/directory.entities';
import { LEVEL_LABELS, MEETING_KIND_LABELS, ORGANIZER_TYPE_LABELS, STATUS_LABELS } from '../topics/topic-labels';
import { usersOf } from '../topics/topic-views';
import { Topic } from '../topics/topic.entities';
import { PlanItemView, PlanSummaryView, PlanView } from './dto/plan-view.dto';
import { isOverdue, ITEM_STATE_LABELS, itemState, PLAN_STATUS_LABELS, progressOf, QUARTER_LABELS } from './plan-rules';
import { ConsultationPlan, PlanItem, PlanScope } from './plan.entities';

export const SCOPE_LABELS: Record<PlanScope, string> = {
  all: '全委',
  committee: '专委会',
  sector: '界别',
  point: '协商议事点',
};
const ENTITIES = { committee: Committee, sector: Sector, point: ConsultationPoint } as const;

/** What readers see of plans: every item with its topic's step, and the plan's progress, as of now on the display calendar. */
@Injectable()
export class PlanViews {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summaries(em: EntityManager, plans: ConsultationPlan[]): Promise<PlanSummaryView[]> {
    return (await this.build(em, plans)).map(({ items: _items, ...summary }) => summary);
  }

  async detail(em: EntityManager, plan: ConsultationPlan): Promise<PlanView> {
    return (await this.build(em, [plan]))[0];
  }

  async item(em: EntityManager, plan: ConsultationPlan, item: PlanItem): Promise<PlanItemView> {
    return (await this.items(em, plan.year, [item]))[0];
  }

  private async build(em: EntityManager, plans: ConsultationPlan[]): Promise<PlanView[]> {
    if (!plans.length) return [];
    const [rows, users, scopes] = await Promise.all([
      em.find(PlanItem, { where: { planId: In(plans.map((p) => p.id)) }, order: { quarter: 'ASC', position: 'ASC' } }),
      usersOf(
        em,
        plans.map((p) => p.approvedByUserId).filter((id): id is number => id !== null),
      ),
      this.names(
        em,
        plans.map((p) => ({ type: p.scopeType, id: p.scopeId })),
      ),
    ]);
    const views = new Map<number, PlanItemView[]>();
    for (const p of plans)
      views.set(
        p.id,
        await this.items(
          em,
          p.year,
          rows.filter((i) => i.planId === p.id),
        ),
      );
    return plans.map((p) => {
      const items = views.get(p.id)!;
      return {
        id: p.id,
        year: p.year,
        title: p.title,
        scope: {
          type: p.scopeType,
          typeLabel: SCOPE_LABELS[p.scopeType],
          id: p.scopeId,
          name: p.scopeType === 'all' ? '政协全委' : (scopes.get(`${p.scopeType}:${p.scopeId}`) ?? ''),
        },
        status: p.status,
        statusLabel: PLAN_STATUS_LABELS[p.status],
        note: p.note,
        approvedAt: iso(p.approvedAt),
        approvedBy: p.approvedByUserId === null ? null : (users.get(p.approvedByUserId) ?? null),
        progress: progressOf(items.map((i) => ({ state: i.state as never, overdue: i.overdue }))),
        version: p.version,
        items,
      };
    });
  }

  private async items(em: EntityManager, year: number, rows: PlanItem[]): Promise<PlanItemView[]> {
    const topicIds = rows.map((i) => i.topicId).filter((id): id is number => id !== null);
    const [topics, organizers, units] = await Promise.all([
      topicIds.length
        ? em.find(Topic, { where: { id: In(topicIds) }, select: { id: true, title: true, status: true } })
        : [],
      this.names(
        em,
        rows.map((i) => ({ type: i.organizerType, id: i.organizerId })),
      ),
      namesOf(
        em,
        Unit,
        rows.map((i) => i.leadUnitId),
      ),
    ]);
    const wallNow = wallClock(this.clock.now(), this.config.displayTimeZone);
    return rows.map((i) => {
      const topic = topics.find((t) => t.id === i.topicId) ?? null;
      const state = itemState(topic?.status ?? null);
      return {
        id: i.id,
        planId: i.planId,
        position: i.position,
        title: i.title,
        notes: i.notes,
        form: i.form,
        formLabel: MEETING_KIND_LABELS[i.form],
        organizer: {
          type: i.organizerType,
          typeLabel: ORGANIZER_TYPE_LABELS[i.organizerType],
          id: i.organizerId,
          name: organizers.get(`${i.organizerType}:${i.organizerId}`) ?? '',
        },
        level: i.level,
        levelLabel: LEVEL_LABELS[i.level],
        quarter: i.quarter,
        quarterLabel: QUARTER_LABELS[i.quarter - 1],
        leadUnit: i.leadUnitId === null ? null : (units.get(i.leadUnitId) ?? null),
        topic: topic
          ? { id: topic.id, title: topic.title, status: topic.status, statusLabel: STATUS_LABELS[topic.status] }
          : null,
        state,
        stateLabel: ITEM_STATE_LABELS[state],
        overdue: isOverdue(state, year, i.quarter, wallNow),
        startedAt: iso(i.startedAt),
        version: i.version,
      };
    });
  }

  /** Names of committees, sectors and points keyed `type:id`. */
  private async names(em: EntityManager, refs: { type: string; id: number }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const type of ['committee', 'sector', 'point'] as const) {
      const found = await namesOf(
        em,
        ENTITIES[type],
        refs.filter((r) => r.type === type).map((r) => r.id),
      );
      for (const [id, ref] of found) out.set(`${type}:${id}`, ref.name);
    }
    return out;
  }
}
