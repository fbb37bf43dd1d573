import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { yearOf } from '../common/time-zone';
import { assertAllowed } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { Committee, Member, Sector } from '../directory/directory.entities';
import { STATUS_LABELS as PROPOSAL_STATUS_LABELS } from '../proposals/proposal-workflow';
import { Proposal } from '../proposals/proposal.entities';
import { TextIndexService } from '../search/text-index.service';
import {
  CreateOpinionDto,
  OpinionQuery,
  OpinionSummaryView,
  OpinionView,
  SimilarItemsView,
  SimilarOpinionView,
  UpdateOpinionDto,
  VersionDto,
} from './dto/opinion.dto';
import { assertCanRead, isSubmitter, notFound } from './opinion-access';
import { ContributorInput, writeContributors } from './opinion-contributors';
import { onRoster } from './opinion-informants.service';
import { OpinionStore } from './opinion-store';
import { opinionFields } from './opinion-text';
import { OpinionViews } from './opinion-views';
import { check, decide, editStep, lengthOf, OPINION_STATUS_LABELS } from './opinion-workflow';
import { Opinion, OpinionContributor, STAFF_FILED_KINDS, SubmitterKind } from './opinion.entities';
import { OpinionsQuery } from './opinions-query';
import { OPINION_CONFIG, OpinionConfig } from './opinions.config';

/** 社情民意信息: reading, filing up to submission, and the similar items beside it. */
@Injectable()
export class OpinionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: OpinionStore,
    private readonly views: OpinionViews,
    private readonly query: OpinionsQuery,
    private readonly textIndex: TextIndexService,
    @Inject(OPINION_CONFIG) private readonly config: OpinionConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  get categories(): OpinionConfig['categories'] {
    return this.config.categories;
  }

  get maxContentLength(): number {
    return this.config.maxContentLength;
  }

  async list(actor: Actor, q: OpinionQuery): Promise<Page<OpinionSummaryView>> {
    const page = await this.query.page(actor, q);
    return pageOf(await this.views.summaries(this.ds.manager, page.items), page.total, q);
  }

  async get(actor: Actor, id: number): Promise<OpinionView> {
    return this.views.detail(this.ds.manager, await this.readable(actor, id), actor);
  }

  create(actor: Actor, dto: CreateOpinionDto): Promise<OpinionView> {
    return this.tx.run(async (em) => {
      const kind = dto.submitterKind ?? 'member';
      const byStaff = STAFF_FILED_KINDS.includes(kind);
      if (byStaff && !hasRole(actor, 'staff'))
        throw AppError.forbidden('界别、专委会和民主党派、工商联的社情民意信息由机关工作人员代为录入');
      if (!byStaff && (!hasRole(actor, 'member') || actor.memberId === null))
        throw AppError.forbidden('委员和信息员的社情民意信息须由本人报送');
      if (kind === 'informant') await this.assertRostered(em, actor.memberId!);
      this.assertCategory(dto.category);
      this.assertLength(dto.content);
      const submitter = byStaff ? await this.groupOf(em, kind, dto) : await this.memberOf(em, actor.memberId!, dto);
      const now = this.clock.now();
      const o = em.create(Opinion, {
        title: dto.title,
        content: dto.content,
        originalTitle: null,
        originalContent: null,
        category: dto.category,
        status: 'draft',
        submitterKind: kind,
        filedByUserId: actor.id,
        ...submitter.fields,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(o);
      await writeContributors(em, o.id, submitter.contributors);
      await this.reindex(em, o);
      await this.audit.record(em, {
        actor,
        action: 'opinion.create',
        entityType: 'opinion',
        entityId: o.id,
        from: null,
        to: { status: 'draft', submitterKind: kind, title: o.title, contributors: submitter.contributors },
      });
      return this.views.detail(em, o, actor);
    });
  }

  /** The submitter edits a draft or a returned item; staff edit a submitted one, the text before their first edit kept. */
  update(actor: Actor, id: number, dto: UpdateOpinionDto): Promise<OpinionView> {
    return this.tx.run(async (em) => {
      const o = await this.store.load(em, actor, id, dto.version);
      const facts = { isSubmitter: isSubmitter(actor, o), isStaff: hasRole(actor, 'staff') };
      const step = editStep(o.status, facts);
      assertAllowed(check(o.status, step, facts));
      if (dto.category !== undefined) this.assertCategory(dto.category);
      if (dto.content !== undefined && step === 'edit') this.assertLength(dto.content);
      const set: Partial<Opinion> = {};
      for (const field of ['title', 'content', 'category'] as const)
        if (dto[field] !== undefined && dto[field] !== o[field]) set[field] = dto[field];
      const details: Record<string, unknown> = { fields: Object.keys(set) };
      if (dto.coContributorMemberIds !== undefined) {
        if (step === 'staffEdit' || STAFF_FILED_KINDS.includes(o.submitterKind))
          throw AppError.invalidField('coContributorMemberIds', '只有委员本人报送的信息可以修改联名委员');
        await this.assertMembers(em, dto.coContributorMemberIds, o.leadMemberId!);
        await em.delete(OpinionContributor, { opinionId: o.id });
        await writeContributors(
          em,
          o.id,
          [o.leadMemberId!, ...dto.coContributorMemberIds].map((memberId) => ({ memberId })),
        );
        details.coContributorMemberIds = dto.coContributorMemberIds;
      }
      if (step === 'staffEdit' && (set.title !== undefined || set.content !== undefined)) {
        if (o.originalContent === null) Object.assign(set, { originalTitle: o.title, originalContent: o.content });
        Object.assign(set, { editedByUserId: actor.id, editedAt: this.clock.now() });
      }
      await this.store.write(em, actor, o, { action: step === 'staffEdit' ? 'edit' : 'update', set, details });
      if (set.title !== undefined || set.content !== undefined) await this.reindex(em, o);
      return this.views.detail(em, o, actor);
    });
  }

  /** 报送 (again after 退回修改): to the staff's review desk. */
  submit(actor: Actor, id: number, dto: VersionDto): Promise<OpinionView> {
    return this.tx.run(async (em) => {
      const o = await this.store.load(em, actor, id, dto.version);
      const d = assertAllowed(decide(o.status, 'submit', { isSubmitter: isSubmitter(actor, o) }));
      await this.store.write(em, actor, o, {
        action: 'submit',
        set: { status: d.to, submittedAt: this.clock.now() },
        event: 'submitted',
      });
      return this.views.detail(em, o, actor);
    });
  }

  /**
   * 相似信息 and 相似提案 beside an item on the review desk: the same bigram index as the proposals (owner types
   * `opinion` and `proposal`), drafts never, at least the configured `similarMinPercent` alike, best first.
   */
  async similar(actor: Actor, id: number, limit = 10): Promise<SimilarItemsView> {
    const o = await this.readable(actor, id);
    const min = this.config.similarMinPercent / 100;
    const opinionHits = (await this.textIndex.similar('opinion', o.id, { limit: limit * 3 })).filter(
      (h) => h.score >= min,
    );
    const proposalHits = (
      await this.textIndex.similar('proposal', opinionFields(o), {
        limit: limit * 3,
        excludeIds: o.proposalId ? [o.proposalId] : [],
      })
    ).filter((h) => h.score >= min);
    const opinions = opinionHits.length
      ? await this.ds.getRepository(Opinion).findBy({ id: In(opinionHits.map((h) => h.id)), status: Not('draft') })
      : [];
    const proposals = proposalHits.length
      ? await this.ds.getRepository(Proposal).findBy({ id: In(proposalHits.map((h) => h.id)), status: Not('draft') })
      : [];
    const pick = <T extends { id: number; title: string; status: string }>(
      hits: { id: number; score: number }[],
      rows: T[],
      label: (s: string) => string,
    ): SimilarOpinionView[] => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      return hits
        .filter((h) => byId.has(h.id))
        .slice(0, limit)
        .map((h) => {
          const r = byId.get(h.id)!;
          return { id: r.id, title: r.title, score: h.score, status: r.status, statusLabel: label(r.status) };
        });
    };
    return {
      opinions: pick(opinionHits, opinions, (s) => OPINION_STATUS_LABELS[s as Opinion['status']] ?? s),
      proposals: pick(proposalHits, proposals, (s) => PROPOSAL_STATUS_LABELS[s as Proposal['status']] ?? s),
    };
  }

  private async readable(actor: Actor, id: number): Promise<Opinion> {
    const o = await this.ds.getRepository(Opinion).findOneBy({ id });
    if (!o) throw notFound();
    await assertCanRead(this.ds.manager, actor, o);
    return o;
  }

  private reindex(em: EntityManager, o: Opinion): Promise<void> {
    return this.textIndex.reindex(em, 'opinion', o.id, opinionFields(o));
  }

  /** 信息员 only from this year's roster (display clock), not ended. */
  private async assertRostered(em: EntityManager, memberId: number): Promise<void> {
    if (!(await onRoster(em, memberId, yearOf(this.clock.now(), this.app.displayTimeZone))))
      throw AppError.invalidField('submitterKind', '您不在本年度信息员名单中，请以委员本人身份报送');
  }

  private assertCategory(code: string): void {
    if (!this.config.categories.some((c) => c.code === code)) throw AppError.invalidField('category', '类别不正确');
  }

  private assertLength(content: string): void {
    const max = this.config.maxContentLength;
    const n = lengthOf(content);
    if (n > max) throw AppError.invalidField('content', `正文最多 ${max} 字（一事一议），当前 ${n} 字`);
  }

  private async assertMembers(em: EntityManager, ids: number[], leadMemberId: number): Promise<void> {
    if (ids.includes(leadMemberId)) throw AppError.invalidField('coContributorMemberIds', '联名委员不能包括报送人本人');
    if (!ids.length) return;
    const found = await em.findBy(Member, { id: In(ids) });
    const active = new Set(found.filter((m) => m.status === 'active').map((m) => m.id));
    const missing = ids.find((id) => !active.has(id));
    if (missing !== undefined)
      throw AppError.invalidField('coContributorMemberIds', `委员（编号 ${missing}）不存在或不在任`);
  }

  private async memberOf(
    em: EntityManager,
    memberId: number,
    dto: CreateOpinionDto,
  ): Promise<{ fields: Partial<Opinion>; contributors: ContributorInput[] }> {
    if (dto.groupName || dto.sectorId || dto.committeeId)
      throw AppError.invalidField('groupName', '委员本人报送时不填报送单位、界别或专委会');
    const member = await em.findOneBy(Member, { id: memberId });
    if (!member) throw AppError.forbidden('委员和信息员的社情民意信息须由本人报送');
    const co = dto.coContributorMemberIds ?? [];
    await this.assertMembers(em, co, memberId);
    return {
      fields: { leadMemberId: memberId, groupName: null, sectorId: member.sectorId, committeeId: null },
      contributors: [memberId, ...co].map((id) => ({ memberId: id })),
    };
  }

  private async groupOf(
    em: EntityManager,
    kind: SubmitterKind,
    dto: CreateOpinionDto,
  ): Promise<{ fields: Partial<Opinion>; contributors: ContributorInput[] }> {
    if (dto.coContributorMemberIds?.length)
      throw AppError.invalidField('coContributorMemberIds', '界别、专委会和组织报送的信息没有联名委员');
    let name = dto.groupName ?? null;
    if (kind === 'group') {
      if (!dto.sectorId === !dto.committeeId) throw AppError.invalidField('sectorId', '请选择界别或专委会（二选一）');
      const group = dto.sectorId
        ? await em.findOneBy(Sector, { id: dto.sectorId })
        : await em.findOneBy(Committee, { id: dto.committeeId! });
      if (!group) throw AppError.invalidField(dto.sectorId ? 'sectorId' : 'committeeId', '界别或专委会不存在');
      name ??= group.name;
    } else if (!name) throw AppError.invalidField('groupName', '请填写民主党派、工商联等组织的名称');
    return {
      fields: {
        leadMemberId: null,
        groupName: name,
        sectorId: kind === 'group' ? (dto.sectorId ?? null) : null,
        committeeId: kind === 'group' ? (dto.committeeId ?? null) : null,
      },
      contributors: [{ organisationName: name }],
    };
  }
}
