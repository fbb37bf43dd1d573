import * as path from 'node:path';
import { CONFIG_DIR, ConfigFile } from '../config/json-config';

/** A configurable list entry: a stable English code and its Chinese label. */
export interface OpinionCategory {
  code: string;
  label: string;
}

/** The 社情民意 rules an office may tune (`config/opinions.json`), read once at boot. */
export interface OpinionConfig {
  /** 正文 at most this many characters (一事一议, default 1,500); a proposal converted by review is exempt. */
  maxContentLength: number;
  categories: OpinionCategory[];
  /** 相似信息、相似提案 beside an item on the review desk: only those at least this similar, in per cent (default 20). */
  similarMinPercent: number;
  /** 报 / 送 lines of an issue of 《社情民意》 (the 版记); the leaders in the system get it in 收文 as well. */
  issueRecipients: { 报: string[]; 送: string[] };
  /** 机关代字 of the year-end 社情民意信息工作通报's 文号 (`bulletinPrefix`, default 政协办): 吴政协办〔2026〕2号. */
  bulletinPrefix: string;
  /** 抄送 line of the 通报's 版记 (`bulletinCc`, default DEFAULT_BULLETIN_CC); an empty list leaves it out. */
  bulletinCc: string[];
  /** 信息员: the monthly quota (条/月) a new appointment gets unless staff give another (default 2). */
  informantMonthlyQuota: number;
}

/** Printed when config/opinions.json names no recipients. */
export const DEFAULT_ISSUE_RECIPIENTS = { 报: ['市委', '市政府'], 送: ['上级政协'] };

/** The 通报's 文号 prefix and 抄送 when config/opinions.json names none. */
export const DEFAULT_BULLETIN_PREFIX = '政协办';
export const DEFAULT_BULLETIN_CC = ['市委办公室', '市政府办公室'];

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Reads and checks the 社情民意 rules; a bad file stops start-up (exit code 78) with a message naming the entry. */
export function loadOpinionConfig(file = path.join(CONFIG_DIR, 'opinions.json')): OpinionConfig {
  const f: ConfigFile = new ConfigFile(file);
  const raw = f.root;
  const seen = new Set<string>();
  const categories = f.list(raw.categories, 'categories', '须为非空列表', true).map((item: unknown, i) => {
    const { code, label } = (item ?? {}) as Partial<OpinionCategory>;
    if (typeof code !== 'string' || !CODE.test(code) || typeof label !== 'string' || !label.trim())
      f.fail(`categories[${i}]`, '须为 {code, label}，code 为英文代码');
    if (seen.has(code)) f.fail('categories', `中代码 ${code} 重复`);
    seen.add(code);
    return { code, label: label.trim() };
  });
  return {
    maxContentLength:
      raw.maxContentLength === undefined
        ? 1500
        : f.int(raw.maxContentLength, 'maxContentLength', 100, 20000, '须为 100–20000 的整数（字数）'),
    categories,
    similarMinPercent:
      raw.similarMinPercent === undefined
        ? 20
        : f.int(raw.similarMinPercent, 'similarMinPercent', 1, 100, '须为 1–100 的整数（相似度百分比）'),
    issueRecipients: issueRecipients(f, raw.issueRecipients),
    bulletinPrefix: f.optionalText(
      raw.bulletinPrefix,
      'bulletinPrefix',
      DEFAULT_BULLETIN_PREFIX,
      '须为社情民意信息工作通报文号的机关代字，如“吴政协办”',
    ),
    bulletinCc:
      raw.bulletinCc === undefined
        ? DEFAULT_BULLETIN_CC
        : f
            .list(raw.bulletinCc, 'bulletinCc', '须为抄送机关名称的列表')
            .map((n, i) => f.text(n, `bulletinCc[${i}]`, '须为机关名称')),
    informantMonthlyQuota:
      raw.informantMonthlyQuota === undefined
        ? 2
        : f.int(raw.informantMonthlyQuota, 'informantMonthlyQuota', 1, 30, '须为 1–30 的整数（条/月）'),
  };
}

function issueRecipients(f: ConfigFile, raw: unknown): OpinionConfig['issueRecipients'] {
  if (raw === undefined) return DEFAULT_ISSUE_RECIPIENTS;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    f.fail('issueRecipients', '须为 {"报": [...], "送": [...]}');
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).find((k) => k !== '报' && k !== '送');
  if (unknown !== undefined) f.fail('issueRecipients', `只能有“报”“送”两行，不认识“${unknown}”`);
  const line = (k: '报' | '送'): string[] => {
    const v = r[k] ?? [];
    if (!Array.isArray(v) || v.some((n) => typeof n !== 'string' || !n.trim()))
      f.fail(`issueRecipients.${k}`, '须为机关名称列表');
    return (v as string[]).map((n) => n.trim());
  };
  return { 报: line('报'), 送: line('送') };
}

export const OPINION_CONFIG = Symbol('OPINION_CONFIG');

export function categoryLabel(config: OpinionConfig, code: string): string {
  return config.categories.find((c) => c.code === code)?.label ?? code;
}
