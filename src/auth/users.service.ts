import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { LIKE_ESCAPE, likeContains, Page, pageOf } from '../common/pagination';
import { passwordProblems } from '../common/password-policy';
import { Role } from '../common/roles';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { ConsultationPoint, Member, Unit } from '../directory/directory.entities';
import { AuthSession } from './auth-session.entity';
import { CreateUserDto, UpdateUserDto, UserQuery } from './auth.dto';
import { AuthService } from './auth.service';
import { toUserView, UserView } from './user-view';
import { User } from './user.entity';

type Links = Pick<User, 'memberId' | 'unitId' | 'pointId'>;

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: UserQuery): Promise<Page<UserView>> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u');
    if (q.q)
      qb.andWhere(`(u.username LIKE :q ${LIKE_ESCAPE} OR u.displayName LIKE :q ${LIKE_ESCAPE})`, {
        q: likeContains(q.q),
      });
    if (q.role) qb.andWhere(`CONCAT(',', u.roleList, ',') LIKE :role`, { role: `%,${q.role},%` });
    const [rows, total] = await qb
      .orderBy('u.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(rows.map(toUserView), total, q);
  }

  async get(id: number): Promise<UserView> {
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw AppError.notFound('用户');
    return toUserView(user);
  }

  /**
   * A new account. Its password must be changed at first sign-in when someone else chose it: an administrator
   * (`actor` a person), or start-up generating it (`mustChangePassword`). Accounts the system itself seeds with a
   * known password (the demo's, the tests') are not flagged.
   */
  async create(
    actor: Actor | typeof SYSTEM_ACTOR,
    dto: CreateUserDto,
    { mustChangePassword = actor.id !== null }: { mustChangePassword?: boolean } = {},
  ): Promise<UserView> {
    const problems = passwordProblems(dto.password, dto.username);
    if (problems.length) throw AppError.invalid({ password: problems }, problems[0]);
    const passwordHash = await this.auth.hashPassword(dto.password);
    return this.tx.run(async (em) => {
      if (await em.existsBy(User, { username: dto.username })) {
        throw AppError.conflict('USERNAME_TAKEN', `用户名“${dto.username}”已被使用`, { field: 'username' });
      }
      await this.checkMobileFree(em, dto.mobile ?? null, null);
      const links = await this.checkLinks(em, dto.roles, {
        memberId: dto.memberId ?? null,
        unitId: dto.unitId ?? null,
        pointId: dto.pointId ?? null,
      });
      const user = em.create(User, {
        username: dto.username,
        displayName: dto.displayName,
        passwordHash,
        roleList: dto.roles.join(','),
        disabled: false,
        passwordChangedAt: null,
        mustChangePassword,
        mobile: dto.mobile ?? null,
        email: dto.email ?? null,
        ...links,
      });
      await em.save(user);
      await this.audit.record(em, {
        actor,
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        to: { username: user.username, displayName: user.displayName, roles: dto.roles, ...links },
      });
      return toUserView(user);
    });
  }

  async update(actor: Actor, id: number, dto: UpdateUserDto): Promise<UserView> {
    if (dto.password !== undefined) {
      const problems = passwordProblems(dto.password);
      if (problems.length) throw AppError.invalid({ password: problems }, problems[0]);
    }
    const passwordHash = dto.password !== undefined ? await this.auth.hashPassword(dto.password) : undefined;
    return this.tx.run(async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw AppError.notFound('用户');
      if (user.id === actor.id && (dto.disabled === true || (dto.roles && !dto.roles.includes('admin')))) {
        throw AppError.conflict('SELF_LOCKOUT', '不能停用自己的账号或去掉自己的管理员角色');
      }
      const before = {
        displayName: user.displayName,
        roles: user.roles,
        disabled: user.disabled,
        memberId: user.memberId,
        unitId: user.unitId,
        pointId: user.pointId,
        mobile: user.mobile,
        email: user.email,
      };
      const roles = dto.roles ?? user.roles;
      const links = await this.checkLinks(em, roles, {
        memberId: dto.memberId !== undefined ? dto.memberId : user.memberId,
        unitId: dto.unitId !== undefined ? dto.unitId : user.unitId,
        pointId: dto.pointId !== undefined ? dto.pointId : user.pointId,
      });
      Object.assign(user, links, { roleList: roles.join(',') });
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      if (dto.mobile !== undefined) {
        await this.checkMobileFree(em, dto.mobile, user.id);
        user.mobile = dto.mobile;
      }
      if (dto.email !== undefined) user.email = dto.email;
      // A password set for someone else is theirs to change at their next sign-in.
      if (passwordHash)
        Object.assign(user, {
          passwordHash,
          passwordChangedAt: this.clock.now(),
          mustChangePassword: user.id !== actor.id,
        });
      await em.save(user);
      if (user.disabled || passwordHash) {
        await em.update(AuthSession, { userId: user.id }, { revokedAt: this.clock.now() });
      }
      const after = {
        displayName: user.displayName,
        roles: user.roles,
        disabled: user.disabled,
        ...links,
        mobile: user.mobile,
        email: user.email,
      };
      await this.audit.record(em, {
        actor,
        action: passwordHash ? 'user.update_and_reset_password' : 'user.update',
        entityType: 'user',
        entityId: user.id,
        from: before,
        to: after,
      });
      return toUserView(user);
    });
  }

  /** One account per mobile number: it signs in by SMS code. */
  private async checkMobileFree(em: EntityManager, mobile: string | null, self: number | null): Promise<void> {
    if (!mobile) return;
    const holder = await em.findOneBy(User, { mobile });
    if (holder && holder.id !== self) {
      throw AppError.conflict('MOBILE_TAKEN', `手机号码 ${mobile} 已登记在账号“${holder.username}”上`, {
        field: 'mobile',
      });
    }
  }

  /** First start: with no accounts at all, create the administrator (a generated password is printed once). */
  async ensureAdmin(): Promise<{ created: boolean; password?: string }> {
    if ((await this.ds.getRepository(User).count()) > 0) return { created: false };
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? `Xs${randomBytes(9).toString('base64url')}9`;
    await this.create(
      SYSTEM_ACTOR,
      { username: this.config.adminUser, password, displayName: '系统管理员', roles: ['admin'] },
      { mustChangePassword: generated },
    );
    if (generated) {
      this.logger.warn(`已创建管理员账号 ${this.config.adminUser}，初始密码：${password}（请登录后立即修改）`);
    } else {
      this.logger.log(`已创建管理员账号 ${this.config.adminUser}`);
    }
    return { created: true, password: generated ? password : undefined };
  }

  /** A member account points at a member, a unit account at a unit, a facilitator at a consultation point. */
  private async checkLinks(em: EntityManager, roles: Role[], links: Links): Promise<Links> {
    const fields: Record<string, string[]> = {};
    const need = async (
      role: Role,
      key: keyof Links,
      entity: typeof Member | typeof Unit | typeof ConsultationPoint,
      label: string,
    ) => {
      const value = links[key];
      if (roles.includes(role) && value == null) fields[key] = [`${label}账号须关联${label}`];
      if (value != null && !(await em.existsBy(entity, { id: value }))) fields[key] = [`${label}不存在`];
    };
    await need('member', 'memberId', Member, '委员');
    await need('unit', 'unitId', Unit, '承办单位');
    await need('facilitator', 'pointId', ConsultationPoint, '议事点');
    if (Object.keys(fields).length) throw AppError.invalid(fields);
    return { memberId: links.memberId, unitId: links.unitId, pointId: links.pointId };
  }
}
