import request from 'supertest';

/** A Supertest parser that collects a binary answer (a file, a workbook) into a Buffer: `.buffer(true).parse(binary)`. */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
