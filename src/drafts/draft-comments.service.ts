import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { ConsultationPoint, Committee, Sector } from '../directory/directory.entities';
import { assertDraftOrganiser, draftNotFound, isDraftOrganiser, isDraftParticipant } from './draft-access';
import { commenterKey } from './draft-comments-address';
import { DRAFT_STATUS_LABELS, GENERAL_LABEL } from './draft-labels';
import { DraftStore } from './draft-store';
import { acceptsComments, clauseView, clausesOf, DraftViews } from './draft-views';
import { decide } from './draft-workflow';
import { CommentSource, Draft, DraftClause, DraftComment } from './draft.entities';
import {
  ClauseSummaryView,
  CommentView,
  DraftCommentSummaryView,
  PublicCommentsReceipt,
  PublicDraftView,
} from './dto/draft-view.dto';
import { CommentItemDto, CreateCommentsDto, DisposeCommentDto, PublicCommentsDto } from './dto/draft.dto';

/** Comments are made on the edition put out for comment: the first. */
export const COMMENTED_REVISION = 1;

/**
 * The public page's limit: comments from one address on one draft within an hour. Generous, because
 * a courtyard's residents often share one address (the community's Wi-Fi); paper forms typed in by
 * the organiser do not count. An IPv6 address counts by its /64 (commenterKey). Beside it, all addresses
 * together may leave `XS_PUBLIC_COMMENTS_PER_DRAFT_HOUR` (600) public comments on one draft in an hour.
 */
export const PUBLIC_COMMENTS_PER_HOUR = 60;
const HOUR_MS = 3_600_000;

/** Who the audit trail names for a comment from the public page. */
const PUBLIC_ACTOR = { ...SYSTEM_ACTOR, displayName: '公众' };

const commentNotFound = () => AppError.notFound('意见', 'COMMENT_NOT_FOUND');

interface Author {
  source: CommentSource;
  userId: number | null;
  name: string;
  phone: string | null;
  addressHash: string | null;
}

/** 意见: from participants, typed in from paper 征求意见表, from the public page; the organiser's 意见汇总 and 处理意见. */
@Injectable()
export class DraftCommentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: DraftStore,
    private readonly views: DraftViews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A signed-in participant's comments, or — from the organiser, with the person's name — a paper
   * 征求意见表 typed in. State first (409), then the person (403), then the input (400).
   */
  comment(actor: Actor, id: number, dto: CreateCommentsDto): Promise<{ received: number; comments: CommentView[] }> {
    return this.tx.run(async (em) => {
      const d = await this.store.load(em, actor, id);
      const organiser = isDraftOrganiser(actor, d);
      assertAllowed(
        decide(d.status, 'comment', {
          closesAt: d.closesAt,
          now: this.clock.now(),
          mayComment: organiser || (await isDraftParticipant(em, actor, d)),
        }),
      );
      if (organiser && !dto.authorName) throw AppError.invalidField('authorName', '代录征求意见表须填写提出人姓名');
      if (!organiser && (dto.authorName || dto.phone))
        throw AppError.invalidField('authorName', '只有组织方代录征求意见表时填写提出人姓名和电话');
      const author: Author = organiser
        ? { source: 'form', userId: actor.id, name: dto.authorName!, phone: dto.phone ?? null, addressHash: null }
        : { source: 'participant', userId: actor.id, name: actor.displayName, phone: null, addressHash: null };
      const rows = await this.insert(em, d, author, dto.comments);
      await this.store.write(em, actor, d, {
        action: 'comment',
        details: { source: author.source, received: rows.length },
        comment: author.source === 'form' ? `代录${author.name}的征求意见表` : null,
      });
      return { received: rows.length, comments: await this.views.comments(em, rows) };
    });
  }

  /**
   * The public page's comments: a draft not open to the public does not exist there (404); too many from one
   * address (an IPv6 /64), or from everyone on this draft, within the hour is a 429. The draft's row is locked
   * first, so simultaneous submissions are counted one after another.
   */
  publicComment(id: number, dto: PublicCommentsDto, address: string): Promise<PublicCommentsReceipt> {
    return this.tx.run(async (em) => {
      const d = await this.publicDraft(em, id, true);
      const now = this.clock.now();
      assertAllowed(decide(d.status, 'comment', { closesAt: d.closesAt, now, mayComment: true }));
      const addressHash = createHash('sha256')
        .update(`draft:${commenterKey(address)}`)
        .digest('hex');
      const since = new Date(now.getTime() - HOUR_MS);
      const recent = await em.find(DraftComment, {
        where: { draftId: d.id, addressHash, createdAt: MoreThan(since) },
        order: { createdAt: 'ASC' },
        select: { id: true, createdAt: true },
      });
      if (recent.length + dto.comments.length > PUBLIC_COMMENTS_PER_HOUR)
        throw tooMany('TOO_MANY_COMMENTS', '提交的意见过多', recent[0]?.createdAt, now);
      await this.assertDraftHourlyLimit(em, d, dto.comments.length, since, now);
      const rows = await this.insert(
        em,
        d,
        { source: 'public', userId: null, name: dto.name, phone: dto.phone ?? null, addressHash },
        dto.comments,
      );
      await this.store.write(em, PUBLIC_ACTOR, d, {
        action: 'comment',
        details: { source: 'public', received: rows.length },
      });
      return { received: rows.length, message: '感谢您提出的意见，组织方将逐条研究' };
    });
  }

  /** All addresses together: a flood from many addresses (or a botnet) stops at the draft's hourly limit. */
  private async assertDraftHourlyLimit(em: EntityManager, d: Draft, adding: number, since: Date, now: Date) {
    const limit = this.config.quotas.publicCommentsPerDraftHour;
    const count = await em.countBy(DraftComment, { draftId: d.id, source: 'public', createdAt: MoreThan(since) });
    if (count + adding <= limit) return;
    const oldest = await em.findOne(DraftComment, {
      where: { draftId: d.id, source: 'public', createdAt: MoreThan(since) },
      order: { createdAt: 'ASC', id: 'ASC' },
      select: { id: true, createdAt: true },
    });
    throw tooMany('TOO_MANY_DRAFT_COMMENTS', '这份征求意见稿一小时内收到的网上意见已达上限', oldest?.createdAt, now);
  }

  /** What the public page shows: the current text of a draft open to the public, once put out. */
  async publicView(id: number): Promise<PublicDraftView> {
    const em = this.ds.manager;
    const d = await this.publicDraft(em, id);
    const [clauses, count] = await Promise.all([
      clausesOf(em, d.id, d.revision),
      em.countBy(DraftComment, { draftId: d.id }),
    ]);
    const entity = { committee: Committee, sector: Sector, point: ConsultationPoint }[d.organizerType];
    const organizer = await em.findOneBy(entity, { id: d.organizerId });
    return {
      id: d.id,
      title: d.title,
      description: d.description,
      organizer: organizer?.name ?? '',
      status: d.status,
      statusLabel: DRAFT_STATUS_LABELS[d.status],
      closesAt: d.closesAt?.toISOString() ?? null,
      acceptingComments: acceptsComments(d, this.clock.now()),
      revision: d.revision,
      clauses: clauses.map(clauseView),
      commentCount: count,
    };
  }

  /** 处理意见: 采纳, or 部分采纳 / 不采纳 with the reason, once the comments are in; may be changed until the end. */
  dispose(actor: Actor, commentId: number, dto: DisposeCommentDto): Promise<CommentView> {
    return this.tx.run(async (em) => {
      const found = await em.findOneBy(DraftComment, { id: commentId });
      if (!found) throw commentNotFound();
      const d = await this.store.load(em, actor, found.draftId);
      assertAllowed(
        decide(d.status, 'dispose', {
          isOrganiser: isDraftOrganiser(actor, d),
          disposition: dto.disposition,
          reason: dto.reason,
        }),
      );
      const now = this.clock.now();
      const reason = dto.disposition === 'adopted' ? (dto.reason ?? null) : dto.reason!;
      await em.update(
        DraftComment,
        { id: found.id },
        { disposition: dto.disposition, dispositionReason: reason, disposedByUserId: actor.id, disposedAt: now },
      );
      await this.store.write(em, actor, d, {
        action: 'dispose',
        details: { commentId: found.id, disposition: dto.disposition },
        comment: reason,
      });
      const [view] = await this.views.comments(em, [(await em.findOneBy(DraftComment, { id: found.id }))!]);
      return view;
    });
  }

  /** 意见汇总: each clause of the commented edition with its comments and their dispositions, then the comments on the whole. */
  async summary(actor: Actor, id: number): Promise<DraftCommentSummaryView> {
    const em = this.ds.manager;
    const d = await em.findOneBy(Draft, { id });
    if (!d) throw draftNotFound();
    await assertDraftOrganiser(em, actor, d);
    const [[draft], clauses, rows] = await Promise.all([
      this.views.summaries(em, [d]),
      clausesOf(em, d.id, COMMENTED_REVISION),
      em.find(DraftComment, { where: { draftId: d.id }, order: { id: 'ASC' } }),
    ]);
    const comments = await this.views.comments(em, rows);
    const entries: ClauseSummaryView[] = [...clauses, null].map((c) => {
      const mine = comments.filter((v) => v.clauseId === (c?.id ?? null));
      return {
        id: c?.id ?? null,
        label: c?.label ?? GENERAL_LABEL,
        chapter: c?.chapter ?? null,
        text: c?.text ?? '',
        commentCount: mine.length,
        counts: countsOf(mine),
        comments: mine,
      };
    });
    const bySource = { participant: 0, public: 0, form: 0 };
    for (const c of rows) bySource[c.source] += 1;
    const people = new Set(rows.map((c) => (c.source === 'participant' ? `u${c.userId}` : `n${c.authorName}`))).size;
    return {
      draft,
      revision: COMMENTED_REVISION,
      totals: { comments: rows.length, people, bySource, ...countsOf(comments) },
      clauses: entries,
    };
  }

  private async publicDraft(em: EntityManager, id: number, lock = false): Promise<Draft> {
    const d = lock ? await findForUpdate(em, Draft, id) : await em.findOneBy(Draft, { id });
    if (!d || !d.openToPublic || d.status === 'editing') throw draftNotFound();
    return d;
  }

  /** The comments' clauses must be of the commented edition; an empty box is no comment. */
  private async insert(em: EntityManager, d: Draft, author: Author, items: CommentItemDto[]): Promise<DraftComment[]> {
    const clauseIds = new Set(
      (
        await em.find(DraftClause, { where: { draftId: d.id, revision: COMMENTED_REVISION }, select: { id: true } })
      ).map((c) => c.id),
    );
    const fields: Record<string, string[]> = {};
    items.forEach((c, i) => {
      if (c.clauseId != null && !clauseIds.has(c.clauseId))
        fields[`comments.${i}.clauseId`] = [`条款（编号 ${c.clauseId}）不在该征求意见稿中`];
    });
    if (Object.keys(fields).length) throw AppError.invalid(fields, Object.values(fields)[0][0]);
    const now = this.clock.now();
    const rows = items.map((c) =>
      em.create(DraftComment, {
        draftId: d.id,
        clauseId: c.clauseId ?? null,
        revision: COMMENTED_REVISION,
        source: author.source,
        userId: author.userId,
        authorName: author.name,
        phone: author.phone,
        addressHash: author.addressHash,
        text: c.text,
        createdAt: now,
        disposition: null,
        dispositionReason: null,
        disposedByUserId: null,
        disposedAt: null,
      }),
    );
    return em.save(rows);
  }
}

/** 429 with the minutes until the oldest counted comment leaves the hour (at least one minute). */
function tooMany(code: string, what: string, oldest: Date | undefined, now: Date): AppError {
  const retryAfterSeconds = Math.max(
    60,
    Math.ceil(((oldest?.getTime() ?? now.getTime()) + HOUR_MS - now.getTime()) / 1000),
  );
  return new AppError(429, code, `${what}，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, { retryAfterSeconds });
}

function countsOf(comments: CommentView[]) {
  const n = (v: string | null) => comments.filter((c) => c.disposition === v).length;
  return { adopted: n('adopted'), partly: n('partly'), notAdopted: n('not_adopted'), pending: n(null) };
}
