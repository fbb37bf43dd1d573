import type { IncomingHttpHeaders } from 'node:http';
import type { Actor } from './actor';

/**
 * Security events (等保 安全审计, 网络安全法 art. 21): sign-in and its failures, lock-out, sign-out, refused
 * requests. Written by the audit module's SecurityEventsService; the error filter reaches it through
 * SecurityEventSink, so this layer names the events without importing the module that stores them.
 */
export const SECURITY_EVENT_TYPES = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.factor_enrolled',
  'auth.factor_failed',
  'auth.recovery_used',
  'auth.factor_reset',
  'access.denied',
  'csrf.refused',
  'auth.code_sent',
  'auth.code_failed',
  'auth.password_reset',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export const SECURITY_EVENT_LABELS: Record<SecurityEventType, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.factor_enrolled': '启用两步验证',
  'auth.factor_failed': '两步验证失败',
  'auth.recovery_used': '使用恢复码登录',
  'auth.factor_reset': '重置两步验证',
  'access.denied': '拒绝访问',
  'csrf.refused': '跨站请求被拒',
  'auth.code_sent': '发送短信验证码',
  'auth.code_failed': '短信验证码错误',
  'auth.password_reset': '短信重置密码',
};

/** What an event is read from: the Express request (its address, user agent, signed-in user). */
export interface SecurityEventSource {
  ip?: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  user?: Actor;
}

export interface SecurityEventInput {
  type: SecurityEventType;
  /** The account, when known (defaults to the request's signed-in user). */
  userId?: number | null;
  /** The user name tried or used (defaults to the request's signed-in user's). */
  username?: string | null;
  detail?: Record<string, unknown>;
}

/** Records an event; never throws (a failure is logged), so it cannot break the answer. */
export interface SecurityEventSink {
  record(source: SecurityEventSource, event: SecurityEventInput): Promise<void>;
}

/** Requests whose outcome has been recorded already (a refused sign-in): the error filter adds no second event. */
const recorded = new WeakSet<object>();

export const markRecorded = (req: object): void => void recorded.add(req);
export const wasRecorded = (req: object): boolean => recorded.has(req);

/** The event a refused answer is, or null: 401 and 403 are access.denied, a refused form token csrf.refused. */
export function refusalType(statusCode: number, code: string): SecurityEventType | null {
  if (code === 'CSRF_FAILED') return 'csrf.refused';
  return statusCode === 401 || statusCode === 403 ? 'access.denied' : null;
}
