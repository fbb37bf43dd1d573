import { EntityManager, MoreThan, MoreThanOrEqual } from 'typeorm';
import { AuditEntry } from '../audit/audit.entities';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { QuotasConfig } from '../config/app-config';
import { Report } from './report.entities';

const HOUR_MS = 3_600_000;

/** What makes two requests the same: the kind, the subject and the parameters as the kind normalised them. */
export interface ReportRequestKey {
  kind: string;
  subjectType: string | null;
  subjectId: number | null;
  params: string;
}

/**
 * Subjects whose every change is an audit entry under the subject itself (`entityType` = the subject type):
 * for these a rendered report is known to be current. A session's 提案办理情况报告 and a member's 履职档案
 * gather many records, so for them only the time window holds.
 */
const AUDITED_SUBJECTS = new Set(['proposal', 'topic', 'visit']);

/**
 * The person's own report that an identical request may have instead of a new render: one still queued
 * (it will read the data current when it renders), or one rendering or rendered within `reuseMinutes`
 * whose subject has no audited change since its rendering began. Null: render anew.
 */
export async function reusableReport(
  em: EntityManager,
  userId: number,
  key: ReportRequestKey,
  now: Date,
  reuseMinutes: number,
): Promise<Report | null> {
  const since = new Date(now.getTime() - reuseMinutes * 60_000);
  const qb = em
    .createQueryBuilder(Report, 'r')
    .where('r.requestedByUserId = :userId AND r.kind = :kind AND r.params = :params', {
      userId,
      kind: key.kind,
      params: key.params,
    })
    .andWhere(
      "(r.status = 'queued' OR (r.status = 'rendering' AND r.startedAt > :since) OR (r.status = 'done' AND r.finishedAt > :since))",
      { since },
    )
    .orderBy('r.id', 'DESC');
  if (key.subjectType === null) qb.andWhere('r.subjectType IS NULL');
  else qb.andWhere('r.subjectType = :subjectType', { subjectType: key.subjectType });
  if (key.subjectId === null) qb.andWhere('r.subjectId IS NULL');
  else qb.andWhere('r.subjectId = :subjectId', { subjectId: key.subjectId });
  const found = await qb.getOne();
  if (!found || found.status === 'queued') return found;
  if (found.subjectType && found.subjectId && AUDITED_SUBJECTS.has(found.subjectType)) {
    const changed = await em.existsBy(AuditEntry, {
      entityType: found.subjectType,
      entityId: String(found.subjectId),
      at: MoreThanOrEqual(found.startedAt ?? found.requestedAt),
    });
    if (changed) return null;
  }
  return found;
}

/** The requests a person may make in a sliding hour: staff print the office's documents in batches. */
export function reportQuotaOf(actor: Actor, quotas: QuotasConfig): number {
  return hasRole(actor, 'staff') ? quotas.staffReportsPerHour : quotas.reportsPerHour;
}

/** 429 `REPORT_QUOTA_EXCEEDED` once the person has made their quota of requests within the last hour. */
export async function assertReportQuota(
  em: EntityManager,
  actor: Actor,
  now: Date,
  quotas: QuotasConfig,
): Promise<void> {
  const limit = reportQuotaOf(actor, quotas);
  const recent = await em.find(Report, {
    where: { requestedByUserId: actor.id, requestedAt: MoreThan(new Date(now.getTime() - HOUR_MS)) },
    select: { id: true, requestedAt: true },
    order: { requestedAt: 'ASC', id: 'ASC' },
  });
  if (recent.length < limit) return;
  // A slot frees when the request that put the count at the limit leaves the hour.
  const freesAt = recent[recent.length - limit].requestedAt.getTime() + HOUR_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
  throw new AppError(
    429,
    'REPORT_QUOTA_EXCEEDED',
    `每人每小时最多申请生成 ${limit} 份报告，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    { retryAfterSeconds, limit },
  );
}
