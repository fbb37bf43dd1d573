import { ConfigFile, readJson } from './json-config';

/**
 * Who a 协商要报 goes to, printed in its 版记: 报 (up, to the leading bodies), 送 (across), 发 (down, inside
 * the CPPCC). An empty list leaves its line out.
 */
export interface BriefingRecipients {
  报: string[];
  送: string[];
  发: string[];
}

/** The distribution shipped when `organization.json` names none: the usual one for a city CPPCC's 协商要报. */
export const DEFAULT_BRIEFING_RECIPIENTS: BriefingRecipients = {
  报: ['市委', '市人大常委会', '市政府'],
  送: ['市委办公室', '市政府办公室'],
  发: ['各专门委员会', '各民主党派市委（总支）', '各县（市、区）政协'],
};

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
  /** `briefingRecipients` of the file, or DEFAULT_BRIEFING_RECIPIENTS. */
  briefingRecipients: BriefingRecipients;
  /**
   * 签发人 besides the leaders: the logins (`signers`, optional, default none) of staff accounts who may
   * sign off the office's documents (e.g. the office's director). Leaders may always sign.
   */
  signers: string[];
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
    proposalCommittee: f.optionalText(
      f.root.proposalCommittee,
      'proposalCommittee',
      `${shortName}提案委员会`,
      '须为提案委员会的名称，如“政协某某市委员会提案委员会”',
    ),
    proposalReportPrefix: f.optionalText(
      f.root.proposalReportPrefix,
      'proposalReportPrefix',
      DEFAULT_PROPOSAL_REPORT_PREFIX,
      '须为提案办理情况报告文号的机关代字，如“吴政协提办”',
    ),
    duplex: duplex(f),
    briefingRecipients: briefingRecipients(f),
    signers: signers(f),
  };
}

function signers(f: ConfigFile): string[] {
  if (f.root.signers === undefined) return [];
  return f
    .list(f.root.signers, 'signers', '须为可以签发文稿的账号（登录名）列表，如 ["zhangsan"]')
    .map((login, i) => f.text(login, `signers[${i}]`, '须为账号的登录名'));
}

function duplex(f: ConfigFile): boolean {
  const value = f.root.duplex ?? false;
  if (typeof value !== 'boolean') f.fail('duplex', '须为 true 或 false（是否双面印刷）');
  return value;
}

function briefingRecipients(f: ConfigFile): BriefingRecipients {
  if (f.root.briefingRecipients === undefined) return DEFAULT_BRIEFING_RECIPIENTS;
  const o = f.object(f.root.briefingRecipients, 'briefingRecipients', '须为 { "报": [...], "送": [...], "发": [...] }');
  const line = (key: keyof BriefingRecipients): string[] =>
    o[key] === undefined
      ? []
      : f
          .list(o[key], `briefingRecipients.${key}`, '须为单位名称的列表')
          .map((name, i) => f.text(name, `briefingRecipients.${key}[${i}]`, '须为单位名称'));
  for (const key of Object.keys(o))
    if (!['报', '送', '发'].includes(key)) f.fail(`briefingRecipients.${key}`, '只能是 报、送、发');
  return { 报: line('报'), 送: line('送'), 发: line('发') };
}

export const loadReferenceData = (): ReferenceData => readJson<ReferenceData>('reference-data.json');
