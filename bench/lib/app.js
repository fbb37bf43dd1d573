'use strict';
/** The app as its own process (`node dist/main.js`) on a benchmark's database, so the load generator does not share its event loop. */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ADMIN_PASSWORD = 'Xieshang2026';

function startApp(url, port) {
  return spawn(process.execPath, [path.join(__dirname, '../../dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      XS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      XS_LOG_LEVEL: 'warn',
      XS_DEMO: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function stopApp(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function waitForHealth(port) {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('app did not become healthy');
}

/** A bearer token for `username`. */
async function login(port, username, password = ADMIN_PASSWORD) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { accessToken, mustChangePassword } = await res.json();
  // An account the admin created must change its password first: change it and back, so it signs in again as before.
  if (mustChangePassword) {
    const change = async (currentPassword, newPassword) => {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/users/me/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ currentPassword, newPassword }),
      });
      if (r.status !== 204) throw new Error(`password change ${username}: ${r.status} ${await r.text()}`);
    };
    await change(password, `${password}Tmp1`);
    await change(`${password}Tmp1`, password);
  }
  return accessToken;
}

module.exports = { ADMIN_PASSWORD, startApp, stopApp, waitForHealth, login };
