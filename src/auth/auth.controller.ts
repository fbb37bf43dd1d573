import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SecurityEventsService } from '../audit/security-events.service';
import { Actor } from '../common/actor';
import { BeforePasswordChange, CurrentUser, Public, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { ChangePasswordDto, CreateUserDto, LoginDto, UpdateUserDto, UserQuery } from './auth.dto';
import type { AuthedRequest } from './auth.guard';
import { AuthService } from './auth.service';
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
    const { token, user } = await this.events.signIn(req, dto.username, 'api', () =>
      this.auth.login(dto.username, dto.password, req.ip ?? 'unknown', 'api'),
    );
    return { accessToken: token, user: toActor(user), mustChangePassword: user.mustChangePassword };
  }

  @ApiBearerAuth()
  @BeforePasswordChange()
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
  ) {}

  @BeforePasswordChange()
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
