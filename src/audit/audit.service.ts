import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { currentRequestId } from '../common/request-context';
import { lockForUpdate } from '../database/rows';
import { readAnchorFile } from './audit-anchor';
import {
  AnchorPoint,
  ChainBreak,
  findBreak,
  GENESIS_HASH,
  keyedChainHash,
  keyedFromSeal,
  sealMatches,
} from './audit-chain';
import { AUDIT_CHAIN, AuditChainSettings } from './audit-key';
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
  /** Rows verified before the first break (all of them when intact). */
  checked: number;
  headSeq: number;
  /** The first seq written with the key (rows before it carry the old unkeyed hash); null when none is sealed. */
  keyedFrom: number | null;
  /** Anchors of this database found in the anchor file and checked against the chain. */
  anchors: number;
  firstBroken: ChainBreak | null;
}

const encode = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const decode = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

@Injectable()
export class AuditService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(AUDIT_CHAIN) private readonly chain: AuditChainSettings,
  ) {}

  /**
   * Seals the first keyed seq at the first start with a key (the next row), so a database upgraded
   * from the unkeyed chain is marked even before its next audited write.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sealKeyedFrom();
    } catch (e) {
      // A worker starts before the api has migrated the schema: the first keyed write seals it instead.
      this.logger.warn(`暂未记下审计链启用密钥的位置（${(e as Error).message}），将在第一次写入审计记录时记下`);
    }
  }

  private async sealKeyedFrom(): Promise<void> {
    const key = this.chain.key;
    await this.ds.transaction(async (em) => {
      const head = await lockForUpdate(em.createQueryBuilder(AuditHead, 'h').where('h.id = 1')).getOneOrFail();
      if (head.keyedFrom !== null) return;
      const keyedFrom = head.seq + 1;
      await em.update(AuditHead, { id: 1 }, { keyedFrom, seal: keyedFromSeal(key, this.chain.hmac, keyedFrom) });
      if (head.seq > 0)
        this.logger.log(
          `审计链自第 ${keyedFrom} 条起以密钥签名（HMAC-${this.chain.hmac.toUpperCase()}）；此前 ${head.seq} 条保留旧式哈希`,
        );
    });
  }

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
      alg: `hmac-${this.chain.hmac}`,
    });
    const key = this.chain.key;
    entry.hash = keyedChainHash(entry, key, this.chain.hmac);
    await em.insert(AuditEntry, entry);
    const seal =
      head.keyedFrom === null ? { keyedFrom: entry.seq, seal: keyedFromSeal(key, this.chain.hmac, entry.seq) } : {};
    await em.update(AuditHead, { id: 1 }, { seq: entry.seq, hash: entry.hash, ...seal });
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

  /**
   * Recomputes the whole chain with the key and names the first row that was edited, deleted, reordered
   * or re-chained; checks it against the head, the sealed first keyed seq and the anchors kept outside
   * the database (a chain shorter than an anchor, or a row whose hash differs from its anchor, is broken).
   */
  async verify(batchSize = 2000): Promise<ChainReport> {
    const repo = this.ds.getRepository(AuditEntry);
    const head = await this.ds.getRepository(AuditHead).findOneByOrFail({ id: 1 });
    const key = this.chain.key;
    const expected = { seq: 0, hash: GENESIS_HASH };
    const { anchors, lastAnchor, invalidLines } = this.anchors();
    const report = (firstBroken: ChainBreak | null): ChainReport => ({
      ok: firstBroken === null,
      checked: expected.seq,
      headSeq: head.seq,
      keyedFrom: head.keyedFrom,
      anchors: anchors.size,
      firstBroken,
    });
    if (invalidLines.length)
      return report({
        seq: 0,
        id: null,
        reason: 'anchor_invalid',
        message: `锚点文件 ${this.chain.anchorFile} 第 ${invalidLines.join('、')} 行的签名不符（被改动，或用了另一把密钥）`,
      });
    // Sealed at the first start with a key (or the first keyed write): a head without a seal had it removed.
    if (head.keyedFrom === null || !sealMatches(key, head.keyedFrom, head.seal))
      return report({
        seq: head.keyedFrom ?? head.seq + 1,
        id: null,
        reason: 'seal_mismatch',
        message:
          head.keyedFrom === null
            ? '审计链头缺少启用密钥的位置（应用启动时写入，已被删除）'
            : '审计链头记载的启用密钥位置与其签名不符（被改动，或用了另一把密钥）',
      });
    const check = { key, keyedFrom: head.keyedFrom, anchors };
    for (;;) {
      const rows = await repo
        .createQueryBuilder('a')
        .where('a.seq > :after', { after: expected.seq })
        .orderBy('a.seq', 'ASC')
        .take(batchSize)
        .getMany();
      if (rows.length === 0) break;
      const broken = findBreak(rows, expected, check);
      if (broken) return report(broken);
    }
    if (expected.seq !== head.seq || expected.hash !== head.hash) {
      const missing = expected.seq < head.seq;
      return report({
        seq: missing ? expected.seq + 1 : expected.seq,
        id: null,
        reason: missing ? 'missing_rows' : 'head_mismatch',
        message: missing
          ? `第 ${expected.seq + 1} 条及以后的审计记录缺失（已被删除）`
          : '审计链的链头与最后一条记录不一致',
      });
    }
    if (lastAnchor && lastAnchor.seq > expected.seq)
      return report({
        seq: expected.seq + 1,
        id: null,
        reason: 'anchor_truncated',
        message: `审计链只到第 ${expected.seq} 条，而 ${lastAnchor.date} 记在库外的锚点已到第 ${lastAnchor.seq} 条：末尾的记录被删除、链头被回退`,
      });
    return report(null);
  }

  /** This database's anchors in the anchor file, by seq, the highest one, and the lines whose signature does not match. */
  private anchors(): { anchors: Map<number, AnchorPoint>; lastAnchor: AnchorPoint | null; invalidLines: number[] } {
    const anchors = new Map<number, AnchorPoint>();
    let lastAnchor: AnchorPoint | null = null;
    if (!this.chain.db) return { anchors, lastAnchor, invalidLines: [] };
    const file = readAnchorFile(this.chain.anchorFile, this.chain.db, this.chain.key);
    for (const a of file.anchors) {
      if (!anchors.has(a.seq)) anchors.set(a.seq, a);
      if (!lastAnchor || a.seq > lastAnchor.seq) lastAnchor = a;
    }
    return { anchors, lastAnchor, invalidLines: file.invalidLines };
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
