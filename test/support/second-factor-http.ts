import { generateSync } from 'otplib';

/**
 * Signs an account in over plain HTTP against a running process (the production-topology specs), enrolling the
 * second factor as a person would on its first sign-in (set-up, then a code from the returned secret at the
 * process's own time): the token returned is a full one. An account that needs no factor signs in with the password.
 */
export async function signInOverHttp(base: string, username: string, password: string): Promise<string> {
  const post = async (route: string, token: string | null, body: unknown) => {
    const res = await fetch(`${base}/api/v1${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${route} ${username}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = await post('/auth/login', null, { username, password });
  const token = login.accessToken as string;
  if (!login.secondFactorSetupRequired) return token;
  const setup = await post('/users/me/second-factor/setup', token, {});
  const code = generateSync({ secret: setup.secret as string, epoch: Math.floor(Date.now() / 1000) });
  await post('/users/me/second-factor/confirm', token, { code });
  return token;
}
