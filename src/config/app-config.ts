import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { passwordProblems } from '../common/password-policy';
import { Role, ROLES } from '../common/roles';
import { DEFAULT_FONTS, FONT_ENV, FONT_ROLES, FontSet, parseFontFile } from './fonts';
import { MailConfig, mailConfig, parseMailFrom, smtpUrlProblem } from './mail-config';

/** The whole configuration, read once from the environment at boot and validated. */
export interface AppConfig {
  port: number;
  database: { type: 'sqlite'; file: string } | { type: 'mysql'; url: string };
  redisUrl: string | null;
  jobs: JobsConfig;
  adminUser: string;
  adminPassword: string | null;
  demo: boolean;
  /**
   * `XS_SECOND_FACTOR_ROLES`: accounts holding any of these roles sign in with a password and a TOTP code
   * (docs/design/second-factor.md). Default `admin,staff`; with XS_DEMO=1 and the variable unset, none.
   */
  secondFactorRoles: Role[];
  filesDir: string;
  /** Largest attachment accepted (XS_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
  /** Largest image accepted, in pixels as its header declares them (XS_IMAGE_MAX_PIXELS): a guard against decompression bombs. */
  imageMaxPixels: number;
  dataDir: string;
  chromiumPath: string;
  /**
   * PDF rendering: pages rendered at once (XS_PDF_POOL), renders before the browser is replaced (XS_PDF_RECYCLE_AFTER),
   * time-out per render (XS_PDF_TIMEOUT_MS), font files (XS_FONT_*), and whether Chromium keeps its own sandbox
   * (XS_CHROMIUM_SANDBOX; off by default because the containers run as root, see docs/design/pdf-and-fonts.md).
   */
  pdf: { poolSize: number; recycleAfter: number; timeoutMs: number; fonts: FontSet; sandbox: boolean };
  displayTimeZone: string;
  bcryptRounds: number;
  sessionHours: number;
  /** `XS_SESSION_IDLE_MINUTES`: a page session unused this long ends (the API's tokens end after sessionHours only). */
  sessionIdleMinutes: number;
  logJson: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'log';
  /** `XS_TRUST_PROXY`: the reverse proxies whose X-Forwarded-* headers are believed (Express's `trust proxy`). */
  trustProxy: string[];
  audit: AuditConfig;
  /** Brakes on requests that cost the server work or space (docs/design/request-quotas.md). */
  quotas: QuotasConfig;
  /** `XS_API_DOCS`: serve the OpenAPI document at /api/docs and /api/docs-json; by default only with the demo data. */
  apiDocs: boolean;
  /** `XS_PUBLIC_BASE_URL`: where the public reaches the platform, for links printed on paper (the 公示单's QR code). */
  publicBaseUrl: string | null;
  /** Notices beyond the inbox (docs/design/notice-channels.md). */
  notices: NoticesConfig;
  /** `XS_SMTP_URL` and `XS_MAIL_FROM`: notices by e-mail (docs/design/email.md); null: no SMTP server, e-mail is off. */
  mail: MailConfig | null;
  /** `XS_SMS_PROVIDER` and its settings; null: SMS is off (docs/design/sms-providers.md). */
  sms: SmsConfig | null;
}

export interface NoticesConfig {
  /** `XS_NOTICE_DISPATCH_SECONDS`: how often new notices are turned into e-mail and SMS deliveries. */
  dispatchSeconds: number;
  /** `XS_SMS_QUIET_HOURS` (`22-7`): no SMS between these hours of the office's day but urgent ones; `0-0` turns it off. */
  quietHours: { start: number; end: number };
  /** `XS_NOTICE_DIGEST_HOUR` (8): the hour the daily e-mail digest of the day before goes out. */
  digestHour: number;
}

export const SMS_PROVIDERS = ['aliyun', 'tencent', 'gateway'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** What every SMS provider needs: where, who (the key pair, from the environment only), the 短信签名, how long to wait. */
interface SmsCommon {
  /** `XS_SMS_ENDPOINT`: the provider's public endpoint by default; the gateway's address (required for it). */
  endpoint: string;
  /** `XS_SMS_KEY_ID`: AccessKeyId, SecretId, or the gateway's account. */
  keyId: string;
  /** `XS_SMS_KEY_SECRET`: never logged, stored or echoed. */
  keySecret: string;
  /** `XS_SMS_SIGN_NAME`: the 短信签名 without brackets, e.g. 吴忠市政协. */
  signName: string;
  /** `XS_SMS_TIMEOUT_MS`: one request's time-out. */
  timeoutMs: number;
  /** `XS_SMS_MAX_CHARS`: a notice's length in characters (70: one SMS). */
  maxChars: number;
}

/** The approved templates (`XS_SMS_TEMPLATE_NOTICE` with a parameter `content`, `XS_SMS_TEMPLATE_CODE` with `code`). */
interface SmsTemplates {
  templateNotice: string;
  templateCode: string;
}

export type SmsConfig =
  | (SmsCommon & SmsTemplates & { provider: 'aliyun' })
  /** `XS_SMS_APP_ID`: the SmsSdkAppId; `XS_SMS_REGION`: ap-guangzhou by default. */
  | (SmsCommon & SmsTemplates & { provider: 'tencent'; appId: string; region: string })
  | (SmsCommon & { provider: 'gateway' });

/** Per-person and per-record limits within a sliding hour (security review L3, L8). */
export interface QuotasConfig {
  /** `XS_REPORT_QUOTA_PER_HOUR`: report requests per person per hour (members, units, leaders, facilitators). */
  reportsPerHour: number;
  /** `XS_REPORT_QUOTA_STAFF_PER_HOUR`: the same for staff, who print the office's documents in batches. */
  staffReportsPerHour: number;
  /** `XS_REPORT_REUSE_MINUTES`: a repeated request gets a report rendered this recently, if its subject is unchanged. */
  reportReuseMinutes: number;
  /** `XS_PUBLIC_COMMENTS_PER_DRAFT_HOUR`: public comments on one draft per hour, from all addresses together. */
  publicCommentsPerDraftHour: number;
}

/** The audit chain's key and anchors (docs/design/audit-chain.md). */
export interface AuditConfig {
  /** `XS_AUDIT_KEY`, or the content of `XS_AUDIT_KEY_FILE`; null: neither is set, the key is `keyFile`, made on first start. */
  key: Buffer | null;
  /** `XS_AUDIT_KEY_FILE`, else `<data>/audit.key`. */
  keyFile: string;
  /** Whether the key came from the environment or a configured file (false: the generated file of the embedded default). */
  configured: boolean;
  /** `XS_AUDIT_HMAC`: `sha256` (HMAC-SHA256, the default) or `sm3` (HMAC-SM3, for 商用密码 assessments). */
  hmac: 'sha256' | 'sm3';
  /** `XS_AUDIT_ANCHOR_FILE`: where the daily signed head digests are appended; default `<data>/audit-anchors.jsonl`. */
  anchorFile: string;
}

/** How jobs run; see src/jobs/job-queue.ts for the process model. */
export interface JobsConfig {
  /** `XS_INLINE_WORKER`: with Redis, the api process also runs the processors (one-machine installs). */
  inlineWorker: boolean;
  /** `XS_QUEUE_PREFIX`: the Redis key prefix of every queue, so installs (and test runs) sharing a Redis stay apart. */
  prefix: string;
  /** `XS_JOB_ATTEMPTS`: tries per job before it is marked failed. */
  attempts: number;
  /** `XS_JOB_BACKOFF_MS`: the first retry's delay; each further retry waits twice as long. */
  backoffMs: number;
  /** `XS_SWEEP_MINUTES`: how often the deadlines sweep runs. */
  sweepMinutes: number;
  /** `XS_JOB_LOCK_MS`: a worker that has not renewed a job's lock this long is taken for dead; its job runs again. */
  lockMs: number;
}

/**
 * A setting start-up cannot go on with: a bad environment variable, or a bad entry of a config/*.json
 * file (`ConfigFileError`). The entry points print its message and exit with code 78 (EX_CONFIG).
 */
export class ConfigError extends Error {
  constructor(
    /** The environment variable at fault (the entry, for a config file). */
    readonly variable: string,
    problem: string,
    message = `配置错误：环境变量 ${variable} ${problem}`,
  ) {
    super(message);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `应为整数，实际为 "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `应在 ${min} 到 ${max} 之间，实际为 ${n}`);
  return n;
}

/** An absolute http(s) address without query or fragment, kept without its trailing slash. */
function baseUrlVar(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  const url = URL.parse(raw);
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username)
    throw new ConfigError(name, `须为 http:// 或 https:// 开头、不带查询参数的地址，实际为 "${raw}"`);
  return url.href.endsWith('/') ? url.href.slice(0, -1) : url.href;
}

/** Mail is off without `XS_SMTP_URL`; with it, the sender is required. A bad URL is reported with its password masked. */
function mailVar(env: Env): MailConfig | null {
  const url = env.XS_SMTP_URL?.trim();
  const fromRaw = env.XS_MAIL_FROM?.trim();
  const from = fromRaw ? parseMailFrom(fromRaw) : null;
  if (typeof from === 'string') throw new ConfigError('XS_MAIL_FROM', from);
  if (!url) return null;
  const problem = smtpUrlProblem(url);
  if (problem) throw new ConfigError('XS_SMTP_URL', problem);
  if (!from)
    throw new ConfigError(
      'XS_MAIL_FROM',
      '在设置了 XS_SMTP_URL 时必须设置，如 "政协某某市委员会办公室 <xs@example.gov.cn>"',
    );
  return mailConfig(url, from, intVar(env, 'XS_SMTP_TIMEOUT_MS', 15000, 100, 600_000));
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `应为 1/0 或 true/false，实际为 "${raw}"`);
}

function parseDatabase(raw: string | undefined, cwd: string): AppConfig['database'] {
  const url = raw && raw !== '' ? raw : 'sqlite:./data/xieshang.sqlite';
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', '缺少 SQLite 文件路径（例如 sqlite:./data/xieshang.sqlite）');
    return { type: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', '不是有效的地址');
    }
    if (!parsed.hostname || parsed.pathname.length < 2) {
      throw new ConfigError('DATABASE_URL', '须包含主机和数据库名（mysql://用户:密码@主机:3306/库名）');
    }
    return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError('DATABASE_URL', `只支持 sqlite: 或 mysql:// 开头的地址，实际为 "${url}"`);
}

function parseRedis(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^rediss?:\/\//.test(raw)) throw new ConfigError('REDIS_URL', `应以 redis:// 开头，实际为 "${raw}"`);
  try {
    new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', '不是有效的地址');
  }
  return raw;
}

function queuePrefixVar(env: Env): string {
  const raw = env.XS_QUEUE_PREFIX || 'xs';
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(raw))
    throw new ConfigError('XS_QUEUE_PREFIX', `须为 1–40 位字母、数字、下划线、点或连字符，实际为 "${raw}"`);
  return raw;
}

function validTimeZone(env: Env): string {
  const tz = env.TZ_DISPLAY || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('zh-CN', { timeZone: tz });
  } catch {
    throw new ConfigError('TZ_DISPLAY', `不是有效的时区名称："${tz}"`);
  }
  return tz;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Express's names or addresses/CIDRs, comma-separated: the client address and https come from these proxies only. */
function trustProxyVar(env: Env): string[] {
  const items = (env.XS_TRUST_PROXY || 'loopback')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address, bits, extra] = item.split('/');
    const ok =
      PROXY_NAMES.includes(item) ||
      (isIP(address) > 0 && extra === undefined && (bits === undefined || /^\d{1,3}$/.test(bits)));
    if (!ok)
      throw new ConfigError(
        'XS_TRUST_PROXY',
        `应为 loopback、linklocal、uniquelocal 或 IP 地址/网段，以逗号分隔，实际含有 "${item}"`,
      );
  }
  return items;
}

function logLevelVar(env: Env): AppConfig['logLevel'] {
  const raw = env.XS_LOG_LEVEL || 'log';
  if (!['fatal', 'error', 'warn', 'log'].includes(raw))
    throw new ConfigError('XS_LOG_LEVEL', `应为 fatal、error、warn 或 log，实际为 "${raw}"`);
  return raw as AppConfig['logLevel'];
}

function fontsVar(env: Env): FontSet {
  const fonts = { ...DEFAULT_FONTS };
  for (const role of FONT_ROLES) {
    const raw = env[FONT_ENV[role]];
    if (raw === undefined || raw === '') continue;
    const parsed = parseFontFile(raw);
    if (typeof parsed === 'string') throw new ConfigError(FONT_ENV[role], parsed);
    fonts[role] = parsed;
  }
  return fonts;
}

function pdfVars(env: Env): AppConfig['pdf'] {
  return {
    poolSize: intVar(env, 'XS_PDF_POOL', 2, 1, 16),
    recycleAfter: intVar(env, 'XS_PDF_RECYCLE_AFTER', 500, 1, 100000),
    timeoutMs: intVar(env, 'XS_PDF_TIMEOUT_MS', 60000, 100, 600000),
    fonts: fontsVar(env),
    sandbox: boolVar(env, 'XS_CHROMIUM_SANDBOX', false),
  };
}

/** Shortest audit key accepted, in bytes: 32, e.g. `openssl rand -hex 32` (64 characters). */
export const AUDIT_KEY_MIN_BYTES = 32;

function auditKeyProblem(key: Buffer): string | null {
  if (key.length < AUDIT_KEY_MIN_BYTES)
    return `过短：至少 ${AUDIT_KEY_MIN_BYTES} 个字节（可用 openssl rand -hex 32 生成），实际为 ${key.length} 个`;
  if (new Set(key).size < 8) return '过于简单（重复字符过多），请用 openssl rand -hex 32 生成';
  return null;
}

/** A key file must be readable by the application only: no permission for group or others (chmod 600). */
export function readAuditKeyFile(variable: string, file: string): Buffer {
  let stat: fs.Stats;
  let key: Buffer;
  try {
    stat = fs.statSync(file);
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
  } catch (e) {
    throw new ConfigError(
      variable,
      `指向的文件无法读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：${file}`,
    );
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new ConfigError(
      variable,
      `指向的文件 ${file} 权限为 ${(stat.mode & 0o777).toString(8)}，须只允许应用自身读取（chmod 600）`,
    );
  const problem = auditKeyProblem(key);
  if (problem) throw new ConfigError(variable, `中的密钥${problem}`);
  return key;
}

function auditVar(env: Env, dataDir: string, cwd: string): AuditConfig {
  const hmac = env.XS_AUDIT_HMAC || 'sha256';
  if (hmac !== 'sha256' && hmac !== 'sm3')
    throw new ConfigError('XS_AUDIT_HMAC', `应为 sha256 或 sm3，实际为 "${hmac}"`);
  if (hmac === 'sm3') {
    try {
      createHmac('sm3', 'probe');
    } catch {
      throw new ConfigError(
        'XS_AUDIT_HMAC',
        '为 sm3，但本机 Node.js 所带的 OpenSSL 不支持 SM3（HMAC-SM3 is not available in this Node.js OpenSSL build）；请改用 sha256，或换用支持 SM3 的 Node.js',
      );
    }
  }
  const anchorFile = path.resolve(cwd, env.XS_AUDIT_ANCHOR_FILE || path.join(dataDir, 'audit-anchors.jsonl'));
  const raw = env.XS_AUDIT_KEY;
  const file = env.XS_AUDIT_KEY_FILE;
  if (raw && file) throw new ConfigError('XS_AUDIT_KEY', '与 XS_AUDIT_KEY_FILE 只能设置其一');
  if (raw) {
    const key = Buffer.from(raw, 'utf8');
    const problem = auditKeyProblem(key);
    if (problem) throw new ConfigError('XS_AUDIT_KEY', problem);
    return { key, keyFile: '', configured: true, hmac, anchorFile };
  }
  if (file) {
    const keyFile = path.resolve(cwd, file);
    return { key: readAuditKeyFile('XS_AUDIT_KEY_FILE', keyFile), keyFile, configured: true, hmac, anchorFile };
  }
  return { key: null, keyFile: path.join(dataDir, 'audit.key'), configured: false, hmac, anchorFile };
}

function quietHoursVar(env: Env): NoticesConfig['quietHours'] {
  const raw = (env.XS_SMS_QUIET_HOURS ?? '').trim() || '22-7';
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw);
  const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(start >= 0 && start <= 23 && end >= 0 && end <= 23)) {
    throw new ConfigError('XS_SMS_QUIET_HOURS', '须为“开始时-结束时”，0–23 点，例如 22-7（0-0 表示不设免打扰时段）');
  }
  return { start, end };
}

function noticesVar(env: Env): NoticesConfig {
  return {
    dispatchSeconds: intVar(env, 'XS_NOTICE_DISPATCH_SECONDS', 15, 1, 3600),
    quietHours: quietHoursVar(env),
    digestHour: intVar(env, 'XS_NOTICE_DIGEST_HOUR', 8, 0, 23),
  };
}

const SMS_ENDPOINTS: Record<SmsProviderName, string | null> = {
  aliyun: 'https://dysmsapi.aliyuncs.com',
  tencent: 'https://sms.tencentcloudapi.com',
  gateway: null,
};

function requiredVar(env: Env, name: string, why: string): string {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(name, `未设置（${why}）`);
  return raw;
}

/** `XS_SMS_PROVIDER` unset or empty: SMS is off. Missing settings of the chosen provider stop start-up, naming the variable. */
function smsVar(env: Env): SmsConfig | null {
  const provider = env.XS_SMS_PROVIDER?.trim();
  if (!provider) return null;
  if (!(SMS_PROVIDERS as readonly string[]).includes(provider))
    throw new ConfigError(
      'XS_SMS_PROVIDER',
      `应为 aliyun、tencent 或 gateway（不发短信则不设置），实际为 "${provider}"`,
    );
  const name = provider as SmsProviderName;
  const why = `XS_SMS_PROVIDER 为 ${name} 时必须设置`;
  const common: SmsCommon = {
    endpoint:
      baseUrlVar(env, 'XS_SMS_ENDPOINT') ??
      SMS_ENDPOINTS[name] ??
      requiredVar(env, 'XS_SMS_ENDPOINT', `${why}；短信平台的地址`),
    keyId: requiredVar(env, 'XS_SMS_KEY_ID', why),
    keySecret: requiredVar(env, 'XS_SMS_KEY_SECRET', why),
    signName: requiredVar(env, 'XS_SMS_SIGN_NAME', `${why}；短信签名，如“吴忠市政协”，不带【】`),
    timeoutMs: intVar(env, 'XS_SMS_TIMEOUT_MS', 10_000, 100, 120_000),
    maxChars: intVar(env, 'XS_SMS_MAX_CHARS', 70, 20, 500),
  };
  if (/[【】[\]]/.test(common.signName))
    throw new ConfigError('XS_SMS_SIGN_NAME', `只写签名文字，不带【】，实际为 "${common.signName}"`);
  if (name === 'gateway') return { ...common, provider: name };
  const templates: SmsTemplates = {
    templateNotice: requiredVar(env, 'XS_SMS_TEMPLATE_NOTICE', `${why}；已审核通过的通知模板，参数 content`),
    templateCode: requiredVar(env, 'XS_SMS_TEMPLATE_CODE', `${why}；已审核通过的验证码模板，参数 code`),
  };
  if (name === 'aliyun') return { ...common, ...templates, provider: name };
  const region = env.XS_SMS_REGION?.trim() || 'ap-guangzhou';
  if (!/^[a-z]+(-[a-z]+)+$/.test(region))
    throw new ConfigError('XS_SMS_REGION', `应为地域名称，如 ap-guangzhou，实际为 "${region}"`);
  return { ...common, ...templates, provider: name, appId: requiredVar(env, 'XS_SMS_APP_ID', why), region };
}

/** A comma list of roles; empty allowed (`XS_SECOND_FACTOR_ROLES=` turns the second factor off). */
function secondFactorRolesVar(env: Env): Role[] {
  const raw = env.XS_SECOND_FACTOR_ROLES;
  if (raw === undefined) return boolVar(env, 'XS_DEMO', false) ? [] : ['admin', 'staff'];
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new ConfigError('XS_SECOND_FACTOR_ROLES', `含未知角色：${unknown.join('、')}（可用：${ROLES.join(',')}）`);
  return [...new Set(roles)] as Role[];
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = path.resolve(cwd, 'data');
  const adminUser = env.XS_ADMIN_USER || 'admin';
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(adminUser)) {
    throw new ConfigError('XS_ADMIN_USER', '须为 3–32 位字母、数字、下划线、点或连字符');
  }
  const adminPassword = env.XS_ADMIN_PASSWORD || null;
  const weak = adminPassword === null ? [] : passwordProblems(adminPassword, adminUser);
  if (weak.length) throw new ConfigError('XS_ADMIN_PASSWORD', `不符合密码要求：${weak.join('；')}`);
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    database: parseDatabase(env.DATABASE_URL, cwd),
    redisUrl: parseRedis(env.REDIS_URL),
    jobs: {
      inlineWorker: boolVar(env, 'XS_INLINE_WORKER', false),
      prefix: queuePrefixVar(env),
      attempts: intVar(env, 'XS_JOB_ATTEMPTS', 5, 1, 50),
      backoffMs: intVar(env, 'XS_JOB_BACKOFF_MS', 5000, 10, 3_600_000),
      sweepMinutes: intVar(env, 'XS_SWEEP_MINUTES', 5, 1, 24 * 60),
      lockMs: intVar(env, 'XS_JOB_LOCK_MS', 30_000, 2_000, 600_000),
    },
    adminUser,
    adminPassword,
    demo: boolVar(env, 'XS_DEMO', false),
    secondFactorRoles: secondFactorRolesVar(env),
    filesDir: path.resolve(cwd, env.XS_FILES_DIR || './data/files'),
    uploadMaxBytes: intVar(env, 'XS_UPLOAD_MAX_MB', 20, 1, 200) * 1024 * 1024,
    imageMaxPixels: intVar(env, 'XS_IMAGE_MAX_PIXELS', 50_000_000, 1_000_000, 500_000_000),
    dataDir,
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    pdf: pdfVars(env),
    displayTimeZone: validTimeZone(env),
    bcryptRounds: intVar(env, 'XS_BCRYPT_ROUNDS', 11, 4, 15),
    sessionHours: intVar(env, 'XS_SESSION_HOURS', 12, 1, 24 * 30),
    sessionIdleMinutes: intVar(env, 'XS_SESSION_IDLE_MINUTES', 30, 2, 24 * 60),
    logJson: boolVar(env, 'XS_LOG_JSON', true),
    logLevel: logLevelVar(env),
    trustProxy: trustProxyVar(env),
    audit: auditVar(env, dataDir, cwd),
    apiDocs: boolVar(env, 'XS_API_DOCS', boolVar(env, 'XS_DEMO', false)),
    publicBaseUrl: baseUrlVar(env, 'XS_PUBLIC_BASE_URL'),
    mail: mailVar(env),
    sms: smsVar(env),
    quotas: {
      reportsPerHour: intVar(env, 'XS_REPORT_QUOTA_PER_HOUR', 30, 1, 100_000),
      staffReportsPerHour: intVar(env, 'XS_REPORT_QUOTA_STAFF_PER_HOUR', 200, 1, 100_000),
      reportReuseMinutes: intVar(env, 'XS_REPORT_REUSE_MINUTES', 10, 0, 24 * 60),
      publicCommentsPerDraftHour: intVar(env, 'XS_PUBLIC_COMMENTS_PER_DRAFT_HOUR', 600, 1, 1_000_000),
    },
    notices: noticesVar(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** For the entry points: the configuration, or the reason on stderr and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    exitOnConfigError(e);
    throw e;
  }
}

/** For the entry points: a ConfigError (found before or while the app is built) ends the process with its message and exit code 78. */
export function exitOnConfigError(e: unknown): void {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
}
