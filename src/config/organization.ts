import { ConfigFile, readJson } from './json-config';

export interface Organization {
  name: string;
  shortName: string;
  systemName: string;
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
  };
}

export const loadReferenceData = (): ReferenceData => readJson<ReferenceData>('reference-data.json');
