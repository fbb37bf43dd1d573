import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SecurityEventsService } from '../audit/security-events.service';
import { Public } from '../common/auth.decorators';
import { maskMobile } from '../notifications/notice-settings.service';
import type { AuthedRequest } from './auth.guard';
import { SmsCodesService } from './sms-codes.service';
import { PasswordResetDto, RequestSmsCodeDto, SmsCodeSent, SmsLoginDto } from './sms-sign-in.dto';
import { toActor } from './user-view';

/**
 * Sign-in and password reset by SMS code, for members and unit accounts with a mobile on record (staff and
 * administrators sign in with a password and a second factor). Every step is a security event.
 */
@ApiTags('账号')
@Controller('api/v1/auth')
export class SmsSignInController {
  constructor(
    private readonly codes: SmsCodesService,
    private readonly events: SecurityEventsService,
  ) {}

  /** 202 whether or not the number has an account: the answer tells nobody which numbers are registered. */
  @Public()
  @Post('sms-code')
  @HttpCode(202)
  @ApiOkResponse({ type: SmsCodeSent })
  async requestSmsCode(@Body() dto: RequestSmsCodeDto, @Req() req: AuthedRequest): Promise<SmsCodeSent> {
    const sent = await this.codes.request(dto.mobile, dto.purpose, req.ip ?? 'unknown');
    await this.events.record(req, {
      type: 'auth.code_sent',
      userId: null,
      username: maskMobile(dto.mobile),
      detail: { purpose: dto.purpose },
    });
    return sent;
  }

  @Public()
  @Post('login/sms')
  @HttpCode(200)
  async loginBySms(@Body() dto: SmsLoginDto, @Req() req: AuthedRequest) {
    const { token, user } = await this.events.signIn(req, maskMobile(dto.mobile), 'api', () =>
      this.codes.signIn(dto.mobile, dto.code, 'api'),
    );
    return { accessToken: token, user: toActor(user), mustChangePassword: user.mustChangePassword };
  }

  @Public()
  @Post('password-reset')
  @HttpCode(204)
  async resetPasswordBySms(@Body() dto: PasswordResetDto, @Req() req: AuthedRequest): Promise<void> {
    const user = await this.codes.resetPassword(dto.mobile, dto.code, dto.newPassword).catch(async (e: unknown) => {
      await this.events.record(req, {
        type: 'auth.code_failed',
        userId: null,
        username: maskMobile(dto.mobile),
        detail: { purpose: 'reset' },
      });
      throw e;
    });
    await this.events.record(req, {
      type: 'auth.password_reset',
      userId: user.id,
      username: user.username,
      detail: { by: 'sms' },
    });
  }
}
