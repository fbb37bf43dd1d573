import { readJson } from '../config/organization';

/** The consultation rules an office may tune (`config/topics.json`), read once at boot. */
export interface TopicConfig {
  /** 评题: participants rate within this many days of 解题; after that, staff may close the step without them. */
  evaluationDays: number;
}

/** Reads and checks the topic rules; a bad file stops start-up with a message naming the entry. */
export function loadTopicConfig(file = 'topics.json'): TopicConfig {
  const raw = readJson<Record<string, unknown>>(file);
  const days = raw.evaluationDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 366) throw new Error(`${file}：evaluationDays 须为 1–366 的整数`);
  return { evaluationDays: days };
}

export const TOPIC_CONFIG = Symbol('TOPIC_CONFIG');
