import { jsonDeeperThan, jsonDepthVerifier, JsonTooDeepError } from './json-depth';

describe('jsonDeeperThan', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('counts arrays and objects, and stops at the limit', () => {
    expect(jsonDeeperThan(nested(64), 64)).toBe(false);
    expect(jsonDeeperThan(nested(65), 64)).toBe(true);
    expect(jsonDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(jsonDeeperThan('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(jsonDeeperThan('[1,[2],[3],[4],[5]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(JSON.stringify({ text: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify({ text: 'a "quoted" [[[ \\ [[[' }), 1)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify({ text: '\\', next: [[[1]]] }), 3)).toBe(true);
  });

  it('scans UTF-8 bytes as they are (Chinese text never passes for a bracket)', () => {
    const body = Buffer.from(JSON.stringify({ 标题: '关于【停车】问题的“建议”', list: [[1]] }));
    expect(jsonDeeperThan(body, 3)).toBe(false);
    expect(jsonDeeperThan(body, 2)).toBe(true);
  });

  it('the verify hook throws a typed error body-parser passes on, decoding UTF-16 first', () => {
    const verify = jsonDepthVerifier(8);
    expect(() => verify(null, null, Buffer.from(nested(8)), 'utf-8')).not.toThrow();
    expect(() => verify(null, null, Buffer.from(nested(5000)), 'utf-8')).toThrow(JsonTooDeepError);
    expect(() => verify(null, null, Buffer.from(nested(9), 'utf16le'), 'utf-16le')).toThrow(JsonTooDeepError);
    const e = new JsonTooDeepError(8);
    expect(e.type).toBe('entity.too.deep');
  });
});
