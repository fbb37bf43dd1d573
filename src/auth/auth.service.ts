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
import { AuthSession } from './auth-session.entity';
import { LoginThrottleService } from './login-throttle.service';
import { hashToken, newToken } from './tokens';
import { toActor } from './user-view';
import { User } from './user.entity';

/** How stale a session's recorded last use may get before a request writes it again. */
const LAST_USE_STEP_MS = 60_000;

export interface Authenticated {
  actor: Actor;
  token: string;
  /** An administrator chose the password (or start-up generated it): until it is changed, little else is open. */
  mustChangePassword: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
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

  async login(
    username: string,
    password: string,
    ip: string,
    kind: 'api' | 'web',
  ): Promise<{ token: string; user: User }> {
    // The attempt is counted before the compare (429 at the limit), so parallel guesses cannot outrun the count.
    const attempt = await this.throttle.reserve(username, ip);
    const user = await this.ds.getRepository(User).findOneBy({ username });
    const ok = await bcrypt.compare(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok) {
      await this.throttle.fail(username, ip);
      throw new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.throttle.succeed(attempt);
    if (user.disabled) throw new AppError(401, 'ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员');
    const token = newToken();
    const now = this.clock.now();
    await this.ds.getRepository(AuthSession).insert({
      tokenHash: hashToken(token),
      userId: user.id,
      kind,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionHours * 3600_000),
      revokedAt: null,
    });
    return { token, user };
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
    return { actor: toActor(user), token, mustChangePassword: user.mustChangePassword };
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
