import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, WorkflowHistoryItem } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { Member } from '../directory/directory.entities';
import { isOrganiser as isTopicOrganiser } from '../topics/topic-access';
import { Topic } from '../topics/topic.entities';
import { assertOrganizer } from '../topics/topics.service';
import { assertCanReadDraft, draftNotFound, isDraftOrganiser } from './draft-access';
import { DRAFT_HISTORY_LABELS } from './draft-labels';
import { clausesFrom, DraftChange, DraftStore } from './draft-store';
import { draftHistoryFor, DraftViews } from './draft-views';
import { decide, DraftAction, DraftFacts } from './draft-workflow';
import { Draft, DraftClause, DraftInvitee } from './draft.entities';
import { DraftsQuery } from './drafts-query';
import { DraftSummaryView, DraftView } from './dto/draft-view.dto';
import { CreateDraftDto, DraftQuery, OpenDraftDto, ReviseDraftDto, UpdateDraftDto, VersionDto } from './dto/draft.dto';

/** 征求意见稿: drafting, putting out for comment, closing and recording revised editions. Comments have their own service. */
@Injectable()
export class DraftsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: DraftStore,
    private readonly views: DraftViews,
    private readonly query: DraftsQuery,
  ) {}

  async list(actor: Actor, q: DraftQuery): Promise<Page<DraftSummaryView>> {
    const page = await this.query.page(actor, q);
    return pageOf(await this.views.summaries(this.ds.manager, page.items), page.total, q);
  }

  /** The draft as of its current edition, or an earlier one (`revision`): earlier editions stay readable. */
  async get(actor: Actor, id: number, revision?: number): Promise<DraftView> {
    const d = await this.readable(actor, id);
    if (revision !== undefined && revision > d.revision)
      throw AppError.notFound(`第${revision}稿`, 'REVISION_NOT_FOUND');
    return this.views.detail(this.ds.manager, d, actor, revision);
  }

  /** The audit trail of the draft, oldest first, as `actor` may see it (`draftHistoryFor`). */
  async history(actor: Actor, id: number): Promise<WorkflowHistoryItem[]> {
    const d = await this.readable(actor, id);
    return draftHistoryFor(d, actor, await this.audit.workflowHistory('draft', id, DRAFT_HISTORY_LABELS));
  }

  async readable(actor: Actor, id: number): Promise<Draft> {
    const d = await this.ds.getRepository(Draft).findOneBy({ id });
    if (!d) throw draftNotFound();
    await assertCanReadDraft(this.ds.manager, actor, d);
    return d;
  }

  /** 起草: staff for any organiser (or a topic's), a facilitator for their own point (or its topics). */
  create(actor: Actor, dto: CreateDraftDto): Promise<DraftView> {
    return this.tx.run(async (em) => {
      const organizer = await this.organizerOf(em, actor, dto);
      const clauses = clausesFrom(dto);
      const invited = await this.members(em, dto.invitedMemberIds ?? []);
      const now = this.clock.now();
      const d = em.create(Draft, {
        title: dto.title,
        description: dto.description ?? null,
        topicId: dto.topicId ?? null,
        organizerType: organizer.type,
        organizerId: organizer.id,
        createdByUserId: actor.id,
        status: 'editing',
        openToPublic: dto.openToPublic ?? false,
        closesAt: null,
        openedAt: null,
        closedAt: null,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(d);
      await this.store.addEdition(em, actor, d.id, 1, clauses, null);
      if (invited.length)
        await em.insert(
          DraftInvitee,
          invited.map((memberId) => ({ draftId: d.id, memberId })),
        );
      await this.audit.record(em, {
        actor,
        action: 'draft.create',
        entityType: 'draft',
        entityId: d.id,
        from: null,
        to: {
          status: d.status,
          title: d.title,
          topicId: d.topicId,
          organizer,
          clauses: clauses.length,
          openToPublic: d.openToPublic,
          invitedMemberIds: invited,
        },
      });
      return this.views.detail(em, d, actor);
    });
  }

  /** 拟稿中 only: title, note, public or not, invitees, and new text replacing the clauses. */
  update(actor: Actor, id: number, dto: UpdateDraftDto): Promise<DraftView> {
    return this.step(
      actor,
      id,
      dto.version,
      'edit',
      () => ({}),
      async (em, d) => {
        const set: Partial<Draft> = {};
        if (dto.title) set.title = dto.title;
        if (dto.description !== undefined) set.description = dto.description;
        if (dto.openToPublic !== undefined) set.openToPublic = dto.openToPublic;
        const details: Record<string, unknown> = { ...set };
        if (dto.text || dto.clauses?.length) {
          const clauses = clausesFrom(dto);
          await em.delete(DraftClause, { draftId: d.id, revision: 1 });
          await this.store.insertClauses(em, d.id, 1, clauses);
          details.clauses = clauses.length;
        }
        if (dto.invitedMemberIds) {
          const invited = await this.members(em, dto.invitedMemberIds);
          await em.delete(DraftInvitee, { draftId: d.id });
          if (invited.length)
            await em.insert(
              DraftInvitee,
              invited.map((memberId) => ({ draftId: d.id, memberId })),
            );
          details.invitedMemberIds = invited;
        }
        return { action: 'update', set, details };
      },
    );
  }

  /** 发布征求意见 until `closesAt`; `openToPublic` may be set at the same time. */
  open(actor: Actor, id: number, dto: OpenDraftDto): Promise<DraftView> {
    const closesAt = dto.closesAt ? new Date(dto.closesAt) : null;
    return this.step(
      actor,
      id,
      dto.version,
      'open',
      () => ({ closesAt, now: this.clock.now() }),
      (_em, d) => ({
        action: 'open',
        set: { openedAt: this.clock.now(), closesAt, openToPublic: dto.openToPublic ?? d.openToPublic },
        details: { closesAt: closesAt?.toISOString(), openToPublic: dto.openToPublic ?? d.openToPublic },
      }),
    );
  }

  /** 结束征求意见 before the closing time (the sweep closes it at that time otherwise). */
  close(actor: Actor, id: number, dto: VersionDto): Promise<DraftView> {
    return this.step(
      actor,
      id,
      dto.version,
      'close',
      () => ({}),
      () => ({ action: 'close', set: { closedAt: this.clock.now() } }),
    );
  }

  /** 修订稿: a new edition (numbered on); the earlier ones and the comments on them stay as they were. */
  revise(actor: Actor, id: number, dto: ReviseDraftDto): Promise<DraftView> {
    return this.step(
      actor,
      id,
      dto.version,
      'revise',
      () => ({}),
      async (em, d) => {
        const clauses = clausesFrom(dto);
        const revision = d.revision + 1;
        await this.store.addEdition(em, actor, d.id, revision, clauses, dto.note ?? null);
        return {
          action: 'revise',
          set: { revision },
          details: { revision, clauses: clauses.length },
          comment: dto.note ?? null,
        };
      },
    );
  }

  /** One workflow step: load, decide, do the work, write and audit, in one transaction. */
  private step(
    actor: Actor,
    id: number,
    version: number | undefined,
    action: DraftAction,
    facts: () => DraftFacts,
    work: (em: EntityManager, d: Draft) => DraftChange | Promise<DraftChange>,
  ): Promise<DraftView> {
    return this.tx.run(async (em) => {
      const d = await this.store.load(em, actor, id, version);
      const next = assertAllowed(decide(d.status, action, { isOrganiser: isDraftOrganiser(actor, d), ...facts() }));
      const change = await work(em, d);
      await this.store.write(em, actor, d, { ...change, set: { ...change.set, status: next.to } });
      return this.views.detail(em, d, actor);
    });
  }

  /** The organiser: the topic's when the draft belongs to one (its organiser only), else the one named. */
  private async organizerOf(
    em: EntityManager,
    actor: Actor,
    dto: CreateDraftDto,
  ): Promise<{ type: Draft['organizerType']; id: number }> {
    if (dto.topicId !== undefined) {
      const topic = await em.findOneBy(Topic, { id: dto.topicId });
      if (!topic) throw AppError.invalidField('topicId', `协商议题（编号 ${dto.topicId}）不存在`);
      if (!isTopicOrganiser(actor, topic)) throw AppError.forbidden('只有该议题的组织方可以为其征求意见');
      return { type: topic.organizerType, id: topic.organizerId };
    }
    if (!dto.organizer) throw AppError.invalidField('organizer', '请选择组织方或所属议题');
    const ownPoint = dto.organizer.type === 'point' && dto.organizer.id === actor.pointId;
    if (!hasRole(actor, 'staff') && !ownPoint) throw AppError.forbidden('议事点组织者只能为本协商议事点征求意见');
    await assertOrganizer(em, dto.organizer);
    return dto.organizer;
  }

  private async members(em: EntityManager, ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    const found = new Set((await em.findBy(Member, { id: In(ids), disabled: false })).map((m) => m.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      throw AppError.invalidField('invitedMemberIds', `委员（编号 ${missing.join('、')}）不存在或已停用`);
    return ids;
  }
}
