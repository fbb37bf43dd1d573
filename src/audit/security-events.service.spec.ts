import { Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { wasRecorded } from '../common/security-event';
import type { AppConfig } from '../config/app-config';
import { SecurityEventsService } from './security-events.service';

const source = () => ({
  ip: '192.0.2.1',
  method: 'POST',
  path: '/api/v1/auth/login',
  headers: { 'user-agent': 'x'.repeat(500) },
});

/** A Tx whose transaction fails as a full disk or a lost database would. */
const brokenTx = { run: async () => Promise.reject(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' })) };
const config = { displayTimeZone: 'Asia/Shanghai' } as AppConfig;

describe('SecurityEventsService', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => (errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => errors.mockRestore());

  it('a failure to write an event is logged, never thrown', async () => {
    const events = new SecurityEventsService(null as never, brokenTx as never, new Clock(), config);
    await expect(events.record(source(), { type: 'access.denied' })).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ msg: 'security event not recorded' }));
  });

  it('a sign-in goes on when its event cannot be written; a refusal is still the refusal', async () => {
    const events = new SecurityEventsService(null as never, brokenTx as never, new Clock(), config);
    const user = { id: 7, username: 'wang' };
    await expect(events.signIn(source(), 'wang', 'api', async () => ({ user, token: 't' }))).resolves.toEqual({
      user,
      token: 't',
    });
    const req = source();
    const refused = new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    await expect(events.signIn(req, 'wang', 'api', () => Promise.reject(refused))).rejects.toBe(refused);
    expect(wasRecorded(req)).toBe(true);
  });

  it('cuts the user agent and the name tried to their columns', async () => {
    const rows: Record<string, unknown>[] = [];
    const tx = {
      run: async (work: (em: unknown) => Promise<unknown>) =>
        work({ insert: async (_: unknown, row: Record<string, unknown>) => rows.push(row) }),
    };
    const events = new SecurityEventsService(null as never, tx as never, new Clock(), config);
    await events.record(source(), {
      type: 'auth.login_failed',
      username: 'n'.repeat(300),
      detail: { path: 'p'.repeat(900) },
    });
    expect(rows[0]).toMatchObject({ type: 'auth.login_failed', userId: null, ip: '192.0.2.1' });
    expect((rows[0].userAgent as string).length).toBe(200);
    expect((rows[0].username as string).length).toBe(100);
    expect((rows[0].detail as string).length).toBeLessThanOrEqual(500);
  });
});
