import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SecurityEventsService } from '../../audit/security-events.service';
import { LoginDto } from '../../auth/auth.dto';
import type { AuthedRequest } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { SmsCodesService } from '../../auth/sms-codes.service';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from '../../auth/tokens';
import { BeforePasswordChange, Public } from '../../common/auth.decorators';
import { formState, FormSpec, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { anonymousCsrf, safeNext, sessionCookieOptions, WebPages } from '../kit/web-pages';
import type { LoginView } from './views';

const LOGIN_FORM: FormSpec = { username: 'text', password: 'secret' };

/** Signing in and out of the pages (the API has its own bearer tokens). */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller()
export class SignInPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: WebPages,
    private readonly events: SecurityEventsService,
    private readonly codes: SmsCodesService,
  ) {}

  @Public()
  @Get('login')
  showLogin(@Req() req: AuthedRequest, @Res() res: Response, @Query() query: Record<string, unknown>): void {
    const next = safeNext(query.next);
    if (req.user) return this.pages.redirect(res, next);
    const notice: LoginView['notice'] =
      query.loggedOut === '1'
        ? 'loggedOut'
        : query.reason === 'expired'
          ? 'expired'
          : query.reset === '1'
            ? 'reset'
            : null;
    this.sendLogin(req, res, { form: formState({ username: '' }), next, notice, smsHref: this.smsHref(next) });
  }

  @Public()
  @Post('login')
  async login(@Req() req: AuthedRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const next = safeNext(body.next);
    const ip = req.ip ?? 'unknown';
    const outcome = await submitForm(
      LoginDto,
      LOGIN_FORM,
      body,
      (dto) =>
        this.events.signIn(req, dto.username, 'web', () => this.auth.login(dto.username, dto.password, ip, 'web')),
      { generalField: 'username' },
    );
    if (!outcome.ok) {
      if (outcome.retryAfter) res.setHeader('Retry-After', String(outcome.retryAfter));
      return this.sendLogin(
        req,
        res,
        { form: outcome.form, next, notice: null, smsHref: this.smsHref(next) },
        outcome.status,
      );
    }
    res.cookie(SESSION_COOKIE, outcome.result.token, sessionCookieOptions(req));
    res.clearCookie(LOGIN_CSRF_COOKIE, sessionCookieOptions(req));
    this.pages.redirect(res, next);
  }

  @BeforePasswordChange()
  @Post('logout')
  async logout(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    await this.auth.logout(req.sessionToken!);
    await this.events.record(req, { type: 'auth.logout', detail: { kind: 'web' } });
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
    this.pages.redirect(res, '/login?loggedOut=1');
  }

  private smsHref(next: string): string | null {
    if (!this.codes.available) return null;
    return next === '/' ? '/login/sms' : `/login/sms?next=${encodeURIComponent(next)}`;
  }

  /** The sign-in form carries a random token that must come back both as a cookie and as a field. */
  private sendLogin(req: AuthedRequest, res: Response, view: LoginView, status = 200): void {
    this.pages.send(req, res, 'login', view, { section: 'login', status, csrf: anonymousCsrf(req, res) });
  }
}
