import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './app-config';

/*
 * The one kit for the JSON files of `config/` (organization, reference data, proposals, topics, duty
 * records): read once at boot by their features' loaders, each entry checked with a message that names
 * it (`ruleSets[0].points.speech 须为 -100 到 100 的整数`). A bad file stops start-up like a bad
 * environment variable: the message on stderr, exit code 78.
 */

/** The shipped `config/` folder, found from the source tree or the built one. */
export const CONFIG_DIR = path.resolve(__dirname, '..', '..', 'config');

/** A bad config file, or a bad entry of one. */
export class ConfigFileError extends ConfigError {
  constructor(
    readonly file: string,
    entry: string | null,
    problem: string,
  ) {
    super(
      entry ?? file,
      problem,
      entry ? `配置错误：${file}：${entry} ${problem}` : `配置错误：配置文件 ${file} ${problem}`,
    );
  }
}

/** A JSON file of `config/` (or at an absolute path); an unreadable one stops start-up naming the file. */
export function readJson<T>(file: string): T {
  const full = path.resolve(CONFIG_DIR, file);
  try {
    return JSON.parse(fs.readFileSync(full, 'utf8')) as T;
  } catch (e) {
    throw new ConfigFileError(full, null, `无法读取：${(e as Error).message}`);
  }
}

/** A config file read for checking: its top-level object, and typed checks that throw a ConfigFileError naming the entry. */
export class ConfigFile {
  readonly root: Record<string, unknown>;

  /** `file`: a name in `config/` or an absolute path; messages name it as given. */
  constructor(readonly file: string) {
    const raw = readJson<unknown>(file);
    if (!isObject(raw)) throw new ConfigFileError(path.resolve(CONFIG_DIR, file), null, '须为 JSON 对象');
    this.root = raw;
  }

  fail(entry: string, problem: string): never {
    throw new ConfigFileError(this.file, entry, problem);
  }

  /** A whole number from `min` to `max`. */
  int(value: unknown, entry: string, min: number, max: number, problem = `须为 ${min}–${max} 的整数`): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.fail(entry, problem);
    return value;
  }

  /** Text that is not blank, trimmed. */
  text(value: unknown, entry: string, problem: string): string {
    if (typeof value !== 'string' || !value.trim()) this.fail(entry, problem);
    return value.trim();
  }

  /** Text that may be left out of the file (then `fallback`); when given, not blank, trimmed. */
  optionalText(value: unknown, entry: string, fallback: string, problem: string): string {
    return value === undefined ? fallback : this.text(value, entry, problem);
  }

  /** An object (not a list, not null). */
  object(value: unknown, entry: string, problem: string): Record<string, unknown> {
    if (!isObject(value)) this.fail(entry, problem);
    return value;
  }

  /** A list; `nonEmpty` refuses an empty one too. */
  list(value: unknown, entry: string, problem: string, nonEmpty = false): unknown[] {
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) this.fail(entry, problem);
    return value;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
