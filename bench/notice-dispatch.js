#!/usr/bin/env node
/**
 * bench/notice-dispatch — the notice outbox (docs/design/notice-channels.md): N notices written through
 * `NotificationsService.notify`, each in a transaction of its own as a workflow step writes it, then
 * `notifications:dispatch` turning them into e-mail delivery records and the `notifications:send` jobs sending
 * each through a real SMTP server on this machine (smtp-server, as test/support/notice-peers.ts starts it);
 * beside it, in the same run and alternating, the baseline: the same N inbox rows written bare (one INSERT per
 * transaction, no dedupe check, no outbox), as the inbox was before notices went beyond it; and a second reference,
 * the same N messages sent by nodemailer alone, as many at once as the queue sends them. In-process jobs,
 * SQLite by default; per notice, median of --runs after one warm-up round, and the ratios. Every round checks that
 * the SMTP server received N messages and that N deliveries are `sent`.
 *
 *   npm run build && node bench/notice-dispatch.js              # SQLite, 500 notices, 5 rounds
 *   node bench/notice-dispatch.js --engine mariadb --notices 1000 --runs 7
 *   BENCH_KEEP=1 node bench/notice-dispatch.js …                # keep the database
 */
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createTransport } = require('nodemailer');
const { SMTPServer } = require('smtp-server');
const { DataSource } = require('typeorm');
const { databaseFor } = require('./lib/databases');
const { median, option, pad, time } = require('./lib/timing');
const { createApp } = require('../dist/app.factory');
const { loadConfig } = require('../dist/config/app-config');
const { UsersService } = require('../dist/auth/users.service');
const { Tx } = require('../dist/database/tx');
const { JobQueue } = require('../dist/jobs/job-queue');
const { NotificationsService } = require('../dist/notifications/notifications.service');
const { Notification } = require('../dist/notifications/notification.entity');
const { NotificationDelivery } = require('../dist/notifications/delivery.entity');
const { CONCURRENCY } = require('../dist/jobs/job-types');

const ENGINE = option('engine', process.env.BENCH_ENGINE || 'sqlite');
const N = Number(option('notices', process.env.BENCH_NOTICES || 500));
const RUNS = Number(option('runs', process.env.BENCH_RUNS || 5));
const PEOPLE = 50;
const PASSWORD = 'Bench2026pass';

/** An SMTP server that accepts every message and counts it (its content is not parsed: that is the peer's cost). */
async function startSmtp() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        done();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const message = (round, i) => ({
  kind: 'visit.invited',
  title: `视察邀请：老旧小区改造专题视察（第 ${round} 轮第 ${i + 1} 条）`,
  body: '邀请您参加“老旧小区改造”专题视察，12月10日上午9时在市政府东门集合，请按时到达。',
  link: '/visits/1',
  dedupeKey: `bench:${round}:${i}`,
});

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-notices-'));
  const smtp = await startSmtp();
  const db = await databaseFor(ENGINE, 'notices');
  const { app } = await createApp(
    loadConfig(
      {
        DATABASE_URL: db.url,
        XS_ADMIN_PASSWORD: PASSWORD,
        XS_LOG_LEVEL: 'error',
        XS_BCRYPT_ROUNDS: '4',
        XS_FILES_DIR: path.join(dir, 'files'),
        XS_SMTP_URL: smtp.url,
        XS_MAIL_FROM: '吴忠市政协办公室 <xieshang@example.gov.cn>',
        XS_PUBLIC_BASE_URL: 'https://xieshang.example.gov.cn',
        // The bench dispatches itself; the timer would only do the same work in between.
        XS_NOTICE_DISPATCH_SECONDS: '3600',
      },
      dir,
    ),
  );
  await app.init();
  try {
    const ds = app.get(DataSource);
    const tx = app.get(Tx);
    const jobs = app.get(JobQueue);
    const notices = app.get(NotificationsService);
    const users = app.get(UsersService);
    const system = { id: null, displayName: '系统' };
    const people = [];
    for (let i = 0; i < PEOPLE; i++) {
      const u = await users.create(system, {
        username: `bench-notice-${i}`,
        password: PASSWORD,
        displayName: `工作人员${i + 1}`,
        roles: ['staff'],
        email: `staff${i + 1}@example.gov.cn`,
      });
      people.push(u.id);
    }
    const sentCount = () => ds.getRepository(NotificationDelivery).countBy({ status: 'sent', channel: 'email' });

    /** N notices through `notify`, then dispatch and send until all N are sent: the two phases' times. */
    const outbox = async (round) => {
      const before = { mails: smtp.received(), sent: await sentCount() };
      const write = await time(async () => {
        for (let i = 0; i < N; i++)
          await tx.run((em) => notices.notify(em, [people[i % PEOPLE]], message(`o${round}`, i)));
      });
      const deliver = await time(async () => {
        // One dispatch queues at most 1,000 due deliveries: it runs again until every notice of the round is sent.
        for (let pass = 0; (await sentCount()) - before.sent < N; pass++) {
          if (pass > N / 100 + 5) throw new Error('the deliveries did not all go out');
          await jobs.runNow('notifications', 'dispatch');
          await jobs.drain(600_000);
        }
      });
      const mails = smtp.received() - before.mails;
      const sent = (await sentCount()) - before.sent;
      if (mails !== N || sent !== N)
        throw new Error(`round ${round}: ${mails} mails and ${sent} sent for ${N} notices`);
      return { write: write.ms / N, deliver: deliver.ms / N };
    };

    /** The same N inbox rows, one bare INSERT per transaction, already marked dispatched (outside the outbox). */
    const bare = async (round) => {
      const r = await time(async () => {
        for (let i = 0; i < N; i++) {
          const m = message(`b${round}`, i);
          const now = new Date();
          await tx.run((em) =>
            em.insert(Notification, {
              userId: people[i % PEOPLE],
              kind: m.kind,
              title: m.title,
              body: m.body,
              link: m.link,
              dedupeKey: m.dedupeKey,
              readAt: null,
              urgent: false,
              dueAt: null,
              dispatchedAt: now,
              createdAt: now,
            }),
          );
        }
      });
      return r.ms / N;
    };

    /**
     * A second reference: the same N messages sent by nodemailer alone, one connection each and as many at once as
     * the queue runs sends (CONCURRENCY.notifications), as the e-mail channel sends them: what SMTP costs by itself.
     */
    const transport = createTransport({
      url: smtp.url,
      logger: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const smtpAlone = async (round) => {
      const before = smtp.received();
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < N; i = next++) {
          const m = message(`s${round}`, i);
          await transport.sendMail({
            from: '吴忠市政协办公室 <xieshang@example.gov.cn>',
            to: { name: `工作人员${(i % PEOPLE) + 1}`, address: `staff${(i % PEOPLE) + 1}@example.gov.cn` },
            subject: m.title,
            text: m.body,
          });
        }
      };
      const r = await time(() => Promise.all(Array.from({ length: CONCURRENCY.notifications }, worker)));
      if (smtp.received() - before !== N) throw new Error(`round ${round}: SMTP alone did not deliver ${N}`);
      return r.ms / N;
    };

    await outbox('warm');
    await bare('warm');
    await smtpAlone('warm');
    const rows = [];
    for (let round = 1; round <= RUNS; round++) {
      const o = await outbox(round);
      rows.push({ ...o, bare: await bare(round), smtp: await smtpAlone(round) });
    }
    transport.close();
    const write = median(rows.map((r) => r.write));
    const deliver = median(rows.map((r) => r.deliver));
    const whole = median(rows.map((r) => r.write + r.deliver));
    const base = median(rows.map((r) => r.bare));
    const smtpOnly = median(rows.map((r) => r.smtp));
    console.log(
      `\nbench/notice-dispatch — ${ENGINE}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, ` +
        `${N} notices to ${PEOPLE} people a round, median of ${RUNS} (outbox and baseline alternating)\n`,
    );
    const line = (cells) => console.log(cells.map((c, i) => pad(c, [40, 14, 9][i] ?? 10)).join(''));
    line(['', 'ms / notice', 'ratio', 'to SMTP alone']);
    line(['bare inbox row (baseline)', base.toFixed(3), '1.00']);
    line(['notify (inbox row, outbox)', write.toFixed(3), (write / base).toFixed(2)]);
    line([
      'dispatch + send by e-mail',
      deliver.toFixed(3),
      (deliver / base).toFixed(2),
      (deliver / smtpOnly).toFixed(2),
    ]);
    line([
      'whole: notify to mail received',
      whole.toFixed(3),
      (whole / base).toFixed(2),
      (whole / smtpOnly).toFixed(2),
    ]);
    line([
      `SMTP alone (${CONCURRENCY.notifications} at a time, reference)`,
      smtpOnly.toFixed(3),
      (smtpOnly / base).toFixed(2),
      '1.00',
    ]);
    console.log(
      `\nEvery round: ${N} messages received by the SMTP server, ${N} deliveries sent (one SMTP connection each).`,
    );
    console.log(
      'smtp-server holds each new connection 100 ms before its greeting (early-talker check): SMTP alone shows that wait.',
    );
  } finally {
    await app.close();
    await smtp.close();
    if (process.env.BENCH_KEEP) console.log(`database kept: ${db.url}`);
    else await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
