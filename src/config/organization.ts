import { ConfigFile, readJson } from './json-config';

export interface Organization {
  name: string;
  shortName: string;
  systemName: string;
  /** 提案委员会: 抄送 on every 答复函. Optional in the file; by default 「<shortName>提案委员会」. */
  proposalCommittee: string;
  /** 机关代字 of the 提案办理情况报告's 文号, 吴政协提办 → 吴政协提办〔2026〕3号; `proposalReportPrefix`, default 政协提办. */
  proposalReportPrefix: string;
  /**
   * The office prints on both sides (`duplex`, optional, default false): a report's 版记 then stands on an
   * even last page (GB/T 9704 §7.4), a blank-backed page added where the text ends on an odd one.
   */
  duplex: boolean;
}

/** The 文号 prefix when config/organization.json names none. */
export const DEFAULT_PROPOSAL_REPORT_PREFIX = '政协提办';

export interface ReferenceData {
  sectors: string[];
  committees: string[];
}

/** The office's names (`config/organization.json`), read once at boot and injected as `ORGANIZATION`. */
export const ORGANIZATION = Symbol('ORGANIZATION');

export function loadOrganization(): Organization {
  const f = new ConfigFile('organization.json');
  const shortName = f.text(f.root.shortName, 'shortName', '须为政协的简称，如“政协某某市委员会”');
  return {
    name: f.text(f.root.name, 'name', '须为政协的全称'),
    shortName,
    systemName: f.text(f.root.systemName, 'systemName', '须为平台的名称'),
    proposalCommittee:
      f.root.proposalCommittee === undefined
        ? `${shortName}提案委员会`
        : f.text(f.root.proposalCommittee, 'proposalCommittee', '须为提案委员会的名称，如“政协某某市委员会提案委员会”'),
    proposalReportPrefix:
      f.root.proposalReportPrefix === undefined
        ? DEFAULT_PROPOSAL_REPORT_PREFIX
        : f.text(
            f.root.proposalReportPrefix,
            'proposalReportPrefix',
            '须为提案办理情况报告文号的机关代字，如“吴政协提办”',
          ),
    duplex: duplex(f),
  };
}

function duplex(f: ConfigFile): boolean {
  const value = f.root.duplex ?? false;
  if (typeof value !== 'boolean') f.fail('duplex', '须为 true 或 false（是否双面印刷）');
  return value;
}

export const loadReferenceData = (): ReferenceData => readJson<ReferenceData>('reference-data.json');
