import * as net from 'node:net';

/** Sends PING over RESP and waits for +PONG: enough to tell whether Redis answers, without a client library. */
export function pingRedis(redisUrl: string, timeoutMs = 1000): Promise<void> {
  const url = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    const fail = (e: Error) => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('超时')));
    socket.once('error', fail);
    // A server that accepts and then hangs up (Redis restarting, a proxy in between) sends no error.
    socket.once('close', () => fail(new Error('连接被关闭')));
    socket.once('connect', () => {
      const auth = url.password
        ? `AUTH ${decodeURIComponent(url.username || 'default')} ${decodeURIComponent(url.password)}\r\n`
        : '';
      socket.write(`${auth}PING\r\n`);
    });
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString('utf8');
      if (seen.includes('+PONG')) {
        socket.end();
        resolve();
      } else if (seen.startsWith('-')) fail(new Error(seen.trim()));
    });
  });
}
