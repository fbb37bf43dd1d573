import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SecurityEventsService } from '../../audit/security-events.service';
import { LoginDto, SecondFactorCodeDto } from '../../auth/auth.dto';
import type { AuthedRequest } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { BeforeSecondFactor } from '../../auth/second-factor.decorators';
import { SecondFactorService } from '../../auth/second-factor.service';
import { SmsCodesService } from '../../auth/sms-codes.service';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from '../../auth/tokens';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { BeforePasswordChange, CurrentUser, Public } from '../../common/auth.decorators';
import { formState, FormSpec, submitForm, withErrors } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { anonymousCsrf, safeNext, sessionCookieOptions, WebPages } from '../kit/web-pages';
import type { SecondFactorSetupView, SecondFactorVerifyView } from './second-factor-views';
import type { LoginView } from './views';

const LOGIN_FORM: FormSpec = { username: 'text', password: 'secret' };
const CODE_FORM: FormSpec = { code: 'text' };

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
    private readonly factor: SecondFactorService,
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
    // A password alone is half a sign-in for the roles of XS_SECOND_FACTOR_ROLES: the code next, or enrolment.
    const step = outcome.result.secondFactor;
    const then = next && next !== '/' ? `?next=${encodeURIComponent(next)}` : '';
    if (step === 'verify') return this.pages.redirect(res, `/login/second-factor${then}`);
    if (step === 'setup') return this.pages.redirect(res, '/account/second-factor');
    this.pages.redirect(res, next);
  }

  /** 两步验证: the 6-digit code of the app, or (`?recovery=1`) one recovery code. */
  @BeforePasswordChange()
  @BeforeSecondFactor('verify')
  @Get('login/second-factor')
  async showVerify(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    if (req.secondFactor !== 'verify') return this.pages.redirect(res, '/');
    await this.sendVerify(req, res, {
      form: formState(),
      next: safeNext(query.next),
      recovery: query.recovery === '1',
    });
  }

  /** 改用短信验证码: the code goes by SMS to the account's number (where SMS is configured); typed on the same form. */
  @BeforePasswordChange()
  @BeforeSecondFactor('verify')
  @Post('login/second-factor/sms')
  async sendFactorCode(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (req.secondFactor !== 'verify') return this.pages.redirect(res, '/');
    const next = safeNext(body.next);
    try {
      const sent = await this.auth.sendFactorCode(req.sessionToken!, req.ip ?? 'unknown');
      await this.events.record(req, { type: 'auth.code_sent', detail: { kind: 'web', purpose: 'factor' } });
      await this.sendVerify(req, res, { form: formState(), next, recovery: false, smsSentTo: sent.sentTo });
    } catch (e) {
      // Not offered (409), too soon (429) or not sent (503): said on the step, which still takes the app's code.
      if (!(e instanceof AppError) || ![409, 429, 503].includes(e.statusCode)) throw e;
      if (e.details?.retryAfterSeconds) res.setHeader('Retry-After', String(e.details.retryAfterSeconds));
      const form = withErrors(formState(), CODE_FORM, {}, [e.message]);
      await this.sendVerify(req, res, { form, next, recovery: false }, e.statusCode);
    }
  }

  @BeforePasswordChange()
  @BeforeSecondFactor('verify')
  @Post('login/second-factor')
  async verify(@Req() req: AuthedRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    if (req.secondFactor !== 'verify') return this.pages.redirect(res, '/');
    const next = safeNext(body.next);
    const recovery = body.recovery === '1';
    const outcome = await submitForm(SecondFactorCodeDto, CODE_FORM, body, (dto) =>
      this.auth.verifySession(req.sessionToken!, dto.code, req.ip ?? 'unknown'),
    );
    if (!outcome.ok) {
      // A wrong code is a failed sign-in of a known account; at the throttle's limit, 429.
      await this.events.record(req, {
        type: outcome.status === 429 ? 'auth.locked' : 'auth.factor_failed',
        detail: { kind: 'web' },
      });
      if (outcome.retryAfter) res.setHeader('Retry-After', String(outcome.retryAfter));
      return this.sendVerify(req, res, { form: outcome.form, next, recovery }, outcome.status);
    }
    await this.events.record(req, { type: 'auth.login', detail: { kind: 'web', secondFactor: true } });
    if (outcome.result.usedRecovery) await this.events.record(req, { type: 'auth.recovery_used' });
    this.pages.redirect(res, next);
  }

  /** Enrolment: the QR code and the secret as text, and the code that turns the factor on. */
  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Get('account/second-factor')
  async showSetup(@CurrentUser() actor: Actor, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    if (await this.factor.enabled(actor.id)) return this.sendSetup(req, res, { stage: 'enabled', form: formState() });
    const setup = await this.factor.setup(actor);
    this.sendSetup(req, res, { stage: 'setup', form: formState(), setup, required: req.secondFactor === 'setup' });
  }

  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Post('account/second-factor')
  async confirmSetup(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await submitForm(SecondFactorCodeDto, CODE_FORM, body, (dto) =>
      this.factor.confirm(actor, req.sessionToken!, dto.code),
    );
    if (!outcome.ok) {
      // A wrong code: a new secret is shown (the page holds none), so the person scans again.
      const setup = await this.factor.setup(actor);
      const view = { stage: 'setup' as const, form: outcome.form, setup, required: req.secondFactor === 'setup' };
      return this.sendSetup(req, res, view, outcome.status);
    }
    await this.events.record(req, { type: 'auth.factor_enrolled', detail: { kind: 'web' } });
    this.sendSetup(req, res, { stage: 'codes', form: formState(), recoveryCodes: outcome.result });
  }

  /** New recovery codes (the old ones stop working), for the code of the app: shown once, as at enrolment. */
  @Post('account/second-factor/recovery-codes')
  async regenerateRecoveryCodes(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (!(await this.factor.enabled(actor.id))) return this.pages.redirect(res, '/account/second-factor');
    const outcome = await submitForm(SecondFactorCodeDto, CODE_FORM, body, (dto) =>
      this.factor.regenerateRecoveryCodes(actor, dto.code),
    );
    if (!outcome.ok) return this.sendSetup(req, res, { stage: 'enabled', form: outcome.form }, outcome.status);
    this.sendSetup(req, res, { stage: 'codes', form: formState(), recoveryCodes: outcome.result, renewed: true });
  }

  @BeforePasswordChange()
  @BeforeSecondFactor('setup', 'verify')
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

  private async sendVerify(
    req: AuthedRequest,
    res: Response,
    view: Omit<SecondFactorVerifyView, 'smsTo'>,
    status = 200,
  ): Promise<void> {
    const smsTo = await this.auth.smsFactorFor(req.sessionToken!);
    this.pages.send(req, res, 'login-second-factor', { ...view, smsTo }, { section: 'login', status });
  }

  private sendSetup(req: AuthedRequest, res: Response, view: SecondFactorSetupView, status = 200): void {
    this.pages.send(req, res, 'account/second-factor', view, { section: 'account', status });
  }

  /** The sign-in form carries a random token that must come back both as a cookie and as a field. */
  private sendLogin(req: AuthedRequest, res: Response, view: LoginView, status = 200): void {
    this.pages.send(req, res, 'login', view, { section: 'login', status, csrf: anonymousCsrf(req, res) });
  }
}
