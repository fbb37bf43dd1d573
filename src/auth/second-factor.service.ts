import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI } from 'otplib';
import * as QRCode from 'qrcode';
import { DataSource, In, IsNull } from 'typeorm';
import { resolveAuditKey } from '../audit/audit-key';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ORGANIZATION, Organization } from '../config/organization';
import { Tx } from '../database/tx';
import { AuthSession } from './auth-session.entity';
import {
  asTotpCode,
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchStep,
  newRecoveryCodes,
  secretKeyFrom,
  TOTP_PERIOD_S,
} from './second-factor.crypto';
import { UserSecondFactor } from './second-factor.entity';
import { hashToken } from './tokens';
import { User } from './user.entity';

export interface SecondFactorSetup {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/**
 * TOTP second factor (等保三级 两种鉴别方式, docs/design/second-factor.md): enrolment, the check at sign-in (a code
 * or a recovery code, each used once), recovery codes, the administrator's reset.
 */
@Injectable()
export class SecondFactorService {
  private readonly key: Buffer;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {
    // The same key the audit chain uses (made on first start when not configured); HKDF gives this use its own.
    this.key = secretKeyFrom(resolveAuditKey(config.audit, { create: true })!);
  }

  /** Whether the account holds a role that signs in with a second factor (XS_SECOND_FACTOR_ROLES). */
  required(user: { roles: readonly string[] }): boolean {
    return user.roles.some((r) => (this.config.secondFactorRoles as string[]).includes(r));
  }

  private row(userId: number): Promise<UserSecondFactor | null> {
    return this.ds.getRepository(UserSecondFactor).findOneBy({ userId });
  }

  async enabled(userId: number): Promise<boolean> {
    return !!(await this.row(userId))?.enabledAt;
  }

  /** A new secret, not yet asked for at sign-in: shown as a QR code and as text. Refused once the factor is on. */
  async setup(actor: Actor): Promise<SecondFactorSetup> {
    const existing = await this.row(actor.id);
    if (existing?.enabledAt)
      throw AppError.conflict('SECOND_FACTOR_ENABLED', '两步验证已启用；如需更换，请联系系统管理员重置');
    const secret = generateSecret();
    const fields = {
      secretCipher: encryptSecret(this.key, secret),
      enabledAt: null,
      lastStep: 0,
      recoveryHashes: '[]',
      updatedAt: this.clock.now(),
    };
    if (existing) await this.ds.getRepository(UserSecondFactor).update({ id: existing.id }, fields);
    else await this.ds.getRepository(UserSecondFactor).insert({ userId: actor.id, ...fields });
    const otpauthUri = generateURI({
      issuer: this.org.shortName,
      label: actor.username,
      secret,
      period: TOTP_PERIOD_S,
      digits: 6,
      algorithm: 'sha1',
    });
    return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 2, width: 240 }) };
  }

  /**
   * A code from the app turns the factor on: the session it came from becomes a full one, the account's other
   * sessions still at set-up end. Returns the ten recovery codes, shown this once.
   */
  async confirm(actor: Actor, sessionToken: string, code: string): Promise<string[]> {
    const row = await this.row(actor.id);
    if (!row) throw AppError.conflict('SECOND_FACTOR_NOT_SET_UP', '请先获取二维码并在验证器中添加账号');
    if (row.enabledAt) throw AppError.conflict('SECOND_FACTOR_ENABLED', '两步验证已启用');
    const typed = asTotpCode(code);
    const step = typed && matchStep(decryptSecret(this.key, row.secretCipher), typed, this.clock.now(), row.lastStep);
    if (!step) throw AppError.invalid({ code: ['验证码不正确，请输入验证器中当前显示的 6 位数字'] }, '验证码不正确');
    const codes = newRecoveryCodes();
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      await em.update(
        UserSecondFactor,
        { id: row.id },
        { enabledAt: now, lastStep: step, recoveryHashes: JSON.stringify(codes.map(hashRecoveryCode)), updatedAt: now },
      );
      await em.update(AuthSession, { tokenHash: hashToken(sessionToken), userId: actor.id }, { secondFactor: null });
      await em.update(
        AuthSession,
        { userId: actor.id, secondFactor: 'setup', revokedAt: IsNull() },
        { revokedAt: now },
      );
      await this.audit.record(em, {
        actor,
        action: 'user.second_factor_enable',
        entityType: 'user',
        entityId: actor.id,
      });
    });
    return codes;
  }

  /**
   * Checks a code typed at sign-in: six digits against the app (a step not used before), anything else against
   * the unused recovery codes (which it uses up). Each write is conditional on what was read, so two requests
   * with the same code cannot both pass. Null: wrong.
   */
  async check(userId: number, typed: string): Promise<'totp' | 'recovery' | null> {
    const row = await this.row(userId);
    if (!row?.enabledAt) return null;
    const code = asTotpCode(typed);
    if (code) {
      const step = matchStep(decryptSecret(this.key, row.secretCipher), code, this.clock.now(), row.lastStep);
      if (!step) return null;
      const result = await this.tx.run((em) =>
        em
          .createQueryBuilder()
          .update(UserSecondFactor)
          .set({ lastStep: step, updatedAt: this.clock.now() })
          .where('id = :id AND lastStep < :step', { id: row.id, step })
          .execute(),
      );
      return result.affected === 1 ? 'totp' : null;
    }
    const hashes = JSON.parse(row.recoveryHashes) as string[];
    const hash = hashRecoveryCode(typed);
    if (!hashes.includes(hash)) return null;
    const result = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(UserSecondFactor)
        .set({ recoveryHashes: JSON.stringify(hashes.filter((h) => h !== hash)), updatedAt: this.clock.now() })
        .where('id = :id AND recoveryHashes = :old', { id: row.id, old: row.recoveryHashes })
        .execute(),
    );
    return result.affected === 1 ? 'recovery' : null;
  }

  /** New recovery codes (the old ones stop working), for a user who proves the factor with a current code. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    if (!asTotpCode(code) || (await this.check(actor.id, code)) !== 'totp') {
      throw AppError.invalid({ code: ['验证码不正确，请输入验证器中当前显示的 6 位数字'] }, '验证码不正确');
    }
    const codes = newRecoveryCodes();
    await this.tx.run(async (em) => {
      await em.update(
        UserSecondFactor,
        { userId: actor.id },
        { recoveryHashes: JSON.stringify(codes.map(hashRecoveryCode)), updatedAt: this.clock.now() },
      );
      await this.audit.record(em, {
        actor,
        action: 'user.recovery_codes_regenerate',
        entityType: 'user',
        entityId: actor.id,
      });
    });
    return codes;
  }

  /** An administrator takes the factor off an account (a lost phone): its sessions end, it enrols again at next sign-in. */
  async reset(actor: Actor, userId: number): Promise<void> {
    const user = await this.ds.getRepository(User).findOneBy({ id: userId });
    if (!user) throw AppError.notFound('用户');
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      await em.delete(UserSecondFactor, { userId });
      await em.update(AuthSession, { userId, revokedAt: IsNull() }, { revokedAt: now });
      await this.audit.record(em, { actor, action: 'user.second_factor_reset', entityType: 'user', entityId: userId });
    });
  }

  /** For the admin's user list and page: which of these accounts have the factor on. */
  async enabledAmong(userIds: number[]): Promise<Set<number>> {
    if (!userIds.length) return new Set();
    const rows = await this.ds.getRepository(UserSecondFactor).findBy({ userId: In(userIds) });
    return new Set(rows.filter((r) => r.enabledAt).map((r) => r.userId));
  }
}
