import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { currentRequestId } from '../common/request-context';
import { lockForUpdate } from '../database/rows';
import { ChainBreak, chainHash, findBreak, GENESIS_HASH } from './audit-chain';
import { AuditQuery } from './audit.dto';
import { AuditEntry, AuditHead } from './audit.entities';

export interface AuditChange {
  actor: Actor | typeof SYSTEM_ACTOR;
  action: string;
  entityType: string;
  entityId: number | string;
  from?: unknown;
  to?: unknown;
  comment?: string | null;
}

export interface HistoryItem {
  at: string;
  actor: { id: number | null; displayName: string };
  action: string;
  from: unknown;
  to: unknown;
  comment: string | null;
}

/** One step of a workflow's history: the action without its `proposal.`/`topic.` prefix, the status before and after, the rest as details. */
export interface WorkflowHistoryItem {
  at: string;
  actor: { id: number | null; displayName: string };
  action: string;
  actionLabel: string;
  from: string | null;
  to: string | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: ChainBreak | null;
}

const encode = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const decode = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

@Injectable()
export class AuditService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one entry inside the caller's transaction. The head row is locked last,
   * so audited writes queue only for the moment between this call and commit.
   */
  async record(em: EntityManager, change: AuditChange): Promise<AuditEntry> {
    const head = await lockForUpdate(em.createQueryBuilder(AuditHead, 'h').where('h.id = 1')).getOneOrFail();
    const entry = em.create(AuditEntry, {
      seq: head.seq + 1,
      at: this.clock.now(),
      actorId: change.actor.id,
      actorName: change.actor.displayName,
      action: change.action,
      entityType: change.entityType,
      entityId: String(change.entityId),
      fromState: encode(change.from),
      toState: encode(change.to),
      comment: change.comment ?? null,
      requestId: currentRequestId(),
      prevHash: head.hash,
    });
    entry.hash = chainHash(entry);
    await em.insert(AuditEntry, entry);
    await em.update(AuditHead, { id: 1 }, { seq: entry.seq, hash: entry.hash });
    return entry;
  }

  /** The history of one record, oldest first: the `GET /…/:id/history` of every workflow. */
  async history(entityType: string, entityId: number | string): Promise<HistoryItem[]> {
    const rows = await this.ds.getRepository(AuditEntry).find({
      where: { entityType, entityId: String(entityId) },
      order: { seq: 'ASC' },
    });
    return rows.map(toHistoryItem);
  }

  /** `GET /…/:id/history` of a record whose audit entries carry `{status}` in from and to; `labels` name each action in Chinese. */
  async workflowHistory(
    entityType: string,
    entityId: number,
    labels: Record<string, string>,
  ): Promise<WorkflowHistoryItem[]> {
    const items = await this.history(entityType, entityId);
    return items.map((h) => {
      const action = h.action.slice(h.action.indexOf('.') + 1);
      const { status: to, ...details } = (h.to ?? {}) as { status?: string };
      const from = (h.from as { status?: string } | null)?.status ?? null;
      return {
        at: h.at,
        actor: h.actor,
        action,
        actionLabel: labels[action] ?? action,
        from,
        to: to ?? null,
        comment: h.comment,
        details,
      };
    });
  }

  async query(q: AuditQuery): Promise<Page<AuditEntry & { from: unknown; to: unknown }>> {
    const qb = this.ds.getRepository(AuditEntry).createQueryBuilder('a');
    if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.since) qb.andWhere('a.at >= :since', { since: new Date(q.since) });
    if (q.until) qb.andWhere('a.at < :until', { until: new Date(q.until) });
    const [rows, total] = await qb
      .orderBy('a.seq', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((r) => ({ ...r, from: decode(r.fromState), to: decode(r.toState) })),
      total,
      q,
    );
  }

  /** Recomputes the whole chain and names the first row that was edited, deleted or reordered. */
  async verify(batchSize = 2000): Promise<ChainReport> {
    const repo = this.ds.getRepository(AuditEntry);
    const head = await this.ds.getRepository(AuditHead).findOneByOrFail({ id: 1 });
    const expected = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const rows = await repo
        .createQueryBuilder('a')
        .where('a.seq > :after', { after: expected.seq })
        .orderBy('a.seq', 'ASC')
        .take(batchSize)
        .getMany();
      if (rows.length === 0) break;
      const broken = findBreak(rows, expected);
      if (broken) return { ok: false, checked, headSeq: head.seq, firstBroken: broken };
      checked += rows.length;
    }
    if (expected.seq !== head.seq || expected.hash !== head.hash) {
      const missing = expected.seq < head.seq;
      const firstBroken: ChainBreak = {
        seq: missing ? expected.seq + 1 : expected.seq,
        id: null,
        reason: missing ? 'missing_rows' : 'head_mismatch',
        message: missing
          ? `第 ${expected.seq + 1} 条及以后的审计记录缺失（已被删除）`
          : '审计链的链头与最后一条记录不一致',
      };
      return { ok: false, checked, headSeq: head.seq, firstBroken };
    }
    return { ok: true, checked, headSeq: head.seq, firstBroken: null };
  }
}

export function toHistoryItem(r: AuditEntry): HistoryItem {
  return {
    at: r.at.toISOString(),
    actor: { id: r.actorId, displayName: r.actorName },
    action: r.action,
    from: decode(r.fromState),
    to: decode(r.toState),
    comment: r.comment,
  };
}
