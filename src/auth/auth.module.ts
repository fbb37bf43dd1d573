import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SecondFactorService } from './second-factor.service';
import { SmsCodesService } from './sms-codes.service';
import { SmsSignInController } from './sms-sign-in.controller';
import { UsersService } from './users.service';

/** Accounts, sign-in and sessions; AuthGuard guards every route of the application (`@Public()` opts out). */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [AuthController, UsersController, SmsSignInController],
  providers: [
    AuthService,
    UsersService,
    LoginThrottleService,
    SmsCodesService,
    SecondFactorService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, SmsCodesService, SecondFactorService],
})
export class AuthModule {}
