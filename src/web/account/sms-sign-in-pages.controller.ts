import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SecurityEventsService } from '../../audit/security-events.service';
import type { AuthedRequest } from '../../auth/auth.guard';
import { SmsCodesService } from '../../auth/sms-codes.service';
import { PasswordResetDto, RequestSmsCodeDto, SmsLoginDto } from '../../auth/sms-sign-in.dto';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from '../../auth/tokens';
import { Public } from '../../common/auth.decorators';
import { maskMobile } from '../../notifications/notice-settings.service';
import { FormSpec, formState, FormState, submitForm } from '../kit/forms';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { anonymousCsrf, safeNext, sessionCookieOptions, WebPages } from '../kit/web-pages';
import type { SmsSignInView } from './views';

const SEND_FORM: FormSpec = { mobile: 'text', purpose: 'text' };
const LOGIN_FORM: FormSpec = { mobile: 'text', code: 'text' };
const RESET_FORM: FormSpec = { mobile: 'text', code: 'text', newPassword: 'secret' };

type Mode = SmsSignInView['mode'];

/**
 * 短信验证码登录 and 忘记密码 (重置): a number, 获取验证码, the code (and a new password). Both steps are one form, so it
 * works without script; the limits and refusals of the API come back on the page.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('login')
export class SmsSignInPagesController {
  constructor(
    private readonly codes: SmsCodesService,
    private readonly events: SecurityEventsService,
    private readonly pages: WebPages,
  ) {}

  @Public()
  @Get('sms')
  showSmsLogin(@Req() req: AuthedRequest, @Res() res: Response, @Query('next') next?: string): void {
    if (req.user) return this.pages.redirect(res, safeNext(next));
    this.send(req, res, 'login', formState({ mobile: '' }), safeNext(next), null);
  }

  @Public()
  @Get('reset')
  showReset(@Req() req: AuthedRequest, @Res() res: Response): void {
    this.send(req, res, 'reset', formState({ mobile: '' }), '/', null);
  }

  @Public()
  @Post('sms')
  async smsLogin(
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const next = safeNext(body.next);
    if (body.action === 'send') return this.sendCode(req, res, 'login', body, next);
    const outcome = await submitForm(
      SmsLoginDto,
      LOGIN_FORM,
      body,
      (dto) =>
        this.events.signIn(req, maskMobile(dto.mobile), 'web', () => this.codes.signIn(dto.mobile, dto.code, 'web')),
      { generalField: 'code' },
    );
    if (!outcome.ok) return this.send(req, res, 'login', outcome.form, next, null, outcome.status);
    res.cookie(SESSION_COOKIE, outcome.result.token, sessionCookieOptions(req));
    res.clearCookie(LOGIN_CSRF_COOKIE, sessionCookieOptions(req));
    this.pages.redirect(res, next);
  }

  @Public()
  @Post('reset')
  async reset(@Req() req: AuthedRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    if (body.action === 'send') return this.sendCode(req, res, 'reset', body, '/');
    const outcome = await submitForm(
      PasswordResetDto,
      RESET_FORM,
      body,
      async (dto) => {
        const user = await this.codes.resetPassword(dto.mobile, dto.code, dto.newPassword);
        await this.events.record(req, {
          type: 'auth.password_reset',
          userId: user.id,
          username: user.username,
          detail: { by: 'sms' },
        });
      },
      { generalField: 'code' },
    );
    if (!outcome.ok) return this.send(req, res, 'reset', outcome.form, '/', null, outcome.status);
    this.pages.redirect(res, '/login?reset=1');
  }

  private async sendCode(req: AuthedRequest, res: Response, mode: Mode, body: Record<string, unknown>, next: string) {
    const outcome = await submitForm(
      RequestSmsCodeDto,
      SEND_FORM,
      { ...body, purpose: mode },
      async (dto) => {
        const sent = await this.codes.request(dto.mobile, mode, req.ip ?? 'unknown');
        await this.events.record(req, {
          type: 'auth.code_sent',
          userId: null,
          username: sent.sentTo,
          detail: { purpose: mode },
        });
        return sent;
      },
      { generalField: 'mobile' },
    );
    if (!outcome.ok) {
      if (outcome.retryAfter) res.setHeader('Retry-After', String(outcome.retryAfter));
      return this.send(req, res, mode, outcome.form, next, null, outcome.status);
    }
    this.send(req, res, mode, formState({ mobile: String(body.mobile ?? '').trim() }), next, outcome.result.sentTo);
  }

  private send(
    req: AuthedRequest,
    res: Response,
    mode: Mode,
    form: FormState,
    next: string,
    sentTo: string | null,
    status = 200,
  ): void {
    this.pages.send(
      req,
      res,
      'login-sms',
      {
        mode,
        form,
        next,
        sentTo,
        available: this.codes.available,
        action: mode === 'login' ? '/login/sms' : '/login/reset',
      },
      { section: 'login', status, csrf: anonymousCsrf(req, res) },
    );
  }
}
