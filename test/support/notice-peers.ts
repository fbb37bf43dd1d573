import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/*
 * The outside parts notices reach, started by the tests: a real SMTP server (smtp-server) whose messages are read
 * back with mailparser, and an SMS gateway speaking the 政务短信平台 form of docs/design/sms-providers.md, which
 * checks each request's signature the way the platform documents it.
 */

export interface SmtpPeer {
  url: string;
  mails: ParsedMail[];
  /** The next RCPT TO for these addresses is refused with this SMTP reply (e.g. 550). */
  refuse: Map<string, number>;
  close: () => Promise<void>;
}

export async function startSmtp(): Promise<SmtpPeer> {
  const mails: ParsedMail[] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      const code = refuse.get(address.address);
      if (!code) return done();
      const err = Object.assign(new Error(code >= 500 ? '5.1.1 用户不存在' : '4.3.0 稍后再试'), { responseCode: code });
      done(err);
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise((r) => server.close(() => r())) };
}

export interface SmsText {
  mobile: string;
  content: string;
}

export interface SmsPeer {
  url: string;
  account: string;
  secret: string;
  texts: SmsText[];
  /** Answers to give before accepting, one per request: an HTTP status (429, 503) or a platform code ('17' 号码无效). */
  next: (number | string)[];
  /** Requests whose signature did not check out. */
  badSignatures: number;
  close: () => Promise<void>;
}

export async function startSmsGateway(account = 'xs-test', secret = 'gateway-secret-9f2'): Promise<SmsPeer> {
  const peer: SmsPeer = {
    url: '',
    account,
    secret,
    texts: [],
    next: [],
    badSignatures: 0,
    close: async () => undefined,
  };
  let msgId = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const sign = createHash('md5')
        .update(`${form.get('account')}${secret}${form.get('timestamp')}`)
        .digest('hex');
      const reply = (status: number, body: object) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (form.get('account') !== account || form.get('sign') !== sign) {
        peer.badSignatures++;
        return reply(200, { code: '4', msg: '签名错误' });
      }
      const planned = peer.next.shift();
      if (typeof planned === 'number') return reply(planned, { code: String(planned), msg: '请求过于频繁' });
      if (typeof planned === 'string') return reply(200, { code: planned, msg: '号码无效' });
      peer.texts.push({ mobile: form.get('mobile') ?? '', content: form.get('content') ?? '' });
      reply(200, { code: '0', msg: '成功', msgId: `m${++msgId}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  peer.url = `http://127.0.0.1:${port}/sms/send`;
  peer.close = () => new Promise((r) => server.close(() => r()));
  return peer;
}

/** The app's settings for mailing through this SMTP peer, from the office's address. */
export function smtpEnv(smtp: SmtpPeer): Record<string, string> {
  return { XS_SMTP_URL: smtp.url, XS_MAIL_FROM: '吴忠市政协办公室 <xieshang@example.gov.cn>' };
}

/** The app's settings for texting through this gateway peer, signed as the office. */
export function smsEnv(sms: SmsPeer): Record<string, string> {
  return {
    XS_SMS_PROVIDER: 'gateway',
    XS_SMS_ENDPOINT: sms.url,
    XS_SMS_KEY_ID: sms.account,
    XS_SMS_KEY_SECRET: sms.secret,
    XS_SMS_SIGN_NAME: '吴忠市政协',
  };
}
