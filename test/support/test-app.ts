import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { generateSync } from 'otplib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { stepAt } from '../../src/auth/second-factor.crypto';
import { UsersService } from '../../src/auth/users.service';
import { MovableClock } from '../../src/common/clock';
import { Role } from '../../src/common/roles';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import {
  Committee,
  ConsultationPoint,
  CouncilSession,
  Member,
  Sector,
  Unit,
} from '../../src/directory/directory.entities';
import { JobQueue } from '../../src/jobs/job-queue';
import { deleteQueueKeys, uniqueQueuePrefix } from './redis-keys';
import { publishTemplate, suiteDatabase } from './test-db';

export const ADMIN_PASSWORD = 'Xieshang2026';
export const TEST_PASSWORD = 'Passw0rd2026';

export interface TestApp {
  app: INestApplication;
  ds: DataSource;
  config: AppConfig;
  /** Moves the application's time: `t.clock.advance(3 * 86400_000)`. */
  clock: MovableClock;
  /** The job queues: `t.jobs.runNow('deadlines', 'sweep')`, `t.jobs.drain()`. */
  jobs: JobQueue;
  http: () => ReturnType<typeof request>;
  /** Bearer token of a signed-in account of this role (created on first use, one per role). */
  tokenFor: (role: Role | 'admin') => Promise<string>;
  /** A new account of this role (linked to a new member, unit or point where the role needs one) and its token. */
  signInAs: (role: Role) => Promise<{ token: string; userId: number }>;
  /** An account with these roles and its token. */
  signIn: (
    username: string,
    roles: Role[],
    links?: { memberId?: number; unitId?: number; pointId?: number },
  ) => Promise<{ token: string; userId: number }>;
  make: Factories;
  /**
   * A valid second-factor code for an account enrolled through this support (null: not enrolled), at the
   * clock's time: a step not used before within ±1 of now; when all three are used, the clock moves 30 s on.
   */
  secondFactorCode: (username: string) => string | null;
  /** The recovery codes an enrolment through this support was given. */
  recoveryCodes: (username: string) => string[];
  /** Signs in through the API (enrolling the second factor the first time the account's roles need one). */
  login: (username: string, password: string) => Promise<string>;
  /** The database started as a copy of the run's template (else start-up migrated and seeded it). */
  fromTemplate: boolean;
  close: () => Promise<void>;
}

export interface Factories {
  sector: (name?: string) => Promise<Sector>;
  committee: (name?: string) => Promise<Committee>;
  member: (fields?: Partial<Member>) => Promise<Member>;
  unit: (fields?: Partial<Unit>) => Promise<Unit>;
  point: (fields?: Partial<ConsultationPoint>) => Promise<ConsultationPoint>;
  /** A session with a valid code from 90-0 up (tests typing their own codes stay below 90) and a window of 30 days from `opensAt` (default now). */
  session: (fields?: Partial<CouncilSession>) => Promise<CouncilSession>;
}

let seq = 0;
const uniq = (prefix: string) => `${prefix}${process.pid % 1000}-${++seq}`;

function factories(ds: DataSource): Factories {
  return {
    sector: async (name) =>
      ds.getRepository(Sector).save({ name: name ?? uniq('测试界别'), sortOrder: 0, disabled: false }),
    committee: async (name) =>
      ds.getRepository(Committee).save({ name: name ?? uniq('测试委员会'), sortOrder: 0, disabled: false }),
    member: async (fields = {}) => {
      const sectorId = fields.sectorId ?? (await ds.getRepository(Sector).findOneByOrFail({ name: '教育界' })).id;
      return ds
        .getRepository(Member)
        .save({ name: uniq('委员'), sectorId, status: 'active', disabled: false, ...fields });
    },
    unit: async (fields = {}) =>
      ds.getRepository(Unit).save({ name: uniq('测试局'), kind: 'government', disabled: false, ...fields }),
    point: async (fields = {}) =>
      ds.getRepository(ConsultationPoint).save({ name: uniq('测试议事点'), disabled: false, ...fields }),
    session: async (fields = {}) => {
      const n = ++seq;
      const opensAt = fields.opensAt ?? new Date();
      const closesAt = new Date(opensAt.getTime() + 30 * 86400_000);
      return ds.getRepository(CouncilSession).save({
        code: `${90 + (Math.floor(n / 100) % 10)}-${n % 100}`,
        name: `测试会次${n}`,
        opensAt,
        closesAt,
        disabled: false,
        ...fields,
      });
    },
  };
}

export interface TestAppOptions {
  /** Modules with test-only providers, e.g. a job processor. */
  imports?: Type[];
  /** Another app's database (e.g. a worker beside an api): not dropped on close. */
  databaseUrl?: string;
  /** false: migrate an empty database as a first install does, instead of starting from a copy of the run's template. */
  template?: boolean;
}

/**
 * Settings that change what start-up writes to an empty database (the first admin, its password hash),
 * or point the app at a database of the test's own: with one of them, the app migrates and seeds as before.
 */
const SEED_SETTINGS = ['DATABASE_URL', 'XS_ADMIN_USER', 'XS_ADMIN_PASSWORD', 'XS_BCRYPT_ROUNDS'];
/** Start-up with these also writes more than the template holds (the demo data set): such a database is not published as the template. */
const EXTRA_SEED_SETTINGS = ['XS_DEMO'];

/**
 * The whole application on a database of its own of the engine under test, ready for Supertest: in
 * the state start-up leaves a new install in (migrated, reference lists, first admin). That is a copy
 * of the run's template once one suite has made it (see db-template.ts), else migrated and seeded here.
 * With REDIS_URL, its queues get a key prefix of their own (unless XS_QUEUE_PREFIX is given),
 * whose keys are deleted on close.
 */
interface EnrolledFactor {
  secret: string;
  lastStep: number;
  recovery: string[];
}

/** Second factors the test support enrolled, by database and user name. */
const ENROLLED = new Map<string, EnrolledFactor>();

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const plain = !options.databaseUrl && !SEED_SETTINGS.some((k) => env[k] !== undefined);
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined, fromTemplate: false, imports: [] }
    : await suiteDatabase(plain && options.template !== false);
  const ownPrefix = env.REDIS_URL && !env.XS_QUEUE_PREFIX ? uniqueQueuePrefix() : null;
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-files-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    XS_BCRYPT_ROUNDS: '4',
    XS_LOG_LEVEL: 'error',
    XS_FILES_DIR: filesDir,
    // The role matrix and the security suite read the live OpenAPI document (off by default outside the demo).
    XS_API_DOCS: '1',
    ...(ownPrefix ? { XS_QUEUE_PREFIX: ownPrefix } : {}),
    ...env,
  });
  const clock = new MovableClock();
  const { app } = await createApp(config, { clock, imports: [...(options.imports ?? []), ...db.imports] });
  await app.init();
  const ds = app.get(DataSource);
  if (plain && !db.fromTemplate && !EXTRA_SEED_SETTINGS.some((k) => env[k] !== undefined)) await publishTemplate(ds);
  const http = () => request(app.getHttpServer());
  const make = factories(ds);
  const tokens = new Map<string, string>();
  // Second factors enrolled on this database (kept across apps started again on it, as the audit suite does): each
  // account's secret, last step used (a code is accepted once) and recovery codes.
  const where = JSON.stringify(config.database);
  const factors = {
    get: (username: string) => ENROLLED.get(`${where}|${username}`),
    has: (username: string) => ENROLLED.has(`${where}|${username}`),
    set: (username: string, f: EnrolledFactor) => ENROLLED.set(`${where}|${username}`, f),
  };

  const secondFactorCode: TestApp['secondFactorCode'] = (username) => {
    const f = factors.get(username);
    if (!f) return null;
    for (;;) {
      const at = clock.now().getTime();
      const now = stepAt(clock.now());
      // The server accepts one step either side of its own. The step before ours is refused if the request reaches
      // the server after the next step begins, so it is used only with 10 s of this step left.
      const early = (now + 1) * 30_000 - at >= 10_000;
      const step = [now - 1, now, now + 1].find((s) => s > f.lastStep && (s !== now - 1 || early));
      if (step !== undefined) {
        f.lastStep = step;
        return generateSync({ secret: f.secret, epoch: step * 30 });
      }
      clock.advance(30_000);
    }
  };

  const failed = (username: string, res: request.Response) =>
    new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);

  const login = async (username: string, password: string): Promise<string> => {
    let res = await http().post('/api/v1/auth/login').send({ username, password });
    if (res.status === 401 && res.body.code === 'SECOND_FACTOR_REQUIRED' && factors.has(username)) {
      res = await http()
        .post('/api/v1/auth/login')
        .send({ username, password, code: secondFactorCode(username) });
    }
    if (res.status !== 200) throw failed(username, res);
    const token = res.body.accessToken as string;
    if (res.body.secondFactorSetupRequired) {
      // First sign-in of an account that needs a second factor: enrol it as a person would, with the app's code.
      const setup = await http().post('/api/v1/users/me/second-factor/setup').set('Authorization', `Bearer ${token}`);
      if (setup.status !== 200) throw failed(username, setup);
      factors.set(username, { secret: setup.body.secret, lastStep: 0, recovery: [] });
      const confirm = await http()
        .post('/api/v1/users/me/second-factor/confirm')
        .set('Authorization', `Bearer ${token}`)
        .send({ code: secondFactorCode(username) });
      if (confirm.status !== 200) throw failed(username, confirm);
      factors.get(username)!.recovery = confirm.body.recoveryCodes;
    }
    return token;
  };

  const signIn: TestApp['signIn'] = async (username, roles, links = {}) => {
    const user = await app
      .get(UsersService)
      .create(
        { id: null, displayName: '测试' },
        { username, password: TEST_PASSWORD, displayName: username, roles, ...links },
      );
    return { token: await login(username, TEST_PASSWORD), userId: user.id };
  };

  const signInAs: TestApp['signInAs'] = async (role) => {
    const links =
      role === 'member'
        ? { memberId: (await make.member()).id }
        : role === 'unit'
          ? { unitId: (await make.unit()).id }
          : role === 'facilitator'
            ? { pointId: (await make.point()).id }
            : {};
    return signIn(uniq(`t-${role}-`), [role], links);
  };

  const tokenFor: TestApp['tokenFor'] = async (role) => {
    const cached = tokens.get(role);
    if (cached) return cached;
    const token = role === 'admin' ? await login('admin', ADMIN_PASSWORD) : (await signInAs(role)).token;
    tokens.set(role, token);
    return token;
  };

  return {
    app,
    ds,
    config,
    clock,
    jobs: app.get(JobQueue),
    http,
    tokenFor,
    signInAs,
    signIn,
    make,
    secondFactorCode,
    recoveryCodes: (username) => factors.get(username)?.recovery ?? [],
    login,
    fromTemplate: db.fromTemplate,
    close: async () => {
      await app.close();
      if (ownPrefix) await deleteQueueKeys(config.redisUrl!, ownPrefix);
      await db.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
