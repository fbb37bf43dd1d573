import { ConfigFile } from '../config/json-config';
import { PROMISE_CLOCKS, PromiseClock } from './topic-workflow';

/** A response promise 响应承诺 (the shipped "252"): how long after 出题 each clock runs out. */
export interface ResponsePolicy {
  code: string;
  /** What readers see: “252”工作法：2分钟内回应、5分钟内答复、2天内解决. */
  label: string;
  /** Milliseconds from 出题 to each deadline: 回应, 答复, 解决. */
  durations: Record<PromiseClock, number>;
}

/** The consultation rules an office may tune (`config/topics.json`), read once at boot. */
export interface TopicConfig {
  /** 评题: participants rate within this many days of 解题; after that, staff may close the step without them. */
  evaluationDays: number;
  /** 公示期: the days a consultation point's 公示单 stays on the notice board (`noticeDays`, default 7). */
  noticeDays: number;
  /** The response promises a topic may carry, by code. */
  responsePolicies: Map<string, ResponsePolicy>;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"2m"`, `"4h"`, `"2d"`: minutes, hours or days, a whole number from 1; null when it is none of them. */
export function parseDuration(value: unknown): number | null {
  const m = typeof value === 'string' ? /^([1-9]\d{0,4})([mhd])$/.exec(value) : null;
  return m ? Number(m[1]) * UNITS[m[2]] : null;
}

function loadPolicies(f: ConfigFile, raw: unknown): Map<string, ResponsePolicy> {
  if (raw === undefined) return new Map();
  const policies = new Map<string, ResponsePolicy>();
  for (const [code, entry] of Object.entries(f.object(raw, 'responsePolicies', '须为以承诺代码为键的对象'))) {
    const at = `responsePolicies.${code}`;
    if (!/^[A-Za-z0-9_-]{1,10}$/.test(code)) f.fail(at, '的代码须为 1–10 位字母、数字、- 或 _');
    const e = f.object(entry, at, '须为对象');
    const label = f.text(e.label, `${at}.label`, '须为中文名称');
    const durations = {} as Record<PromiseClock, number>;
    for (const clock of PROMISE_CLOCKS) {
      const ms = parseDuration(e[clock]);
      if (ms === null) f.fail(`${at}.${clock}`, '须为时长，如 "30m"（分钟）、"4h"（小时）、"2d"（天）');
      durations[clock] = ms;
    }
    if (!(durations.acknowledge <= durations.answer && durations.answer <= durations.solve))
      f.fail(at, '的时限须为 acknowledge ≤ answer ≤ solve');
    const unknown = Object.keys(e).filter((k) => k !== 'label' && !(PROMISE_CLOCKS as readonly string[]).includes(k));
    if (unknown.length) f.fail(`${at}.${unknown[0]}`, '不是可配置的项目');
    policies.set(code, { code, label, durations });
  }
  return policies;
}

/** 公示期 when topics.json does not say: a week on the notice board (5–7 days is the common practice). */
export const DEFAULT_NOTICE_DAYS = 7;

/** Reads and checks the topic rules; a bad file stops start-up (exit code 78) with a message naming the entry. */
export function loadTopicConfig(file = 'topics.json'): TopicConfig {
  const f = new ConfigFile(file);
  return {
    evaluationDays: f.int(f.root.evaluationDays, 'evaluationDays', 1, 366),
    noticeDays: f.root.noticeDays === undefined ? DEFAULT_NOTICE_DAYS : f.int(f.root.noticeDays, 'noticeDays', 1, 90),
    responsePolicies: loadPolicies(f, f.root.responsePolicies),
  };
}

export const TOPIC_CONFIG = Symbol('TOPIC_CONFIG');
