/**
 * The deepest JSON the API reads: arrays and objects nested at most this many levels. Real bodies stay
 * under ten; a body nested thousands of levels deep would overflow the stack of the code that walks the
 * parsed value (the validation pipe), so it is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

/** Thrown from the JSON parser's `verify` hook; body-parser keeps `type`, and the error filter answers 400. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';

  constructor(readonly limit: number) {
    super(`JSON nested deeper than ${limit} levels`);
  }
}

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass over the code units, counting
 * brackets outside strings (a backslash inside a string skips the next unit). Malformed text is left to the
 * parser. In UTF-8 every byte of a multi-byte character is ≥ 0x80, so the bytes can be scanned as they are.
 */
export function jsonDeeperThan(text: Uint8Array | string, limit: number): boolean {
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

/**
 * body-parser's `verify` hook for JSON bodies: refuses one nested deeper than `limit` before it is parsed.
 * The body arrives as bytes with its charset; a charset other than UTF-8 is decoded first, so no byte of a
 * wide character can pass for a quote and hide brackets.
 */
export function jsonDepthVerifier(limit = MAX_JSON_DEPTH) {
  return (_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void => {
    const charset = (encoding ?? 'utf-8').toLowerCase();
    let text: Uint8Array | string = body;
    if (charset !== 'utf-8' && charset !== 'utf8') {
      try {
        text = new TextDecoder(charset).decode(body);
      } catch {
        return; // a charset Node cannot decode: the parser refuses the body anyway
      }
    }
    if (jsonDeeperThan(text, limit)) throw new JsonTooDeepError(limit);
  };
}
