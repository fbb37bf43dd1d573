import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { Committee, CouncilSession, Member, Sector } from '../directory/directory.entities';
import { TextIndexService } from '../search/text-index.service';
import { CreateProposalDto, ProposalQuery, UpdateProposalDto, VersionDto } from './dto/file-proposal.dto';
import { ProposalHistoryItem, SimilarProposalView, ProposalSummaryView, ProposalView } from './dto/proposal-view.dto';
import { canRead, isLeadProposer, loadReadable, signerOf } from './proposal-access';
import { addDays, isPlenary } from './proposal-dates';
import { HISTORY_LABELS } from './proposal-labels';
import { ProposalNotifier } from './proposal-notifier';
import { ensureCounter } from './proposal-numbering';
import { ProposalStore } from './proposal-store';
import { proposalFields } from './proposal-text-fields';
import { historyFor, ProposalViews } from './proposal-views';
import { check, decide } from './proposal-workflow';
import { GROUP_KINDS, Proposal, ProposalKind, ProposalSigner } from './proposal.entities';
import { ProposalsQuery } from './proposals-query';
import { PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

/** 提案: reading, and filing up to submission (draft, co-signing, submit, withdraw). */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: ProposalStore,
    private readonly views: ProposalViews,
    private readonly query: ProposalsQuery,
    private readonly notifier: ProposalNotifier,
    private readonly textIndex: TextIndexService,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  async list(actor: Actor, q: ProposalQuery): Promise<Page<ProposalSummaryView>> {
    const page = await this.query.page(actor, q);
    return pageOf(await this.views.summaries(this.ds.manager, page.items), page.total, q);
  }

  async get(actor: Actor, id: number): Promise<ProposalView> {
    return this.views.detail(this.ds.manager, await this.readable(actor, id), actor);
  }

  /** Of these proposals, the ids of those the caller may not open (a unit's returned assignment); unknown ids are not. */
  async closedIds(actor: Actor, ids: number[]): Promise<Set<number>> {
    const closed = new Set<number>();
    if (!ids.length) return closed;
    for (const p of await this.ds.getRepository(Proposal).findBy({ id: In(ids) })) {
      if (!(await canRead(this.ds.manager, actor, p))) closed.add(p.id);
    }
    return closed;
  }

  /**
   * 相似提案 for staff deciding on 并案: the most similar other proposals (drafts never), best first,
   * through the bigram index — candidates from the proposal's rarest grams, never a scan of every pair.
   * Only those at or above the configured `similarMinPercent`: below it a proposal shares words, not a matter.
   */
  async similar(actor: Actor, id: number, limit = 10): Promise<SimilarProposalView[]> {
    await this.readable(actor, id);
    const min = this.config.similarMinPercent / 100;
    const hits = (await this.textIndex.similar('proposal', id, { limit: limit * 3 })).filter((h) => h.score >= min);
    if (!hits.length) return [];
    const rows = await this.ds.getRepository(Proposal).findBy({ id: In(hits.map((h) => h.id)) });
    const shown = rows.filter((r) => r.status !== 'draft');
    const views = new Map((await this.views.summaries(this.ds.manager, shown)).map((v) => [v.id, v]));
    return hits
      .filter((h) => views.has(h.id))
      .slice(0, limit)
      .map((h) => {
        const v = views.get(h.id)!;
        return {
          id: v.id,
          title: v.title,
          score: h.score,
          status: v.status,
          statusLabel: v.statusLabel,
          numberLabel: v.numberLabel,
        };
      });
  }

  /** The audit trail of the proposal, oldest first, with each step's state before and after, as `actor` may see it. */
  async history(actor: Actor, id: number): Promise<ProposalHistoryItem[]> {
    const p = await this.readable(actor, id);
    return historyFor(this.ds.manager, p, actor, await this.audit.workflowHistory('proposal', id, HISTORY_LABELS));
  }

  create(actor: Actor, dto: CreateProposalDto): Promise<ProposalView> {
    return this.tx.run((em) => this.createIn(em, actor, dto));
  }

  /** A draft, in the caller's transaction; `visitId` links a draft started from a 视察调研 back to it. */
  async createIn(
    em: EntityManager,
    actor: Actor,
    dto: CreateProposalDto,
    origin: { visitId?: number } = {},
  ): Promise<ProposalView> {
    const group = GROUP_KINDS.includes(dto.kind);
    if (group && !hasRole(actor, 'staff')) throw AppError.forbidden('界别、专委会和党派团体提案由机关工作人员代为录入');
    if (!group && (!hasRole(actor, 'member') || actor.memberId === null))
      throw AppError.forbidden('个人和联名提案须由委员本人提出');
    const session = await this.openSession(em, dto.sessionId);
    this.assertCategory(dto.category);
    const coSigners = dto.coSignerMemberIds ?? [];
    this.assertCoSignerCount(dto.kind, coSigners);
    const proposer = group ? await this.groupOf(em, dto) : await this.leadOf(em, actor.memberId!);
    await this.assertCoSigners(em, coSigners, proposer.leadMemberId);
    const now = this.clock.now();
    const p = em.create(Proposal, {
      sessionId: session.id,
      number: null,
      kind: dto.kind,
      title: dto.title,
      category: dto.category,
      background: dto.background,
      suggestions: JSON.stringify(dto.suggestions),
      agreeToPublish: dto.agreeToPublish ?? false,
      plenary: isPlenary(now, session.closesAt, this.config.plenaryWindowMonths),
      status: 'draft',
      filedByUserId: actor.id,
      visitId: origin.visitId ?? null,
      ...proposer,
      createdAt: now,
      updatedAt: now,
    });
    await em.save(p);
    if (p.leadMemberId !== null)
      await em.insert(ProposalSigner, {
        proposalId: p.id,
        memberId: p.leadMemberId,
        role: 'lead',
        status: 'confirmed',
        invitedAt: now,
        confirmedAt: now,
      });
    await this.invite(em, p, coSigners, now);
    await ensureCounter(em, session.id);
    await this.reindex(em, p);
    await this.audit.record(em, {
      actor,
      action: 'proposal.create',
      entityType: 'proposal',
      entityId: p.id,
      from: null,
      to: {
        status: 'draft',
        kind: p.kind,
        title: p.title,
        coSignerMemberIds: coSigners,
        ...(p.visitId ? { visitId: p.visitId } : {}),
      },
    });
    await this.notifier.send(em, p, {
      type: 'proposal.created',
      proposalId: p.id,
      actorUserId: actor.id,
      at: now,
      to: 'draft',
      version: p.version,
    });
    if (coSigners.length)
      await this.notifier.send(em, p, {
        type: 'proposal.cosign_invited',
        proposalId: p.id,
        actorUserId: actor.id,
        at: now,
        memberIds: coSigners,
        version: p.version,
      });
    return this.views.detail(em, p, actor);
  }

  update(actor: Actor, id: number, dto: UpdateProposalDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'edit'));
      if (!isLeadProposer(actor, p)) throw AppError.forbidden('只有领衔人可以修改提案');
      const set: Partial<Proposal> = {};
      if (dto.sessionId !== undefined && dto.sessionId !== p.sessionId)
        set.sessionId = (await this.openSession(em, dto.sessionId)).id;
      if (dto.category !== undefined) this.assertCategory(dto.category);
      for (const field of ['title', 'category', 'background', 'agreeToPublish'] as const) {
        if (dto[field] !== undefined && dto[field] !== p[field]) (set as Record<string, unknown>)[field] = dto[field];
      }
      if (dto.suggestions !== undefined) set.suggestions = JSON.stringify(dto.suggestions);
      let invited: number[] = [];
      if (dto.coSignerMemberIds !== undefined) {
        if (GROUP_KINDS.includes(p.kind))
          throw AppError.invalidField('coSignerMemberIds', '界别、专委会和党派团体提案没有附议人');
        invited = await this.replaceCoSigners(em, p, dto.coSignerMemberIds);
        set.kind = dto.coSignerMemberIds.length ? 'joint' : 'individual';
      }
      if (set.sessionId) await ensureCounter(em, set.sessionId);
      const { suggestions, background, ...shown } = set;
      const details = {
        ...shown,
        ...(suggestions ? { suggestions: dto.suggestions } : {}),
        ...(background ? { background: '（已修改）' } : {}),
        ...(dto.coSignerMemberIds ? { coSignerMemberIds: dto.coSignerMemberIds } : {}),
      };
      await this.store.write(em, actor, p, {
        action: 'update',
        set,
        details,
        event: invited.length ? { type: 'proposal.cosign_invited', memberIds: invited } : undefined,
      });
      if (set.title !== undefined || set.background !== undefined || set.suggestions !== undefined)
        await this.reindex(em, p);
      return this.views.detail(em, p, actor);
    });
  }

  /** Keeps the proposal's entry in the bigram index (list `q`, similar proposals) in step, in the same transaction. */
  private reindex(em: EntityManager, p: Proposal): Promise<void> {
    return this.textIndex.reindex(
      em,
      'proposal',
      p.id,
      proposalFields({ title: p.title, background: p.background, suggestions: JSON.parse(p.suggestions) as string[] }),
    );
  }

  /** 附议: an invited co-signer confirms, within the configured days of the invitation. */
  cosign(actor: Actor, id: number, dto: VersionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'cosign'));
      const signer = await signerOf(em, p, actor);
      if (!signer || signer.role !== 'cosigner') throw AppError.forbidden('您不是该提案邀请的附议人');
      if (signer.status === 'confirmed') throw AppError.conflict('ALREADY_CONFIRMED', '您已确认附议该提案');
      const now = this.clock.now();
      if (now.getTime() > addDays(signer.invitedAt, this.config.coSignDays).getTime()) {
        throw AppError.conflict('COSIGN_EXPIRED', `附议邀请已超过 ${this.config.coSignDays} 天，请联系领衔人重新邀请`);
      }
      await em.update(ProposalSigner, { id: signer.id }, { status: 'confirmed', confirmedAt: now });
      await this.store.write(em, actor, p, {
        action: 'cosign',
        details: { memberId: signer.memberId },
        event: { type: 'proposal.cosigned', memberIds: [signer.memberId] },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /**
   * 谢绝附议: an invited co-signer says no, while the draft is open. They leave the proposal (and with it their
   * access to the draft); the lead is told; a joint draft left without co-signers becomes an individual one.
   */
  declineCosign(actor: Actor, id: number, dto: VersionDto): Promise<void> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      assertAllowed(check(p.status, 'cosign'));
      const signer = await signerOf(em, p, actor);
      if (!signer || signer.role !== 'cosigner') throw AppError.forbidden('您不是该提案邀请的附议人');
      if (signer.status === 'confirmed') throw AppError.conflict('ALREADY_CONFIRMED', '您已确认附议该提案，不能再谢绝');
      await em.delete(ProposalSigner, { id: signer.id });
      const left = await em.countBy(ProposalSigner, { proposalId: p.id, role: 'cosigner' });
      const member = await em.findOneBy(Member, { id: signer.memberId });
      await this.store.write(em, actor, p, {
        action: 'decline',
        set: left === 0 && p.kind === 'joint' ? { kind: 'individual' } : {},
        details: { memberId: signer.memberId },
        event: { type: 'proposal.cosign_declined', memberIds: [signer.memberId], note: member?.name ?? null },
      });
    });
  }

  submit(actor: Actor, id: number, dto: VersionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const unconfirmedCoSigners = await em.countBy(ProposalSigner, {
        proposalId: p.id,
        role: 'cosigner',
        status: 'invited',
      });
      const d = assertAllowed(
        decide(p.status, 'submit', { isLeadProposer: isLeadProposer(actor, p), unconfirmedCoSigners }),
      );
      const now = this.clock.now();
      const session = await em.findOneByOrFail(CouncilSession, { id: p.sessionId });
      const plenary = isPlenary(now, session.closesAt, this.config.plenaryWindowMonths);
      await this.store.write(em, actor, p, {
        action: 'submit',
        set: { status: d.to, submittedAt: now, plenary },
        details: { plenary },
        event: { type: 'proposal.submitted' },
      });
      return this.views.detail(em, p, actor);
    });
  }

  /** 撤回, by the lead, before review. */
  withdraw(actor: Actor, id: number, dto: VersionDto): Promise<ProposalView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id, dto.version);
      const d = assertAllowed(decide(p.status, 'withdraw', { isLeadProposer: isLeadProposer(actor, p) }));
      await this.store.write(em, actor, p, {
        action: 'withdraw',
        set: { status: d.to, withdrawnAt: this.clock.now() },
        event: { type: 'proposal.withdrawn' },
      });
      return this.views.detail(em, p, actor);
    });
  }

  private readable(actor: Actor, id: number): Promise<Proposal> {
    return loadReadable(this.ds.manager, actor, id);
  }

  private async openSession(em: EntityManager, id: number): Promise<CouncilSession> {
    const session = await em.findOneBy(CouncilSession, { id });
    if (!session || session.disabled) throw AppError.invalidField('sessionId', '会次不存在或已停用');
    return session;
  }

  private assertCategory(category: string): void {
    if (!this.config.categories.some((c) => c.code === category)) {
      throw AppError.invalidField('category', `类别须为${this.config.categories.map((c) => c.label).join('、')}之一`);
    }
  }

  private assertCoSignerCount(kind: ProposalKind, coSigners: number[]): void {
    if (kind === 'individual' && coSigners.length)
      throw AppError.invalidField('coSignerMemberIds', '个人提案没有附议人；有附议人请选择联名提案');
    if (kind === 'joint' && !coSigners.length)
      throw AppError.invalidField('coSignerMemberIds', '联名提案须至少邀请一位附议人');
    if (GROUP_KINDS.includes(kind) && coSigners.length)
      throw AppError.invalidField('coSignerMemberIds', '界别、专委会和党派团体提案没有附议人');
  }

  private async leadOf(
    em: EntityManager,
    memberId: number,
  ): Promise<Pick<Proposal, 'leadMemberId' | 'sectorId' | 'committeeId' | 'groupName'>> {
    const member = await em.findOneBy(Member, { id: memberId });
    if (!member || member.disabled || member.status !== 'active') throw AppError.forbidden('只有在任委员可以提出提案');
    return { leadMemberId: member.id, sectorId: member.sectorId, committeeId: null, groupName: null };
  }

  /** The group a sector, committee or party proposal speaks for. */
  private async groupOf(
    em: EntityManager,
    dto: CreateProposalDto,
  ): Promise<Pick<Proposal, 'leadMemberId' | 'sectorId' | 'committeeId' | 'groupName'>> {
    const sector = dto.sectorId ? await em.findOneBy(Sector, { id: dto.sectorId }) : null;
    if (dto.sectorId && (!sector || sector.disabled)) throw AppError.invalidField('sectorId', '界别不存在或已停用');
    if (dto.kind === 'sector') {
      if (!sector) throw AppError.invalidField('sectorId', '界别提案须选择界别');
      return { leadMemberId: null, sectorId: sector.id, committeeId: null, groupName: dto.groupName ?? sector.name };
    }
    if (dto.kind === 'committee') {
      const committee = dto.committeeId ? await em.findOneBy(Committee, { id: dto.committeeId }) : null;
      if (!committee || committee.disabled)
        throw AppError.invalidField('committeeId', '专委会提案须选择未停用的专委会');
      return {
        leadMemberId: null,
        sectorId: sector?.id ?? null,
        committeeId: committee.id,
        groupName: dto.groupName ?? committee.name,
      };
    }
    if (!dto.groupName) throw AppError.invalidField('groupName', '党派团体提案须填写提案单位名称');
    return { leadMemberId: null, sectorId: sector?.id ?? null, committeeId: null, groupName: dto.groupName };
  }

  private async assertCoSigners(em: EntityManager, memberIds: number[], leadMemberId: number | null): Promise<void> {
    if (!memberIds.length) return;
    if (leadMemberId !== null && memberIds.includes(leadMemberId))
      throw AppError.invalidField('coSignerMemberIds', '领衔人不能同时是附议人');
    const found = await em.find(Member, { where: { id: In(memberIds) } });
    const ok = new Set(found.filter((m) => !m.disabled && m.status === 'active').map((m) => m.id));
    const bad = memberIds.filter((id) => !ok.has(id));
    if (bad.length)
      throw AppError.invalidField('coSignerMemberIds', `附议人须为在任委员：编号 ${bad.join('、')} 不符合`);
  }

  private async invite(em: EntityManager, p: Proposal, memberIds: number[], now: Date): Promise<void> {
    if (memberIds.length)
      await em.insert(
        ProposalSigner,
        memberIds.map((memberId) => ({
          proposalId: p.id,
          memberId,
          role: 'cosigner' as const,
          status: 'invited' as const,
          invitedAt: now,
          confirmedAt: null,
        })),
      );
  }

  /** Replaces the co-signers of a draft: those dropped are removed, new ones invited, the others keep their answer. Returns the new ones. */
  private async replaceCoSigners(em: EntityManager, p: Proposal, memberIds: number[]): Promise<number[]> {
    await this.assertCoSigners(em, memberIds, p.leadMemberId);
    const current = await em.findBy(ProposalSigner, { proposalId: p.id, role: 'cosigner' });
    const dropped = current.filter((s) => !memberIds.includes(s.memberId));
    if (dropped.length) await em.delete(ProposalSigner, { id: In(dropped.map((s) => s.id)) });
    const added = memberIds.filter((id) => !current.some((s) => s.memberId === id));
    await this.invite(em, p, added, this.clock.now());
    return added;
  }
}
