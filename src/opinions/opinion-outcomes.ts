/*
 * 社情民意 outcomes as plain functions: when an item may be recorded as 采用 by an upper body, the levels an
 * office configures (config/opinions.json `adoptionLevels`), and the 采用率 of the statistics. No Nest, no TypeORM.
 */
import * as path from 'node:path';
import { Refusal, refuse } from '../common/workflow';
import { CONFIG_DIR, ConfigFile } from '../config/json-config';
import { OPINION_STATUS_LABELS, OpinionStatus } from './opinion-workflow';

/** The duty-points tier of a level: 全国政协 national, 省政协 provincial, 市委/市政府 city, anything else other. */
export const ADOPTION_TIERS = ['national', 'provincial', 'city', 'other'] as const;
export type AdoptionTier = (typeof ADOPTION_TIERS)[number];

export const ADOPTION_TIER_LABELS: Record<AdoptionTier, string> = {
  national: '全国性',
  provincial: '省级',
  city: '市级',
  other: '其他',
};

/** A configured body level: a stable code, its Chinese label and the tier it scores as. */
export interface AdoptionLevel {
  code: string;
  label: string;
  tier: AdoptionTier;
}

export const DEFAULT_ADOPTION_LEVELS: AdoptionLevel[] = [
  { code: 'national', label: '全国政协', tier: 'national' },
  { code: 'provincial', label: '省政协', tier: 'provincial' },
  { code: 'city_party', label: '市委', tier: 'city' },
  { code: 'city_government', label: '市政府', tier: 'city' },
  { code: 'other', label: '其他', tier: 'other' },
];

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Reads `adoptionLevels` of config/opinions.json (the defaults when left out); a bad entry stops start-up, named. */
export function loadAdoptionLevels(file = path.join(CONFIG_DIR, 'opinions.json')): AdoptionLevel[] {
  const f = new ConfigFile(file);
  if (f.root.adoptionLevels === undefined) return DEFAULT_ADOPTION_LEVELS;
  const seen = new Set<string>();
  return f.list(f.root.adoptionLevels, 'adoptionLevels', '须为非空列表', true).map((item: unknown, i) => {
    const { code, label, tier } = (item ?? {}) as Partial<AdoptionLevel>;
    if (typeof code !== 'string' || !CODE.test(code) || typeof label !== 'string' || !label.trim())
      f.fail(`adoptionLevels[${i}]`, '须为 {code, label, tier}，code 为英文代码');
    if (!ADOPTION_TIERS.includes(tier as AdoptionTier))
      f.fail(`adoptionLevels[${i}].tier`, `须为 ${ADOPTION_TIERS.join('、')} 之一`);
    if (seen.has(code as string)) f.fail('adoptionLevels', `中代码 ${code} 重复`);
    seen.add(code as string);
    return { code: code as string, label: (label as string).trim(), tier: tier as AdoptionTier };
  });
}

export const ADOPTION_LEVELS = Symbol('ADOPTION_LEVELS');

/** Not yet 编报 (draft, submitted, returned) or not used (archived): nothing an upper body could have taken up. */
export const NOT_ADOPTABLE: readonly string[] = ['draft', 'submitted', 'returned', 'archived'];

/**
 * May staff record a 采用 of an item in `status`? The state first (409: only 采用编报 items and what follows them
 * — merged, compiled — were sent up), then the person (403).
 */
export function checkAdoption(status: OpinionStatus, facts: { isStaff?: boolean }): Refusal | null {
  if (NOT_ADOPTABLE.includes(status))
    return refuse(
      409,
      'OPINION_NOT_ADOPTABLE',
      `社情民意信息当前为“${OPINION_STATUS_LABELS[status] ?? status}”，采用编报后才能登记上级采用`,
    );
  if (!facts.isStaff) return refuse(403, 'NOT_STAFF', '只有机关工作人员可以登记采用情况');
  return null;
}

/** 采用率 in per cent (one decimal) of `adopted` out of `base`; null when there is nothing to divide (not 0). */
export function rateOf(adopted: number, base: number): number | null {
  if (!base) return null;
  return Math.round((adopted / base) * 1000) / 10;
}
