import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Organization {
  name: string;
  shortName: string;
  systemName: string;
}

export interface ReferenceData {
  sectors: string[];
  committees: string[];
}

/** The shipped `config/` folder, found from the source tree or the built one. */
export const CONFIG_DIR = path.resolve(__dirname, '..', '..', 'config');

/** A JSON file of `config/` (or at an absolute path); an unreadable one stops start-up naming the file. */
export function readJson<T>(file: string): T {
  const full = path.resolve(CONFIG_DIR, file);
  try {
    return JSON.parse(fs.readFileSync(full, 'utf8')) as T;
  } catch (e) {
    throw new Error(`配置文件 ${full} 无法读取：${(e as Error).message}`);
  }
}

export const loadOrganization = (): Organization => readJson<Organization>('organization.json');
export const loadReferenceData = (): ReferenceData => readJson<ReferenceData>('reference-data.json');
