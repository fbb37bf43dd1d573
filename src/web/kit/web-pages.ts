import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { PASSWORD_CHANGE_REQUIRED, type AuthedRequest } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { SECOND_FACTOR_REQUIRED } from '../../auth/second-factor.decorators';
import { csrfFor, LOGIN_CSRF_COOKIE, newToken, SESSION_COOKIE } from '../../auth/tokens';
import type { ErrorBody } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Organization, ORGANIZATION } from '../../config/organization';
import { navMenu, Section, ViewContexts } from './layout';
import type { PageRequest } from './unread-count.interceptor';
import { ViewRenderer } from './view-renderer';
import type { ErrorView } from './views';

export interface SendOptions {
  section: Section;
  status?: number;
  /** The token the page's forms carry, when it is not the session's (the sign-in form). */
  csrf?: string;
  /** The unread count, when the page knows it better than UnreadCountInterceptor did. */
  unread?: number;
}

/** Only a path on this site may follow sign-in: never `//host` or `/\host`, which browsers take as another site. */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500 || !/^\/(?![/\\])[\x21-\x7e]*$/.test(raw)) return '/';
  return /^\/(login|logout)\b/.test(raw) ? '/' : raw;
}

export const sessionCookieOptions = (req: AuthedRequest) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  secure: req.secure,
});

/**
 * The CSRF token of a form shown to someone not signed in (the sign-in form, the public comment page):
 * a random token that must come back both as the `xs_login_csrf` cookie and as the form's field.
 */
export function anonymousCsrf(req: AuthedRequest, res: Response): string {
  const existing: unknown = req.cookies?.[LOGIN_CSRF_COOKIE];
  if (typeof existing === 'string' && /^[\w-]{43}$/.test(existing)) return existing;
  const token = newToken();
  res.cookie(LOGIN_CSRF_COOKIE, token, sessionCookieOptions(req));
  return token;
}

/** Sends pages inside the layout, for the signed-in person (menu, CSRF token), and the error pages. */
@Injectable()
export class WebPages {
  /** The zone dates are shown in and `datetime-local` fields are read in. */
  readonly timeZone: string;

  constructor(
    private readonly views: ViewRenderer,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {
    this.timeZone = config.displayTimeZone;
  }

  send<K extends keyof ViewContexts>(
    req: AuthedRequest,
    res: Response,
    view: K,
    context: ViewContexts[K],
    options: SendOptions,
  ): void {
    const user = req.user ?? null;
    const form = (context as { form?: { summary: unknown[] } }).form;
    const html = this.views.render(view, context, {
      org: this.org,
      user: user && { displayName: user.displayName, roles: user.roles },
      // A session still lacking its second factor has nowhere to go but that step: no menu.
      nav:
        user && !req.secondFactor
          ? navMenu(user, options.section, options.unread ?? (req as PageRequest).unreadNotifications ?? null)
          : null,
      csrf: options.csrf ?? (req.sessionToken ? csrfFor(req.sessionToken) : ''),
      hasErrors: (form?.summary.length ?? 0) > 0,
    });
    // Pages show personal data: no copies in shared caches or in the back button after signing out.
    res
      .status(options.status ?? 200)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .send(html);
  }

  /** After a POST: 303, so reloading the next page does not submit again. */
  redirect(res: Response, url: string): void {
    res.redirect(303, url);
  }

  /** The error filter's hook for pages: 401 goes to the sign-in page, anything else is a Chinese error page. */
  async sendError(req: AuthedRequest, res: Response, body: ErrorBody): Promise<void> {
    try {
      if (body.statusCode === 401) {
        const expired = body.code === 'INVALID_TOKEN';
        if (expired) res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
        const params = new URLSearchParams();
        if (req.method === 'GET' && req.originalUrl !== '/') params.set('next', safeNext(req.originalUrl));
        if (expired) params.set('reason', 'expired');
        const query = params.toString();
        return this.redirect(res, query ? `/login?${query}` : '/login');
      }
      // A password an administrator chose is changed before anything else.
      if (body.code === PASSWORD_CHANGE_REQUIRED) return this.redirect(res, '/account/password');
      // So is the second factor: enrolling it, or typing the code of a sign-in half done.
      if (body.code === SECOND_FACTOR_REQUIRED)
        return this.redirect(res, req.secondFactor === 'verify' ? '/login/second-factor' : '/account/second-factor');
      // Unknown paths never reach the guard: look the visitor up so the page still has its menu.
      const token = req.cookies?.[SESSION_COOKIE];
      if (!req.user && typeof token === 'string' && token) {
        const found = await this.auth.authenticate(token, 'web');
        if (found) Object.assign(req, { user: found.actor, sessionToken: found.token });
      }
      const fields = Object.values((body.details?.fields as Record<string, string[]> | undefined) ?? {}).flat();
      const view: ErrorView = { status: body.statusCode, code: body.code, message: body.message, fields };
      this.send(req, res, 'error', view, { section: 'error', status: body.statusCode });
    } catch {
      if (!res.headersSent) res.status(body.statusCode).type('text/plain; charset=utf-8').send(body.message);
    }
  }
}
