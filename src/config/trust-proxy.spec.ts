import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { loadConfig } from './app-config';

/** docker/compose.yaml's text: the api's XS_TRUST_PROXY, the proxy's fixed address and the network's subnet. */
function composeFile() {
  const lines = readFileSync(join(__dirname, '../../docker/compose.yaml'), 'utf8').split('\n');
  const valueOf = (key: string, from = 0, until = lines.length) => {
    for (let i = from; i < until; i++) {
      const line = lines[i].trim();
      if (line.startsWith(`${key}:`))
        return line
          .slice(key.length + 1)
          .split('#')[0]
          .trim()
          .replaceAll('"', '');
    }
    return '(none)';
  };
  // The proxy service: from its `  proxy:` line to the next service or section at its indentation or less.
  const start = lines.findIndex((l) => l === '  proxy:');
  let end = start + 1;
  while (start >= 0 && end < lines.length && (lines[end] === '' || lines[end].startsWith('   '))) end++;
  return {
    trustProxy: valueOf('XS_TRUST_PROXY'),
    // The proxy service's networks.default.ipv4_address.
    proxyAddress: start < 0 ? '(none)' : valueOf('ipv4_address', start, end),
    subnet: valueOf('- subnet'),
  };
}

/** req.ip as the app computes it: Express's `trust proxy` setting from the loaded config (see app.factory.ts). */
function clientIp(trustProxyVar: string, peer: string, forwardedFor?: string): string | undefined {
  const app = express();
  app.set('trust proxy', loadConfig({ XS_TRUST_PROXY: trustProxyVar }, '/srv/xs').trustProxy);
  const req = Object.create(app.request) as express.Request;
  Object.assign(req, {
    app,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress: peer },
  });
  return req.ip;
}

describe('XS_TRUST_PROXY of docker/compose.yaml', () => {
  const compose = composeFile();

  it('trusts the nginx container alone: its fixed address inside the compose subnet', () => {
    expect(compose.trustProxy.split(',').map((s) => s.trim())).toEqual([compose.proxyAddress]);
    const [net, bits] = compose.subnet.split('/');
    const prefix = net.split('.').slice(0, Number(bits) / 8);
    expect(compose.proxyAddress.split('.').slice(0, prefix.length)).toEqual(prefix);
  });

  it('a LAN client cannot forge its address with X-Forwarded-For', () => {
    expect(clientIp(compose.trustProxy, '10.0.0.9', '6.6.6.6')).toBe('10.0.0.9');
    expect(clientIp(compose.trustProxy, '192.168.1.20', '6.6.6.6, 10.1.2.3')).toBe('192.168.1.20');
    // Another container on the compose network is no proxy either.
    expect(clientIp(compose.trustProxy, '172.30.80.130', '6.6.6.6')).toBe('172.30.80.130');
  });

  it('behind nginx the address is the one nginx appended, not what the client wrote before it', () => {
    expect(clientIp(compose.trustProxy, compose.proxyAddress, '6.6.6.6, 10.0.0.9')).toBe('10.0.0.9');
    expect(clientIp(compose.trustProxy, compose.proxyAddress, '10.0.0.9')).toBe('10.0.0.9');
  });

  it('uniquelocal is unsafe where the clients have RFC 1918 addresses: the old value believed a forged header', () => {
    expect(clientIp('loopback,uniquelocal', '10.0.0.9', '6.6.6.6')).toBe('6.6.6.6');
    // The default believes only loopback: a same-host proxy.
    expect(clientIp('', '10.0.0.9', '6.6.6.6')).toBe('10.0.0.9');
    expect(clientIp('', '127.0.0.1', '6.6.6.6, 10.0.0.9')).toBe('10.0.0.9');
  });
});
