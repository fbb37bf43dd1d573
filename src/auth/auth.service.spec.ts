import * as bcrypt from 'bcryptjs';
import type { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';

// The real bcryptjs, with compare recorded: which hash an unknown user name's password is compared against.
jest.mock('bcryptjs', () => {
  const actual = jest.requireActual('bcryptjs');
  return { ...actual, compare: jest.fn(actual.compare) };
});

describe('AuthService.login with an unknown user name', () => {
  it('compares against a hash of the configured cost, so timing does not tell which names exist', async () => {
    const none = { findOneBy: async () => null };
    const ds = { getRepository: () => none };
    const throttle = { reserve: async () => ({ counters: [] }), fail: async () => undefined };
    const config = { bcryptRounds: 6 } as AppConfig;
    const service = new AuthService(
      ds as never,
      null as never,
      null as never,
      throttle as never,
      null as never,
      null as never,
      null as never,
      config,
    );
    await expect(service.login('nobody', 'Passw0rd2026', '127.0.0.1', 'api')).rejects.toMatchObject({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
    });
    const compared = (bcrypt.compare as jest.Mock).mock.calls[0][1] as string;
    expect(bcrypt.getRounds(compared)).toBe(6);
  });
});
