import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SecurityEventsService } from '../audit/security-events.service';
import { Actor } from '../common/actor';
import { BeforePasswordChange, CurrentUser, Public, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { ChangePasswordDto, CreateUserDto, LoginDto, SecondFactorCodeDto, UpdateUserDto, UserQuery } from './auth.dto';
import type { AuthedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { BeforeSecondFactor } from './second-factor.decorators';
import { SecondFactorService } from './second-factor.service';
import { toActor } from './user-view';
import { UsersService } from './users.service';

@ApiTags('账号')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly events: SecurityEventsService,
  ) {}

  /** Records `auth.login`, `auth.login_failed` (the name tried) or `auth.locked` (429) as a security event. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: AuthedRequest) {
    const { token, user, secondFactor, usedRecovery } = await this.events.signIn(req, dto.username, 'api', () =>
      this.auth.login(dto.username, dto.password, req.ip ?? 'unknown', 'api', dto.code, {
        sendSmsCode: dto.sendSmsCode,
      }),
    );
    if (usedRecovery) {
      await this.events.record(req, { type: 'auth.recovery_used', userId: user.id, username: user.username });
    }
    return {
      accessToken: token,
      user: toActor(user),
      mustChangePassword: user.mustChangePassword,
      /** True: the token can only set up the second factor (`/users/me/second-factor/setup`, `…/confirm`). */
      secondFactorSetupRequired: secondFactor === 'setup',
    };
  }

  @ApiBearerAuth()
  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: AuthedRequest): Promise<void> {
    await this.auth.logout(req.sessionToken!);
    await this.events.record(req, { type: 'auth.logout', detail: { kind: 'api' } });
  }
}

@ApiTags('账号')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly factor: SecondFactorService,
    private readonly events: SecurityEventsService,
  ) {}

  /** A new TOTP secret for the signed-in account (not yet asked for at sign-in): the QR code and the text. */
  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Post('me/second-factor/setup')
  @HttpCode(200)
  setupSecondFactor(@CurrentUser() actor: Actor) {
    return this.factor.setup(actor);
  }

  /** A code from the app turns the factor on; the session becomes a full one. The recovery codes are shown only now. */
  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Post('me/second-factor/confirm')
  @HttpCode(200)
  async confirmSecondFactor(
    @CurrentUser() actor: Actor,
    @Body() dto: SecondFactorCodeDto,
    @Req() req: AuthedRequest,
  ): Promise<{ recoveryCodes: string[] }> {
    const recoveryCodes = await this.factor.confirm(actor, req.sessionToken!, dto.code);
    await this.events.record(req, { type: 'auth.factor_enrolled' });
    return { recoveryCodes };
  }

  /** Ten new recovery codes (the old ones stop working), given a current code from the app. */
  @Post('me/second-factor/recovery-codes')
  @HttpCode(200)
  async regenerateRecoveryCodes(@CurrentUser() actor: Actor, @Body() dto: SecondFactorCodeDto) {
    return { recoveryCodes: await this.factor.regenerateRecoveryCodes(actor, dto.code) };
  }

  /** An administrator takes a user's second factor off (a lost phone): the user's sessions end; they enrol again. */
  @Roles('admin')
  @Post(':id/second-factor/reset')
  @HttpCode(204)
  async resetSecondFactor(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Req() req: AuthedRequest,
  ): Promise<void> {
    await this.factor.reset(actor, id);
    await this.events.record(req, { type: 'auth.factor_reset', detail: { userId: id } });
  }

  @BeforePasswordChange()
  @BeforeSecondFactor('setup')
  @Get('me')
  getMe(@CurrentUser() actor: Actor) {
    return this.users.get(actor.id);
  }

  @BeforePasswordChange()
  @Post('me/password')
  @HttpCode(204)
  async changeMyPassword(
    @CurrentUser() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: AuthedRequest,
  ): Promise<void> {
    await this.auth.changePassword(actor, req.sessionToken!, dto.currentPassword, dto.newPassword);
  }

  @Roles('admin')
  @Get()
  listUsers(@Query() q: UserQuery) {
    return this.users.list(q);
  }

  @Roles('admin')
  @Post()
  createUser(@CurrentUser() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Roles('admin')
  @Get(':id')
  getUser(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  updateUser(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
