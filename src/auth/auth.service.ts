import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { passwordProblems } from '../common/password-policy';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { maskMobile } from '../notifications/notice-settings.service';
import { AuthSession } from './auth-session.entity';
import { LoginAttempt, LoginThrottleService } from './login-throttle.service';
import { SecondFactorService } from './second-factor.service';
import { SmsCodesService } from './sms-codes.service';
import type { SmsCodeSent } from './sms-sign-in.dto';
import { hashToken, newToken } from './tokens';
import { toActor } from './user-view';
import { User } from './user.entity';

/** How stale a session's recorded last use may get before a request writes it again. */
const LAST_USE_STEP_MS = 60_000;

/** 401 of an API sign-in of an enrolled account without `code`: no token is given. */
export const SECOND_FACTOR_MISSING = 'SECOND_FACTOR_REQUIRED';
/** 401 of a wrong (or already used) second-factor code: counted as a failed login. */
export const INVALID_SECOND_FACTOR = 'INVALID_SECOND_FACTOR';

export interface Authenticated {
  actor: Actor;
  token: string;
  /** An administrator chose the password (or start-up generated it): until it is changed, little else is open. */
  mustChangePassword: boolean;
  /** The step of the second factor the session still lacks ('setup', 'verify'), or null. */
  secondFactor: 'setup' | 'verify' | null;
}

export interface SignedIn {
  token: string;
  user: User;
  /** 'setup': the account must enrol before anything else; 'verify': a page session awaiting the code. */
  secondFactor: 'setup' | 'verify' | null;
  /** The second factor was a recovery code (recorded as `auth.recovery_used`). */
  usedRecovery: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
    private readonly factor: SecondFactorService,
    private readonly codes: SmsCodesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dummyHash = bcrypt.hashSync('not-a-password', config.bcryptRounds);
  }

  /**
   * What a password is compared against when the user name does not exist: a hash of the configured cost, made
   * once at start-up, so an unknown name takes as long as a wrong password and timing does not tell which exist.
   */
  private readonly dummyHash: string;

  hashPassword(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptRounds);
  }

  /**
   * Password, then — for an account of XS_SECOND_FACTOR_ROLES — the second factor. Not yet enrolled: a session
   * that can only enrol ('setup'). Enrolled, no code: the API answers 401 SECOND_FACTOR_REQUIRED (no token), the
   * pages get a session that can only type the code ('verify'). A wrong code counts as a failed login, so guessing
   * codes locks the account as guessing passwords does.
   */
  async login(
    username: string,
    password: string,
    ip: string,
    kind: 'api' | 'web',
    code?: string,
    { sendSmsCode = false } = {},
  ): Promise<SignedIn> {
    // The attempt is counted before the compare (429 at the limit), so parallel guesses cannot outrun the count.
    const attempt = await this.throttle.reserve(username, ip);
    const user = await this.ds.getRepository(User).findOneBy({ username });
    const ok = await bcrypt.compare(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok) {
      await this.throttle.fail(username, ip);
      throw new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    if (user.disabled) {
      await this.throttle.succeed(attempt);
      throw new AppError(401, 'ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员');
    }
    const { secondFactor, usedRecovery } = this.factor.required(user)
      ? await this.secondStep(user, ip, kind, attempt, code, sendSmsCode)
      : { secondFactor: null, usedRecovery: false };
    await this.throttle.succeed(attempt);
    return { token: await this.openSession(user.id, kind, secondFactor), user, secondFactor, usedRecovery };
  }

  /**
   * The second factor of a right password: enrol first ('setup'); no code — the API answers 401 (texting a code when
   * asked), the pages get a 'verify' session; a code — checked, a wrong one counted as a failed login.
   */
  private async secondStep(
    user: User,
    ip: string,
    kind: 'api' | 'web',
    attempt: LoginAttempt,
    code: string | undefined,
    sendSmsCode: boolean,
  ): Promise<Pick<SignedIn, 'secondFactor' | 'usedRecovery'>> {
    if (!(await this.factor.enabled(user.id))) return { secondFactor: 'setup', usedRecovery: false };
    if (!code && kind === 'web') return { secondFactor: 'verify', usedRecovery: false };
    if (!code) {
      await this.throttle.succeed(attempt);
      // Asked for: the code goes by SMS to the account's number, and the client signs in again with it.
      const sent = sendSmsCode ? await this.codes.requestFactorCode(user, ip) : undefined;
      if (!sent) throw new AppError(401, SECOND_FACTOR_MISSING, '请输入两步验证码（验证器中的 6 位数字）或恢复码');
      throw new AppError(401, SECOND_FACTOR_MISSING, `验证码已发送至 ${sent.sentTo}，请以 code 提交`, {
        smsCode: sent,
      });
    }
    const how = await this.checkFactor(user, code);
    if (!how) {
      await this.throttle.fail(user.username, ip);
      throw new AppError(401, INVALID_SECOND_FACTOR, '两步验证码不正确或已使用');
    }
    return { secondFactor: null, usedRecovery: how === 'recovery' };
  }

  /** The app's code, a recovery code, or (where SMS is configured) the code texted for this sign-in. */
  private async checkFactor(user: User, code: string): Promise<'totp' | 'recovery' | 'sms' | null> {
    const how = await this.factor.check(user.id, code);
    if (how) return how;
    return (await this.codes.redeemFactorCode(user, code)) ? 'sms' : null;
  }

  /** The pages' 两步验证 step asks for the code by SMS instead of the app's. */
  async sendFactorCode(token: string, ip: string): Promise<SmsCodeSent> {
    const { user } = await this.verifying(token);
    return this.codes.requestFactorCode(user, ip);
  }

  /** Whether the pages' 两步验证 step offers a code by SMS: configured, and a number on the account. */
  async smsFactorFor(token: string): Promise<string | null> {
    if (!this.codes.available) return null;
    const session = await this.ds.getRepository(AuthSession).findOneBy({ tokenHash: hashToken(token) });
    const user = session && (await this.ds.getRepository(User).findOneBy({ id: session.userId }));
    return user?.mobile ? maskMobile(user.mobile) : null;
  }

  /**
   * The code typed on the pages' 两步验证 step, for a session whose password was right: counted by the login
   * throttle like a password; right, the session becomes a full one.
   */
  async verifySession(token: string, code: string, ip: string): Promise<{ user: User; usedRecovery: boolean }> {
    const { session, user } = await this.verifying(token);
    const attempt = await this.throttle.reserve(user.username, ip);
    const how = await this.checkFactor(user, code);
    if (!how) {
      await this.throttle.fail(user.username, ip);
      throw AppError.invalid({ code: ['两步验证码不正确或已使用'] }, '两步验证码不正确或已使用');
    }
    await this.throttle.succeed(attempt);
    await this.ds.getRepository(AuthSession).update({ id: session.id }, { secondFactor: null });
    return { user, usedRecovery: how === 'recovery' };
  }

  /** A page session at the 两步验证 step (password right, code still owed) and its account. */
  private async verifying(token: string): Promise<{ session: AuthSession; user: User }> {
    const session = await this.ds
      .getRepository(AuthSession)
      .findOneByOrFail({ tokenHash: hashToken(token), secondFactor: 'verify', revokedAt: IsNull() });
    return { session, user: await this.ds.getRepository(User).findOneByOrFail({ id: session.userId }) };
  }

  private async openSession(userId: number, kind: 'api' | 'web', secondFactor: SignedIn['secondFactor']) {
    const token = newToken();
    const now = this.clock.now();
    await this.ds.getRepository(AuthSession).insert({
      tokenHash: hashToken(token),
      userId,
      kind,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionHours * 3600_000),
      revokedAt: null,
      secondFactor,
    });
    return token;
  }

  /**
   * The signed-in user behind a token, or null when the token is unknown, expired, revoked or its account
   * disabled, or — a page session — unused for longer than `XS_SESSION_IDLE_MINUTES`. The last use is written
   * at most once a minute, not on every request.
   */
  async authenticate(token: string, kind: 'api' | 'web'): Promise<Authenticated | null> {
    if (!token || token.length > 100) return null;
    const session = await this.ds
      .getRepository(AuthSession)
      .findOneBy({ tokenHash: hashToken(token), kind, revokedAt: IsNull() });
    const now = this.clock.now().getTime();
    if (!session || session.expiresAt.getTime() <= now) return null;
    const lastUsed = (session.lastUsedAt ?? session.createdAt).getTime();
    if (kind === 'web' && now - lastUsed > this.config.sessionIdleMinutes * 60_000) return null;
    const user = await this.ds.getRepository(User).findOneBy({ id: session.userId });
    if (!user || user.disabled) return null;
    if (now - lastUsed > LAST_USE_STEP_MS) {
      await this.ds.getRepository(AuthSession).update({ id: session.id }, { lastUsedAt: new Date(now) });
    }
    return {
      actor: toActor(user),
      token,
      mustChangePassword: user.mustChangePassword,
      secondFactor: session.secondFactor ?? null,
    };
  }

  async logout(token: string): Promise<void> {
    await this.ds.getRepository(AuthSession).update({ tokenHash: hashToken(token) }, { revokedAt: this.clock.now() });
  }

  /** A user changes their own password; their other sessions end. */
  async changePassword(
    actor: Actor,
    currentToken: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: actor.id });
    if (!(await bcrypt.compare(currentPassword, user.passwordHash))) {
      throw AppError.invalid({ currentPassword: ['当前密码不正确'] }, '当前密码不正确');
    }
    const problems = passwordProblems(newPassword, user.username);
    if (newPassword === currentPassword) problems.push('新密码不能与当前密码相同');
    if (problems.length) throw AppError.invalid({ newPassword: problems }, problems[0]);
    const passwordHash = await this.hashPassword(newPassword);
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      await em.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now, mustChangePassword: false });
      await em
        .createQueryBuilder()
        .update(AuthSession)
        .set({ revokedAt: now })
        .where('userId = :id AND tokenHash <> :keep AND revokedAt IS NULL', {
          id: user.id,
          keep: hashToken(currentToken),
        })
        .execute();
      await this.audit.record(em, { actor, action: 'user.change_password', entityType: 'user', entityId: user.id });
    });
  }
}
