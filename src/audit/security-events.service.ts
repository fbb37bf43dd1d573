import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { currentRequestId } from '../common/request-context';
import {
  markRecorded,
  SECURITY_EVENT_LABELS,
  SecurityEventInput,
  SecurityEventSink,
  SecurityEventSource,
  SecurityEventType,
} from '../common/security-event';
import { wallClock } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { pageOfRows } from '../database/rows';
import { Tx } from '../database/tx';
import { SecurityEvent } from './security-event.entity';
import { SecurityEventQuery, SecurityEventView } from './security-events.dto';

const DAY_MS = 86400_000;

const clip = (s: string | null | undefined, max: number): string | null =>
  s === null || s === undefined ? null : s.length > max ? s.slice(0, max) : s;

/** The detail as short JSON: long strings (a path) cut, the whole kept under the column's 500 characters. */
function detailText(detail: Record<string, unknown> | undefined): string | null {
  if (!detail) return null;
  const short = Object.fromEntries(
    Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : v]),
  );
  const text = JSON.stringify(short);
  return text.length > 500 ? text.slice(0, 500) : text;
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

export function toSecurityEventView(e: SecurityEvent): SecurityEventView {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    type: e.type,
    typeLabel: SECURITY_EVENT_LABELS[e.type as SecurityEventType] ?? e.type,
    userId: e.userId,
    username: e.username,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: parseDetail(e.detail),
    requestId: e.requestId,
  };
}

/**
 * The security events (等保 安全审计): each written in a transaction of its own, outside the request's business
 * one, so a refused or rolled-back request still leaves its trace. A failure to write is logged, never thrown.
 */
@Injectable()
export class SecurityEventsService implements SecurityEventSink {
  private readonly logger = new Logger('SecurityEvents');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(source: SecurityEventSource, event: SecurityEventInput): Promise<void> {
    const user = source.user;
    const row: Omit<SecurityEvent, 'id'> = {
      occurredAt: this.clock.now(),
      type: event.type,
      userId: event.userId !== undefined ? event.userId : (user?.id ?? null),
      username: clip(event.username !== undefined ? event.username : (user?.username ?? null), 100),
      ip: clip(source.ip, 64) ?? 'unknown',
      userAgent: clip(source.headers['user-agent'], 200),
      detail: detailText(event.detail),
      requestId: currentRequestId(),
    };
    try {
      await this.tx.run((em) => em.insert(SecurityEvent, row));
    } catch (e) {
      this.logger.error({ msg: 'security event not recorded', event: row, err: String((e as Error)?.message ?? e) });
    }
  }

  /**
   * Runs a sign-in and records its outcome: `auth.login` with the account, or, when refused, `auth.login_failed`
   * (401, with the name tried) or `auth.locked` (429, the throttle). The refusal is rethrown; the error filter,
   * told the request is recorded, adds no `access.denied` for it.
   */
  async signIn<T extends { user: { id: number; username: string } }>(
    source: SecurityEventSource,
    username: string,
    kind: 'api' | 'web',
    attempt: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await attempt();
    } catch (e) {
      // 429 of the sign-in throttle only: a code texted too soon for the second factor is no lock.
      if (e instanceof AppError && (e.statusCode === 401 || e.code === 'LOGIN_THROTTLED')) {
        markRecorded(source);
        // A right password with a wrong second-factor code is its own event (the account is known); so is a code
        // texted for the second factor.
        const type =
          e.statusCode === 429
            ? 'auth.locked'
            : e.code === 'INVALID_SECOND_FACTOR'
              ? 'auth.factor_failed'
              : e.details?.smsCode
                ? 'auth.code_sent'
                : 'auth.login_failed';
        await this.record(source, { type, userId: null, username, detail: { kind, code: e.code } });
      }
      throw e;
    }
    await this.record(source, {
      type: 'auth.login',
      userId: result.user.id,
      username: result.user.username,
      detail: { kind },
    });
    return result;
  }

  async query(q: SecurityEventQuery): Promise<Page<SecurityEventView>> {
    const qb = this.ds.getRepository(SecurityEvent).createQueryBuilder('e');
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.username) qb.andWhere('e.username = :username', { username: q.username });
    if (q.ip) qb.andWhere('e.ip = :ip', { ip: q.ip });
    const from = q.from ? this.dayStart(q.from, 'from') : null;
    const to = q.to ? new Date(this.dayStart(q.to, 'to').getTime() + DAY_MS) : null;
    if (from && to && from.getTime() >= to.getTime()) throw AppError.invalidField('to', '截止日期不能早于起始日期');
    if (from) qb.andWhere('e.occurredAt >= :from', { from });
    if (to) qb.andWhere('e.occurredAt < :to', { to });
    return pageOfRows(qb.orderBy('e.id', 'DESC'), q, toSecurityEventView);
  }

  /** The instant a day of the display zone begins (00:00 there). */
  private dayStart(day: string, field: string): Date {
    const utc = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== day)
      throw AppError.invalidField(field, `日期 ${day} 不存在`);
    return new Date(utc - (wallClock(new Date(utc), this.config.displayTimeZone).getTime() - utc));
  }
}
