import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock } from '../../src/common/clock';
import type { ChannelFailure } from '../../src/notifications/channels/channel';

/** One request as the fake provider received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the fake answers: a status and a JSON body, or `hang` (never answers: the client's time-out ends it). */
export type FakeAnswer = { status: number; json: unknown } | 'hang';

/**
 * An SMS provider on 127.0.0.1, port 0, for the adapters' specs. Each spec gives it the provider's documented
 * check, written there from the provider's documentation (never the adapter's signer), and the answer to give.
 */
export class FakeSmsProvider {
  readonly requests: ReceivedRequest[] = [];
  private server!: http.Server;

  constructor(private readonly answer: (req: ReceivedRequest) => FakeAnswer) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(received);
        const answer = this.answer(received);
        if (answer === 'hang') return;
        res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(answer.json));
      });
    });
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this)));
  }

  /** The i-th request's form body (application/x-www-form-urlencoded) as an object. */
  form(i: number): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(this.requests[i].body));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A Clock stopped at one instant, so the signed timestamps are known to the spec. */
export class StoppedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  protected override baseMs(): number {
    return this.at.getTime();
  }
}

/** A port nothing listens on: listen on port 0, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What a send ended in: null when it was sent, the ChannelFailure it was refused with otherwise. */
export function failureOf(p: Promise<unknown>): Promise<ChannelFailure | null> {
  return p.then(
    () => null,
    (e: unknown) => e as ChannelFailure,
  );
}
