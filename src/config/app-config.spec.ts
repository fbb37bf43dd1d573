import { inspect } from 'node:util';
import { ConfigError, loadConfig } from './app-config';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/xs');

describe('loadConfig', () => {
  it('defaults to SQLite under ./data, port 3000, jobs in-process, Asia/Shanghai', () => {
    const c = load({});
    expect(c.database).toEqual({ type: 'sqlite', file: '/srv/xs/data/xieshang.sqlite' });
    expect(c.port).toBe(3000);
    expect(c.redisUrl).toBeNull();
    expect(c.displayTimeZone).toBe('Asia/Shanghai');
    expect(c.filesDir).toBe('/srv/xs/data/files');
  });

  it('runs jobs with 5 attempts from 5 s backoff, sweeps every 5 minutes, under the prefix xs', () => {
    expect(load({}).jobs).toEqual({
      inlineWorker: false,
      prefix: 'xs',
      attempts: 5,
      backoffMs: 5000,
      sweepMinutes: 5,
      lockMs: 30000,
    });
    const c = load({
      XS_INLINE_WORKER: '1',
      XS_QUEUE_PREFIX: 'xs-test.1',
      XS_JOB_ATTEMPTS: '3',
      XS_JOB_BACKOFF_MS: '50',
      XS_SWEEP_MINUTES: '10',
      XS_JOB_LOCK_MS: '5000',
    });
    expect(c.jobs).toEqual({
      inlineWorker: true,
      prefix: 'xs-test.1',
      attempts: 3,
      backoffMs: 50,
      sweepMinutes: 10,
      lockMs: 5000,
    });
  });

  it('serves the API document with the demo data, or when XS_API_DOCS says so (security review L9)', () => {
    expect(load({}).apiDocs).toBe(false);
    expect(load({ XS_DEMO: '1' }).apiDocs).toBe(true);
    expect(load({ XS_API_DOCS: '1' }).apiDocs).toBe(true);
    expect(load({ XS_DEMO: '1', XS_API_DOCS: '0' }).apiDocs).toBe(false);
    expect(() => load({ XS_API_DOCS: 'maybe' })).toThrow('XS_API_DOCS');
  });

  it('asks admin and staff for a second factor by default, nobody in the demo unless told, and refuses unknown roles', () => {
    expect(load({}).secondFactorRoles).toEqual(['admin', 'staff']);
    expect(load({ XS_DEMO: '1' }).secondFactorRoles).toEqual([]);
    expect(load({ XS_DEMO: '1', XS_SECOND_FACTOR_ROLES: 'admin' }).secondFactorRoles).toEqual(['admin']);
    expect(load({ XS_SECOND_FACTOR_ROLES: '' }).secondFactorRoles).toEqual([]);
    expect(load({ XS_SECOND_FACTOR_ROLES: ' admin, leader ,admin' }).secondFactorRoles).toEqual(['admin', 'leader']);
    expect(() => load({ XS_SECOND_FACTOR_ROLES: 'admin,root' })).toThrow('XS_SECOND_FACTOR_ROLES');
  });

  it('reads the public address printed on paper, without its trailing slash; refuses one that is not http(s) or has a query', () => {
    expect(load({}).publicBaseUrl).toBeNull();
    expect(load({ XS_PUBLIC_BASE_URL: 'https://xs.example.gov.cn/' }).publicBaseUrl).toBe('https://xs.example.gov.cn');
    expect(load({ XS_PUBLIC_BASE_URL: 'http://10.0.0.5:3000/xs/' }).publicBaseUrl).toBe('http://10.0.0.5:3000/xs');
    for (const bad of ['xs.example.gov.cn', 'ftp://xs.example.gov.cn', 'https://xs.example.gov.cn/?a=1'])
      expect(() => load({ XS_PUBLIC_BASE_URL: bad })).toThrow(/XS_PUBLIC_BASE_URL/);
  });

  it('reads the quotas, with their defaults (security review L3, L8)', () => {
    expect(load({}).quotas).toEqual({
      reportsPerHour: 30,
      staffReportsPerHour: 200,
      reportReuseMinutes: 10,
      publicCommentsPerDraftHour: 600,
    });
    expect(load({ XS_REPORT_QUOTA_PER_HOUR: '5', XS_REPORT_REUSE_MINUTES: '0' }).quotas).toMatchObject({
      reportsPerHour: 5,
      reportReuseMinutes: 0,
    });
    expect(() => load({ XS_REPORT_QUOTA_PER_HOUR: '0' })).toThrow('XS_REPORT_QUOTA_PER_HOUR');
  });

  it('dispatches notices every 15 s, keeps SMS quiet 22–7 and sends the digest at 8 unless told otherwise', () => {
    expect(load({}).notices).toEqual({ dispatchSeconds: 15, quietHours: { start: 22, end: 7 }, digestHour: 8 });
    expect(
      load({ XS_NOTICE_DISPATCH_SECONDS: '60', XS_SMS_QUIET_HOURS: '21-8', XS_NOTICE_DIGEST_HOUR: '17' }).notices,
    ).toEqual({ dispatchSeconds: 60, quietHours: { start: 21, end: 8 }, digestHour: 17 });
    expect(load({ XS_SMS_QUIET_HOURS: '0-0' }).notices.quietHours).toEqual({ start: 0, end: 0 });
    for (const bad of ['22', '22-24', 'night', '-1-7'])
      expect(() => load({ XS_SMS_QUIET_HOURS: bad })).toThrow('XS_SMS_QUIET_HOURS');
  });

  it('believes X-Forwarded-* from loopback only unless XS_TRUST_PROXY names the reverse proxies', () => {
    expect(load({}).trustProxy).toEqual(['loopback']);
    expect(load({ XS_TRUST_PROXY: 'loopback, uniquelocal,10.8.0.0/16' }).trustProxy).toEqual([
      'loopback',
      'uniquelocal',
      '10.8.0.0/16',
    ]);
  });

  it('reads a MySQL URL and a Redis URL', () => {
    const c = load({ DATABASE_URL: 'mysql://u:p@db:3306/xs', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://u:p@db:3306/xs' });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://x/y'],
    ['DATABASE_URL', 'mysql://host-only'],
    ['REDIS_URL', 'localhost:6379'],
    ['XS_DEMO', 'maybe'],
    ['XS_ADMIN_USER', 'a b'],
    ['XS_ADMIN_PASSWORD', 'short'],
    ['TZ_DISPLAY', 'Mars/Olympus'],
    ['XS_INLINE_WORKER', 'sometimes'],
    ['XS_QUEUE_PREFIX', 'a b:c'],
    ['XS_JOB_ATTEMPTS', '0'],
    ['XS_JOB_BACKOFF_MS', '5'],
    ['XS_SWEEP_MINUTES', '0'],
    ['XS_PDF_POOL', '0'],
    ['XS_PDF_TIMEOUT_MS', 'soon'],
    ['XS_FONT_FANGSONG', 'fonts/fangsong.ttf'],
    ['XS_FONT_TITLE', '/opt/fonts/xbs.otf'],
    ['XS_TRUST_PROXY', 'everyone'],
    ['XS_TRUST_PROXY', '10.0.0.0/8/1'],
    ['XS_SESSION_IDLE_MINUTES', '0'],
    ['XS_SESSION_IDLE_MINUTES', '30m'],
    ['XS_SESSION_IDLE_MINUTES', '2000'],
  ])('a bad %s (%s) stops start-up and names the variable', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    try {
      load({ [name]: value });
    } catch (e) {
      expect((e as ConfigError).variable).toBe(name);
      expect((e as Error).message).toContain(name);
    }
  });

  it('ends page sessions after 30 idle minutes unless XS_SESSION_IDLE_MINUTES says otherwise', () => {
    expect(load({}).sessionIdleMinutes).toBe(30);
    expect(load({ XS_SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
  });

  it('reads the PDF pool, time-out and licensed font paths, keeping the Debian defaults for the rest', () => {
    const c = load({
      XS_PDF_POOL: '3',
      XS_PDF_TIMEOUT_MS: '5000',
      XS_FONT_TITLE: '/opt/fonts/FZXBSJW.TTF',
      XS_FONT_KAI: '/opt/fonts/kai.ttc#2',
    });
    expect(c.pdf).toMatchObject({ poolSize: 3, timeoutMs: 5000, recycleAfter: 500 });
    expect(c.pdf.fonts.title).toEqual({ file: '/opt/fonts/FZXBSJW.TTF', index: 0 });
    expect(c.pdf.fonts.kai).toEqual({ file: '/opt/fonts/kai.ttc', index: 2 });
    expect(c.pdf.fonts.hei).toEqual({ file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', index: 0 });
  });
});

describe('mail settings', () => {
  const URL_ = 'smtps://xieshang:s3cret-pass@mail.example.gov.cn:465';
  const FROM = '吴忠市政协办公室 <xieshang@example.gov.cn>';

  it('leaves e-mail off without XS_SMTP_URL', () => {
    expect(load({}).mail).toBeNull();
    expect(load({ XS_MAIL_FROM: FROM }).mail).toBeNull();
  });

  it('reads the server, the sender with its Chinese name and the 15 s time-out', () => {
    const mail = load({ XS_SMTP_URL: URL_, XS_MAIL_FROM: FROM })?.mail;
    expect(mail?.url).toBe(URL_);
    expect(mail).toEqual({
      safeUrl: 'smtps://xieshang:***@mail.example.gov.cn:465',
      from: { name: '吴忠市政协办公室', address: 'xieshang@example.gov.cn' },
      timeoutMs: 15000,
    });
    expect(
      load({ XS_SMTP_URL: 'smtp://127.0.0.1:2525', XS_MAIL_FROM: 'xs@example.gov.cn', XS_SMTP_TIMEOUT_MS: '300' }).mail,
    ).toEqual({ safeUrl: 'smtp://127.0.0.1:2525', from: { name: '', address: 'xs@example.gov.cn' }, timeoutMs: 300 });
  });

  it('never shows the password when the configuration is printed or serialised', () => {
    const config = load({ XS_SMTP_URL: URL_, XS_MAIL_FROM: FROM });
    expect(JSON.stringify(config)).not.toContain('s3cret-pass');
    expect(inspect(config, { depth: 5 })).not.toContain('s3cret-pass');
  });

  it.each([
    [{ XS_SMTP_URL: URL_ }, 'XS_MAIL_FROM'],
    [{ XS_SMTP_URL: URL_, XS_MAIL_FROM: 'xieshang at example' }, 'XS_MAIL_FROM'],
    [{ XS_SMTP_URL: URL_, XS_MAIL_FROM: '办公室 <xs@example.gov.cn>\r\nBcc: x@y.cn' }, 'XS_MAIL_FROM'],
    [{ XS_SMTP_URL: URL_, XS_MAIL_FROM: '"办公室" <xs@example.gov.cn>' }, 'XS_MAIL_FROM'],
    [{ XS_SMTP_URL: 'https://xieshang:s3cret-pass@mail.example.gov.cn', XS_MAIL_FROM: FROM }, 'XS_SMTP_URL'],
    [{ XS_SMTP_URL: `${URL_}/?tls=off`, XS_MAIL_FROM: FROM }, 'XS_SMTP_URL'],
    [{ XS_SMTP_URL: 'smtp://:s3cret-pass@mail.example.gov.cn', XS_MAIL_FROM: FROM }, 'XS_SMTP_URL'],
    [{ XS_SMTP_URL: URL_, XS_MAIL_FROM: FROM, XS_SMTP_TIMEOUT_MS: '50' }, 'XS_SMTP_TIMEOUT_MS'],
  ])('refuses %j, naming the variable and never the password', (env, variable) => {
    expect(() => load(env)).toThrow(ConfigError);
    try {
      load(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message).toContain(variable);
      expect((e as Error).message).not.toContain('s3cret-pass');
    }
  });
});

describe('audit key settings', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const os = jest.requireActual<typeof import('node:os')>('node:os');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const KEY = 'k'.repeat(8) + '0123456789abcdef0123456789abcdef';

  it('defaults to HMAC-SHA256 with a key file and anchors under the data directory', () => {
    expect(load({}).audit).toEqual({
      key: null,
      keyFile: '/srv/xs/data/audit.key',
      configured: false,
      hmac: 'sha256',
      anchorFile: '/srv/xs/data/audit-anchors.jsonl',
    });
    expect(load({ XS_AUDIT_KEY: KEY, XS_AUDIT_HMAC: 'sm3' }).audit).toMatchObject({
      key: Buffer.from(KEY),
      configured: true,
      hmac: 'sm3',
    });
  });

  it.each([
    [{ XS_AUDIT_KEY: 'short' }, 'XS_AUDIT_KEY'],
    [{ XS_AUDIT_KEY: 'a'.repeat(40) }, 'XS_AUDIT_KEY'],
    [{ XS_AUDIT_KEY: KEY, XS_AUDIT_KEY_FILE: '/nonexistent' }, 'XS_AUDIT_KEY'],
    [{ XS_AUDIT_KEY_FILE: '/nonexistent/audit.key' }, 'XS_AUDIT_KEY_FILE'],
    [{ XS_AUDIT_HMAC: 'md5' }, 'XS_AUDIT_HMAC'],
  ])('refuses %j', (env, variable) => {
    expect(() => load(env)).toThrow(ConfigError);
    try {
      load(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });

  it('reads a key file readable by the application only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-key-'));
    const file = path.join(dir, 'audit.key');
    try {
      fs.writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
      expect(load({ XS_AUDIT_KEY_FILE: file }).audit).toMatchObject({ key: Buffer.from(KEY), keyFile: file });
      fs.chmodSync(file, 0o644);
      expect(() => load({ XS_AUDIT_KEY_FILE: file })).toThrow(/chmod 600/);
      fs.writeFileSync(file, 'too-short', { mode: 0o600 });
      fs.chmodSync(file, 0o600);
      expect(() => load({ XS_AUDIT_KEY_FILE: file })).toThrow(/过短/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SMS settings', () => {
  const ALIYUN = {
    XS_SMS_PROVIDER: 'aliyun',
    XS_SMS_KEY_ID: 'LTAI-id',
    XS_SMS_KEY_SECRET: 'secret-of-the-office',
    XS_SMS_SIGN_NAME: '吴忠市政协',
    XS_SMS_TEMPLATE_NOTICE: 'SMS_1001',
    XS_SMS_TEMPLATE_CODE: 'SMS_1002',
  };
  const TENCENT = { ...ALIYUN, XS_SMS_PROVIDER: 'tencent', XS_SMS_APP_ID: '1400000001' };
  const GATEWAY = {
    XS_SMS_PROVIDER: 'gateway',
    XS_SMS_ENDPOINT: 'http://10.1.2.3:8080/sms/send',
    XS_SMS_KEY_ID: 'wzzx',
    XS_SMS_KEY_SECRET: 'gw-secret',
    XS_SMS_SIGN_NAME: '吴忠市政协',
  };
  const variableOf = (env: Record<string, string>) => {
    try {
      load(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).variable;
    }
    return null;
  };

  it('is off without XS_SMS_PROVIDER, or with it empty', () => {
    expect(load({}).sms).toBeNull();
    expect(load({ XS_SMS_PROVIDER: '' }).sms).toBeNull();
  });

  it('reads aliyun with its public endpoint, a 10 s time-out and 70 characters by default', () => {
    expect(load(ALIYUN).sms).toEqual({
      provider: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com',
      keyId: 'LTAI-id',
      keySecret: 'secret-of-the-office',
      signName: '吴忠市政协',
      templateNotice: 'SMS_1001',
      templateCode: 'SMS_1002',
      timeoutMs: 10000,
      maxChars: 70,
    });
  });

  it('reads tencent with its endpoint and ap-guangzhou by default, or the region, endpoint and limits given', () => {
    expect(load(TENCENT).sms).toMatchObject({
      provider: 'tencent',
      endpoint: 'https://sms.tencentcloudapi.com',
      appId: '1400000001',
      region: 'ap-guangzhou',
    });
    const env = { XS_SMS_REGION: 'ap-beijing', XS_SMS_ENDPOINT: 'http://127.0.0.1:9/', XS_SMS_TIMEOUT_MS: '300' };
    expect(load({ ...TENCENT, ...env, XS_SMS_MAX_CHARS: '140' }).sms).toMatchObject({
      region: 'ap-beijing',
      endpoint: 'http://127.0.0.1:9',
      timeoutMs: 300,
      maxChars: 140,
    });
  });

  it('reads the gateway without templates; its endpoint is required', () => {
    expect(load(GATEWAY).sms).toEqual({
      provider: 'gateway',
      endpoint: 'http://10.1.2.3:8080/sms/send',
      keyId: 'wzzx',
      keySecret: 'gw-secret',
      signName: '吴忠市政协',
      timeoutMs: 10000,
      maxChars: 70,
    });
    expect(variableOf({ ...GATEWAY, XS_SMS_ENDPOINT: '' })).toBe('XS_SMS_ENDPOINT');
  });

  it.each([
    [{ ...ALIYUN, XS_SMS_PROVIDER: 'yunpian' }, 'XS_SMS_PROVIDER'],
    [{ ...ALIYUN, XS_SMS_KEY_ID: '' }, 'XS_SMS_KEY_ID'],
    [{ ...ALIYUN, XS_SMS_KEY_SECRET: ' ' }, 'XS_SMS_KEY_SECRET'],
    [{ ...ALIYUN, XS_SMS_SIGN_NAME: '' }, 'XS_SMS_SIGN_NAME'],
    [{ ...ALIYUN, XS_SMS_SIGN_NAME: '【吴忠市政协】' }, 'XS_SMS_SIGN_NAME'],
    [{ ...ALIYUN, XS_SMS_TEMPLATE_NOTICE: '' }, 'XS_SMS_TEMPLATE_NOTICE'],
    [{ ...TENCENT, XS_SMS_TEMPLATE_CODE: '' }, 'XS_SMS_TEMPLATE_CODE'],
    [{ ...TENCENT, XS_SMS_APP_ID: '' }, 'XS_SMS_APP_ID'],
    [{ ...TENCENT, XS_SMS_REGION: 'Guangzhou!' }, 'XS_SMS_REGION'],
    [{ ...ALIYUN, XS_SMS_ENDPOINT: 'dysmsapi.aliyuncs.com' }, 'XS_SMS_ENDPOINT'],
    [{ ...ALIYUN, XS_SMS_TIMEOUT_MS: '10s' }, 'XS_SMS_TIMEOUT_MS'],
    [{ ...ALIYUN, XS_SMS_MAX_CHARS: '5' }, 'XS_SMS_MAX_CHARS'],
  ])('refuses %j, naming the variable in Chinese', (env, variable) => {
    expect(variableOf(env)).toBe(variable);
    expect(() => load(env)).toThrow(/^配置错误：环境变量 XS_SMS_/);
  });

  it('never repeats the secret in an error', () => {
    expect(() => load({ ...ALIYUN, XS_SMS_TEMPLATE_CODE: '' })).toThrow(/XS_SMS_TEMPLATE_CODE 未设置/);
    try {
      load({ ...ALIYUN, XS_SMS_TEMPLATE_CODE: '' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secret-of-the-office');
    }
  });
});
