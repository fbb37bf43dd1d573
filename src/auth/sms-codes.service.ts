import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { passwordProblems } from '../common/password-policy';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { NOTICE_CHANNELS, NoticeChannels } from '../notifications/notice-channels';
import { maskMobile } from '../notifications/notice-settings.service';
import type { SmsChannel } from '../notifications/sms/sms-channel';
import { AuthSession } from './auth-session.entity';
import { SmsCode, SmsCodePurpose } from './sms-code.entity';
import { SmsCodeSent } from './sms-sign-in.dto';
import { hashToken, newToken } from './tokens';
import { toActor } from './user-view';
import { User } from './user.entity';
import { atomically, secondsLeft, takeSlot, WindowLimit } from './window-counter';

const CODE_TTL_MS = 5 * 60_000;
const MAX_TRIES = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Roles that sign in with a password and a second factor, never by SMS code alone. */
const PASSWORD_ONLY_ROLES = ['admin', 'staff'];

/** How often codes may be asked for: per number once a minute and 5 an hour, per address 20 an hour. */
const limitsFor = (mobile: string, ip: string): WindowLimit[] => [
  { key: `sms:m1:${mobile}`, limit: 1, windowMs: MINUTE },
  { key: `sms:mh:${mobile}`, limit: 5, windowMs: HOUR },
  { key: `sms:ip:${ip}`.slice(0, 120), limit: 20, windowMs: HOUR },
];

/** The answer to a request for a code: the same whether a code was made or not. */
const sentAnswer = (mobile: string): SmsCodeSent => ({
  sentTo: maskMobile(mobile),
  expiresInSeconds: CODE_TTL_MS / 1000,
  resendAfterSeconds: 60,
});

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

export interface CodeSignIn {
  token: string;
  user: User;
}

/**
 * Sign-in and password reset by SMS code (issue 19) for members and unit accounts with a mobile on record. A code
 * is asked for, sent by the configured SMS provider (sent in the request: the person is waiting for it), and used
 * once. The answer to a request is the same whether the number has an account or not, so it tells nobody which
 * numbers are registered; the limits hold per number and per address under bursts (one conditional UPDATE each).
 */
@Injectable()
export class SmsCodesService {
  private readonly logger = new Logger('SmsCodes');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this install can send codes (XS_SMS_PROVIDER set): the sign-in page offers the way only then. */
  get available(): boolean {
    return !!this.channels.sms?.configured;
  }

  async request(mobile: string, purpose: SmsCodePurpose, ip: string): Promise<SmsCodeSent> {
    const sms = this.smsOrRefuse('本系统未开通短信验证码，请使用用户名和密码登录');
    await this.takeSlots(mobile, ip);
    const user = await this.ds.getRepository(User).findOneBy({ mobile });
    if (!user || user.disabled || user.roles.some((r) => PASSWORD_ONLY_ROLES.includes(r))) return sentAnswer(mobile);
    return this.issue(sms, user, mobile, purpose);
  }

  /**
   * A code for the second factor (XS_SECOND_FACTOR_ROLES, where SMS is configured): sent to the account's own number
   * after its password was right, in place of the app's code. The same limits per number and address.
   */
  async requestFactorCode(user: User, ip: string): Promise<SmsCodeSent> {
    const sms = this.smsOrRefuse('本系统未开通短信验证码，请使用验证器中的验证码');
    if (!user.mobile)
      throw new AppError(
        409,
        'NO_MOBILE',
        '您的账号没有登记手机号码，请使用验证器中的验证码，或请系统管理员登记手机号码',
      );
    await this.takeSlots(user.mobile, ip);
    return this.issue(sms, user, user.mobile, 'factor');
  }

  /** Whether `code` is the live second-factor code of this account (used up when it is; a wrong one spends a try). */
  async redeemFactorCode(user: User, code: string): Promise<boolean> {
    if (!user.mobile || !/^\d{6}$/.test(code)) return false;
    try {
      return (await this.redeem(user.mobile, 'factor', code)).id === user.id;
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_SMS_CODE') return false;
      throw e;
    }
  }

  private smsOrRefuse(message: string): SmsChannel {
    const sms = this.channels.sms as SmsChannel | null;
    if (!sms?.configured) throw new AppError(409, 'SMS_NOT_AVAILABLE', message);
    return sms;
  }

  /** One use of each limit of the number and the address, or 429 with the wait. */
  private async takeSlots(mobile: string, ip: string): Promise<void> {
    const now = this.clock.now();
    for (const limit of limitsFor(mobile, ip)) {
      if (!(await atomically(this.ds, this.tx, (em) => takeSlot(em, limit, now)))) {
        const retryAfter = await secondsLeft(this.ds, limit, now);
        const message =
          limit.windowMs === MINUTE
            ? `验证码已发送，请 ${retryAfter} 秒后再重新获取`
            : `获取验证码过于频繁，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`;
        throw new AppError(429, 'SMS_CODE_THROTTLED', message, { retryAfterSeconds: retryAfter });
      }
    }
  }

  /** Makes a code for the account, keeps its salted hash, and texts it; a text that fails voids the code (503). */
  private async issue(sms: SmsChannel, user: User, mobile: string, purpose: SmsCodePurpose): Promise<SmsCodeSent> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const row = await this.tx.run((em) =>
      em.save(SmsCode, {
        mobile,
        purpose,
        userId: user.id,
        codeHash: hashCode(salt, code),
        salt,
        attempts: 0,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        consumedAt: null,
        createdAt: now,
      }),
    );
    try {
      await sms.sendCode(mobile, code);
    } catch (e) {
      await atomically(this.ds, this.tx, (em) => em.update(SmsCode, { id: row.id }, { consumedAt: now }));
      this.logger.warn(`验证码短信发送失败（${maskMobile(mobile)}）：${(e as Error).message}`);
      throw new AppError(503, 'SMS_SEND_FAILED', '验证码短信发送失败，请稍后再试', { retryAfterSeconds: 60 });
    }
    return sentAnswer(mobile);
  }

  /** The account whose latest live code for this number and purpose is `code`; each wrong try spends one of its 5. */
  private async redeem(mobile: string, purpose: SmsCodePurpose, code: string): Promise<User> {
    const now = this.clock.now();
    const repo = this.ds.getRepository(SmsCode);
    const live = await repo.findOne({
      where: { mobile, purpose, consumedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { id: 'DESC' },
    });
    const wrong = new AppError(401, 'INVALID_SMS_CODE', '验证码错误或已失效，请核对短信中的验证码，或重新获取');
    if (!live) throw wrong;
    // A try is counted before the compare, and only while tries remain: 50 guesses at once compare 5 at most.
    const counted = await atomically(this.ds, this.tx, (em) =>
      em
        .createQueryBuilder()
        .update(SmsCode)
        .set({ attempts: () => 'attempts + 1' })
        .where('id = :id AND attempts < :max AND consumedAt IS NULL', { id: live.id, max: MAX_TRIES })
        .execute(),
    );
    if (counted.affected !== 1) throw wrong;
    const given = Buffer.from(hashCode(live.salt, code), 'hex');
    if (!timingSafeEqual(given, Buffer.from(live.codeHash, 'hex'))) throw wrong;
    const used = await atomically(this.ds, this.tx, (em) =>
      em
        .createQueryBuilder()
        .update(SmsCode)
        .set({ consumedAt: now })
        .where('id = :id AND consumedAt IS NULL', { id: live.id })
        .execute(),
    );
    if (used.affected !== 1) throw wrong;
    const user = await this.ds.getRepository(User).findOneBy({ id: live.userId });
    if (!user || user.disabled || user.mobile !== mobile) throw wrong;
    return user;
  }

  async signIn(mobile: string, code: string, kind: 'api' | 'web'): Promise<CodeSignIn> {
    const user = await this.redeem(mobile, 'login', code);
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

  /** A new password by SMS code: every session of the account ends; audited. */
  async resetPassword(mobile: string, code: string, newPassword: string): Promise<User> {
    // Checked before the code is spent, so a password refused by the rules can be fixed with the same code.
    const holder = await this.ds.getRepository(User).findOneBy({ mobile });
    const problems = passwordProblems(newPassword, holder?.username);
    if (problems.length) throw AppError.invalid({ newPassword: problems }, problems[0]);
    const user = await this.redeem(mobile, 'reset', code);
    const passwordHash = await bcrypt.hash(newPassword, this.config.bcryptRounds);
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      await em.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now, mustChangePassword: false });
      await em.update(AuthSession, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      await this.audit.record(em, {
        actor: toActor(user),
        action: 'user.reset_password_by_sms',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return user;
  }
}
