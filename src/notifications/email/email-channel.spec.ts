import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { mailConfig } from '../../config/mail-config';
import { ChannelFailure } from '../channels/channel';
import { classifySmtpError, EmailChannel } from './email-channel';

/**
 * The channel against a real SMTP server (smtp-server on 127.0.0.1, a free port) and the raw message read back
 * with mailparser: what a mail client would see. Unit specs, not e2e: no app and no database are involved.
 */
const OFFICE = { shortName: '吴忠市政协', systemName: '吴忠市政协协商议事平台' };
const FROM = { name: '吴忠市政协办公室', address: 'xieshang@example.gov.cn' };
const PASSWORD = 'mail-Secret-2026';

const message = {
  address: 'wangjianguo@example.cn',
  recipientName: '王建国',
  title: '视察邀请：黄河流域生态保护专题视察',
  body: '请于12月9日8:30在市政协机关集合。\n<script>alert("x")</script>',
  url: 'https://xs.example.gov.cn/visits/3',
};

interface Received {
  raw: string;
  user: string | undefined;
  envelopeTo: string[];
}

/** An SMTP server on a free port that keeps what it receives; `options` may refuse at any step. */
async function startServer(options: Partial<SMTPServerOptions> = {}): Promise<{
  port: number;
  received: Received[];
  stop: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
    ...options,
  });
  server.on('error', () => undefined); // a client that drops the connection (the TLS test's) is no failure here
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const smtpError = (text: string, responseCode: number): Error => Object.assign(new Error(text), { responseCode });

const channelAt = (url: string, timeoutMs = 5000): EmailChannel =>
  new EmailChannel(mailConfig(url, FROM, timeoutMs), OFFICE);

/** The failure a send ended in (the test fails if it went through). */
async function failureOf(send: Promise<unknown>): Promise<ChannelFailure> {
  const outcome = await send.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ChannelFailure);
  return outcome as ChannelFailure;
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];

describe('EmailChannel against a real SMTP server', () => {
  it('is off without XS_SMTP_URL, and says so instead of sending', async () => {
    const off = new EmailChannel(null, OFFICE);
    expect(off.name).toBe('email');
    expect(off.configured).toBe(false);
    const failure = await failureOf(off.send(message));
    expect(failure).toMatchObject({ reason: 'misconfigured', retryable: false });
  });

  it('delivers a notice with Chinese names, an encoded subject, the link in both parts and the auto-reply guards', async () => {
    const server = await startServer();
    const channel = channelAt(`smtp://127.0.0.1:${server.port}`);
    try {
      expect(channel.configured).toBe(true);
      const receipt = await channel.send(message);
      expect(receipt.answer).toMatch(/^250 /);
      expect(receipt.providerMessageId).toMatch(/^<.+@example\.gov\.cn>$/);

      expect(server.received).toHaveLength(1);
      const { raw, envelopeTo } = server.received[0];
      expect(envelopeTo).toEqual(['wangjianguo@example.cn']);
      // RFC 2047: the header is ASCII on the wire, the Chinese in encoded words.
      expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
      expect(raw).toMatch(/^From: =\?UTF-8\?[BQ]\?\S+\?=\s+<xieshang@example\.gov\.cn>/m); // the name may fold
      expect(raw).toMatch(/^To: =\?UTF-8\?[BQ]\?\S+\?=\s+<wangjianguo@example\.cn>/m);
      expect(raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
      expect(raw).toMatch(/^X-Auto-Response-Suppress: All\r?$/m);
      expect(raw).not.toMatch(/[^\t\n\r\x20-\x7e]/);

      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe('【吴忠市政协】视察邀请：黄河流域生态保护专题视察');
      expect(firstAddress(parsed.from)).toEqual({ name: '吴忠市政协办公室', address: 'xieshang@example.gov.cn' });
      expect(firstAddress(parsed.to)).toEqual({ name: '王建国', address: 'wangjianguo@example.cn' });
      expect(parsed.messageId).toBe(receipt.providerMessageId);
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.text).toContain('王建国：');
      expect(parsed.text).toContain('查看详情：https://xs.example.gov.cn/visits/3');
      expect(parsed.text).toContain('请勿直接回复');
      expect(parsed.html).toContain('<a href="https://xs.example.gov.cn/visits/3"');
      expect(parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(parsed.html).not.toContain('<script>');
    } finally {
      channel.close();
      await server.stop();
    }
  });

  it('sends the daily digest as one e-mail listing every item', async () => {
    const server = await startServer();
    const channel = channelAt(`smtp://127.0.0.1:${server.port}`);
    try {
      const items = [1, 2, 3].map((n) => ({
        title: `第${n}条消息`,
        body: `内容${n}`,
        url: `https://xs.example.gov.cn/proposals/${n}`,
      }));
      await channel.sendDigest('wangjianguo@example.cn', '王建国', '2026年12月7日', items);
      expect(server.received).toHaveLength(1);
      const parsed = await simpleParser(server.received[0].raw);
      expect(parsed.subject).toBe('【吴忠市政协】2026年12月7日消息汇总（3条）');
      for (const n of [1, 2, 3]) {
        expect(parsed.text).toContain(`${n}. 第${n}条消息`);
        expect(parsed.html).toContain(`<a href="https://xs.example.gov.cn/proposals/${n}"`);
      }
      expect(String(parsed.html).match(/<li /g)).toHaveLength(3);
    } finally {
      channel.close();
      await server.stop();
    }
  });

  it('signs in where the server requires it, with the user and password of the URL', async () => {
    const server = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'xieshang' && auth.password === PASSWORD) callback(null, { user: 'xieshang' });
        else callback(new Error('Invalid username or password'));
      },
    });
    const good = channelAt(`smtp://xieshang:${PASSWORD}@127.0.0.1:${server.port}`);
    const bad = channelAt(`smtp://xieshang:wrong-${PASSWORD}@127.0.0.1:${server.port}`);
    const none = channelAt(`smtp://127.0.0.1:${server.port}`);
    try {
      await good.send(message);
      expect(server.received.map((r) => r.user)).toEqual(['xieshang']);

      const refused = await failureOf(bad.send(message));
      expect(refused).toMatchObject({ reason: 'misconfigured', retryable: false });
      expect(refused.answer).toMatch(/^535 /);
      expect(`${refused.message} ${refused.answer}`).not.toContain(PASSWORD);

      const anonymous = await failureOf(none.send(message));
      expect(anonymous).toMatchObject({ reason: 'misconfigured', retryable: false });
      expect(anonymous.answer).toMatch(/^530 /);
      expect(server.received).toHaveLength(1);
    } finally {
      for (const c of [good, bad, none]) c.close();
      await server.stop();
    }
  });

  it('takes a 550 for the recipient as final: the address is refused', async () => {
    const server = await startServer({
      onRcptTo: (_address, _session, callback) => callback(smtpError('5.1.1 No such user here', 550)),
    });
    const channel = channelAt(`smtp://127.0.0.1:${server.port}`);
    try {
      const failure = await failureOf(channel.send(message));
      expect(failure).toMatchObject({ reason: 'rejected', retryable: false });
      expect(failure.answer).toContain('550 5.1.1 No such user here');
      expect(failure.message).toContain('拒收');
    } finally {
      channel.close();
      await server.stop();
    }
  });

  it('tries a 451 again later, and calls a 421 “too many” a rate limit', async () => {
    const busy = await startServer({
      onRcptTo: (_address, _session, callback) => callback(smtpError('4.3.0 Local error, try again later', 451)),
    });
    const limited = await startServer({
      onMailFrom: (_address, _session, callback) => callback(smtpError('4.7.0 Too many messages, slow down', 421)),
    });
    const channels = [channelAt(`smtp://127.0.0.1:${busy.port}`), channelAt(`smtp://127.0.0.1:${limited.port}`)];
    try {
      const deferred = await failureOf(channels[0].send(message));
      expect(deferred).toMatchObject({ reason: 'unavailable', retryable: true });
      expect(deferred.answer).toContain('451 4.3.0');
      const slowed = await failureOf(channels[1].send(message));
      expect(slowed).toMatchObject({ reason: 'rate_limited', retryable: true });
      expect(slowed.answer).toContain('421 4.7.0 Too many messages');
    } finally {
      for (const c of channels) c.close();
      await Promise.all([busy.stop(), limited.stop()]);
    }
  });

  it('tries again later when nothing listens at the address, recorded in Chinese with the system error', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const channel = channelAt(`smtp://xieshang:${PASSWORD}@127.0.0.1:${port}`);
    const failure = await failureOf(channel.send(message));
    expect(failure).toMatchObject({ reason: 'unavailable', retryable: true });
    expect(failure.answer).toMatch(/^未收到邮件服务器答复（.*ECONNREFUSED.*）$/);
    expect(failure.answer.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(failure.answer).not.toContain(PASSWORD);
  });

  it('gives up on a server that never greets after XS_SMTP_TIMEOUT_MS, and tries again later', async () => {
    const sockets = new Set<net.Socket>();
    const mute = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const channel = channelAt(`smtp://127.0.0.1:${(mute.address() as AddressInfo).port}`, 300);
    try {
      const failure = await failureOf(channel.send(message));
      expect(failure).toMatchObject({ reason: 'timeout', retryable: true });
      expect(sockets.size).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });

  it('refuses a server whose certificate is not trusted (smtps:// to a self-signed one) as a setting to fix', async () => {
    const server = await startServer({ secure: true });
    const channel = channelAt(`smtps://127.0.0.1:${server.port}`);
    try {
      const failure = await failureOf(channel.send(message));
      expect(failure).toMatchObject({ reason: 'misconfigured', retryable: false });
      expect(server.received).toHaveLength(0);
    } finally {
      channel.close();
      await server.stop();
    }
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535 }, 'misconfigured', false],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'misconfigured', false],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'rejected', false],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'rejected', false],
    [{ code: 'EENVELOPE', responseCode: 450, response: '450 4.2.1 Mailbox busy' }, 'unavailable', true],
    [{ code: 'EENVELOPE', responseCode: 452, response: '452 4.5.3 Too many recipients' }, 'rate_limited', true],
    [{ code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'unavailable', true],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'unavailable', true],
    [{ code: 'ETIMEDOUT' }, 'timeout', true],
    [{ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }, 'misconfigured', false],
    [{ code: 'EENVELOPE' }, 'rejected', false],
  ])('%j → %s, retryable %s', (error, reason, retryable) => {
    expect(classifySmtpError(error)).toEqual({ reason, retryable });
  });
});
