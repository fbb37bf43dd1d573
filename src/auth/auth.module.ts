import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SecondFactorService } from './second-factor.service';
import { UsersService } from './users.service';

/** Accounts, sign-in and sessions; AuthGuard guards every route of the application (`@Public()` opts out). */
@Module({
  imports: [AuditModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    LoginThrottleService,
    SecondFactorService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, SecondFactorService],
})
export class AuthModule {}
