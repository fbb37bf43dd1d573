import { ConfigFile, readJson } from './json-config';

export interface Organization {
  name: string;
  shortName: string;
  systemName: string;
  /**
   * The office prints on both sides (`duplex`, optional, default false): a report's 版记 then stands on an
   * even last page (GB/T 9704 §7.4), a blank-backed page added where the text ends on an odd one.
   */
  duplex: boolean;
}

export interface ReferenceData {
  sectors: string[];
  committees: string[];
}

/** The office's names (`config/organization.json`), read once at boot and injected as `ORGANIZATION`. */
export const ORGANIZATION = Symbol('ORGANIZATION');

export function loadOrganization(): Organization {
  const f = new ConfigFile('organization.json');
  return {
    name: f.text(f.root.name, 'name', '须为政协的全称'),
    shortName: f.text(f.root.shortName, 'shortName', '须为政协的简称，如“政协某某市委员会”'),
    systemName: f.text(f.root.systemName, 'systemName', '须为平台的名称'),
    duplex: duplex(f),
  };
}

function duplex(f: ConfigFile): boolean {
  const value = f.root.duplex ?? false;
  if (typeof value !== 'boolean') f.fail('duplex', '须为 true 或 false（是否双面印刷）');
  return value;
}

export const loadReferenceData = (): ReferenceData => readJson<ReferenceData>('reference-data.json');
